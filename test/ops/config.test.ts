import { AppName, startProcess } from './processes';

// Nothing here reaches PostgreSQL or Redis: a bad setting must stop the process before it connects.
const CASES: [AppName, string, Record<string, string>][] = [
  ['api', 'PORT', { PORT: 'abc' }],
  ['api', 'JWT_SECRET', { NODE_ENV: 'production' }],
  ['api', 'DATABASE_URL', { DATABASE_URL: 'mysql://root@127.0.0.1/tripartite' }],
  ['api', 'ADMIN_PASSWORD', { ADMIN_EMAIL: 'root@example.org' }],
  ['worker', 'WORKER_HEALTH_PORT', { WORKER_HEALTH_PORT: '70000' }],
  ['worker', 'QUEUE_PREFIX', { QUEUE_PREFIX: 'tri:prod' }],
  ['worker', 'REDIS_URL', { REDIS_URL: 'http://127.0.0.1:6379' }],
  ['worker', 'JWT_TTL', { JWT_TTL: 'forever' }],
  ['worker', 'WORKER_CONCURRENCY_EMAILS', { WORKER_CONCURRENCY_EMAILS: '0' }],
  ['worker', 'AUDIT_SIGNING_KEY', { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }],
  ['api', 'AUDIT_SIGNING_KEY', { AUDIT_SIGNING_KEY: 'not-a-key' }],
];

describe('a bad setting stops the built apps', () => {
  it.each(CASES)('%s with a bad %s exits 1 with one line naming it', async (app, variable, env) => {
    const proc = startProcess(app, env);
    try {
      const { code } = await proc.exited(8000);
      expect(code).toBe(1);
      const lines = proc.stderr().split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${variable} \\S`));
      expect(proc.stdout()).toBe('');
    } finally {
      await proc.kill();
    }
  });
});
