/**
 * The BullMQ job ids of the notification pipeline, derived from what PostgreSQL records, so that whoever
 * queues a job (the outbox relay, a replay, the reconcile after Redis lost its jobs) names it alike and a
 * second add of a job still in Redis is a no-op.
 */
export const fanoutJobId = (eventId: string): string => `fanout-${eventId}`;

/** An admin's re-send of a DEAD email starts a fresh window of tries, so it needs a job of its own. */
export const emailJobId = (eventId: string, userId: string, resends = 0): string =>
  resends > 0 ? `email-${eventId}-${userId}-resend-${resends}` : `email-${eventId}-${userId}`;

/**
 * A replay starts a fresh set of tries, and a webhook made active again resumes its waiting deliveries, so each
 * needs a job of its own; a job whose id is no longer the delivery's does nothing (see WebhookDeliverer).
 */
export const webhookJobId = (deliveryId: string, replays = 0, resumes = 0): string =>
  `webhook-${deliveryId}${replays > 0 ? `-replay-${replays}` : ''}${resumes > 0 ? `-resume-${resumes}` : ''}`;

/** The replay and resume counts a webhook job id names (the inverse of webhookJobId); null for another id. */
export function webhookJobGeneration(deliveryId: string, jobId: string): { replays: number; resumes: number } | null {
  const m = new RegExp(`^webhook-${deliveryId}(?:-replay-([1-9]\\d*))?(?:-resume-([1-9]\\d*))?$`).exec(jobId);
  return m ? { replays: Number(m[1] ?? 0), resumes: Number(m[2] ?? 0) } : null;
}
