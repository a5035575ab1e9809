import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { useSignedIn } from '../auth/use-session';
import { graphql } from '../gql';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Page } from '../ui/Page';
import { Time } from '../ui/Time';
import { Notifications } from './home/Notifications';

const HomeMeetings = graphql(`
  query HomeMeetings {
    instruments {
      id
      reference
      title
      meetings {
        id
        title
        status
        startsAt
      }
    }
  }
`);

/** What the signed-in user can do, by role: their area, and the meetings they may follow or moderate. */
export default function HomePage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const is = (role: string) => user.roles.some((r) => r === role);
  const [{ data, error, fetching }] = useQuery({ query: HomeMeetings, requestPolicy: 'cache-and-network' });
  const meetings = (data?.instruments ?? []).flatMap((i) => i.meetings.map((m) => ({ ...m, instrument: i })));
  const mayModerate = is('MODERATOR') || is('SECRETARIAT');
  return (
    <Page title={t('home.welcome', { name: user.displayName })}>
      <ul className="cards">
        {is('CONSTITUENT') && user.organization && (
          <li className="card">
            <h2>
              <Link href="/rounds">{t('home.roundsLink')}</Link>
            </h2>
            <p>{t('home.roundsText', { organization: user.organization.name, group: t(`groupOf.${user.organization.group}`) })}</p>
          </li>
        )}
        {is('SECRETARIAT') && (
          <li className="card">
            <h2>
              <Link href="/desk">{t('home.deskLink')}</Link>
            </h2>
            <p>{t('home.deskText')}</p>
          </li>
        )}
      </ul>
      {(meetings.length > 0 || mayModerate || is('OBSERVER')) && (
        <section aria-labelledby="meetings-heading">
          <h2 id="meetings-heading">{t('home.meetings')}</h2>
          <ErrorMessage error={error} />
          {fetching && !data && <p>{t('home.loadingMeetings')}</p>}
          {data && meetings.length === 0 && <p>{t('home.noMeetings')}</p>}
          <ul className="list">
            {meetings.map((m) => (
              <li key={m.id}>
                <p className="list-title">
                  {m.title}{' '}
                  <span className="muted">
                    ({m.instrument.reference}, {t(`meetingStatus.${m.status}`).toLowerCase()})
                  </span>
                </p>
                <p>
                  {t('home.opens')} <Time value={m.startsAt} />
                </p>
                <p className="actions">
                  <Link href={`/meetings/${m.id}/board`}>{t('home.board')}</Link>
                  {mayModerate && <Link href={`/meetings/${m.id}/moderate`}>{t('home.moderate')}</Link>}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Notifications />
      {user.roles.length === 1 && is('ADMIN') && <p>{t('home.admin')}</p>}
    </Page>
  );
}
