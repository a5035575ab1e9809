import { emailRetryInMs } from './email-backoff';

const HOUR = 3_600_000;
const DEFAULTS = { retryForMs: 24 * HOUR, backoffMs: 5000, backoffMaxMs: HOUR };

describe('emailRetryInMs', () => {
  it('doubles from EMAIL_BACKOFF_MS per failed try, with no jitter at random() = 0', () => {
    expect([1, 2, 3, 4, 5].map((n) => emailRetryInMs(n, 0, 1000, DEFAULTS, () => 0))).toEqual([5000, 10_000, 20_000, 40_000, 80_000]);
  });

  it('stops doubling at EMAIL_BACKOFF_MAX_MS, however many tries failed', () => {
    expect(emailRetryInMs(12, 0, 1000, DEFAULTS, () => 0)).toBe(HOUR);
    expect(emailRetryInMs(500, 0, 1000, DEFAULTS, () => 0)).toBe(HOUR);
  });

  it('keeps retrying well past the old 75 s window', () => {
    expect(emailRetryInMs(6, 0, 5 * 60_000, DEFAULTS, () => 0)).toBe(160_000);
    expect(emailRetryInMs(30, 0, 20 * HOUR, DEFAULTS, () => 0)).toBe(HOUR);
  });

  it('makes one last try at the end of the window, and none after it', () => {
    expect(emailRetryInMs(30, 0, 24 * HOUR - 1000, DEFAULTS, () => 0)).toBe(1000);
    expect(emailRetryInMs(31, 0, 24 * HOUR, DEFAULTS)).toBeNull();
    expect(emailRetryInMs(1, 0, 25 * HOUR, DEFAULTS)).toBeNull();
  });

  it('counts the window from when the email was owed (a re-send starts a new one)', () => {
    expect(emailRetryInMs(1, 30 * HOUR, 30 * HOUR + 1, DEFAULTS, () => 0)).toBe(5000);
  });

  it('takes at most 20% off at random', () => {
    expect(emailRetryInMs(2, 0, 0, DEFAULTS, () => 0.999999)).toBe(8000);
  });
});
