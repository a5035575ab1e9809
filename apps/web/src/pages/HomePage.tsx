import { useQuery } from 'urql';
import { Link } from 'wouter';
import { useSignedIn } from '../auth/use-session';
import { graphql } from '../gql';
import { ErrorMessage } from '../ui/ErrorMessage';
import { GROUP_NAMES } from '../ui/labels';
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

const MEETING_STATUS: Record<string, string> = {
  SCHEDULED: 'scheduled',
  IN_SESSION: 'in session',
  CLOSED: 'closed',
  REPORT_ADOPTED: 'report adopted',
};

/** What the signed-in user can do, by role: their area, and the meetings they may follow or moderate. */
export default function HomePage() {
  const { user } = useSignedIn();
  const is = (role: string) => user.roles.some((r) => r === role);
  const [{ data, error, fetching }] = useQuery({ query: HomeMeetings, requestPolicy: 'cache-and-network' });
  const meetings = (data?.instruments ?? []).flatMap((i) => i.meetings.map((m) => ({ ...m, instrument: i })));
  const mayModerate = is('MODERATOR') || is('SECRETARIAT');
  return (
    <Page title={`Welcome, ${user.displayName}`}>
      <ul className="cards">
        {is('CONSTITUENT') && user.organization && (
          <li className="card">
            <h2>
              <Link href="/rounds">Comment on draft guidelines</Link>
            </h2>
            <p>
              The consultation rounds open to {user.organization.name} ({GROUP_NAMES[user.organization.group]} group).
            </p>
          </li>
        )}
        {is('SECRETARIAT') && (
          <li className="card">
            <h2>
              <Link href="/desk">The secretariat’s desk</Link>
            </h2>
            <p>Instruments by stage, what blocks each next step, comments to dispose of, papers for the Governing Body.</p>
          </li>
        )}
      </ul>
      {(meetings.length > 0 || mayModerate || is('OBSERVER')) && (
        <section aria-labelledby="meetings-heading">
          <h2 id="meetings-heading">Meetings of experts</h2>
          <ErrorMessage error={error} />
          {fetching && !data && <p>Loading meetings…</p>}
          {data && meetings.length === 0 && <p>No meeting of experts is open to you yet.</p>}
          <ul className="list">
            {meetings.map((m) => (
              <li key={m.id}>
                <p className="list-title">
                  {m.title}{' '}
                  <span className="muted">
                    ({m.instrument.reference}, {MEETING_STATUS[m.status] ?? m.status})
                  </span>
                </p>
                <p>
                  Opens <Time value={m.startsAt} />
                </p>
                <p className="actions">
                  <Link href={`/meetings/${m.id}/board`}>Board</Link>
                  {mayModerate && <Link href={`/meetings/${m.id}/moderate`}>Moderate</Link>}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Notifications />
      {user.roles.length === 1 && is('ADMIN') && <p>Administration (users, organizations, webhooks) is done through the GraphQL API.</p>}
    </Page>
  );
}
