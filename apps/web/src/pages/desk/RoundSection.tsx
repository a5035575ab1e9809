// One consultation round on the instrument page: its deadline and extensions, who has not commented,
// the CSV export, and the comments matrix where dispositions are recorded.
import { useCallback, useState } from 'react';
import { useQuery } from 'urql';
import { useSignedIn } from '../../auth/use-session';
import { graphql } from '../../gql';
import type { ConstituentGroup, InstrumentPageQuery, RoundDetailsQuery, Stage } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import type { Problem } from '../../ui/errors';
import { GROUP_NAMES } from '../../ui/labels';
import { Deadline, Time } from '../../ui/Time';
import { CommentsMatrix } from './CommentsMatrix';
import { downloadWithToken } from './download';
import { ROUND_STATUS_NAMES, VISIBILITY_NAMES } from './labels';

const GROUP_ORDER: ConstituentGroup[] = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];

// Each round's matrix and pending organizations are asked for by the round itself: all rounds' at once would be
// priced (and built) as the instrument's every round times every guideline.
const RoundDetails = graphql(`
  query RoundDetails($id: ID!) {
    round(id: $id) {
      id
      pendingOrganizations {
        id
        name
        group
        countryCode
      }
      matrix {
        guideline {
          id
          key
          number
          title
        }
        total
        undisposed
        byGroup {
          group
          count
        }
      }
    }
  }
`);

export type Round = InstrumentPageQuery['instrument']['rounds'][number] & Pick<RoundDetailsQuery['round'], 'pendingOrganizations' | 'matrix'>;

interface Props {
  round: InstrumentPageQuery['instrument']['rounds'][number];
  stage: Stage;
  /** Dispositions are recorded in CONSULTATION and CONSOLIDATION only. */
  mayDispose: boolean;
  refresh: () => void;
}

export function RoundSection({ round: summary, stage, mayDispose, refresh: refreshPage }: Props) {
  const [{ data, error }, reexecute] = useQuery({ query: RoundDetails, variables: { id: summary.id }, requestPolicy: 'cache-and-network' });
  const refresh = useCallback(() => {
    refreshPage();
    reexecute({ requestPolicy: 'network-only' });
  }, [refreshPage, reexecute]);
  const headingId = `round-${summary.number}-heading`;
  const details = data?.round;
  const round: Round = { ...summary, pendingOrganizations: details?.pendingOrganizations ?? [], matrix: details?.matrix ?? [] };
  return (
    <section aria-labelledby={headingId} className="desk-round" data-round={round.number}>
      <h3 id={headingId}>
        Round {round.number} <span className="badge">{ROUND_STATUS_NAMES[round.status]}</span>
      </h3>
      <p>
        On version {round.version.number} of the draft; invited groups: {round.groups.map((g) => GROUP_NAMES[g]).join(', ')}. Visibility:{' '}
        {VISIBILITY_NAMES[round.visibility]}. {round.acceptLate ? 'Late comments are accepted and marked late.' : 'Late comments are refused.'}
      </p>
      {round.opensAt && (
        <p>
          Opened: <Time value={round.opensAt} />
        </p>
      )}
      {round.status === 'CLOSED' ? (
        <>
          <p>
            Comments were due: <Time value={round.closesAt} />
          </p>
          {round.closedAt && (
            <p>
              Closed: <Time value={round.closedAt} />
              {Date.parse(round.closedAt) < Date.parse(round.closesAt) && ' (early)'}
            </p>
          )}
        </>
      ) : (
        <Deadline value={round.closesAt} label="Comments close" />
      )}
      {round.extensions.length > 0 && (
        <>
          <p>Deadline extensions:</p>
          <ul>
            {round.extensions.map((x) => (
              <li key={x.at}>
                From <Time value={x.from} /> to <Time value={x.to} />, because: {x.reason} (recorded <Time value={x.at} />)
              </li>
            ))}
          </ul>
        </>
      )}
      {details ? (
        <>
          <Pending round={round} />
          <ExportButton round={round} />
          <CommentsMatrix round={round} stage={stage} mayDispose={mayDispose} refresh={refresh} />
        </>
      ) : error ? (
        <ErrorMessage error={error} />
      ) : (
        <p>Loading the round's comments…</p>
      )}
    </section>
  );
}

function Pending({ round }: { round: Round }) {
  const headingId = `round-${round.number}-pending`;
  const pending = [...round.pendingOrganizations].sort((x, y) => GROUP_ORDER.indexOf(x.group) - GROUP_ORDER.indexOf(y.group) || x.name.localeCompare(y.name));
  return (
    <>
      <h4 id={headingId}>
        {round.status === 'CLOSED' ? 'Invited organizations that sent no comment' : 'Invited organizations that have not commented yet'} ({pending.length})
      </h4>
      {pending.length === 0 ? (
        <p>Every invited organization has commented.</p>
      ) : (
        <ul className="desk-pending" aria-labelledby={headingId}>
          {pending.map((o) => (
            <li key={o.id}>
              {o.name}{' '}
              <span className="muted">
                ({GROUP_NAMES[o.group]}
                {o.countryCode ? `, ${o.countryCode}` : ''})
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ExportButton({ round }: { round: Round }) {
  const { accessToken } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const announce = useAnnounce();

  async function download() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const result = await downloadWithToken(`/exports/rounds/${round.id}/comments.csv`, accessToken, `round-${round.number}-comments.csv`);
    setBusy(false);
    if ('problem' in result) setProblem(result.problem);
    else announce(`Downloaded ${result.filename}.`);
  }

  return (
    <>
      <p className="actions">
        <button type="button" className="button-quiet" onClick={download} aria-disabled={busy} aria-describedby={`round-${round.number}-export-hint`}>
          {busy ? 'Preparing the file…' : `Download the comments of round ${round.number} (CSV)`}
        </button>
        <span className="hint" id={`round-${round.number}-export-hint`}>
          For a spreadsheet: every submitted comment with its disposition, UTF-8.
        </span>
      </p>
      {problem && <ErrorMessage error={problem} title={`The comments could not be downloaded. ${problem.title}`} />}
    </>
  );
}
