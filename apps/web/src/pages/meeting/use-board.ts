// The board's data: the meeting fetched over HTTP, each item's tally replaced as `tallyUpdated` events
// arrive. After every event the meeting is fetched again (item statuses and totals are not in the event),
// and after every (re)connection of the socket too, since events sent while it was down are lost.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { graphql } from '../../gql';
import type { BoardMeetingQuery, BoardTallyFieldsFragment } from '../../gql/graphql';
import { useLiveStatus } from '../../graphql/live-status';

graphql(`
  fragment BoardTallyFields on ItemTally {
    agendaItemId
    outcome
    supporting
    opposing
    abstaining
    reserving
    pending
  }
`);

export const BoardMeeting = graphql(`
  query BoardMeeting($id: ID!) {
    meeting(id: $id) {
      id
      title
      venue
      status
      decisionRule
      startsAt
      endsAt
      instrument {
        id
        reference
        title
      }
      agenda {
        id
        order
        status
        finalText
        guideline {
          id
          number
          title
          text
        }
        amendments {
          id
          proposedBy
          text
          status
          positions {
            group
            position
          }
        }
      }
      tally {
        meetingId
        adopted
        notAdopted
        deferred
        open
        items {
          ...BoardTallyFields
        }
      }
    }
  }
`);

const BoardTallyUpdated = graphql(`
  subscription BoardTallyUpdated($id: ID!) {
    tallyUpdated(meetingId: $id) {
      ...BoardTallyFields
    }
  }
`);

export type BoardMeetingData = BoardMeetingQuery['meeting'];
export type Tally = BoardTallyFieldsFragment;

export interface BoardState {
  meeting: BoardMeetingData | null;
  /** The latest tally of each item, by agenda item id. */
  tallies: Record<string, Tally>;
  /** The last fetch failed (the board keeps what it had and says so). */
  error: CombinedError | null;
}

/** Waits this long after an event before fetching the meeting, so a burst of records costs one fetch. */
const REFETCH_DELAY_MS = 250;

/**
 * `onEvent(before, after)` is called for each live change (not for fetches), e.g. to announce it.
 * Ordering: every fetch and event gets a sequence number; a fetch's tally of an item is ignored when an
 * event for that item arrived after the fetch was sent (the event is at least as new), and a fetch's
 * result is ignored when a later fetch has already been applied.
 */
export function useBoard(id: string, onEvent: (before: Tally | undefined, after: Tally) => void): BoardState {
  const client = useClient();
  const [state, setState] = useState<BoardState>({ meeting: null, tallies: {}, error: null });
  const tallies = useRef<Record<string, Tally>>({});
  const seq = useRef(0);
  const eventSeq = useRef(new Map<string, number>());
  const appliedFetch = useRef(0);
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  });

  const refetch = useCallback(async () => {
    const sent = ++seq.current;
    const result = await client.query(BoardMeeting, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (sent < appliedFetch.current) return;
    if (result.error || !result.data) {
      setState((s) => ({ ...s, error: result.error ?? null }));
      return;
    }
    appliedFetch.current = sent;
    const next = { ...tallies.current };
    for (const t of result.data.meeting.tally.items) {
      if ((eventSeq.current.get(t.agendaItemId) ?? 0) < sent) next[t.agendaItemId] = t;
    }
    tallies.current = next;
    setState({ meeting: result.data.meeting, tallies: next, error: null });
  }, [client, id]);

  // A burst of events: one fetch after it.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const refetchSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void refetch(), REFETCH_DELAY_MS);
  }, [refetch]);
  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    void refetch();
  }, [refetch]);

  useEffect(() => {
    const subscription = client.subscription(BoardTallyUpdated, { id }).subscribe((result) => {
      if (result.error) {
        setState((s) => ({ ...s, error: result.error ?? null }));
        return;
      }
      const after = result.data?.tallyUpdated;
      if (!after) return;
      const before = tallies.current[after.agendaItemId];
      eventSeq.current.set(after.agendaItemId, ++seq.current);
      tallies.current = { ...tallies.current, [after.agendaItemId]: after };
      setState((s) => ({ ...s, tallies: tallies.current }));
      onEventRef.current(before, after);
      refetchSoon();
    });
    return () => subscription.unsubscribe();
  }, [client, id, refetchSoon]);

  // Each new connection of the socket (the first included: events may have come before it): fetch again.
  const { connections } = useLiveStatus();
  const seenConnections = useRef(connections);
  useEffect(() => {
    if (connections > seenConnections.current) void refetch();
    seenConnections.current = connections;
  }, [connections, refetch]);

  return state;
}
