import { Link } from 'wouter';
import type { InstrumentPageQuery } from '../../gql/graphql';
import { Time } from '../../ui/Time';
import { MEETING_STATUS_NAMES } from './labels';

type Meeting = InstrumentPageQuery['instrument']['meetings'][number];

const RULES: Record<Meeting['decisionRule'], string> = {
  CONSENSUS: 'consensus',
  GROUP_WEIGHTED_VOTE: 'group-weighted vote',
};

/** The instrument's experts' meetings: status, dates, and the way into the board and the console. */
export function Meetings({ meetings }: { meetings: Meeting[] }) {
  return (
    <section aria-labelledby="meetings-heading">
      <h2 id="meetings-heading">Experts’ meetings</h2>
      {meetings.length === 0 ? (
        <p>No experts’ meeting is scheduled.</p>
      ) : (
        <ul className="list">
          {meetings.map((m) => (
            <li key={m.id} data-meeting={m.id}>
              <p className="list-title">
                {m.title} <span className="badge">{MEETING_STATUS_NAMES[m.status]}</span>
              </p>
              <p>
                From <Time value={m.startsAt} /> to <Time value={m.endsAt} />
                {m.venue ? `, ${m.venue}` : ''}. Decided by {RULES[m.decisionRule]}.
              </p>
              <p className="actions">
                <Link href={`/meetings/${m.id}/board`}>
                  Live board<span className="visually-hidden"> of {m.title}</span>
                </Link>
                <Link href={`/meetings/${m.id}/moderate`}>
                  Moderator console<span className="visually-hidden"> of {m.title}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
