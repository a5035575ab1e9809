// Closing the item: each choice the rules allow is a button; the others say what blocks them, from the
// same rule the server applies (closeItemBlockers). The server's own blockers are shown if it refuses.
import { useState, type RefObject } from 'react';
import { useMutation } from 'urql';
import { CLOSING_ITEM_STATUSES, closeItemBlockers, type ClosingItemStatus } from '@tripartite/domain';
import type { MeetingStatus } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { CLOSE_ACTION_WORDS, ITEM_STATUS_WORDS, itemName } from './labels';
import { ModerateCloseItem, type ModerateItem } from './moderate-operations';

interface Props {
  item: ModerateItem;
  meetingStatus: MeetingStatus;
  remember(item: ModerateItem): void;
  seen: RefObject<ModerateItem>;
}

export function CloseItem({ item, meetingStatus, remember, seen }: Props) {
  const [closing, closeItem] = useMutation(ModerateCloseItem);
  const [confirm, setConfirm] = useState<ClosingItemStatus | null>(null);
  const announce = useAnnounce();
  if (item.status !== 'UNDER_DISCUSSION' || meetingStatus !== 'IN_SESSION') return null;
  const context = {
    outcome: item.tally.outcome,
    hasAcceptedAmendment: item.amendments.some((a) => a.status === 'ACCEPTED'),
    itemStatus: item.status,
  };
  const choices = CLOSING_ITEM_STATUSES.map((status) => ({ status, blockers: closeItemBlockers(status, context) }));

  const close = async (status: ClosingItemStatus) => {
    const r = await closeItem({ id: item.id, status });
    setConfirm(null);
    if (r.data) {
      seen.current = r.data.closeAgendaItem;
      remember(r.data.closeAgendaItem);
      announce(`${itemName(item)} closed: ${ITEM_STATUS_WORDS[status].toLowerCase()}.`);
    }
  };

  return (
    <section aria-labelledby="close-heading" className="close-item">
      <h3 id="close-heading">Close the item</h3>
      {confirm ? (
        <div className="notice">
          <p>
            Close {itemName(item)} as <strong>{ITEM_STATUS_WORDS[confirm].toLowerCase()}</strong>? Nothing more can be recorded on it
            afterwards.
          </p>
          <p className="actions">
            <button type="button" disabled={closing.fetching} onClick={() => void close(confirm)}>
              Yes, {CLOSE_ACTION_WORDS[confirm].toLowerCase()}
            </button>
            <button type="button" className="button-quiet" onClick={() => setConfirm(null)}>
              Cancel
            </button>
          </p>
        </div>
      ) : (
        <ul className="close-choices">
          {choices.map(({ status, blockers }) => (
            <li key={status} data-close={status}>
              <button
                type="button"
                disabled={blockers.length > 0}
                aria-describedby={blockers.length ? `close-blockers-${status}` : undefined}
                onClick={() => setConfirm(status)}
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
      <ErrorMessage error={closing.error} />
    </section>
  );
}
