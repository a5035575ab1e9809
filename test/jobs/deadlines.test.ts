import { People, TestApi, deleteRedisKeys, ok, seedPeople, startApi } from '@tripartite/testing';
import { AppProcess, freePort, health, startProcess, waitFor } from '../ops/processes';
import { TcpProxy } from '../ops/tcp-proxy';

const CREATE = `mutation($r: String!) { createInstrument(input: { reference: $r, title: "Deadline test" }) { id versions { id } } }`;
const IMPORT = `mutation($v: ID!) { importDraftMarkdown(versionId: $v, markdown: "# T\\n\\n## I. One\\n\\n1.1 A rule.\\n") { id } }`;
const PUBLISH = `mutation($v: ID!) { publishVersion(versionId: $v) { id } }`;
const SCHEDULE = `mutation($i: ID!, $v: ID!, $c: DateTime!) { scheduleConsultation(input: { instrumentId: $i, versionId: $v, closesAt: $c }) { id } }`;
const ADVANCE = `mutation($i: ID!) { advanceStage(instrumentId: $i, to: CONSULTATION) { stage } }`;
const EXTEND = `mutation($r: ID!, $c: DateTime!) { extendConsultation(roundId: $r, closesAt: $c, reason: "More time asked for") { closesAt } }`;

interface RoundState {
  status: string;
  closes_at: Date;
  closed_at: Date | null;
  stage: string;
}

describe('deadline jobs with the real worker', () => {
  let api: TestApi;
  let people: People;
  let secretariat: string;
  let worker: AppProcess;
  let healthPort: number;
  let n = 0;

  const workerEnv = () => ({
    NODE_ENV: 'test',
    DATABASE_URL: api.db.url,
    REDIS_URL: process.env.REDIS_URL!,
    QUEUE_PREFIX: api.prefix,
    WORKER_HEALTH_PORT: String(healthPort),
    RECONCILE_INTERVAL_MS: '1000',
    LOG_LEVEL: 'warn',
  });

  beforeAll(async () => {
    api = await startApi();
    people = await seedPeople(api.app);
    secretariat = await api.login(people.secretariat.email);
    healthPort = await freePort();
    worker = startProcess('worker', workerEnv());
  });
  afterAll(async () => {
    await worker?.kill();
    await api?.close();
  });

  /** An instrument in CONSULTATION whose round closes `ms` from now (as the database counts). */
  async function openRound(ms: number): Promise<{ instrumentId: string; roundId: string; closesAt: Date }> {
    const created = ok(await api.gql(CREATE, { r: `DL/${++n}` }, secretariat)).createInstrument;
    const versionId = created.versions[0].id;
    ok(await api.gql(IMPORT, { v: versionId }, secretariat));
    ok(await api.gql(PUBLISH, { v: versionId }, secretariat));
    const [{ now }] = await api.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`);
    const closesAt = new Date(now.getTime() + ms);
    const round = ok(await api.gql(SCHEDULE, { i: created.id, v: versionId, c: closesAt.toISOString() }, secretariat)).scheduleConsultation;
    ok(await api.gql(ADVANCE, { i: created.id }, secretariat));
    return { instrumentId: created.id, roundId: round.id, closesAt };
  }

  async function state(roundId: string): Promise<RoundState> {
    const [row] = await api.db.query<RoundState>(
      `SELECT r.status, r.closes_at, r.closed_at, i.stage FROM consultation_round r JOIN instrument i ON i.id = r.instrument_id WHERE r.id = $1`,
      [roundId],
    );
    return row;
  }

  const closed = (roundId: string, ms: number) =>
    waitFor(
      'the round to close',
      async () => {
        const s = await state(roundId);
        return s.status === 'CLOSED' ? s : undefined;
      },
      ms,
      50,
    );

  /** Close jobs the worker has completed so far (its metrics): a job that found nothing to do counts too. */
  const closeJobsDone = async () =>
    Number(
      /tripartite_job_duration_seconds_count\{queue="deadlines",name="round.close",outcome="completed"\} (\d+)/.exec(
        await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text(),
      )?.[1] ?? 0,
    );

  // How late a close is, is measured by bench/ (benchmark 4); here: by the system, not before the deadline, once.
  it('closes a round once its deadline has passed, as the system, through the workflow, once', async () => {
    const { instrumentId, roundId, closesAt } = await openRound(2000);
    const s = await closed(roundId, 30_000);
    expect(s.stage).toBe('CONSOLIDATION');
    expect(s.closed_at!.getTime()).toBeGreaterThanOrEqual(closesAt.getTime());
    const transitions = await api.db.query<{ actor_id: string | null; early_close: boolean }>(
      `SELECT actor_id, early_close FROM stage_transition WHERE instrument_id = $1 AND to_stage = 'CONSOLIDATION'`,
      [instrumentId],
    );
    expect(transitions).toEqual([{ actor_id: null, early_close: false }]);
    await waitFor('the audit event by the system', async () => {
      const rows = await api.db.query(`SELECT 1 FROM audit_event WHERE entity_id = $1 AND action = 'stage.changed' AND actor_id IS NULL`, [instrumentId]);
      return rows.length === 1 ? true : undefined;
    });
    // The job records its duration once it has finished, a little after the round's row says closed.
    await waitFor('the close job to complete', async () => ((await closeJobsDone()) >= 1 ? true : undefined), 30_000, 50);
    const metrics = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
    expect(Number(/tripartite_round_close_lateness_seconds_count (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/tripartite_queue_jobs\{queue="deadlines",state="(completed|delayed)"\} \d+/);
  });

  it('follows an extension: the old job does nothing, the new deadline closes the round', async () => {
    const done = await closeJobsDone();
    const { roundId, closesAt } = await openRound(2000);
    const later = new Date(closesAt.getTime() + 2500);
    ok(await api.gql(EXTEND, { r: roundId, c: later.toISOString() }, secretariat));
    // The old deadline's job has run (and found the deadline moved) before the new one is due.
    await waitFor('the old close job to run', async () => ((await closeJobsDone()) > done ? true : undefined), 30_000, 50);
    const afterOld = await state(roundId);
    if (Date.now() < later.getTime()) expect(afterOld.status).toBe('OPEN');
    const s = await closed(roundId, 30_000);
    expect(s.closed_at!.getTime()).toBeGreaterThanOrEqual(later.getTime());
  });

  it('still closes the round when Redis loses every job (reconcile)', async () => {
    const { roundId, closesAt } = await openRound(3000);
    // Let the relay hand the close job to BullMQ, then lose everything this app keeps in Redis.
    await waitFor('the close job to be dispatched', async () => {
      const rows = await api.db.query(`SELECT 1 FROM outbox WHERE payload->>'roundId' = $1 AND dispatched_at IS NOT NULL`, [roundId]);
      return rows.length ? true : undefined;
    });
    // FLUSHALL would also wipe the keys of test files running in parallel; deleting this run's prefix is the same loss for this worker.
    await deleteRedisKeys(api.prefix);
    // The reconcile (every second here) re-creates the lost job.
    const s = await closed(roundId, 30_000);
    expect(s.closed_at!.getTime()).toBeGreaterThanOrEqual(closesAt.getTime());
    expect(s.stage).toBe('CONSOLIDATION');
  });

  it('loses no job when the worker dies between commit and enqueue: the next worker sends the pending rows', async () => {
    await worker.kill();
    const { roundId, closesAt } = await openRound(2500);
    const [{ pending }] = await api.db.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM outbox WHERE payload->>'roundId' = $1 AND dispatched_at IS NULL`,
      [roundId],
    );
    expect(pending).toBeGreaterThanOrEqual(1);
    worker = startProcess('worker', workerEnv());
    const s = await closed(roundId, 30_000);
    expect(s.closed_at!.getTime()).toBeGreaterThanOrEqual(closesAt.getTime());
    // Work the worker itself adds (fan-out, emails) is relayed within the sweep interval; nothing older stays.
    await waitFor('the outbox to drain', async () => {
      const [{ stale }] = await api.db.query<{ stale: number }>(
        `SELECT count(*)::int AS stale FROM outbox WHERE dispatched_at IS NULL AND created_at < clock_timestamp() - interval '2 seconds'`,
      );
      return stale === 0 ? true : undefined;
    });
  });
});

