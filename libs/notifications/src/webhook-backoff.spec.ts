import { webhookBackoffMs } from './webhook-backoff';

describe('webhookBackoffMs', () => {
  it('doubles per try from the base, with no jitter at random() = 0', () => {
    expect([1, 2, 3, 4].map((n) => webhookBackoffMs(n, 1000, () => 0))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('takes at most 20% off, so each gap still exceeds the previous one', () => {
    expect(webhookBackoffMs(3, 1000, () => 0.999999)).toBe(3200);
    expect(webhookBackoffMs(3, 1000, () => 0.999999)).toBeGreaterThan(webhookBackoffMs(2, 1000, () => 0));
  });

  it('treats a count below one as the first try', () => {
    expect(webhookBackoffMs(0, 300, () => 0)).toBe(300);
  });
});
