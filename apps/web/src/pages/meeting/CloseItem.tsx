// Closing the item: each choice the rules allow is a button; the others say what blocks them, from the
// same rule the server applies (closeItemBlockers). The server's own blockers are shown if it refuses; a
// CONFLICT (someone changed the item first) is shown by the console, which offers the close again.
import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { CLOSING_ITEM_STATUSES, closeItemBlockers, type ClosingItemStatus } from '@tripartite/domain';
import type { MeetingStatus } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { hasCode } from '../../ui/errors';
import type { ItemWrites } from './item-writes';
import { CLOSE_ACTION_WORDS, ITEM_STATUS_WORDS, itemName } from './labels';
import { ModerateCloseItem, type ModerateItem } from './moderate-operations';

interface Props {
  item: ModerateItem;
  meetingStatus: MeetingStatus;
  writes: ItemWrites;
  /** Moves the focus to the item (this section is gone once it is closed). */
  focusItem(): void;
}

export function CloseItem({ item, meetingStatus, writes, focusItem }: Props) {
  const { t } = useTranslation();
  const [closing, closeItem] = useMutation(ModerateCloseItem);
  const [confirm, setConfirm] = useState<ClosingItemStatus | null>(null);
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirm) yes.current?.focus();
  }, [confirm]);
  if (item.status !== 'UNDER_DISCUSSION' || meetingStatus !== 'IN_SESSION') return null;
  const context = {
    outcome: item.tally.outcome,
    hasAcceptedAmendment: item.amendments.some((a) => a.status === 'ACCEPTED'),
    itemStatus: item.status,
  };
  const choices = CLOSING_ITEM_STATUSES.map((status) => ({ status, blockers: closeItemBlockers(status, context) }));

  const close = async (status: ClosingItemStatus) => {
    if (closing.fetching) return;
    const saw = writes.shown();
    const r = await closeItem({ id: item.id, status, expectedRevision: saw.revision });
    setConfirm(null);
    if (r.data) {
      writes.wrote(r.data.closeAgendaItem);
      announce(t('close.closed', { item: itemName(item), status: ITEM_STATUS_WORDS[status].toLowerCase() }));
      focusItem();
    } else if (hasCode(r.error, 'CONFLICT')) {
      const words = ITEM_STATUS_WORDS[status].toLowerCase();
      await writes.conflicted(
        saw,
        { question: t('close.again', { item: itemName(item), status: words }), action: t('close.againAction'), run: () => void close(status) },
        r.error,
      );
    } else heading.current?.focus();
  };

  return (
    <section aria-labelledby="close-heading" className="close-item">
      <h3 id="close-heading" ref={heading} tabIndex={-1}>
        {t('close.title')}
      </h3>
      {confirm ? (
        <div className="notice">
          <p>
            <Trans
              i18nKey="close.confirm"
              values={{ item: itemName(item), status: ITEM_STATUS_WORDS[confirm].toLowerCase() }}
              components={{ strong: <strong /> }}
            />
          </p>
          <p className="actions">
            <button type="button" ref={yes} aria-disabled={closing.fetching ? 'true' : undefined} onClick={() => void close(confirm)}>
              {t('close.yes', { action: CLOSE_ACTION_WORDS[confirm].toLowerCase() })}
            </button>
            <button
              type="button"
              className="button-quiet"
              onClick={() => {
                setConfirm(null);
                heading.current?.focus();
              }}
            >
              {t('common.cancel')}
            </button>
          </p>
        </div>
      ) : (
        <ul className="close-choices">
          {choices.map(({ status, blockers }) => (
            <li key={status} data-close={status}>
              <button
                type="button"
                aria-disabled={blockers.length > 0 ? 'true' : undefined}
                aria-describedby={blockers.length ? `close-blockers-${status}` : undefined}
                onClick={() => blockers.length === 0 && setConfirm(status)}
              >
                {CLOSE_ACTION_WORDS[status]}
              </button>
              {blockers.length > 0 && (
                <ul id={`close-blockers-${status}`} className="blockers">
                  {blockers.map((b) => (
                    <li key={b.code}>
                      <span aria-hidden="true">✗ </span>
                      {b.message}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {!hasCode(closing.error, 'CONFLICT') && <ErrorMessage error={closing.error} />}
    </section>
  );
}
