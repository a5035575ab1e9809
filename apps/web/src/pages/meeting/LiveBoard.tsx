// The meeting's live board, as a table (every item a row, the three groups as columns) or as the projector view
// (the current item pinned and large, the others as compact rows, what just changed highlighted). Used by the
// signed-in board page and by the room's board link; it reads through whichever client the page provides.
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSTITUENT_GROUPS } from '@tripartite/domain';
import type { ConstituentGroup } from '../../gql/graphql';
import { useLiveStatus } from '../../graphql/live-status';
import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import { useAnnounce } from '../../ui/Announcer';
import { useHideSiteHeader } from '../../ui/chrome';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { GROUP_NAMES } from '../../ui/labels';
import { Page } from '../../ui/Page';
import { adoptedAmendment, pinnedItem, shownText } from './board-focus';
import { OutcomeChip, PositionChip } from './Chips';
import { FullScreenButton } from './FullScreenButton';
import { MeetingHead } from './MeetingHead';
import { DECISION_RULE_WORDS, ITEM_STATUS_WORDS, itemName, positionInTally, type TallyLists } from './labels';
import { describeTallyChange } from './tally-change';
import { useBoard, type BoardMeetingData, type Tally } from './use-board';
import { useRecentChanges, type RecentChange } from './use-recent-changes';
import './meeting.css';

const ANNOUNCE_DELAY_MS = 300;

type BoardItem = BoardMeetingData['agenda'][number];

export interface LiveBoardProps {
  id: string;
  projector: boolean;
  /** Links and buttons for the page (switch the view, open the console); shown in the board's bar. */
  actions?: ReactNode;
}

