import { loadConfig } from '@tripartite/config';

describe('notification settings', () => {
  it('default to Europe/Zurich, 8 webhook tries from 1 s, a 10 s timeout, and no private webhook targets in production', () => {
    expect(loadConfig({})).toMatchObject({
      SECRETARIAT_TIME_ZONE: 'Europe/Zurich',
      WEBHOOK_MAX_ATTEMPTS: 8,
      WEBHOOK_BACKOFF_MS: 1000,
      WEBHOOK_TIMEOUT_MS: 10000,
      WEBHOOK_ALLOW_PRIVATE: false,
    });
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

  it('refuse zero webhook tries', () => {
    expect(() => loadConfig({ WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(/WEBHOOK_MAX_ATTEMPTS/);
  });
});
