import type { MinimalJob } from 'bullmq';
import { EXTRA_ATTEMPTS, RECORDED_BACKOFF, RECORDED_BACKOFF_MAX_MS, RetryLaterError, emailTriesBound, jobOptions, recordedBackoff } from './job-options';

const jobWith = (backoff: { type: string; delay?: number } | number) => ({ opts: { backoff } }) as unknown as MinimalJob;

describe('recordedBackoff', () => {
  it('waits exactly the delay the handler recorded, whatever the attempt', () => {
    expect(recordedBackoff(1, RECORDED_BACKOFF, new RetryLaterError('later', 4321.4), jobWith({ type: RECORDED_BACKOFF, delay: 1000 }))).toBe(4321);
    expect(recordedBackoff(6, RECORDED_BACKOFF, new RetryLaterError('later', 10), jobWith({ type: RECORDED_BACKOFF, delay: 1000 }))).toBe(10);
  });

  it('falls back to the job delay doubling per attempt for an error that recorded nothing', () => {
    const job = jobWith({ type: RECORDED_BACKOFF, delay: 300 });
    expect([1, 2, 3].map((n) => recordedBackoff(n, RECORDED_BACKOFF, new Error('database away'), job))).toEqual([300, 600, 1200]);
  });

  it('caps that fallback, so a job that retried often does not wait for days', () => {
    const job = jobWith({ type: RECORDED_BACKOFF, delay: 5000 });
    expect(recordedBackoff(40, RECORDED_BACKOFF, new Error('database away'), job)).toBe(RECORDED_BACKOFF_MAX_MS);
  });
});

const config = { webhookRetryScheduleMs: [0, 5000, 300_000], emailRetryForMs: 86_400_000, EMAIL_BACKOFF_MS: 5000, EMAIL_BACKOFF_MAX_MS: 3_600_000 };

describe('jobOptions', () => {
  it('gives webhook deliveries the recorded backoff and more queue attempts than the schedule has tries', () => {
    // An unexpected error (nothing recorded) waits from the schedule's first retry.
    expect(jobOptions(config).webhooks?.['webhook.deliver']).toEqual({ attempts: 3 + EXTRA_ATTEMPTS, backoff: { type: RECORDED_BACKOFF, delay: 5000 } });
  });

  it('gives emails the recorded backoff and more queue attempts than fit in EMAIL_RETRY_FOR', () => {
    expect(jobOptions(config).emails?.['email.send']).toEqual({
      attempts: emailTriesBound(config) + EXTRA_ATTEMPTS,
      backoff: { type: RECORDED_BACKOFF, delay: 5000 },
    });
  });
});

describe('emailTriesBound', () => {
  it('counts the tries of the window at their shortest waits, and the last one at its end', () => {
    // 800 ms, then 1600 ms (80% of 1 s, 2 s) exceed 2 s: tries at 0, 0.8 s, 2.4 s (past the end, so at it).
    expect(emailTriesBound({ emailRetryForMs: 2000, EMAIL_BACKOFF_MS: 1000, EMAIL_BACKOFF_MAX_MS: 60_000 })).toBe(4);
    // Capped waits of 0.8 s: 10 s take 13 of them.
    expect(emailTriesBound({ emailRetryForMs: 10_000, EMAIL_BACKOFF_MS: 1000, EMAIL_BACKOFF_MAX_MS: 1000 })).toBe(15);
    expect(emailTriesBound(config)).toBeGreaterThan(24);
  });
});
