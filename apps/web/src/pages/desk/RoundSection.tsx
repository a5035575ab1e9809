// One consultation round on the instrument page: its deadline and extensions, who has not commented,
// the downloads (comments as CSV and Excel, the commenting template), and the comments matrix where dispositions are recorded.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useSignedIn } from '../../auth/use-session';
import { graphql } from '../../gql';
import type { ConstituentGroup, InstrumentPageQuery, RoundDetailsQuery, Stage } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import type { Problem } from '../../ui/errors';
import { Deadline, Time } from '../../ui/Time';
import { CommentsMatrix } from './CommentsMatrix';
import { downloadWithToken } from './download';
import { CommentFinder } from './round/CommentFinder';
import { RoundActions } from './round/RoundActions';

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
  instrumentId: string;
  /** The instrument's revision as the page shows it: the round's moves (open, close early) are sent with it. */
  revision: number;
  stage: Stage;
  /** Dispositions are recorded in CONSULTATION and CONSOLIDATION only. */
  mayDispose: boolean;
  refresh: () => void;
}

export function RoundSection({ round: summary, instrumentId, revision, stage, mayDispose, refresh: refreshPage }: Props) {
  const { t } = useTranslation();
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
      <h3 id={headingId} tabIndex={-1}>
        {t('deskRound.title', { number: round.number })} <span className="badge">{t(`deskRound.status.${round.status}`)}</span>
      </h3>
      <p>
        {t('deskRound.about', {
          version: round.version.number,
          groups: round.groups.map((g) => t(`group.${g}`)).join(', '),
          visibility: t(`deskRound.visibility.${round.visibility}`),
        })}{' '}
        {round.acceptLate ? t('deskRound.lateAccepted') : t('deskRound.lateRefused')}
      </p>
      {round.opensAt && (
        <p>
          {t('deskRound.opened')} <Time value={round.opensAt} />
        </p>
      )}
      {round.status === 'CLOSED' ? (
        <>
          <p>
            {t('deskRound.due')} <Time value={round.closesAt} />
          </p>
          {round.closedAt && (
            <p>
              {t('round.closedAt')} <Time value={round.closedAt} />
              {Date.parse(round.closedAt) < Date.parse(round.closesAt) && t('deskRound.early')}
            </p>
          )}
        </>
      ) : (
        <Deadline value={round.closesAt} label={t('rounds.commentsClose')} />
      )}
      {round.extensions.length > 0 && (
        <>
          <p>{t('deskRound.extensions')}</p>
          <ul>
            {round.extensions.map((x) => (
              <li key={x.at}>
                {t('desk.meetings.from')} <Time value={x.from} /> {t('desk.meetings.to')} <Time value={x.to} />
                {t('deskRound.because', { reason: x.reason })} <Time value={x.at} />
                {t('deskRound.recordedEnd')}
              </li>
            ))}
          </ul>
        </>
      )}
      <RoundActions instrumentId={instrumentId} revision={revision} stage={stage} round={round} refresh={refresh} />
      {details ? (
        <>
          <Pending round={round} />
          <ExportButton round={round} />
          <CommentsMatrix round={round} stage={stage} mayDispose={mayDispose} refresh={refresh} />
          {round.status !== 'SCHEDULED' && <CommentFinder round={round} mayDispose={mayDispose} onSaved={refresh} />}
        </>
      ) : error ? (
        <ErrorMessage error={error} />
      ) : (
        <p>{t('deskRound.loading')}</p>
      )}
    </section>
  );
}

function Pending({ round }: { round: Round }) {
  const { t } = useTranslation();
  const headingId = `round-${round.number}-pending`;
  const pending = [...round.pendingOrganizations].sort((x, y) => GROUP_ORDER.indexOf(x.group) - GROUP_ORDER.indexOf(y.group) || x.name.localeCompare(y.name));
  return (
    <>
      <h4 id={headingId}>
        {round.status === 'CLOSED' ? t('deskRound.pendingClosed', { count: pending.length }) : t('deskRound.pending', { count: pending.length })}
      </h4>
      {pending.length === 0 ? (
        <p>{t('deskRound.allCommented')}</p>
      ) : (
        <ul className="desk-pending" aria-labelledby={headingId}>
          {pending.map((o) => (
            <li key={o.id}>
              {o.name}{' '}
              <span className="muted">
                ({t(`group.${o.group}`)}
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
  const { t } = useTranslation();
  const { accessToken } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const announce = useAnnounce();

  async function download(file: 'comments.csv' | 'comments.xlsx' | 'template.xlsx') {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const result = await downloadWithToken(`/exports/rounds/${round.id}/${file}`, accessToken, `round-${round.number}-${file}`);
    setBusy(false);
    if ('problem' in result) setProblem(result.problem);
    else announce(t('deskRound.downloaded', { filename: result.filename }));
  }

  const hint = `round-${round.number}-export-hint`;
  return (
    <>
      <p className="actions">
        <button type="button" className="button-quiet" onClick={() => download('comments.csv')} aria-disabled={busy} aria-describedby={hint}>
          {busy ? t('deskRound.preparing') : t('deskRound.download', { number: round.number })}
        </button>
        <button type="button" className="button-quiet" onClick={() => download('comments.xlsx')} aria-disabled={busy}>
          {t('roundAdmin.downloads.xlsx', { number: round.number })}
        </button>
        <button type="button" className="button-quiet" onClick={() => download('template.xlsx')} aria-disabled={busy}>
          {t('roundAdmin.downloads.template', { number: round.number })}
        </button>
        <span className="hint" id={hint}>
          {t('deskRound.downloadHint')}
        </span>
      </p>
      {problem && <ErrorMessage error={problem} title={t('deskRound.downloadFailed', { problem: problem.title })} />}
    </>
  );
}
