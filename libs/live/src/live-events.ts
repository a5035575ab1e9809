/**
 * Live events for subscriptions. Payloads carry ids (and the tally, which is not personal);
 * each subscriber's resolver re-reads what it may see. Publish only after commit (tx.afterCommit).
 */
export interface LiveEventPayloads {
  tallyUpdated: { meetingId: string; agendaItemId: string };
  stageChanged: { instrumentId: string; transitionId: string };
  commentSubmitted: { roundId: string; commentId: string };
  notificationAdded: { userId: string; notificationId: string };
}

export type LiveEventName = keyof LiveEventPayloads;

/** The Redis channel of an event for one subject (meeting, instrument, round, user). */
export function liveChannel<E extends LiveEventName>(event: E, subjectId: string): string {
  return `${event}.${subjectId}`;
}
