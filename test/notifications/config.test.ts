import { loadConfig } from '@tripartite/config';

describe('notification settings', () => {
  it('default to Europe/Zurich, the Standard Webhooks retry schedule, a 10 s timeout, no private webhook targets in production, and a day of email retries', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      SECRETARIAT_TIME_ZONE: 'Europe/Zurich',
      WEBHOOK_RETRY_SCHEDULE: ['0s', '5s', '5m', '30m', '2h', '5h', '10h', '10h'],
      WEBHOOK_TIMEOUT_MS: 10000,
      WEBHOOK_ALLOW_PRIVATE: false,
      EMAIL_RETRY_FOR: '24h',
      EMAIL_BACKOFF_MS: 5000,
      EMAIL_BACKOFF_MAX_MS: 3_600_000,
    });
    expect(config.webhookRetryScheduleMs).toEqual([0, 5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(config.emailRetryForMs).toBe(86_400_000);
  });

  it('read a retry schedule in ms, s, m, h or d', () => {
    expect(loadConfig({ WEBHOOK_RETRY_SCHEDULE: '0s, 300ms,2m,1d' }).webhookRetryScheduleMs).toEqual([0, 300, 120_000, 86_400_000]);
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: '0s,soon' })).toThrow(/^Invalid configuration: WEBHOOK_RETRY_SCHEDULE must be durations/);
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: Array(51).fill('1s').join(',') })).toThrow(/WEBHOOK_RETRY_SCHEDULE must name at most 50 tries/);
    expect(() => loadConfig({ EMAIL_RETRY_FOR: 'a day' })).toThrow(/EMAIL_RETRY_FOR/);
  });

  it('refuse the settings the schedule replaced, rather than ignore them', () => {
    expect(() => loadConfig({ WEBHOOK_MAX_ATTEMPTS: '8' })).toThrow(
      'Invalid configuration: WEBHOOK_MAX_ATTEMPTS is no longer read; use WEBHOOK_RETRY_SCHEDULE (one entry per try)',
    );
    expect(() => loadConfig({ WEBHOOK_BACKOFF_MS: '1000' })).toThrow(/WEBHOOK_BACKOFF_MS is no longer read/);
  });

  it('take a valid IANA time zone and refuse anything else, naming the variable', () => {
    expect(loadConfig({ SECRETARIAT_TIME_ZONE: 'America/Sao_Paulo' }).SECRETARIAT_TIME_ZONE).toBe('America/Sao_Paulo');
    expect(() => loadConfig({ SECRETARIAT_TIME_ZONE: 'Mars/Olympus_Mons' })).toThrow(
      'Invalid configuration: SECRETARIAT_TIME_ZONE must be an IANA time zone such as Europe/Zurich',
    );
  });

  it('read WEBHOOK_ALLOW_PRIVATE as true or false only', () => {
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'true' }).WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'false' }).WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow('Invalid configuration: WEBHOOK_ALLOW_PRIVATE must be true or false');
  });

  it('refuse a schedule without a try', () => {
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: ',' })).toThrow(/WEBHOOK_RETRY_SCHEDULE must name at least one try/);
  });
});
