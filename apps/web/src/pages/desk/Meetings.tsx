import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { InstrumentPageQuery } from '../../gql/graphql';
import { Time } from '../../ui/Time';
import { ScheduleMeeting } from './meeting/ScheduleMeeting';

type Instrument = InstrumentPageQuery['instrument'];
type Meeting = Instrument['meetings'][number];

/** The instrument's experts' meetings: status, dates, the way into their administration, the board and the console; scheduling one in CONSOLIDATION. */
export function Meetings({ meetings, instrument }: { meetings: Meeting[]; instrument?: Pick<Instrument, 'id' | 'stage' | 'versions'> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="meetings-heading">
      <h2 id="meetings-heading">{t('desk.meetings.title')}</h2>
      {meetings.length === 0 ? (
        <p>{t('desk.meetings.none')}</p>
      ) : (
        <ul className="list">
          {meetings.map((m) => (
            <li key={m.id} data-meeting={m.id}>
              <p className="list-title">
                {m.title} <span className="badge">{t(`meetingStatus.${m.status}`).toLowerCase()}</span>
              </p>
              <p>
                {t('desk.meetings.from')} <Time value={m.startsAt} /> {t('desk.meetings.to')} <Time value={m.endsAt} />
                {m.venue ? `, ${m.venue}` : ''}. {t('desk.meetings.decidedBy', { rule: t(`desk.meetings.rule.${m.decisionRule}`) })}
              </p>
              <p className="actions">
                <Link href={`/desk/meetings/${m.id}`}>
                  {t('meetingAdmin.manage')}
                  <span className="visually-hidden">{t('desk.meetings.of', { title: m.title })}</span>
                </Link>
                <Link href={`/meetings/${m.id}/board`}>
                  {t('desk.meetings.board')}
                  <span className="visually-hidden">{t('desk.meetings.of', { title: m.title })}</span>
                </Link>
                <Link href={`/meetings/${m.id}/moderate`}>
                  {t('desk.meetings.console')}
                  <span className="visually-hidden">{t('desk.meetings.of', { title: m.title })}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      {instrument?.stage === 'CONSOLIDATION' && <ScheduleMeeting instrumentId={instrument.id} versions={instrument.versions} />}
    </section>
  );
}
