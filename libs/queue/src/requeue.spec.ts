import { RECONCILE_RETRY, ReconcileRetryPolicy, reconcileRetryDelayMs } from './requeue';

describe('reconcileRetryDelayMs', () => {
  const policy: ReconcileRetryPolicy = { maxRetries: 6, firstDelayMs: 1000, maxDelayMs: 5000, countTtlMs: 60_000 };

  it('retries at once the first time, then waits twice as long after each failure, up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((done) => reconcileRetryDelayMs(done, policy))).toEqual([0, 1000, 2000, 4000, 5000, 5000]);
  });

  it('gives up after maxRetries', () => {
    expect(reconcileRetryDelayMs(6, policy)).toBeNull();
    expect(reconcileRetryDelayMs(7, policy)).toBeNull();
  });

  it('by default: five retries over about a quarter of an hour after the first failure', () => {
    const delays = [0, 1, 2, 3, 4].map((done) => reconcileRetryDelayMs(done));
    expect(delays).toEqual([0, 60_000, 120_000, 240_000, 480_000]);
    expect(reconcileRetryDelayMs(RECONCILE_RETRY.maxRetries)).toBeNull();
  });
});
