/**
 * The BullMQ job ids of the notification pipeline, derived from what PostgreSQL records, so that whoever
 * queues a job (the outbox relay, a replay, the reconcile after Redis lost its jobs) names it alike and a
 * second add of a job still in Redis is a no-op.
 */
export const fanoutJobId = (eventId: string): string => `fanout-${eventId}`;

export const emailJobId = (eventId: string, userId: string): string => `email-${eventId}-${userId}`;

/** A replay starts a fresh set of tries, so it needs a job of its own: one per replay. */
export const webhookJobId = (deliveryId: string, replays = 0): string =>
  replays > 0 ? `webhook-${deliveryId}-replay-${replays}` : `webhook-${deliveryId}`;
