import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Client } from 'pg';
import { bullConnection } from '@tripartite/queue';
import { REDIS_URL, TestDatabase, createTestDatabase, deleteRedisKeys } from '@tripartite/testing';
import { AppProcess, freePort, health, startProcess, waitFor } from './processes';

// The advisory lock every audit sealer takes (libs/audit/src/repositories/audit-event.repository.ts). Holding it from the
// test parks the worker's next audit.seal job mid-run, so SIGTERM finds a job in flight.
const SEALER_LOCK = 7_246_311;

describe('worker graceful shutdown (the built worker, SIGTERM)', () => {
  let db: TestDatabase;
  let holder: Client | undefined;
  let worker: AppProcess | undefined;
  let queue: Queue;
  const prefix = `ttops${process.pid}s`;

  beforeAll(async () => {
    db = await createTestDatabase();
    queue = new Queue('maintenance', { connection: bullConnection(REDIS_URL), prefix });
  });
  afterEach(async () => {
    await holder?.end().catch(() => undefined);
    holder = undefined;
    await worker?.kill();
    worker = undefined;
  });
  afterAll(async () => {
    await queue?.close();
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  async function startWorker(shutdownTimeoutMs: number): Promise<AppProcess> {
    const port = await freePort();
    const proc = startProcess('worker', {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      WORKER_HEALTH_PORT: String(port),
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
      // Running jobs' locks are renewed every 500 ms: the sign that the worker still holds them.
      JOB_LOCK_DURATION_MS: '1000',
    });
    await waitFor('the worker to be ready', async () => ((await health(`http://127.0.0.1:${port}`, 'ready')).status === 200 ? true : undefined), 20000);
    return proc;
  }

  /** Takes the sealer lock in an open transaction and records one audit event in it. */
  async function holdSealerLock(): Promise<{ client: Client; eventId: string }> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEALER_LOCK]);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO audit_event (action, entity_type, entity_id) VALUES ('ops.shutdown-test', 'test', 'x') RETURNING id`,
    );
    return { client, eventId: rows[0].id };
  }

  /** How many of the worker's seal jobs wait for the lock, i.e. are running. */
  const sealJobsWaiting = async () => {
    const { rows } = await holder!.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'tripartite' AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    );
    return rows[0].n;
  };
  const sealJobInFlight = () => waitFor('a seal job to wait for the lock', async () => ((await sealJobsWaiting()) > 0 ? true : undefined));

  const messages = (proc: AppProcess) => proc.logs().map((l) => String(l.msg));

  /** Resolves once the worker has renewed a running job's lock `times` times: it is alive and still holds the job. */
  async function lockRenewed(times: number): Promise<void> {
    const [job] = await queue.getActive();
    // BullMQ's own connection is ioredis (its declared type is narrower).
    const redis = (await queue.client) as unknown as Redis;
    const key = `${prefix}:maintenance:${job.id}:lock`;
    let last = await redis.pttl(key);
    let renewals = 0;
    await waitFor(
      "the running job's lock to be renewed",
      async () => {
        const ttl = await redis.pttl(key);
        if (ttl > last) renewals++;
        last = ttl;
        return renewals >= times ? true : undefined;
      },
      10_000,
      50,
    );
  }

  it('stops taking jobs, lets the running job finish, closes and exits 0', async () => {
    worker = await startWorker(10000);
    const held = await holdSealerLock();
    holder = held.client;
    await sealJobInFlight();
    // One at a time: the scheduler queues the next seal only once this one is done.
    const waitingSeals = await sealJobsWaiting();

    worker.child.kill('SIGTERM');
    const draining = await waitFor('the worker to start draining', async () =>
      worker!.logs().find((l) => l.msg === 'stopped taking jobs; waiting for running ones'),
    );
    expect(draining).toMatchObject({ app: 'worker', running: expect.any(Number) });
    expect(draining!.running as number).toBeGreaterThanOrEqual(waitingSeals);
    // A job queued now is left for the next worker (this one has capacity for 5 at once).
    const late = await queue.add('audit.seal', {});
    // While the job runs the worker waits for it (well inside the 10 s bound), renewing its lock.
    await lockRenewed(2);
    expect(worker.child.exitCode).toBeNull();
    expect(await sealJobsWaiting()).toBe(waitingSeals);
    expect(await late.getState()).toBe('waiting');

    await held.client.query('COMMIT');
    const { code, signal } = await worker.exited(30_000);
    expect({ code, signal }).toEqual({ code: 0, signal: null });

    // The job that was running when SIGTERM came finished its work: the event is sealed.
    const [event] = await db.query<{ sequence: string | null; hash: string | null }>(`SELECT sequence, hash FROM audit_event WHERE id = $1`, [held.eventId]);
    expect(event.sequence).not.toBeNull();
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);

    const log = messages(worker);
    const order = ['SIGTERM received: shutting down', 'stopped taking jobs; waiting for running ones', 'workers stopped'].map((m) => log.indexOf(m));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(worker.logs().find((l) => l.msg === 'workers stopped')).toMatchObject({ running: 0 });
    expect(log).not.toContain('jobs still running after 10000 ms; closing anyway');
    expect(worker.stderr()).toBe('');
    expect(await queue.getJobState(late.id!)).toBe('waiting');
  });

  it('does not wait past SHUTDOWN_TIMEOUT_MS for a job that hangs, and exits non-zero', async () => {
    worker = await startWorker(1000);
    const held = await holdSealerLock();
    holder = held.client;
    await sealJobInFlight();

    const signalled = Date.now();
    worker.child.kill('SIGTERM');
    // The job hangs until the lock is released, which happens only after the worker has exited:
    // exiting at all shows it did not wait for the job's whole run.
    const { code } = await worker.exited(30_000);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1000);
    expect(code).toBe(1);
    expect(messages(worker)).toContain('jobs still running after 1000 ms; closing anyway');
    await held.client.query('ROLLBACK');
  });
});
