// Scheduling an experts' meeting from the instrument's page (in CONSOLIDATION, on a published version): the
// agenda gets one item per guideline. What is typed is kept as a draft until the meeting exists; then its page opens.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useLocation } from 'wouter';
import type { DecisionRule } from '../../../gql/graphql';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { describeError } from '../../../ui/errors';
import { useDraft } from '../../../ui/use-draft';
import { MeetingAdminSchedule } from './operations';

interface Version {
  id: string;
  number: number;
  status: string;
}

interface Draft {
  title: string;
  venue: string;
  startsAt: string;
  endsAt: string;
  decisionRule: DecisionRule;
  versionId: string;
}

/** A datetime-local value (the reader's local time) as an instant; null when empty or not a date. */
function instant(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function ScheduleMeeting({ instrumentId, versions }: { instrumentId: string; versions: Version[] }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const published = versions.filter((v) => v.status === 'PUBLISHED').sort((a, b) => b.number - a.number);
  const empty: Draft = { title: '', venue: '', startsAt: '', endsAt: '', decisionRule: 'CONSENSUS', versionId: published[0]?.id ?? '' };
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`meetingAdmin:schedule:${instrumentId}`, empty);
  const [missing, setMissing] = useState<string[]>([]);
  const [result, schedule] = useMutation(MeetingAdminSchedule);
  const problem = result.error ? describeError(result.error) : null;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const versionId = published.some((v) => v.id === draft.versionId) ? draft.versionId : (published[0]?.id ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    const startsAt = instant(draft.startsAt);
    const endsAt = instant(draft.endsAt);
    const lacking = [!draft.title.trim() && 'title', !startsAt && 'startsAt', !endsAt && 'endsAt'].filter((x): x is string => Boolean(x));
    setMissing(lacking);
    if (lacking.length) {
      document.getElementById(`meeting-schedule-${lacking[0]}`)?.focus();
      return;
    }
    const answer = await schedule({
      input: {
        instrumentId,
        versionId,
        title: draft.title.trim(),
        venue: draft.venue.trim() || null,
        startsAt: startsAt!,
        endsAt: endsAt!,
        decisionRule: draft.decisionRule,
      },
    });
    const created = answer.data?.scheduleMeeting;
    if (created) {
      clearDraft();
      navigate(`/desk/meetings/${created.id}`);
    }
  }

  const fieldError = (name: string) =>
    missing.includes(name)
      ? t('meetingAdmin.schedule.missing')
      : (problem?.fields.find((f) => f.field === name || f.field.endsWith(`.${name}`))?.message ?? null);
  const text = (name: 'title' | 'venue' | 'startsAt' | 'endsAt', label: string, type: string) => {
    const error = fieldError(name);
    const id = `meeting-schedule-${name}`;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type={type}
          value={draft[name]}
          onChange={(e) => set({ [name]: e.target.value })}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {label} {error}
          </p>
        )}
      </div>
    );
  };

  const titleField = text('title', t('meetingAdmin.schedule.titleField'), 'text');
  const venueField = text('venue', t('meetingAdmin.schedule.venue'), 'text');
  const startsField = text('startsAt', t('meetingAdmin.schedule.startsAt'), 'datetime-local');
  const endsField = text('endsAt', t('meetingAdmin.schedule.endsAt'), 'datetime-local');
  if (published.length === 0) return <p>{t('meetingAdmin.schedule.noVersion')}</p>;
  return (
    <form className="form form-narrow" onSubmit={submit} aria-labelledby="meeting-schedule-heading">
      <h3 id="meeting-schedule-heading">{t('meetingAdmin.schedule.title')}</h3>
      {titleField}
      {venueField}
      {startsField}
      {endsField}
      <div className="field">
        <label htmlFor="meeting-schedule-version">{t('meetingAdmin.schedule.version')}</label>
        <select id="meeting-schedule-version" value={versionId} onChange={(e) => set({ versionId: e.target.value })}>
          {published.map((v) => (
            <option key={v.id} value={v.id}>
              {t('meetingAdmin.schedule.versionNumber', { number: v.number })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="meeting-schedule-rule">{t('meetingAdmin.schedule.rule')}</label>
        <select id="meeting-schedule-rule" value={draft.decisionRule} onChange={(e) => set({ decisionRule: e.target.value as DecisionRule })}>
          <option value="CONSENSUS">{t('meetingAdmin.rule.CONSENSUS')}</option>
          <option value="GROUP_WEIGHTED_VOTE">{t('meetingAdmin.rule.GROUP_WEIGHTED_VOTE')}</option>
        </select>
      </div>
      {problem && <ErrorMessage error={problem} />}
      <p className="actions">
        <button type="submit" aria-disabled={result.fetching}>
          {result.fetching ? t('meetingAdmin.saving') : t('meetingAdmin.schedule.submit')}
        </button>
      </p>
    </form>
  );
}
