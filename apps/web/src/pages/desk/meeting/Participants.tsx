// The meeting's participants by group; each can be corrected (group, role) or removed, with a reason the audit
// log keeps. Removing asks once more, naming the person. Reasons are drafts until the server has them.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { ConstituentGroup, ParticipantRole } from '../../../gql/graphql';
import { i18n } from '../../../i18n/i18n';
import { useAnnounce } from '../../../ui/Announcer';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { useDraft } from '../../../ui/use-draft';
import { rosterOpen, type AdminMeeting } from './MeetingAdminPage';
import { MeetingAdminRemoveParticipant, MeetingAdminUpdateParticipant } from './operations';
import { GROUPS, ROLES, participantRoleName } from './words';

type Participant = AdminMeeting['participants'][number];
type Open = { kind: 'correct' | 'remove'; id: string; name: string } | null;

export function Participants({ meeting, refresh }: { meeting: AdminMeeting; refresh: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const announce = useAnnounce();
  const editable = rosterOpen(meeting);
  // A participant whose form is open, gone from the list the server sent (removed meanwhile, at another desk).
  const [gone, setGone] = useState<string | null>(null);
  if (open && !meeting.participants.some((p) => p.id === open.id)) {
    setGone(open.name);
    setOpen(null);
  }
  useEffect(() => {
    if (gone) heading.current?.focus();
  }, [gone]);
  const toggle = (kind: 'correct' | 'remove', p: Participant) => {
    setGone(null);
    setOpen(open?.kind === kind && open.id === p.id ? null : { kind, id: p.id, name: p.user.displayName });
  };

  const done = (message: string) => {
    setOpen(null);
    setGone(null);
    announce(message);
    heading.current?.focus();
    refresh();
  };
  const cancel = (p: Participant) => {
    setOpen(null);
    document.getElementById(`participant-${p.id}-actions`)?.querySelector('button')?.focus();
  };

  return (
    <section aria-labelledby="participants-heading">
      <h2 id="participants-heading" ref={heading} tabIndex={-1}>
        {t('meetingAdmin.participants.title', { count: meeting.participants.length })}
      </h2>
      {gone && (
        <p className="notice" role="status" data-testid="participant-gone">
          {t('meetingAdmin.participants.gone', { name: gone })}
        </p>
      )}
      {meeting.participants.length === 0 ? (
        <p>{t('meetingAdmin.participants.none')}</p>
      ) : (
        <ul className="roster">
          {meeting.participants.map((p) => (
            <li key={p.id} data-participant={p.id} data-user={p.user.id}>
              <p className="roster-who">{p.user.displayName}</p>
              <p>
                {t('meetingAdmin.participants.line', {
                  organization: p.user.organization?.name ?? t('meetingAdmin.participants.noOrganization'),
                  group: t(`group.${p.group}`),
                  role: participantRoleName(p.role),
                })}
              </p>
              {editable && (
                <p className="actions" id={`participant-${p.id}-actions`}>
                  <button
                    type="button"
                    className="button-quiet"
                    aria-expanded={open?.kind === 'correct' && open.id === p.id}
                    onClick={() => toggle('correct', p)}
                  >
                    {t('meetingAdmin.participants.correct')}
                    <span className="visually-hidden">{t('meetingAdmin.participants.who', { name: p.user.displayName })}</span>
                  </button>
                  <button
                    type="button"
                    className="button-quiet"
                    aria-expanded={open?.kind === 'remove' && open.id === p.id}
                    onClick={() => toggle('remove', p)}
                  >
                    {t('meetingAdmin.participants.remove')}
                    <span className="visually-hidden">{t('meetingAdmin.participants.who', { name: p.user.displayName })}</span>
                  </button>
                </p>
              )}
              {editable && open?.id === p.id && open.kind === 'correct' && (
                <CorrectForm
                  participant={p}
                  meetingStatus={meeting.status}
                  onDone={() => done(i18n.t('meetingAdmin.participants.corrected', { name: p.user.displayName }))}
                  onCancel={() => cancel(p)}
                  refresh={refresh}
                />
              )}
              {editable && open?.id === p.id && open.kind === 'remove' && (
                <RemoveForm
                  participant={p}
                  meetingStatus={meeting.status}
                  onDone={() => done(i18n.t('meetingAdmin.participants.removed', { name: p.user.displayName }))}
                  onCancel={() => cancel(p)}
                  refresh={refresh}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** An inline form takes the focus when it opens (its first control). */
function useFocusOnOpen() {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, []);
  return form;
}

interface FormProps {
  participant: Participant;
  meetingStatus: AdminMeeting['status'];
  onDone: () => void;
  onCancel: () => void;
  refresh: () => void;
}

function ReasonField({ id, value, set, missing }: { id: string; value: string; set: (v: string) => void; missing: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('meetingAdmin.participants.reason')}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={missing ? 'true' : undefined}
        aria-describedby={`${id}-hint${missing ? ` ${id}-error` : ''}`}
      />
      <p className="hint" id={`${id}-hint`}>
        {t('meetingAdmin.participants.reasonHint')}
      </p>
      {missing && (
        <p className="field-error" id={`${id}-error`}>
          {t('meetingAdmin.participants.reasonMissing')}
        </p>
      )}
    </div>
  );
}

function CorrectForm({ participant: p, meetingStatus, onDone, onCancel, refresh }: FormProps) {
  const { t } = useTranslation();
  const [group, setGroup] = useState<ConstituentGroup>(p.group);
  const [role, setRole] = useState<ParticipantRole>(p.role);
  const [reason, setReason, clearReason] = useDraft(`meetingAdmin:correct:${p.id}`, '');
  const [missing, setMissing] = useState(false);
  const [{ fetching, error }, update] = useMutation(MeetingAdminUpdateParticipant);
  const prefix = `correct-${p.id}`;
  const form = useFocusOnOpen();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(`${prefix}-reason`)?.focus();
      return;
    }
    setMissing(false);
    const result = await update({ participantId: p.id, group, role, reason: reason.trim() });
    if (result.data) {
      clearReason();
      onDone();
    } else refresh();
  }

  return (
    <form ref={form} className="form roster-form" onSubmit={submit} aria-label={t('meetingAdmin.participants.correctTitle', { name: p.user.displayName })}>
      {meetingStatus === 'IN_SESSION' && <p className="hint">{t('meetingAdmin.participants.inSession')}</p>}
      <div className="field">
        <label htmlFor={`${prefix}-group`}>{t('meetingAdmin.group')}</label>
        <select id={`${prefix}-group`} value={group} onChange={(e) => setGroup(e.target.value as ConstituentGroup)}>
          {GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(`group.${g}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-role`}>{t('meetingAdmin.role')}</label>
        <select id={`${prefix}-role`} value={role} onChange={(e) => setRole(e.target.value as ParticipantRole)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {participantRoleName(r)}
            </option>
          ))}
        </select>
      </div>
      <ReasonField id={`${prefix}-reason`} value={reason} set={setReason} missing={missing} />
      <ErrorMessage error={error}>{error && <p>{t('meetingAdmin.nowShown')}</p>}</ErrorMessage>
      <p className="actions">
        <button type="submit" aria-disabled={fetching}>
          {fetching ? t('meetingAdmin.saving') : t('meetingAdmin.participants.saveCorrection')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('meetingAdmin.cancel')}
        </button>
      </p>
    </form>
  );
}

function RemoveForm({ participant: p, meetingStatus, onDone, onCancel, refresh }: FormProps) {
  const { t } = useTranslation();
  const [reason, setReason, clearReason] = useDraft(`meetingAdmin:remove:${p.id}`, '');
  const [missing, setMissing] = useState(false);
  const [{ fetching, error }, remove] = useMutation(MeetingAdminRemoveParticipant);
  const prefix = `remove-${p.id}`;
  const form = useFocusOnOpen();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(`${prefix}-reason`)?.focus();
      return;
    }
    setMissing(false);
    const result = await remove({ participantId: p.id, reason: reason.trim() });
    if (result.data) {
      clearReason();
      onDone();
    } else refresh();
  }

  return (
    <form ref={form} className="form roster-form" onSubmit={submit} aria-label={t('meetingAdmin.participants.removeTitle', { name: p.user.displayName })}>
      <p>{t('meetingAdmin.participants.removeConfirm', { name: p.user.displayName })}</p>
      {meetingStatus === 'IN_SESSION' && <p className="hint">{t('meetingAdmin.participants.inSession')}</p>}
      <ReasonField id={`${prefix}-reason`} value={reason} set={setReason} missing={missing} />
      <ErrorMessage error={error}>{error && <p>{t('meetingAdmin.nowShown')}</p>}</ErrorMessage>
      <p className="actions">
        <button type="submit" aria-disabled={fetching}>
          {fetching ? t('meetingAdmin.saving') : t('meetingAdmin.participants.confirmRemove', { name: p.user.displayName })}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('meetingAdmin.cancel')}
        </button>
      </p>
    </form>
  );
}
