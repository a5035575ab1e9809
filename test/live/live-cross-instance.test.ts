import { Server, createServer } from 'node:net';
import Redis from 'ioredis';
import { hashPassword } from '@tripartite/auth';
import { LiveEventPayloads, liveChannel, redisLiveChannel } from '@tripartite/live';
import { REDIS_URL, TEST_PASSWORD, TestDatabase, createTestDatabase, deleteRedisKeys, gqlRequest, ok } from '@tripartite/testing';
import { Q, draftMarkdown } from '../meetings/meeting-fixtures';
import { AppProcess, health, startProcess, waitFor } from '../ops/processes';
import { Closed, Feed, liveClient, nextClose, quiet, until, warmUp } from './live-client';

const CLIENTS = 50;
const WITHIN_MS = 500;

interface Instance {
  url: string;
  process: AppProcess;
}

/** What the test needs of the built API processes: two instances sharing a database and a Redis. */
interface Cluster {
  a: Instance;
  b: Instance;
  db: TestDatabase;
  prefix: string;
  redis: Redis;
  tokens: { secretariat: string; observer: string };
}

/**
 * One live event, end to end: what N clients subscribe to on instance A, a warm-up published straight
 * into Redis (so the test knows every subscription is listening), and the write through instance B
 * whose event they must all receive (matching `expected`).
 */
interface Scenario {
  name: string;
  field: string;
  subscription: string;
  prepare(c: Cluster): Promise<{
    variables: Record<string, unknown>;
    channel: string;
    publishWarmUp(): Promise<unknown>;
    trigger(): Promise<unknown>;
    expected: Record<string, unknown>;
  }>;
  isWarmUp(data: any): boolean;
}

const gql = (i: Instance, query: string, variables: Record<string, unknown>, token: string) => gqlRequest(i.url, query, variables, token).then(ok);

let prepared = 0;

const stageChanged: Scenario = {
  name: 'stageChanged',
  field: 'stageChanged',
  subscription: `subscription($i: ID!) { stageChanged(instrumentId: $i) { from to reason actor { id } } }`,
  isWarmUp: (d) => d.reason === 'warm-up',
  async prepare(c) {
    const instrument = async (reference: string) => {
      const created = (
        await gql(
          c.b,
          `mutation($r: String!) { createInstrument(input: { reference: $r, title: "Live" }) { id versions { id } } }`,
          { r: reference },
          c.tokens.secretariat,
        )
      ).createInstrument;
      const v = created.versions[0].id;
      await gql(
        c.b,
        `mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`,
        { v, md: '# Live\n\n## I. One\n\n1.1 Text.\n' },
        c.tokens.secretariat,
      );
      await gql(c.b, `mutation($v: ID!) { publishVersion(versionId: $v, changeSummary: "v1") { id } }`, { v }, c.tokens.secretariat);
      return created.id as string;
    };
    const withdraw = (i: string, reason: string) =>
      gql(c.b, `mutation($i: ID!, $r: String) { advanceStage(instrumentId: $i, to: WITHDRAWN, reason: $r) { id } }`, { i, r: reason }, c.tokens.secretariat);
    // A committed move of another instrument, replayed on the watched instrument's channel as the warm-up.
    const n = ++prepared;
    const spare = await instrument(`LIVE/spare/${n}`);
    await withdraw(spare, 'warm-up');
    const [{ id: transitionId }] = await c.db.query<{ id: string }>(`SELECT id FROM stage_transition WHERE instrument_id = $1`, [spare]);
    const watched = await instrument(`LIVE/watched/${n}`);
    const payload: LiveEventPayloads['stageChanged'] = { instrumentId: watched, transitionId };
    const channel = redisLiveChannel(c.prefix, liveChannel('stageChanged', watched));
    return {
      variables: { i: watched },
      channel,
      publishWarmUp: () => c.redis.publish(channel, JSON.stringify(payload)),
      trigger: () => withdraw(watched, 'Superseded'),
      expected: { to: 'WITHDRAWN', reason: 'Superseded' },
    };
  },
};

