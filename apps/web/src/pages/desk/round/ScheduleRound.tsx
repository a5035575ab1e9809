// Scheduling a consultation round from the instrument page: the published version, the deadline in a chosen time
// zone (stored as UTC, both shown), the visibility, the late policy, and the invitations (every organization of the
// chosen groups, or organizations chosen one by one). What is typed is kept (useDraft) until the server has it;
// the server's refusals are shown beside the fields they are about.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../../gql';
import type { CommentVisibility, ConstituentGroup } from '../../../gql/graphql';
import { useAnnounce } from '../../../ui/Announcer';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { useDraft } from '../../../ui/use-draft';
import { DeadlineFields, deadlineInstant, emptyDeadline, type DeadlineValue } from './DeadlineFields';
import { fieldProblems } from './field-errors';

const GROUPS: ConstituentGroup[] = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];
const VISIBILITIES: CommentVisibility[] = ['AFTER_CLOSE', 'IMMEDIATE', 'SECRETARIAT_ONLY'];

const ScheduleOrganizations = graphql(`
  query ScheduleOrganizations {
    organizations {
      id
      name
      group
      countryCode
    }
  }
`);

const ScheduleConsultation = graphql(`
  mutation ScheduleConsultation($input: ScheduleConsultationInput!) {
    scheduleConsultation(input: $input) {
      id
      number
      closesAt
    }
  }
`);

interface Draft {
  versionId: string;
  deadline: DeadlineValue;
  visibility: CommentVisibility;
  acceptLate: boolean;
  groups: ConstituentGroup[];
  /** 'groups': every organization of the groups; 'chosen': organizationIds. */
  invite: 'groups' | 'chosen';
  organizationIds: string[];
}

interface Props {
  instrumentId: string;
  versions: { id: string; number: number; status: string }[];
  /** After the round is scheduled: the page reads the instrument again and focuses the round. */
  onScheduled: (round: { id: string; number: number }) => void;
}

