// The agenda item being moderated: its text, the three groups' positions with their buttons and
// shortcuts, then closing it, its amendments and a vote.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Link } from 'wouter';
import { CONSTITUENT_GROUPS } from '@tripartite/domain';
import { useSignedIn } from '../../auth/use-session';
import type { ConstituentGroup, Position } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { GROUP_NAMES } from '../../ui/labels';
import { useDraft } from '../../ui/use-draft';
import { Amendments } from './Amendments';
import { OutcomeChip, PositionChip } from './Chips';
import { CloseItem } from './CloseItem';
import { GROUP_KEYS, ITEM_STATUS_WORDS, POSITION_LABELS, POSITION_ORDER, itemName } from './labels';
import { ModerateOpenItem, ModerateRecordPosition, type ModerateItem, type ModerateMeetingData } from './moderate-operations';
import { usePositionShortcuts, useShortcutSetting } from './use-shortcuts';
import { useSkipTarget } from '../../ui/chrome';
import { useItemRecorder } from './use-item-recorder';
import { VoteForm } from './VoteForm';

export interface ItemConsoleProps {
  item: ModerateItem;
  meeting: ModerateMeetingData;
  /** The next item still to discuss, to go on to after closing this one. */
  next: ModerateItem | undefined;
  itemHref(itemId: string): string;
  /** Keeps the answer to a write (it may be newer than the last fetch). */
  remember(item: ModerateItem): void;
  fetchNow(): Promise<ModerateMeetingData | null>;
  /** Called once when shown: whether to move the focus to the item's heading. */
  shouldFocus(): boolean;
}

const GROUP_KEY: Record<ConstituentGroup, string> = Object.fromEntries(Object.entries(GROUP_KEYS).map(([k, g]) => [g, k])) as Record<ConstituentGroup, string>;

const positionWords = (p: Position) => POSITION_LABELS[p].words;

/** The first position button (the first group's first position): the skip link's target. */
const FIRST_POSITION_ID = 'first-position';

