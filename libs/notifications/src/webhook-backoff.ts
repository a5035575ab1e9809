/** At most this share of a wait is taken off at random: spreads the retries of many deliveries to one receiver. */
export const WEBHOOK_BACKOFF_JITTER = 0.2;

/**
 * How long to wait after the `tries`-th failed try of a delivery's cycle: the schedule's next entry
 * (WEBHOOK_RETRY_SCHEDULE: entry 0 is the first try, entry n the wait after the n-th), less up to 20% at random;
 * null when the schedule has no try left. The deliverer records the due time in PostgreSQL and the queue waits exactly this.
 */
export function webhookRetryInMs(tries: number, scheduleMs: readonly number[], random: () => number = Math.random): number | null {
  const next = scheduleMs[Math.max(1, tries)];
  if (next === undefined) return null;
  return Math.floor(next * (1 - WEBHOOK_BACKOFF_JITTER * random()));
}
