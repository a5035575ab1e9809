// The secretariat's page for one experts' meeting: who takes part (registered by organization, corrected and
// removed with a reason), its moderators, the way into the board and the console, and the report's adoption.
// Every write refreshes the page from the server, so a colleague's change shows instead of being overwritten.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import type { MeetingAdminQuery as Data } from '../../../gql/graphql';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Page } from '../../../ui/Page';
import { Time } from '../../../ui/Time';
import { BoardLinks } from '../../meeting/BoardLinks';
import { Moderators } from './Moderators';
import { MeetingAdminQuery } from './operations';
import { Participants } from './Participants';
import { RegisterParticipants } from './RegisterParticipants';
import { Report } from './Report';
import '../desk.css';
import './meeting-admin.css';

export type AdminMeeting = Data['meeting'];

/** Whether the meeting still takes changes to its people (the server's roster rule: until it is CLOSED). */
export const rosterOpen = (m: AdminMeeting): boolean => m.status === 'SCHEDULED' || m.status === 'IN_SESSION';

export default function MeetingAdminPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: MeetingAdminQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const meeting = data?.meeting;
  if (!meeting) {
    return (
      <Page title={t('meetingAdmin.title')} wide>
        {error ? (
          <ErrorMessage error={error}>
            <p>
              <Link href="/desk">{t('meetingAdmin.backToDesk')}</Link>
            </p>
          </ErrorMessage>
        ) : (
          <p>{fetching ? t('meetingAdmin.loading') : ''}</p>
        )}
      </Page>
    );
  }
  return (
    <Page title={meeting.title} wide>
      <div className="desk-admin">
        <p>
          <Link href={`/desk/instruments/${meeting.instrument.id}`}>{t('meetingAdmin.back', { reference: meeting.instrument.reference })}</Link>
        </p>
        {error && <ErrorMessage error={error} />}
        <section aria-labelledby="meeting-facts-heading">
          <h2 id="meeting-facts-heading">{t('meetingAdmin.facts')}</h2>
          <p data-testid="meeting-status">
            {t('meetingAdmin.status')} <strong>{t(`meetingStatus.${meeting.status}`)}</strong>
          </p>
          <p>
            {t('meetingAdmin.from')} <Time value={meeting.startsAt} /> {t('meetingAdmin.to')} <Time value={meeting.endsAt} />
            {meeting.venue ? `, ${meeting.venue}` : ''}. {t('meetingAdmin.decidedBy', { rule: t(`meetingAdmin.rule.${meeting.decisionRule}`) })}
          </p>
          <p className="actions">
            <Link href={`/meetings/${meeting.id}/board`}>{t('meetingAdmin.board')}</Link>
            <Link href={`/meetings/${meeting.id}/moderate`}>{t('meetingAdmin.console')}</Link>
          </p>
          {!rosterOpen(meeting) && <p className="notice">{t('meetingAdmin.rosterClosed')}</p>}
        </section>
        <Participants meeting={meeting} refresh={refresh} />
        {rosterOpen(meeting) && <RegisterParticipants meeting={meeting} refresh={refresh} />}
        <Moderators meeting={meeting} refresh={refresh} />
        <BoardLinks meetingId={meeting.id} />
        <Report meeting={meeting} refresh={refresh} />
      </div>
    </Page>
  );
}