export function ItemConsole({ item, meeting, next, itemHref, remember, fetchNow, shouldFocus }: ItemConsoleProps) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const announce = useAnnounce();
  const [statements, setStatements] = useDraft<Partial<Record<ConstituentGroup, string>>>(`statements:${item.id}`, {});
  const [, recordPosition] = useMutation(ModerateRecordPosition);
  const [opening, openItem] = useMutation(ModerateOpenItem);
  const discussing = item.status === 'UNDER_DISCUSSION' && meeting.status === 'IN_SESSION';
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (shouldFocus()) heading.current?.focus();
  }, [shouldFocus]);
  const { busy, recorded, error, conflict, foreign, record, dismissConflict, dismissForeign, writes } = useItemRecorder({
    item,
    userId: user.id,
    discussing,
    announce,
    remember,
    fetchNow,
    sendPosition: async (variables) => {
      const result = await recordPosition(variables);
      return { item: result.data?.recordPosition ?? null, error: result.error };
    },
    onRecorded: (attempt) => setStatements({ ...statements, [attempt.group]: '' }),
  });
  useSkipTarget(discussing ? { label: t('projector.shortcuts.skip'), targetId: FIRST_POSITION_ID } : null);
  const conflictBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict) conflictBox.current?.scrollIntoView?.({ block: 'nearest' });
  }, [conflict]);

  const [shortcutsOn, setShortcutsOn] = useShortcutSetting();
  const shortcuts = usePositionShortcuts(
    shortcutsOn && discussing && !busy,
    (group, position) => void record({ group, position, statement: statements[group]?.trim() || null }),
  );

  return (
    <section aria-labelledby="item-heading" className="console-item">
      <h2 id="item-heading" ref={heading} tabIndex={-1}>
        {itemName(item)} <span className={`badge status-${item.status.toLowerCase()}`}>{ITEM_STATUS_WORDS[item.status]}</span>
      </h2>
      <blockquote className="item-text">{item.guideline.text}</blockquote>
      {item.finalText !== null && item.finalText !== item.guideline.text && (
        <p>
          <strong>{t('console.finalText')}</strong> {item.finalText}
        </p>
      )}
      <p className="actions">
        <span>{t('console.outcomeSoFar')}</span> <OutcomeChip outcome={item.tally.outcome} />
      </p>

      {item.status === 'PENDING' && (
        <div className="actions">
          <button
            type="button"
            aria-disabled={opening.fetching || meeting.status !== 'IN_SESSION' ? 'true' : undefined}
            onClick={async () => {
              if (opening.fetching || meeting.status !== 'IN_SESSION') return;
              const r = await openItem({ id: item.id });
              if (r.data) {
                writes.wrote(r.data.openAgendaItem);
                announce(t('console.itemOpen', { item: itemName(item) }));
                heading.current?.focus();
              }
            }}
          >
            {t('console.openItem')}
          </button>
          {meeting.status !== 'IN_SESSION' && <span className="muted">{t('console.notInSession')}</span>}
          <ErrorMessage error={opening.error} />
        </div>
      )}

      {conflict && (
        <div className="error" role="alert" data-testid="conflict" ref={conflictBox}>
          <p className="error-title">{t('console.conflict')}</p>
          <ul>
            {conflict.changes.map((c) => (
              <li key={c}>{c}.</li>
            ))}
          </ul>
          <p>{conflict.retry.question}</p>
          <p className="actions">
            <button type="button" onClick={() => conflict.retry.run()} disabled={!discussing}>
              {conflict.retry.action}
            </button>
            <button type="button" className="button-quiet" onClick={dismissConflict}>
              {t('console.dismiss')}
            </button>
          </p>
        </div>
      )}
      {foreign && foreign.length > 0 && (
        <div className="notice" data-testid="changed-elsewhere">
          <p>
            <strong>{t('console.changedElsewhere')}</strong> {foreign.join('; ')}.
          </p>
          <button type="button" className="button-quiet" onClick={dismissForeign}>
            {t('console.dismiss')}
          </button>
        </div>
      )}
      <ErrorMessage error={error} />
      {recorded && <p className="success">{recorded}</p>}

      <div className="group-panels">
        {CONSTITUENT_GROUPS.map((group) => {
          const current = item.positions.find((p) => p.group === group);
          const statementId = `statement-${group}`;
          return (
            <section
              key={group}
              aria-labelledby={`group-${group}`}
              className={shortcuts.armed === group ? 'group-panel group-armed' : 'group-panel'}
              data-group={group}
            >
              <h3 id={`group-${group}`}>
                {GROUP_NAMES[group]}{' '}
                {shortcutsOn && (
                  <kbd className="key" aria-hidden="true">
                    {GROUP_KEY[group]}
                  </kbd>
                )}
              </h3>
              <p className="group-current" data-testid={`current-${group}`}>
                <span>{t('console.currentPosition')}</span> <PositionChip position={current?.position ?? null} />
                {current && <span className="muted">{t('console.recordedBy', { name: current.recordedBy.displayName })}</span>}
              </p>
              {current?.statement && <p className="statement">“{current.statement}”</p>}
              {discussing && (
                <>
                  <div className="field">
                    <label htmlFor={statementId}>{t('console.statement')}</label>
                    <textarea
                      id={statementId}
                      className="statement-input"
                      rows={2}
                      value={statements[group] ?? ''}
                      onChange={(e) => setStatements({ ...statements, [group]: e.target.value })}
                    />
                  </div>
                  <div role="group" aria-label={t('console.recordGroup', { group: GROUP_NAMES[group] })} className="position-buttons">
                    {POSITION_ORDER.map((position, i) => (
                      <button
                        key={position}
                        id={group === CONSTITUENT_GROUPS[0] && i === 0 ? FIRST_POSITION_ID : undefined}
                        type="button"
                        className={`position-button position-${position.toLowerCase()}${current?.position === position ? ' position-current' : ''}`}
                        aria-disabled={busy ? 'true' : undefined}
                        onClick={() => void record({ group, position, statement: statements[group]?.trim() || null })}
                      >
                        <span aria-hidden="true">{POSITION_LABELS[position].symbol}</span>
                        {POSITION_LABELS[position].words}
                        {shortcutsOn && (
                          <kbd className="key" aria-hidden="true">
                            {i + 1}
                          </kbd>
                        )}
                      </button>
                    ))}
                  </div>
                </>
              )}
            </section>
          );
        })}
      </div>
      {discussing && shortcutsOn && (
        <p className="shortcut-state" role="status" data-testid="shortcut-state">
          {busy
            ? t('console.recording', { group: GROUP_NAMES[busy.group], position: positionWords(busy.position) })
            : shortcuts.armed
              ? t('console.armed', { group: GROUP_NAMES[shortcuts.armed] })
              : ''}
        </p>
      )}

      <CloseItem item={item} meetingStatus={meeting.status} writes={writes} focusItem={() => heading.current?.focus()} />
      {item.status === 'UNDER_DISCUSSION' && next && (
        <p>
          <Link href={itemHref(next.id)}>{t('console.goOn', { item: itemName(next) })}</Link>
        </p>
      )}
      {item.status !== 'PENDING' && item.status !== 'UNDER_DISCUSSION' && next && (
        <p className="success">
          {t('console.itemClosed')} <Link href={itemHref(next.id)}>{t('console.goOn', { item: itemName(next) })}</Link>
        </p>
      )}
      <Amendments item={item} discussing={discussing} writes={writes} />
      <VoteForm item={item} meeting={meeting} discussing={discussing} writes={writes} />
      <Shortcuts
        on={shortcutsOn}
        setOn={(on) => {
          setShortcutsOn(on);
          announce(on ? t('projector.shortcuts.on') : t('projector.shortcuts.off'));
        }}
      />
    </section>
  );
}

function Shortcuts({ on, setOn }: { on: boolean; setOn(on: boolean): void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="shortcuts-heading" className="shortcuts">
      <h3 id="shortcuts-heading">{t('console.shortcuts')}</h3>
      <p>
        <input type="checkbox" id="shortcuts-on" checked={on} onChange={(e) => setOn(e.target.checked)} />{' '}
        <label htmlFor="shortcuts-on">{t('projector.shortcuts.toggle')}</label>
      </p>
      <p className="hint" data-testid="shortcuts-setting">
        {on ? t('console.shortcutsHint') : t('projector.shortcuts.off')}
      </p>
      <dl className="shortcut-list">
        <div>
          <dt>
            <kbd className="key">{GROUP_KEY.GOVERNMENT}</kbd> <kbd className="key">{GROUP_KEY.EMPLOYERS}</kbd> <kbd className="key">{GROUP_KEY.WORKERS}</kbd>
          </dt>
          <dd>{t('console.shortcutGroups')}</dd>
        </div>
        {POSITION_ORDER.map((p, i) => (
          <div key={p}>
            <dt>
              <kbd className="key">{i + 1}</kbd>
            </dt>
            <dd>{t('console.shortcutPosition', { position: POSITION_LABELS[p].words })}</dd>
          </div>
        ))}
        <div>
          <dt>
            <kbd className="key">{t('console.escKey')}</kbd>
          </dt>
          <dd>{t('console.shortcutEscape')}</dd>
        </div>
      </dl>
    </section>
  );
}
