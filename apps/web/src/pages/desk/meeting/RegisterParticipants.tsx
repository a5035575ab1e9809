// Registering participants: an organization, then any of its users (several at once), their group (the
// organization's, which a constituent must keep) and role. Each registration is its own write: the ones the
// server refuses are listed with its reason, the others are done.
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { ConstituentGroup, ParticipantRole } from '../../../gql/graphql';
import { i18n } from '../../../i18n/i18n';
import { useAnnounce } from '../../../ui/Announcer';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { describeError, type Problem } from '../../../ui/errors';
import type { AdminMeeting } from './MeetingAdminPage';
import { MeetingAdminAddParticipant, MeetingAdminCandidates, MeetingAdminOrganizations } from './operations';
import { GROUPS, ROLES, participantRoleName } from './words';

type Failure = { name: string; problem: Problem };

export function RegisterParticipants({ meeting, refresh }: { meeting: AdminMeeting; refresh: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [organizationId, setOrganizationId] = useState('');
  const [group, setGroup] = useState<ConstituentGroup>('GOVERNMENT');
  const [role, setRole] = useState<ParticipantRole>('SPOKESPERSON');
  const [chosen, setChosen] = useState<string[]>([]);
  const [failures, setFailures] = useState<Failure[]>([]);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const result = useRef<HTMLParagraphElement>(null);
  const [{ data: orgs, error: orgError }] = useQuery({ query: MeetingAdminOrganizations });
  const [{ data: people, error: peopleError, fetching: peopleFetching }] = useQuery({
    query: MeetingAdminCandidates,
    variables: { organizationId: organizationId || null },
    pause: !organizationId,
    requestPolicy: 'cache-and-network',
  });
  const [, add] = useMutation(MeetingAdminAddParticipant);
  const [done, setDone] = useState<number | null>(null);

  const registered = useMemo(() => new Set(meeting.participants.map((p) => p.user.id)), [meeting.participants]);
  const candidates = (organizationId ? (people?.meetingCandidates ?? []) : []).filter((u) => !registered.has(u.id));

  function chooseOrganization(id: string) {
    setOrganizationId(id);
    setChosen([]);
    const org = orgs?.organizations.find((o) => o.id === id);
    if (org) setGroup(org.group);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (chosen.length === 0) {
      setMissing(true);
      document.getElementById('register-people')?.querySelector('input')?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setDone(null);
    const failed: Failure[] = [];
    let added = 0;
    for (const userId of chosen) {
      const answer = await add({ meetingId: meeting.id, userId, group, role });
      if (answer.data) added += 1;
      else failed.push({ name: candidates.find((c) => c.id === userId)?.displayName ?? userId, problem: describeError(answer.error) });
    }
    setBusy(false);
    setFailures(failed);
    setChosen([]);
    setDone(added);
    announce(i18n.t('meetingAdmin.register.done', { count: added }));
    result.current?.focus();
    refresh();
  }

  return (
    <section aria-labelledby="register-heading">
      <h2 id="register-heading">{t('meetingAdmin.register.title')}</h2>
      <form className="form form-narrow" onSubmit={submit}>
        <div className="field">
          <label htmlFor="register-organization">{t('meetingAdmin.register.organization')}</label>
          <select id="register-organization" value={organizationId} onChange={(e) => chooseOrganization(e.target.value)}>
            <option value="">{t('meetingAdmin.register.chooseOrganization')}</option>
            {GROUPS.map((g) => (
              <optgroup key={g} label={t(`group.${g}`)}>
                {(orgs?.organizations ?? [])
                  .filter((o) => o.group === g)
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <ErrorMessage error={orgError ?? peopleError} />
        {organizationId && (
          <fieldset id="register-people" aria-describedby={missing ? 'register-people-error' : undefined}>
            <legend>{t('meetingAdmin.register.people')}</legend>
            {peopleFetching && !people ? (
              <p>{t('meetingAdmin.loading')}</p>
            ) : candidates.length === 0 ? (
              <p>{t('meetingAdmin.register.nobody')}</p>
            ) : (
              <ul className="choices">
                {candidates.map((u) => (
                  <li key={u.id}>
                    <label>
                      <input
                        type="checkbox"
                        value={u.id}
                        checked={chosen.includes(u.id)}
                        onChange={(e) => setChosen((c) => (e.target.checked ? [...c, u.id] : c.filter((x) => x !== u.id)))}
                      />
                      {u.displayName}
                    </label>
                  </li>
                ))}
              </ul>
            )}
            {missing && (
              <p className="field-error" id="register-people-error">
                {t('meetingAdmin.register.nobodyChosen')}
              </p>
            )}
          </fieldset>
        )}
        <div className="field">
          <label htmlFor="register-group">{t('meetingAdmin.group')}</label>
          <select id="register-group" value={group} onChange={(e) => setGroup(e.target.value as ConstituentGroup)} aria-describedby="register-group-hint">
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`group.${g}`)}
              </option>
            ))}
          </select>
          <p className="hint" id="register-group-hint">
            {t('meetingAdmin.register.groupHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="register-role">{t('meetingAdmin.role')}</label>
          <select id="register-role" value={role} onChange={(e) => setRole(e.target.value as ParticipantRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {participantRoleName(r)}
              </option>
            ))}
          </select>
        </div>
        <p className="actions">
          <button type="submit" aria-disabled={busy}>
            {busy
              ? t('meetingAdmin.saving')
              : chosen.length === 0
                ? t('meetingAdmin.register.submitNone')
                : t('meetingAdmin.register.submit', { count: chosen.length })}
          </button>
        </p>
      </form>
      <p ref={result} tabIndex={-1} className={done !== null ? 'success' : undefined} data-testid="register-result">
        {done !== null ? t('meetingAdmin.register.done', { count: done }) : ''}
      </p>
      {failures.map((f) => (
        <ErrorMessage key={f.name} error={f.problem} title={t('meetingAdmin.register.failed', { name: f.name })} />
      ))}
    </section>
  );
}