export function LiveBoard({ id, projector, actions }: LiveBoardProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const meetingRef = useRef<BoardMeetingData | null>(null);
  const { recent, lastChangedId, note } = useRecentChanges();
  // Changes that arrive together are said together (one announcement would cut off the other).
  const pending = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onEvent = useCallback(
    (before: Tally | undefined, after: Tally) => {
      note(before, after);
      const item = meetingRef.current?.agenda.find((i) => i.id === after.agendaItemId);
      if (!item) return;
      const sentence = describeTallyChange(itemName(item), before, after);
      if (!sentence) return;
      pending.current.push(sentence);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        announce(pending.current.join(' '));
        pending.current = [];
      }, ANNOUNCE_DELAY_MS);
    },
    [announce, note],
  );
  const { meeting, tallies, error } = useBoard(id, onEvent);
  useEffect(() => {
    meetingRef.current = meeting;
  }, [meeting]);
  const { status } = useLiveStatus();
  useHideSiteHeader(projector);

  if (!meeting) {
    return (
      <div className={projector ? 'projector projector-mode' : 'projector'}>
        <Page title={t('board.title')}>{error ? <ErrorMessage error={error} /> : <p>{t('board.loading')}</p>}</Page>
      </div>
    );
  }
  const agenda = [...meeting.agenda].sort((a, b) => a.order - b.order);
  const notices = (
    <>
      {status === 'reconnecting' && (
        <p className="notice" data-testid="board-stale">
          {t('board.stale')}
        </p>
      )}
      {error && <ErrorMessage error={error} title={t('board.refreshFailed')} />}
    </>
  );

  if (projector) {
    const pinned = pinnedItem(agenda, lastChangedId);
    return (
      <div className="projector projector-mode board" data-testid="projector">
        <Page title={meeting.title} wide>
          <div className="projector-bar">
            <MeetingHead instrument={meeting.instrument} status={meeting.status} />
            <Totals totals={meeting.tally} />
            <div className="projector-actions">
              <FullScreenButton />
              {actions}
              {/* The site header (with its switch) is hidden here. */}
              <LanguageSwitch />
            </div>
          </div>
          {notices}
          <div className="projector-grid">
            {pinned && <PinnedItem item={pinned} tally={tallies[pinned.id]} recent={recent[pinned.id]} />}
            <CompactRows agenda={agenda.filter((i) => i.id !== pinned?.id)} tallies={tallies} recent={recent} />
          </div>
        </Page>
      </div>
    );
  }

  return (
    <div className="projector board">
      <Page title={meeting.title} wide>
        <MeetingHead instrument={meeting.instrument} status={meeting.status} />
        <p className="muted board-rule">{t('board.rule', { rule: DECISION_RULE_WORDS[meeting.decisionRule] })}</p>
        {actions && <p className="actions">{actions}</p>}
        {notices}
        <Totals totals={meeting.tally} />

        <table className="board-table">
          <caption>{t('board.caption')}</caption>
          <BoardTableHead />
          <tbody>
            {agenda.map((item) => {
              const current = item.status === 'UNDER_DISCUSSION';
              const change = recent[item.id];
              return (
                <tr
                  key={`${item.id} ${change?.serial ?? 0}`}
                  className={`board-row${current ? ' board-row-current' : ''}${change ? ' just-changed' : ''}`}
                  data-item={item.id}
                >
                  <th scope="row" className="board-item">
                    <span className="board-item-name">{itemName(item)}</span>
                    <span className={`badge status-${item.status.toLowerCase()}`}>
                      {current && <span aria-hidden="true">▶ </span>}
                      {ITEM_STATUS_WORDS[item.status]}
                    </span>
                    <span className="board-item-text">{shownText(item)}</span>
                  </th>
                  <GroupCells item={item} tally={tallies[item.id]} recent={change} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </Page>
    </div>
  );
}

function Totals({ totals }: { totals: BoardMeetingData['tally'] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="board-totals" className="board-totals">
      <h2 id="board-totals" className="visually-hidden">
        {t('board.totals')}
      </h2>
      <dl className="totals" data-testid="board-totals">
        <Total name="Adopted" label={t('board.adopted')} value={totals.adopted} />
        <Total name="Not adopted" label={t('board.notAdopted')} value={totals.notAdopted} />
        <Total name="Deferred" label={t('board.deferred')} value={totals.deferred} />
        <Total name="Open" label={t('board.open')} value={totals.open} />
      </dl>
    </section>
  );
}

function Total({ name, label, value }: { name: string; label: string; value: number }) {
  return (
    <div className="total" data-total={name}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** What the room reads as an item's decision: for one adopted as amended, the accepted amendment's positions and outcome. */
function decision(
  item: BoardItem,
  tally: Tally | undefined,
): { lists: TallyLists | undefined; outcome: Tally['outcome'] | undefined; amendedBy: ConstituentGroup | null } {
  const amended = adoptedAmendment(item);
  if (amended) return { lists: amended.tally, outcome: amended.tally.outcome, amendedBy: amended.amendment.proposedBy };
  return { lists: tally, outcome: tally?.outcome, amendedBy: null };
}

/** The three groups' cells and the outcome's, of a table row. */
function GroupCells({ item, tally, recent }: { item: BoardItem; tally: Tally | undefined; recent: RecentChange | undefined }) {
  const { t } = useTranslation();
  const { lists, outcome, amendedBy } = decision(item, tally);
  return (
    <>
      {CONSTITUENT_GROUPS.map((g) => (
        <td key={g} data-item={item.id} data-group={g} className={recent?.groups.includes(g) ? 'cell-changed' : undefined}>
          <span className="cell-label" aria-hidden="true">
            {GROUP_NAMES[g]}
          </span>
          <PositionChip position={lists ? positionInTally(lists, g) : null} />
        </td>
      ))}
      <td data-item={item.id} data-group="OUTCOME" className={recent?.outcome ? 'cell-changed' : undefined}>
        <span className="cell-label" aria-hidden="true">
          {t('board.outcome')}
        </span>
        {outcome ? <OutcomeChip outcome={outcome} /> : <span className="muted">{t('board.unknown')}</span>}
        {amendedBy && <span className="board-amended">{t('projector.ofAmendment', { group: GROUP_NAMES[amendedBy] })}</span>}
      </td>
    </>
  );
}

/** The item under discussion (else the last changed), large: its text, each group's position, the outcome. */
function PinnedItem({ item, tally, recent }: { item: BoardItem; tally: Tally | undefined; recent: RecentChange | undefined }) {
  const { t } = useTranslation();
  const { lists, outcome, amendedBy } = decision(item, tally);
  const discussing = item.status === 'UNDER_DISCUSSION';
  return (
    <section
      key={recent?.serial ?? 0}
      aria-labelledby="pinned-heading"
      // It scrolls inside itself when its text is long: reachable by keyboard.
      tabIndex={0}
      className={recent ? 'pinned just-changed' : 'pinned'}
      data-testid="pinned"
      data-item={item.id}
    >
      <p className="pinned-label">
        {discussing ? t('projector.underDiscussion') : t('projector.lastChanged')}
        {recent && <span className="changed-badge">{t('projector.justChanged')}</span>}
      </p>
      <h2 id="pinned-heading">
        {itemName(item)} {!discussing && <span className={`badge status-${item.status.toLowerCase()}`}>{ITEM_STATUS_WORDS[item.status]}</span>}
      </h2>
      {item.finalText !== null && <p className="pinned-kicker">{t('projector.adoptedText')}</p>}
      {/* Scrolls inside itself when long: reachable by keyboard. */}
      <blockquote className="pinned-text" data-testid="pinned-text" tabIndex={0}>
        {shownText(item)}
      </blockquote>
      {amendedBy && <p className="pinned-kicker">{t('projector.amendmentPositions', { group: GROUP_NAMES[amendedBy] })}</p>}
      <dl className="pinned-groups">
        {CONSTITUENT_GROUPS.map((g) => (
          <div key={g} data-item={item.id} data-group={g} className={recent?.groups.includes(g) ? 'cell-changed' : undefined}>
            <dt>{GROUP_NAMES[g]}</dt>
            <dd>
              <PositionChip position={lists ? positionInTally(lists, g) : null} />
            </dd>
          </div>
        ))}
      </dl>
      <p className={recent?.outcome ? 'pinned-outcome cell-changed' : 'pinned-outcome'} data-item={item.id} data-group="OUTCOME">
        <span>{amendedBy ? t('projector.amendmentOutcome', { group: GROUP_NAMES[amendedBy] }) : t('board.outcome')}</span>{' '}
        {outcome ? <OutcomeChip outcome={outcome} /> : <span className="muted">{t('board.unknown')}</span>}
      </p>
    </section>
  );
}

/** The other items, one short line each. */
function CompactRows({ agenda, tallies, recent }: { agenda: BoardItem[]; tallies: Record<string, Tally>; recent: Record<string, RecentChange> }) {
  const { t } = useTranslation();
  return (
    // Scrolls inside itself on a short screen: a region reachable by keyboard.
    <div className="compact-wrap" role="region" aria-label={t('projector.others')} tabIndex={0}>
      <table className="board-table board-compact">
        <caption className="visually-hidden">{t('projector.others')}</caption>
        <BoardTableHead />
        <tbody>
          {agenda.map((item) => {
            const change = recent[item.id];
            return (
              <tr key={`${item.id} ${change?.serial ?? 0}`} className={change ? 'board-row just-changed' : 'board-row'} data-item={item.id}>
                <th scope="row" className="board-item">
                  <span className="compact-item">
                    <span className="board-item-name">{itemName(item)}</span>{' '}
                    <span className={`badge status-${item.status.toLowerCase()}`}>{ITEM_STATUS_WORDS[item.status]}</span>
                  </span>
                </th>
                <GroupCells item={item} tally={tallies[item.id]} recent={change} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The columns and header row shared by the full board and the projector's compact rows. */
function BoardTableHead() {
  const { t } = useTranslation();
  return (
    <>
      <colgroup>
        <col className="board-col-item" />
        <col span={3} />
        <col className="board-col-outcome" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{t('board.item')}</th>
          {CONSTITUENT_GROUPS.map((g) => (
            <th scope="col" key={g}>
              {GROUP_NAMES[g]}
            </th>
          ))}
          <th scope="col">{t('board.outcome')}</th>
        </tr>
      </thead>
    </>
  );
}