export function ScheduleRound({ instrumentId, versions, onScheduled }: Props) {
  const { t } = useTranslation();
  const published = versions.filter((v) => v.status === 'PUBLISHED').sort((a, b) => b.number - a.number);
  const initial: Draft = {
    versionId: published[0]?.id ?? '',
    deadline: emptyDeadline(),
    visibility: 'AFTER_CLOSE',
    acceptLate: false,
    groups: [...GROUPS],
    invite: 'groups',
    organizationIds: [],
  };
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`schedule-round:${instrumentId}`, initial);
  const [open, setOpen] = useState(draft.deadline.date !== '');
  const [local, setLocal] = useState<Partial<Record<'closesAt' | 'organizationIds' | 'groups' | 'versionId', string>>>({});
  const [result, schedule] = useMutation(ScheduleConsultation);
  const [{ data: orgs }] = useQuery({ query: ScheduleOrganizations, pause: !open || draft.invite !== 'chosen' });
  const announce = useAnnounce();
  const toggle = useRef<HTMLButtonElement>(null);
  const change = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  // Opened by the user: the focus goes to the form's first field; closed: back to the button.
  const touched = useRef(false);
  useEffect(() => {
    if (!touched.current) return;
    if (open) document.getElementById('schedule-version')?.focus();
    else toggle.current?.focus();
  }, [open]);
  const show = (value: boolean) => {
    touched.current = true;
    setOpen(value);
  };
  const server = fieldProblems(result.error);
  const errorOf = (field: 'closesAt' | 'organizationIds' | 'groups' | 'versionId') => local[field] ?? server.of(field);
  const choosable = (orgs?.organizations ?? []).filter((o) => draft.groups.includes(o.group));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    const closesAt = deadlineInstant(draft.deadline);
    const problems: typeof local = {};
    if (!closesAt) problems.closesAt = t('roundAdmin.deadline.missing');
    if (draft.groups.length === 0) problems.groups = t('roundAdmin.schedule.noGroup');
    const chosen = draft.organizationIds.filter((id) => choosable.some((o) => o.id === id));
    if (draft.invite === 'chosen' && chosen.length === 0) problems.organizationIds = t('roundAdmin.schedule.noOrganization');
    if (!draft.versionId) problems.versionId = t('roundAdmin.schedule.noVersion');
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      const first = problems.versionId
        ? 'schedule-version'
        : problems.closesAt
          ? 'schedule-deadline-date'
          : problems.groups
            ? 'schedule-group-GOVERNMENT'
            : 'schedule-chosen';
      document.getElementById(first)?.focus();
      return;
    }
    const answer = await schedule({
      input: {
        instrumentId,
        versionId: draft.versionId,
        closesAt: closesAt!.toISOString(),
        groups: draft.groups,
        organizationIds: draft.invite === 'chosen' ? chosen : null,
        visibility: draft.visibility,
        acceptLate: draft.acceptLate,
      },
    });
    const round = answer.data?.scheduleConsultation;
    if (round) {
      clearDraft();
      setOpen(false);
      announce(t('roundAdmin.schedule.done', { number: round.number }));
      onScheduled(round);
    } else {
      const fields = fieldProblems(answer.error);
      const first = fields.of('versionId') ? 'schedule-version' : fields.of('closesAt') ? 'schedule-deadline-date' : null;
      if (first) document.getElementById(first)?.focus();
    }
  }

  if (published.length === 0) return <p className="notice">{t('roundAdmin.schedule.noPublished')}</p>;
  if (!open) {
    return (
      <p className="actions">
        <button type="button" id="schedule-round-toggle" ref={toggle} onClick={() => show(true)} aria-expanded="false" aria-controls="schedule-round">
          {t('roundAdmin.schedule.open')}
        </button>
      </p>
    );
  }
  const rest = server.rest(['closesAt', 'organizationIds', 'groups', 'versionId']);
  const shown = { versionId: errorOf('versionId'), closesAt: errorOf('closesAt'), groups: errorOf('groups'), organizationIds: errorOf('organizationIds') };
  return (
    <form id="schedule-round" className="form round-form" onSubmit={submit} aria-labelledby="schedule-round-heading" noValidate>
      <h3 id="schedule-round-heading">{t('roundAdmin.schedule.title')}</h3>
      <div className="field">
        <label htmlFor="schedule-version">{t('roundAdmin.schedule.version')}</label>
        <select
          id="schedule-version"
          value={draft.versionId}
          onChange={(e) => change({ versionId: e.target.value })}
          aria-invalid={shown.versionId ? 'true' : undefined}
          aria-describedby={shown.versionId ? 'schedule-version-error' : undefined}
        >
          {published.map((v) => (
            <option key={v.id} value={v.id}>
              {t('roundAdmin.schedule.versionNumber', { number: v.number })}
            </option>
          ))}
        </select>
        {shown.versionId && (
          <p className="field-error" id="schedule-version-error">
            {shown.versionId}
          </p>
        )}
      </div>
      <DeadlineFields
        id="schedule-deadline"
        legend={t('roundAdmin.schedule.deadline')}
        value={draft.deadline}
        onChange={(deadline) => change({ deadline })}
        error={shown.closesAt}
      />
      <fieldset>
        <legend>{t('roundAdmin.schedule.visibility')}</legend>
        {VISIBILITIES.map((v) => (
          <label key={v} className="round-choice" htmlFor={`schedule-visibility-${v}`}>
            <input
              type="radio"
              id={`schedule-visibility-${v}`}
              name="schedule-visibility"
              checked={draft.visibility === v}
              onChange={() => change({ visibility: v })}
            />
            {t(`roundAdmin.visibility.${v}`)}
          </label>
        ))}
      </fieldset>
      <label className="round-choice" htmlFor="schedule-late">
        <input type="checkbox" id="schedule-late" checked={draft.acceptLate} onChange={(e) => change({ acceptLate: e.target.checked })} />
        {t('roundAdmin.schedule.acceptLate')}
      </label>
      <fieldset aria-describedby={shown.groups ? 'schedule-groups-error' : undefined}>
        <legend>{t('roundAdmin.schedule.groups')}</legend>
        {GROUPS.map((g) => (
          <label key={g} className="round-choice" htmlFor={`schedule-group-${g}`}>
            <input
              type="checkbox"
              id={`schedule-group-${g}`}
              checked={draft.groups.includes(g)}
              onChange={(e) =>
                change({ groups: e.target.checked ? GROUPS.filter((x) => x === g || draft.groups.includes(x)) : draft.groups.filter((x) => x !== g) })
              }
            />
            {t(`group.${g}`)}
          </label>
        ))}
        {shown.groups && (
          <p className="field-error" id="schedule-groups-error">
            {shown.groups}
          </p>
        )}
      </fieldset>
      <fieldset aria-describedby={shown.organizationIds ? 'schedule-organizations-error' : undefined}>
        <legend>{t('roundAdmin.schedule.invite')}</legend>
        <label className="round-choice" htmlFor="schedule-every">
          <input type="radio" id="schedule-every" name="schedule-invite" checked={draft.invite === 'groups'} onChange={() => change({ invite: 'groups' })} />
          {t('roundAdmin.schedule.inviteGroups')}
        </label>
        <label className="round-choice" htmlFor="schedule-chosen">
          <input type="radio" id="schedule-chosen" name="schedule-invite" checked={draft.invite === 'chosen'} onChange={() => change({ invite: 'chosen' })} />
          {t('roundAdmin.schedule.inviteChosen')}
        </label>
        {draft.invite === 'chosen' &&
          (orgs ? (
            <ul className="round-organizations" aria-label={t('roundAdmin.schedule.organizations')}>
              {choosable.map((o) => (
                <li key={o.id}>
                  <label className="round-choice" htmlFor={`schedule-org-${o.id}`}>
                    <input
                      type="checkbox"
                      id={`schedule-org-${o.id}`}
                      checked={draft.organizationIds.includes(o.id)}
                      onChange={(e) =>
                        change({ organizationIds: e.target.checked ? [...draft.organizationIds, o.id] : draft.organizationIds.filter((x) => x !== o.id) })
                      }
                    />
                    {o.name}{' '}
                    <span className="muted">
                      ({t(`group.${o.group}`)}
                      {o.countryCode ? `, ${o.countryCode}` : ''})
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('roundAdmin.schedule.loadingOrganizations')}</p>
          ))}
        {shown.organizationIds && (
          <p className="field-error" id="schedule-organizations-error">
            {shown.organizationIds}
          </p>
        )}
      </fieldset>
      {rest && <ErrorMessage error={rest} title={t('roundAdmin.schedule.failed')} />}
      <p className="actions">
        <button type="submit" aria-disabled={result.fetching}>
          {result.fetching ? t('roundAdmin.saving') : t('roundAdmin.schedule.submit')}
        </button>
        <button type="button" className="button-quiet" onClick={() => show(false)}>
          {t('roundAdmin.schedule.later')}
        </button>
      </p>
    </form>
  );
}
