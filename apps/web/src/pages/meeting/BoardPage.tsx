// The meeting's live board, for the room's projector and anyone who may read the meeting: agenda items as
// rows, the three groups as columns, the outcome per item and the meeting's totals.
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CONSTITUENT_GROUPS } from '@tripartite/domain';
import { useSignedIn } from '../../auth/use-session';
import { useLiveStatus } from '../../graphql/live-status';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { GROUP_NAMES } from '../../ui/labels';
import { Page } from '../../ui/Page';
import { OutcomeChip, PositionChip } from './Chips';
import { MeetingHead } from './MeetingHead';
import { DECISION_RULE_WORDS, ITEM_STATUS_WORDS, itemName, positionInTally } from './labels';
import { describeTallyChange } from './tally-change';
import { useBoard, type BoardMeetingData, type Tally } from './use-board';
import './meeting.css';

const ANNOUNCE_DELAY_MS = 300;

export default function BoardPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const meetingRef = useRef<BoardMeetingData | null>(null);
  // Changes that arrive together are said together (one announcement would cut off the other).
  const pending = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onEvent = useCallback(
    (before: Tally | undefined, after: Tally) => {
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
    [announce],
  );
  const { meeting, tallies, error } = useBoard(id, onEvent);
  useEffect(() => {
    meetingRef.current = meeting;
  }, [meeting]);
  const { status } = useLiveStatus();
  const { user } = useSignedIn();
  const mayModerate = user.roles.some((r) => r === 'MODERATOR' || r === 'SECRETARIAT');

  if (!meeting) {
    return (
      <div className="projector">
        <Page title={t('board.title')}>{error ? <ErrorMessage error={error} /> : <p>{t('board.loading')}</p>}</Page>
      </div>
    );
  }
  const agenda = [...meeting.agenda].sort((a, b) => a.order - b.order);
  const totals = meeting.tally;
  return (
    <div className="projector board">
      <Page title={meeting.title} wide>
        <MeetingHead instrument={meeting.instrument} status={meeting.status} />
        <p className="muted board-rule">{t('board.rule', { rule: DECISION_RULE_WORDS[meeting.decisionRule] })}</p>
        {mayModerate && (
          <p>
            <Link href={`/meetings/${meeting.id}/moderate`}>{t('board.openConsole')}</Link>
          </p>
        )}
        {status === 'reconnecting' && (
          <p className="notice" data-testid="board-stale">
            {t('board.stale')}
          </p>
        )}
        {error && <ErrorMessage error={error} title={t('board.refreshFailed')} />}

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

        <table className="board-table">
          <caption>{t('board.caption')}</caption>
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
          <tbody>
            {agenda.map((item) => {
              const tally = tallies[item.id];
              const current = item.status === 'UNDER_DISCUSSION';
              return (
                <tr key={item.id} className={current ? 'board-row board-row-current' : 'board-row'} data-item={item.id}>
                  <th scope="row" className="board-item">
                    <span className="board-item-name">{itemName(item)}</span>
                    <span className={`badge status-${item.status.toLowerCase()}`}>
                      {current && <span aria-hidden="true">▶ </span>}
                      {ITEM_STATUS_WORDS[item.status]}
                    </span>
                    <span className="board-item-text">{item.guideline.text}</span>
                  </th>
                  {CONSTITUENT_GROUPS.map((g) => (
                    <td key={g} data-item={item.id} data-group={g}>
                      <span className="cell-label" aria-hidden="true">
                        {GROUP_NAMES[g]}
                      </span>
                      <PositionChip position={tally ? positionInTally(tally, g) : null} />
                    </td>
                  ))}
                  <td data-item={item.id} data-group="OUTCOME">
                    <span className="cell-label" aria-hidden="true">
                      {t('board.outcome')}
                    </span>
                    {tally ? <OutcomeChip outcome={tally.outcome} /> : <span className="muted">{t('board.unknown')}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Page>
    </div>
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
