// The meeting's moderators (users with the MODERATOR role): assigned and unassigned until the meeting closes.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { i18n } from '../../../i18n/i18n';
import { useAnnounce } from '../../../ui/Announcer';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { rosterOpen, type AdminMeeting } from './MeetingAdminPage';
import { MeetingAdminAssignModerator, MeetingAdminCandidates, MeetingAdminUnassignModerator } from './operations';

export function Moderators({ meeting, refresh }: { meeting: AdminMeeting; refresh: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);
  const [userId, setUserId] = useState('');
  const editable = rosterOpen(meeting);
  const [{ data, error: listError }] = useQuery({ query: MeetingAdminCandidates, variables: { role: 'MODERATOR' }, pause: !editable });
  const [assigned, assign] = useMutation(MeetingAdminAssignModerator);
  const [unassigned, unassign] = useMutation(MeetingAdminUnassignModerator);
  const ids = new Set(meeting.moderators.map((m) => m.id));
  const available = (data?.meetingCandidates ?? []).filter((u) => !ids.has(u.id));

  async function add(event: FormEvent) {
    event.preventDefault();
    if (assigned.fetching || !userId) return;
    const name = available.find((u) => u.id === userId)?.displayName ?? '';
    const result = await assign({ meetingId: meeting.id, userId });
    if (result.data) {
      setUserId('');
      announce(i18n.t('meetingAdmin.moderators.assigned', { name }));
    }
    refresh();
  }

  async function remove(id: string, name: string) {
    if (unassigned.fetching) return;
    const result = await unassign({ meetingId: meeting.id, userId: id });
    if (result.data) {
      announce(i18n.t('meetingAdmin.moderators.unassigned', { name }));
      heading.current?.focus();
    }
    refresh();
  }

  return (
    <section aria-labelledby="moderators-heading">
      <h2 id="moderators-heading" ref={heading} tabIndex={-1}>
        {t('meetingAdmin.moderators.title')}
      </h2>
      {meeting.moderators.length === 0 ? (
        <p>{t('meetingAdmin.moderators.none')}</p>
      ) : (
        <ul className="roster">
          {meeting.moderators.map((m) => (
            <li key={m.id} data-moderator={m.id}>
              <p className="actions">
                <span className="roster-who">{m.displayName}</span>
                {editable && (
                  <button type="button" className="button-quiet" onClick={() => remove(m.id, m.displayName)} aria-disabled={unassigned.fetching}>
                    {t('meetingAdmin.moderators.unassign')}
                    <span className="visually-hidden">{t('meetingAdmin.participants.who', { name: m.displayName })}</span>
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={unassigned.error} />
      {editable && (
        <form className="form form-narrow" onSubmit={add}>
          <div className="field">
            <label htmlFor="moderator-user">{t('meetingAdmin.moderators.choose')}</label>
            <select id="moderator-user" value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">{t('meetingAdmin.moderators.nobody')}</option>
              {available.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
            </select>
          </div>
          <ErrorMessage error={listError ?? assigned.error} />
          <p className="actions">
            <button type="submit" aria-disabled={assigned.fetching || !userId}>
              {t('meetingAdmin.moderators.assign')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
