import { webhookRetryInMs } from './webhook-backoff';

// The Standard Webhooks schedule, the default of WEBHOOK_RETRY_SCHEDULE.
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const STANDARD = [0, 5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 10 * H];

describe('webhookRetryInMs', () => {
  it('follows the schedule after each failed try, with no jitter at random() = 0', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => webhookRetryInMs(n, STANDARD, () => 0))).toEqual([5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 10 * H]);
  });

  it('spans more than a day from the first try to the last', () => {
    const total = [1, 2, 3, 4, 5, 6, 7].reduce((sum, n) => sum + webhookRetryInMs(n, STANDARD, () => 0)!, 0);
    expect(total).toBe(27 * H + 35 * M + 5 * S);
  });

  it('has no try left after the last entry: the delivery is dead-lettered', () => {
    expect(webhookRetryInMs(8, STANDARD)).toBeNull();
    expect(webhookRetryInMs(1, [0])).toBeNull();
  });

  it('takes at most 20% off at random', () => {
    expect(webhookRetryInMs(2, STANDARD, () => 0.999999)).toBe(240_000);
    expect(webhookRetryInMs(2, STANDARD, () => 0.5)).toBe(270_000);
  });

  it('treats a count below one as the first try', () => {
    expect(webhookRetryInMs(0, [0, 300], () => 0)).toBe(300);
  });
});
