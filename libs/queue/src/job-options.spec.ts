import type { MinimalJob } from 'bullmq';
import { RECORDED_BACKOFF, RetryLaterError, jobOptions, recordedBackoff } from './job-options';

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
});

describe('jobOptions', () => {
  it('gives webhook deliveries the recorded backoff and WEBHOOK_MAX_ATTEMPTS tries', () => {
    expect(jobOptions({ WEBHOOK_MAX_ATTEMPTS: 8, WEBHOOK_BACKOFF_MS: 1000 }).notifications?.['webhook.deliver']).toEqual({
      attempts: 8,
      backoff: { type: RECORDED_BACKOFF, delay: 1000 },
    });
  });
});