/** Agenda items whose (unchanged) tally is replayed as the warm-up. */
const warmUpItems = new Set<string>();

const tallyUpdated: Scenario = {
  name: 'tallyUpdated',
  field: 'tallyUpdated',
  subscription: `subscription($m: ID!) { tallyUpdated(meetingId: $m) { agendaItemId outcome supporting opposing abstaining reserving pending } }`,
  isWarmUp: (d) => warmUpItems.has(d.agendaItemId),
  async prepare(c) {
    const staff = (query: string, variables: Record<string, unknown>) => gql(c.b, query, variables, c.tokens.secretariat);
    // A meeting in session on an instrument brought through a consultation round, as the secretariat runs it.
    const created = (await staff(Q.create, { r: `LIVE/meeting/${++prepared}` })).createInstrument;
    const versionId = created.versions[0].id;
    await staff(Q.import, { v: versionId, md: draftMarkdown(2) });
    await staff(Q.publish, { v: versionId });
    await staff(Q.consult, { in: { instrumentId: created.id, versionId, closesAt: new Date(Date.now() + 3_600_000).toISOString() } });
    await staff(Q.advance, { i: created.id, to: 'CONSULTATION' });
    await staff(Q.advance, { i: created.id, to: 'CONSOLIDATION', reason: 'Closed early for the live board' });
    const meeting = (
      await staff(Q.schedule, {
        in: {
          instrumentId: created.id,
          versionId,
          title: 'Live board',
          venue: 'Geneva',
          startsAt: '2030-03-02T08:00:00.000Z',
          endsAt: '2030-03-06T17:00:00.000Z',
        },
      })
    ).scheduleMeeting;
    await staff(Q.advance, { i: created.id, to: 'EXPERTS_MEETING' });
    await staff(Q.openMeeting, { m: meeting.id });
    const [watched, spare] = meeting.agenda.map((i: { id: string }) => i.id as string);
    await staff(Q.openItem, { i: watched });
    // The second item as scheduling committed it, replayed as the warm-up.
    warmUpItems.add(spare);
    const payload: LiveEventPayloads['tallyUpdated'] = { meetingId: meeting.id, agendaItemId: spare };
    const channel = redisLiveChannel(c.prefix, liveChannel('tallyUpdated', meeting.id));
    return {
      variables: { m: meeting.id },
      channel,
      publishWarmUp: () => c.redis.publish(channel, JSON.stringify(payload)),
      trigger: () => staff(Q.position, { i: watched, g: 'GOVERNMENT', p: 'SUPPORT' }),
      expected: { agendaItemId: watched, outcome: 'INCOMPLETE', supporting: ['GOVERNMENT'], pending: ['EMPLOYERS', 'WORKERS'] },
    };
  },
};

