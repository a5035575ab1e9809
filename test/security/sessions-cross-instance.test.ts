// A role change, a deactivation and a sign-out made through one api instance apply to the very next request
// on another, and close that instance's WebSockets: two built api processes on one database and one Redis.
// Each instance may keep what it read of a session for a minute here (SESSION_CACHE_MS): only the change
// announced through Redis can explain what the other instance does at once.
import Redis from 'ioredis';
import { hashPassword, sessionChangesChannel } from '@tripartite/auth';
import { REDIS_URL, TEST_PASSWORD, TestDatabase, createTestDatabase, deleteRedisKeys, errorOf, gqlRequest, ok } from '@tripartite/testing';
import { AppProcess, freePort, health, startProcess, waitFor } from '../ops/processes';
import { Closed, Feed, connectionOutcome, liveClient, nextClose } from '../live/live-client';

const AUDIT = `{ auditLog(first: 1) { edges { cursor } } }`;
const ME = `{ me { id roles } }`;

describe('sessions across api instances (built api, two processes)', () => {
  let db: TestDatabase;
  let redis: Redis;
  const processes: AppProcess[] = [];
  const clients: { dispose(): unknown }[] = [];
  const prefix = `ttsess${process.pid}`;
  let a: string;
  let b: string;
  const ids: Record<string, string> = {};

  const login = async (url: string, email: string) =>
    ok(await gqlRequest(url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, { e: email, p: TEST_PASSWORD })).login
      .accessToken as string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const hash = await hashPassword(TEST_PASSWORD);
    for (const [name, roles] of [
      ['admin', '{ADMIN}'],
      ['secretariat', '{SECRETARIAT}'],
      ['observer', '{OBSERVER}'],
    ] as const) {
      const [row] = await db.query<{ id: string }>(`INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id`, [
        `${name}@sessions.test`,
        name,
        hash,
        roles,
      ]);
      ids[name] = row.id;
    }
    const env = { NODE_ENV: 'test', DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', SESSION_CACHE_MS: '60000' };
    const [portA, portB] = [await freePort(), await freePort()];
    a = `http://127.0.0.1:${portA}`;
    b = `http://127.0.0.1:${portB}`;
    for (const port of [portA, portB]) processes.push(startProcess('api', { ...env, PORT: String(port) }));
    for (const [i, url] of [a, b].entries()) {
      await waitFor(
        `instance ${i ? 'B' : 'A'} to be ready`,
        async () => {
          if (processes[i].child.exitCode !== null) throw new Error(`the api exited: ${processes[i].stderr()}`);
          return (await health(url, 'ready')).status === 200 ? true : undefined;
        },
        30_000,
      );
    }
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await Promise.all(processes.map((p) => p.kill()));
    redis?.disconnect();
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  /** Both instances listen for session changes (each subscribes when it first authenticates someone). */
  async function bothListening(): Promise<void> {
    await waitFor('both instances to listen for session changes', async () => {
      const [, n] = (await redis.pubsub('NUMSUB', sessionChangesChannel(prefix))) as [string, number];
      return Number(n) >= 2 ? true : undefined;
    });
  }

  function socket(url: string, token: string) {
    const client = liveClient(url, token);
    clients.push(client);
    return client;
  }

  it('applies new roles on the other instance at the next request, and closes its sockets with 4000 to subscribe again', async () => {
    const admin = await login(a, 'admin@sessions.test');
    const staff = await login(b, 'secretariat@sessions.test');
    // Instance B has read the secretariat's session (and would keep it for a minute).
    ok(await gqlRequest(b, AUDIT, {}, staff));
    ok(await gqlRequest(a, ME, {}, admin));
    await bothListening();
    const client = socket(b, staff);
    const closed = nextClose(client);
    expect(await connectionOutcome(client)).toBe('connected');

    ok(await gqlRequest(a, `mutation($u: ID!) { setUserRoles(userId: $u, roles: [OBSERVER]) { id } }`, { u: ids.secretariat }, admin));
    expect(errorOf(await gqlRequest(b, AUDIT, {}, staff)).code).toBe('FORBIDDEN');
    expect(ok(await gqlRequest(b, ME, {}, staff)).me.roles).toEqual(['OBSERVER']);
    expect(await closed).toEqual<Closed>({ code: 4000, reason: 'Access changed' });
    // Connecting again, it acts with the new roles.
    expect(await connectionOutcome(socket(b, staff))).toBe('connected');
  });

  it('refuses a deactivated user on the other instance at the next request, and closes their sockets with 4401', async () => {
    const admin = await login(a, 'admin@sessions.test');
    const observer = await login(b, 'observer@sessions.test');
    ok(await gqlRequest(b, ME, {}, observer));
    await bothListening();
    const client = socket(b, observer);
    const closed = nextClose(client);
    expect(await connectionOutcome(client)).toBe('connected');
    const feed = new Feed(client, `subscription { notificationAdded { id } }`, {}, 'notificationAdded');

    ok(await gqlRequest(a, `mutation($u: ID!) { deactivateUser(userId: $u, reason: "Left") { id } }`, { u: ids.observer }, admin));
    expect(errorOf(await gqlRequest(b, ME, {}, observer)).code).toBe('UNAUTHENTICATED');
    expect(await closed).toEqual<Closed>({ code: 4401, reason: 'Session ended' });
    expect(feed.data()).toEqual([]);
    expect(await connectionOutcome(socket(b, observer))).toEqual<Closed>({ code: 4401, reason: 'Unauthorized' });
  });

  it('refuses a signed-out token on the other instance at the next request', async () => {
    const token = await login(a, 'admin@sessions.test');
    ok(await gqlRequest(b, ME, {}, token));
    await bothListening();
    const client = socket(b, token);
    const closed = nextClose(client);
    expect(await connectionOutcome(client)).toBe('connected');

    expect(ok(await gqlRequest(a, `mutation { logout }`, {}, token)).logout).toBe(true);
    expect(errorOf(await gqlRequest(b, ME, {}, token)).code).toBe('UNAUTHENTICATED');
    expect(await closed).toEqual<Closed>({ code: 4401, reason: 'Session ended' });
  });
});