describe('a worker whose Redis goes away', () => {
  let api: TestApi;
  let worker: AppProcess;
  let proxy: TcpProxy;

  beforeAll(async () => {
    api = await startApi();
    proxy = TcpProxy.to(process.env.REDIS_URL!);
    await proxy.up();
  });
  afterAll(async () => {
    await worker?.kill();
    await proxy?.down();
    await api?.close();
  });

  it('reports not ready while Redis is down and resumes its jobs by itself when it returns', async () => {
    const port = await freePort();
    worker = startProcess('worker', {
      NODE_ENV: 'test',
      DATABASE_URL: api.db.url,
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
      QUEUE_PREFIX: api.prefix,
      WORKER_HEALTH_PORT: String(port),
      RECONCILE_INTERVAL_MS: '1000',
      LOG_LEVEL: 'warn',
    });
    await waitFor('ready', async () => ((await health(`http://127.0.0.1:${port}`, 'ready')).status === 200 ? true : undefined), 20_000);
    await proxy.down();
    await waitFor('not ready', async () => ((await health(`http://127.0.0.1:${port}`, 'ready')).status === 503 ? true : undefined), 10_000);
    // Work arrives while Redis is away: an audit event, sealed by the worker's repeatable job.
    await api.db.query(`INSERT INTO audit_event (action, entity_type, entity_id) VALUES ('test.outage', 'Test', 'x')`);
    // The worker keeps trying Redis meanwhile (two more failed connections logged) and stays alive.
    const complaints = () => worker!.logs().filter((l) => l.msg === 'worker connection error').length;
    const before = complaints();
    await waitFor('the worker to try Redis again, twice', async () => (complaints() >= before + 2 ? true : undefined), 20_000);
    expect((await health(`http://127.0.0.1:${port}`, 'live')).status).toBe(200);
    await proxy.up();
    await waitFor('ready again', async () => ((await health(`http://127.0.0.1:${port}`, 'ready')).status === 200 ? true : undefined), 20_000);
    await waitFor(
      'the worker to seal the event',
      async () => {
        const [row] = await api.db.query<{ sequence: string | null }>(`SELECT sequence FROM audit_event WHERE action = 'test.outage'`);
        return row.sequence !== null ? true : undefined;
      },
      20_000,
    );
  });
});