/** Distinct free ports: each is held until all are chosen, so two processes never get the same one. */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Server>((resolve) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

describe('live events across API instances (built API, two processes)', () => {
  let cluster: Cluster;
  let db: TestDatabase | undefined;
  let redis: Redis | undefined;
  const processes: AppProcess[] = [];
  const clients: { dispose(): unknown }[] = [];
  const prefix = `ttlive${process.pid}`;

  async function ready(name: string, proc: AppProcess, url: string): Promise<void> {
    try {
      await waitFor(`${name} to be ready`, async () => ((await health(url, 'ready')).status === 200 ? true : undefined), 30_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nstdout:\n${proc.stdout()}\nstderr:\n${proc.stderr()}`);
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const hash = await hashPassword(TEST_PASSWORD);
    await db.query(
      `INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ('secretariat@live.test', 'Secretariat', $1, '{SECRETARIAT}'), ('observer@live.test', 'Observer', $1, '{OBSERVER}')`,
      [hash],
    );
    // A consultation round (on the way to a meeting) needs an organization to invite.
    await db.query(`INSERT INTO organization (name, "group") VALUES ('Ministry of Labour', 'GOVERNMENT')`);
    const env = { NODE_ENV: 'test', DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' };
    const [portA, portB, workerPort] = await freePorts(3);
    const start = (name: string, port: number): Instance => {
      const proc = startProcess('api', { ...env, PORT: String(port) });
      processes.push(proc);
      return { url: `http://127.0.0.1:${port}`, process: proc };
    };
    const a = start('instance A', portA);
    const b = start('instance B', portB);
    const worker = startProcess('worker', { ...env, WORKER_HEALTH_PORT: String(workerPort) });
    processes.push(worker);
    await Promise.all([
      ready('instance A', a.process, a.url),
      ready('instance B', b.process, b.url),
      ready('the worker', worker, `http://127.0.0.1:${workerPort}`),
    ]);
    const login = async (email: string) =>
      (await gql(b, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, { e: email, p: TEST_PASSWORD }, '')).login
        .accessToken as string;
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    cluster = { a, b, db, prefix, redis, tokens: { secretariat: await login('secretariat@live.test'), observer: await login('observer@live.test') } };
  }, 90_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await Promise.all(processes.map((p) => p.kill()));
    redis?.disconnect();
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  it.each([stageChanged, tallyUpdated])(
    `delivers $name, written through instance B, to ${CLIENTS} clients of instance A, each within ${WITHIN_MS} ms`,
    async (scenario) => {
      const { variables, channel, publishWarmUp, trigger, expected } = await scenario.prepare(cluster);
      const feeds: Feed[] = [];
      for (let n = 0; n < CLIENTS; n++) {
        const client = liveClient(cluster.a.url, cluster.tokens.observer);
        clients.push(client);
        feeds.push(new Feed(client, scenario.subscription, variables, scenario.field));
      }
      await warmUp(feeds, publishWarmUp, scenario.isWarmUp, 20_000);
      // Warm-ups still in flight would queue ahead of the event being timed.
      await quiet(feeds, 300, 10_000);

      // The write's event as Redis carries it, seen by the test itself: the instant delivery starts from.
      const watcher = cluster.redis.duplicate();
      let publishedAt = 0;
      watcher.on('message', () => (publishedAt ||= Date.now()));
      await watcher.subscribe(channel);
      await trigger();
      const real = (f: Feed) => f.events.filter((e) => !scenario.isWarmUp(e.data));
      await until('every client to receive the event', () => feeds.every((f) => real(f).length > 0), 5_000).catch(() => undefined);

      watcher.disconnect();
      const delays = feeds.map((f) => (real(f).length ? real(f)[0].at - publishedAt : Infinity));
      expect(delays.filter((d) => d > WITHIN_MS)).toEqual([]);
      expect(feeds.map((f) => real(f).length)).toEqual(feeds.map(() => 1));
      for (const f of feeds) expect(real(f)[0].data).toMatchObject(expected);
      expect(feeds.flatMap((f) => f.errors)).toEqual([]);
    },
    60_000,
  );

  // Last: it stops instance A.
  it('shuts down on SIGTERM with subscriptions open, closing them and exiting cleanly', async () => {
    const { variables, publishWarmUp } = await stageChanged.prepare(cluster);
    const feeds: Feed[] = [];
    const closes: Promise<Closed>[] = [];
    for (let n = 0; n < 10; n++) {
      const client = liveClient(cluster.a.url, cluster.tokens.observer);
      clients.push(client);
      closes.push(nextClose(client));
      feeds.push(new Feed(client, stageChanged.subscription, variables, stageChanged.field));
    }
    await warmUp(feeds, publishWarmUp, stageChanged.isWarmUp);

    cluster.a.process.child.kill('SIGTERM');
    const exit = await cluster.a.process.exited(10_000);
    expect((await Promise.all(closes)).map((c) => c.code)).toEqual(closes.map(() => 1001));
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(cluster.a.process.stderr()).toBe('');
    expect(cluster.a.process.logs().filter((l) => Number(l.level) >= 50)).toEqual([]);
  }, 30_000);
});
