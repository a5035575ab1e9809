// The consultation rounds the user's organization is invited to: open ones first (with their deadlines), then the ones
// opening soon, then the recently closed ones, each in its own section and marked in words.
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { useSignedIn } from '../../auth/use-session';
import type { RoundsListQuery } from '../../gql/graphql';
import { serverNow } from '../../graphql/server-clock';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { GROUP_NAMES } from '../../ui/labels';
import { Page } from '../../ui/Page';
import { Deadline, Time } from '../../ui/Time';
import { RoundsList } from './operations';
import { acceptsLate } from './round-window';
import './round.css';

type Instrument = RoundsListQuery['instruments'][number];
type Round = Instrument['rounds'][number] & { instrument: Instrument };

/** Closed rounds stay listed this long after they closed. */
const RECENT_DAYS = 90;

export default function RoundsPage() {
  const { user } = useSignedIn();
  const [{ data, error, fetching }] = useQuery({ query: RoundsList, requestPolicy: 'cache-and-network' });
  const rounds: Round[] = (data?.instruments ?? []).flatMap((instrument) => instrument.rounds.filter((r) => r.invited).map((r) => ({ ...r, instrument })));
  const recentSince = serverNow() - RECENT_DAYS * 86_400_000;
  const byDeadline = (a: Round, b: Round) => Date.parse(a.closesAt) - Date.parse(b.closesAt);
  const open = rounds.filter((r) => r.status === 'OPEN').sort(byDeadline);
  const scheduled = rounds.filter((r) => r.status === 'SCHEDULED').sort(byDeadline);
  const closed = rounds
    .filter((r) => r.status === 'CLOSED' && Date.parse(r.closedAt ?? r.closesAt) >= recentSince)
    .sort((a, b) => Date.parse(b.closedAt ?? b.closesAt) - Date.parse(a.closedAt ?? a.closesAt));

  return (
    <Page title="Consultation rounds">
      {user.organization && (
        <p>
          Rounds to which <strong>{user.organization.name}</strong> ({GROUP_NAMES[user.organization.group].toLowerCase()} group) is invited, in which you
          comment for it.
        </p>
      )}
      <ErrorMessage error={error} />
      {fetching && !data && <p className="loading">Loading the rounds…</p>}
      {data && (
        <>
          <section aria-labelledby="rounds-open">
            <h2 id="rounds-open">Open for comments</h2>
            {open.length === 0 ? (
              <p>No consultation round is open to your organization right now.</p>
            ) : (
              <ul className="list rounds-list">
                {open.map((r) => (
                  <li key={r.id}>
                    <RoundSummary round={r} />
                    <Deadline value={r.closesAt} label="Comments close" />
                    <p>
                      <Link href={`/rounds/${r.id}`}>
                        Read and comment
                        <span className="visually-hidden">
                          : {r.instrument.title}, round {r.number}
                        </span>
                      </Link>
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {scheduled.length > 0 && (
            <section aria-labelledby="rounds-scheduled">
              <h2 id="rounds-scheduled">Opening soon</h2>
              <ul className="list rounds-list">
                {scheduled.map((r) => (
                  <li key={r.id}>
                    <RoundSummary round={r} badge="Not open yet" />
                    <p>
                      Comments will close: <Time value={r.closesAt} />
                    </p>
                    <p>
                      <Link href={`/rounds/${r.id}`}>
                        Read the draft
                        <span className="visually-hidden">
                          : {r.instrument.title}, round {r.number}
                        </span>
                      </Link>
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="rounds-closed">
            <h2 id="rounds-closed">Recently closed</h2>
            {closed.length === 0 ? (
              <p>No round closed in the last {RECENT_DAYS} days.</p>
            ) : (
              <ul className="list rounds-list">
                {closed.map((r) => (
                  <li key={r.id} className="round-closed">
                    <RoundSummary round={r} badge="Closed" />
                    <p>
                      Closed: <Time value={r.closedAt ?? r.closesAt} />
                    </p>
                    {acceptsLate(r, r.instrument) && <p>This round still accepts late comments; they are marked late.</p>}
                    <p>
                      <Link href={`/rounds/${r.id}`}>
                        See the comments
                        <span className="visually-hidden">
                          : {r.instrument.title}, round {r.number}
                        </span>
                      </Link>
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Page>
  );
}

function RoundSummary({ round, badge }: { round: Round; badge?: string }) {
  return (
    <p className="list-title">
      {round.instrument.title}{' '}
      <span className="muted">
        ({round.instrument.reference}, round {round.number})
      </span>
      {badge && <span className="badge">{badge}</span>}
    </p>
  );
}
