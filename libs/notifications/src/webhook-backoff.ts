/** At most this share of a backoff is taken off at random: spreads retries, and each gap still exceeds the previous one. */
export const WEBHOOK_BACKOFF_JITTER = 0.2;

/**
 * How long to wait after the `tries`-th failed try of a delivery's cycle: `baseMs` doubling per try,
 * less up to 20% at random. The deliverer records the due time in PostgreSQL and the queue waits exactly this.
 */
export function webhookBackoffMs(tries: number, baseMs: number, random: () => number = Math.random): number {
  const full = baseMs * 2 ** (Math.max(1, tries) - 1);
  return Math.floor(full * (1 - WEBHOOK_BACKOFF_JITTER * random()));
}
