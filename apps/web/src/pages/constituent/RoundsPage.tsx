// The consultation rounds the user's organization is invited to: open ones first (with their deadlines), then the ones
// opening soon, then the recently closed ones, each in its own section and marked in words.
import { Trans, useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { useSignedIn } from '../../auth/use-session';
import type { RoundsListQuery } from '../../gql/graphql';
import { serverNow } from '../../graphql/server-clock';
import { ErrorMessage } from '../../ui/ErrorMessage';
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
  const { t } = useTranslation();
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
    <Page title={t('rounds.title')}>
      {user.organization && (
        <p>
          <Trans
            i18nKey="rounds.intro"
            values={{ organization: user.organization.name, group: t(`groupOf.${user.organization.group}`) }}
            components={{ strong: <strong /> }}
          />
        </p>
      )}
      <ErrorMessage error={error} />
      {fetching && !data && <p className="loading">{t('rounds.loading')}</p>}
      {data && (
        <>
          <section aria-labelledby="rounds-open">
            <h2 id="rounds-open">{t('rounds.open')}</h2>
            {open.length === 0 ? (
              <p>{t('rounds.noneOpen')}</p>
            ) : (
              <ul className="list rounds-list">
                {open.map((r) => (
                  <li key={r.id}>
                    <RoundSummary round={r} />
                    <Deadline value={r.closesAt} label={t('rounds.commentsClose')} />
                    <p>
                      <Link href={`/rounds/${r.id}`}>
                        {t('rounds.readAndComment')}
                        <span className="visually-hidden">{t('rounds.linkContext', { title: r.instrument.title, number: r.number })}</span>
                      </Link>
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {scheduled.length > 0 && (
            <section aria-labelledby="rounds-scheduled">
              <h2 id="rounds-scheduled">{t('rounds.soon')}</h2>
              <ul className="list rounds-list">
                {scheduled.map((r) => (
                  <li key={r.id}>
                    <RoundSummary round={r} badge={t('rounds.notOpenYet')} />
                    <p>
                      {t('rounds.willClose')} <Time value={r.closesAt} />
                    </p>
                    <p>
                      <Link href={`/rounds/${r.id}`}>
                        {t('rounds.readDraft')}
                        <span className="visually-hidden">{t('rounds.linkContext', { title: r.instrument.title, number: r.number })}</span>
                      </Link>
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="rounds-closed">
            <h2 id="rounds-closed">{t('rounds.recent')}</h2>
            {closed.length === 0 ? (
              <p>{t('rounds.noneClosed', { count: RECENT_DAYS })}</p>
            ) : (
              <ul className="list rounds-list">
                {closed.map((r) => (
                  <li key={r.id} className="round-closed">
                    <RoundSummary round={r} badge={t('rounds.closedBadge')} />
                    <p>
                      {t('rounds.closedAt')} <Time value={r.closedAt ?? r.closesAt} />
                    </p>
                    {acceptsLate(r, r.instrument) && <p>{t('rounds.acceptsLate')}</p>}
                    <p>
                      <Link href={`/rounds/${r.id}`}>
                        {t('rounds.seeComments')}
                        <span className="visually-hidden">{t('rounds.linkContext', { title: r.instrument.title, number: r.number })}</span>
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
  const { t } = useTranslation();
  return (
    <p className="list-title">
      {round.instrument.title} <span className="muted">{t('rounds.summary', { reference: round.instrument.reference, number: round.number })}</span>
      {badge && <span className="badge">{badge}</span>}
    </p>
  );
}
