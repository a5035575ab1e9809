// The secretariat's page for one instrument: its stage and history, the next steps with what blocks
// them, the consultation rounds (pending organizations, comments matrix with dispositions, CSV export),
// the experts' meetings and the Governing Body paper.
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useSubscription } from 'urql';
import { Link } from 'wouter';
import { graphql } from '../../gql';
import { i18n } from '../../i18n/i18n';
import { useLiveStatus } from '../../graphql/live-status';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { LiveIndicator } from '../../ui/LiveIndicator';
import { Page } from '../../ui/Page';
import { DraftingLink } from '../drafting/DraftingLink';
import { GbPaper } from './GbPaper';
import { stageName } from './labels';
import { Meetings } from './Meetings';
import { NextSteps } from './NextSteps';
import { takeOwnMove } from './own-moves';
import { RoundSection } from './RoundSection';
import { ScheduleRound } from './round/ScheduleRound';
import { StageHistory } from './StageHistory';
import './desk.css';

const InstrumentPageQuery = graphql(`
  query InstrumentPage($id: ID!) {
    instrument(id: $id) {
      id
      reference
      title
      summary
      stage
      revision
      createdAt
      versions {
        id
        number
        status
        publishedAt
      }
      stageHistory {
        from
        to
        at
        reason
        actor {
          id
          displayName
        }
      }
      nextStages {
        stage
        allowed
        blockers {
          code
          message
        }
      }
      rounds {
        id
        number
        status
        opensAt
        closesAt
        closedAt
        groups
        visibility
        acceptLate
        version {
          id
          number
        }
        extensions {
          from
          to
          reason
          at
        }
      }
      meetings {
        id
        title
        venue
        status
        startsAt
        endsAt
        decisionRule
      }
      submission {
        id
        symbol
        agendaItemTitle
        status
        submittedAt
        late
        decision
        decisionText
        session {
          id
          number
          startsAt
          documentDeadline
        }
      }
    }
  }
`);

const InstrumentStageChanged = graphql(`
  subscription InstrumentStageChanged($id: ID!) {
    stageChanged(instrumentId: $id) {
      from
      to
      at
    }
  }
`);

export default function InstrumentPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: InstrumentPageQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  useLiveStage(id, data?.instrument.stage ?? null, refresh);

  const instrument = data?.instrument;
  if (!instrument) {
    return (
      <Page title={t('instrument.title')} wide>
        {error ? (
          <ErrorMessage error={error}>
            <p>
              <Link href="/desk">{t('instrument.back')}</Link>
            </p>
          </ErrorMessage>
        ) : (
          <p>{fetching ? t('instrument.loading') : ''}</p>
        )}
      </Page>
    );
  }
  const rounds = [...instrument.rounds].sort((a, b) => b.number - a.number);
  const mayDispose = instrument.stage === 'CONSULTATION' || instrument.stage === 'CONSOLIDATION';
  return (
    <Page title={`${instrument.reference}: ${instrument.title}`} wide>
      <p>
        <Link href="/desk">{t('instrument.back')}</Link>
      </p>
      {error && <ErrorMessage error={error} />}
      {instrument.summary && <p className="desk-summary">{instrument.summary}</p>}

      <section aria-labelledby="stage-heading">
        <h2 id="stage-heading">{t('instrument.stage')}</h2>
        <p className="actions">
          <span className="desk-stage-now" data-testid="current-stage">
            {t('instrument.now')} <strong>{t(`stage.${instrument.stage}`)}</strong>
          </span>
          <LiveIndicator />
        </p>
        <Versions versions={instrument.versions} />
        <DraftingLink instrumentId={instrument.id} versions={instrument.versions} />
        <StageHistory history={instrument.stageHistory} />
      </section>

      <NextSteps
        instrumentId={instrument.id}
        stage={instrument.stage}
        revision={instrument.revision}
        options={instrument.nextStages}
        context={{
          instrumentId: instrument.id,
          latestRound: rounds[0] ?? null,
          latestMeetingId: [...instrument.meetings].sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt))[0]?.id ?? null,
        }}
        refresh={refresh}
      />

      <section aria-labelledby="rounds-heading">
        <h2 id="rounds-heading">{t('instrument.rounds')}</h2>
        {rounds.length === 0 && <p>{t('instrument.noRounds')}</p>}
        {(instrument.stage === 'DRAFTING' || instrument.stage === 'CONSOLIDATION') && !rounds.some((r) => r.status !== 'CLOSED') && (
          <ScheduleRound
            instrumentId={instrument.id}
            versions={instrument.versions}
            onScheduled={(round) => {
              refresh();
              focusWhenShown(`round-${round.number}-heading`);
            }}
          />
        )}
        {rounds.map((round) => (
          <RoundSection
            key={round.id}
            round={round}
            instrumentId={instrument.id}
            revision={instrument.revision}
            mayDispose={mayDispose}
            stage={instrument.stage}
            refresh={refresh}
          />
        ))}
      </section>

      <Meetings meetings={instrument.meetings} instrument={instrument} />
      <GbPaper instrumentId={instrument.id} submission={instrument.submission} />
    </Page>
  );
}

/** Focus an element once the refreshed page shows it (a few frames at most). */
function focusWhenShown(id: string, tries = 60) {
  const element = document.getElementById(id);
  if (element) element.focus();
  else if (tries > 0) requestAnimationFrame(() => focusWhenShown(id, tries - 1));
}

function Versions({ versions }: { versions: { id: string; number: number; status: string; publishedAt: string | null }[] }) {
  const { t } = useTranslation();
  if (versions.length === 0) return null;
  const words = versions.map((v) => t(v.status === 'PUBLISHED' ? 'instrument.versionPublished' : 'instrument.versionDraft', { number: v.number })).join(', ');
  return <p>{t('instrument.versions', { list: words })}</p>;
}

/** Moves made elsewhere (a colleague, the deadline job) refresh the page and are announced. */
function useLiveStage(id: string, stage: string | null, refresh: () => void) {
  const [{ data }] = useSubscription({ query: InstrumentStageChanged, variables: { id } });
  const announce = useAnnounce();
  const seen = useRef(data);
  const { connections } = useLiveStatus();
  const seenConnections = useRef(connections);
  const stageNow = useRef(stage);
  stageNow.current = stage;

  useEffect(() => {
    if (!data || data === seen.current) return;
    seen.current = data;
    const { from, to } = data.stageChanged;
    // Our own move has already refreshed the page and said so.
    if (stageNow.current !== to && !takeOwnMove(id, to)) announce(i18n.t('instrument.movedLive', { from: stageName(from), to: stageName(to) }));
    refresh();
  }, [data, announce, refresh, id]);

  // Moves made while the socket was down are not replayed: ask again after a reconnection.
  useEffect(() => {
    if (connections > seenConnections.current && seenConnections.current > 0) refresh();
    seenConnections.current = connections;
  }, [connections, refresh]);
}
