import { REDIS_URL, TestApi, TestDatabase, createTestDatabase, deleteRedisKeys, startApi } from '@tripartite/testing';
import { cutDatabase, restoreDatabase } from './db-outage';
import { AppProcess, freePort, health, startProcess, waitFor } from './processes';
import { TcpProxy } from './tcp-proxy';

const UP = { status: 'up' };

/** Waits until /health/ready answers `status` (an outage or a recovery takes a moment to show). */
const readyBecomes = (base: string, status: number) =>
  waitFor(`ready ${status}`, async () => {
    const res = await health(base, 'ready');
    return res.status === status ? res : undefined;
  });

describe('api health', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('is live and ready with PostgreSQL and Redis up, with no token', async () => {
    expect(await health(api.url, 'live')).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await health(api.url, 'ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: UP, redis: UP } });
  });

  it('is not ready while its database is unreachable, stays live, and recovers', async () => {
    await cutDatabase(api.db.name);
    try {
      const ready = await readyBecomes(api.url, 503);
      expect(ready.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } }, info: { redis: UP } });
      expect((await health(api.url, 'live')).status).toBe(200);
    } finally {
      await restoreDatabase(api.db.name);
    }
    expect((await readyBecomes(api.url, 200)).body.info).toEqual({ database: UP, redis: UP });
  });

  it('boots without Redis, but is not ready until Redis answers', async () => {
    // Port 1 on loopback: nothing listens, so connections are refused at once.
    const noRedis = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      expect((await health(noRedis.url, 'live')).status).toBe(200);
      const ready = await health(noRedis.url, 'ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } }, info: { database: UP } });
      // The answer names no host or port of the infrastructure.
      expect(JSON.stringify(ready.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    } finally {
      await noRedis.close();
    }
  });
});

describe('worker health (the built worker, on WORKER_HEALTH_PORT)', () => {
  let db: TestDatabase;
  let redis: TcpProxy;
  let worker: AppProcess;
  let base: string;
  const prefix = `ttops${process.pid}h`;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = TcpProxy.to(REDIS_URL);
    await redis.up();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    worker = startProcess('worker', {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      QUEUE_PREFIX: prefix,
      WORKER_HEALTH_PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    await waitFor('the worker to listen', () => health(base, 'live'), 20000);
  });

  afterAll(async () => {
    await worker?.kill();
    await redis?.down();
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  it('is live and ready with PostgreSQL and Redis up', async () => {
    expect(await health(base, 'live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await readyBecomes(base, 200)).body.info).toEqual({ database: UP, redis: UP });
  });

  it('is not ready while Redis is unreachable, stays live, and recovers', async () => {
    await redis.down();
    try {
      const ready = await readyBecomes(base, 503);
      expect(ready.body).toMatchObject({ error: { redis: { status: 'down' } }, info: { database: UP } });
      expect((await health(base, 'live')).status).toBe(200);
    } finally {
      await redis.up();
    }
    expect((await readyBecomes(base, 200)).body.info).toEqual({ database: UP, redis: UP });
  });

  it('is not ready while its database is unreachable, stays live, and recovers', async () => {
    await cutDatabase(db.name);
    try {
      const ready = await readyBecomes(base, 503);
      expect(ready.body).toMatchObject({ error: { database: { status: 'down' } }, info: { redis: UP } });
      expect((await health(base, 'live')).status).toBe(200);
    } finally {
      await restoreDatabase(db.name);
    }
    expect((await readyBecomes(base, 200)).body.info).toEqual({ database: UP, redis: UP });
  });

  it('came through both outages without crashing, and still stops cleanly', async () => {
    expect(worker.child.exitCode).toBeNull();
    worker.child.kill('SIGTERM');
    expect((await worker.exited(15000)).code).toBe(0);
  });
});
