/** At most this share of a wait is taken off at random. */
export const EMAIL_BACKOFF_JITTER = 0.2;

export interface EmailRetryPolicy {
  /** EMAIL_RETRY_FOR: how long after it was first owed (or re-sent) an email is tried. */
  retryForMs: number;
  /** EMAIL_BACKOFF_MS: the wait after the first failed try, doubling after each next one... */
  backoffMs: number;
  /** ...up to EMAIL_BACKOFF_MAX_MS. */
  backoffMaxMs: number;
}

/**
 * How long to wait after the `tries`-th failed try of an email owed since `owedSinceMs` (at `nowMs`, the database
 * clock): `backoffMs` doubling per try up to `backoffMaxMs`, less up to 20% at random, and never past the end of the
 * window, where one last try is made; null once the window is over (the email is DEAD).
 */
export function emailRetryInMs(tries: number, owedSinceMs: number, nowMs: number, policy: EmailRetryPolicy, random: () => number = Math.random): number | null {
  const end = owedSinceMs + policy.retryForMs;
  if (nowMs >= end) return null;
  const full = Math.min(policy.backoffMaxMs, policy.backoffMs * 2 ** Math.min(40, Math.max(1, tries) - 1));
  return Math.min(end - nowMs, Math.floor(full * (1 - EMAIL_BACKOFF_JITTER * random())));
}
