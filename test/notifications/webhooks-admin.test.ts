import { createServer, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookDeliverer } from '@tripartite/notifications';
import { People, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';
import { emitAndFanOut } from './notification-fixtures';

const REGISTER = `mutation($u: String!, $e: [String!]!, $s: String!) { registerWebhook(url: $u, events: $e, secret: $s) { id url events active } }`;
const SECRET = 'sixteen-chars-at-least';
const fieldsOf = (res: any) => (errorOf(res).extensions!.fields as { field: string }[]).map((f) => f.field);

async function adminOf(api: TestApi): Promise<{ people: People; admin: string }> {
  const people = await seedPeople(api.app);
  return { people, admin: await api.login(people.admin.email) };
}

describe('webhook registration and dead letters (test mode)', () => {
  let api: TestApi;
  let people: People;
  let admin: string;

  beforeAll(async () => {
    api = await startApi();
    ({ people, admin } = await adminOf(api));
  });
  afterAll(() => api.close());

  it('registers an http(s) webhook for kinds or "*", returns no secret, lists it and audits it without the secret', async () => {
    const hook = ok(await api.gql(REGISTER, { u: 'https://hooks.example.org/in?x=1', e: ['consultation.opened', 'gb.decided', 'gb.decided'], s: SECRET }, admin))
      .registerWebhook;
    expect(hook).toMatchObject({ url: 'https://hooks.example.org/in?x=1', events: ['consultation.opened', 'gb.decided'], active: true });
    const star = ok(await api.gql(REGISTER, { u: 'http://127.0.0.1:9/', e: ['*'], s: SECRET }, admin)).registerWebhook;
    expect(star.events).toEqual(['*']);

    const listed = ok(await api.gql(`{ webhooks { id url events active } }`, {}, admin)).webhooks;
    expect(listed).toEqual([hook, star]);
    const [audit] = await api.db.query<any>(`SELECT action, actor_id, data FROM audit_event WHERE entity_id = $1`, [hook.id]);
    expect(audit).toEqual({ action: 'webhook.registered', actor_id: people.admin.id, data: { url: hook.url, events: hook.events } });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    // The contract's Webhook has no way to read the secret back.
    expect(errorOf(await api.gql(`{ webhooks { secret } }`, {}, admin)).message).toMatch(/Cannot query field "secret"/);
  });

  it('refuses a URL that is not http(s), no events, unknown kinds and a short secret, naming every field', async () => {
    const res = await api.gql(REGISTER, { u: 'ftp://example.org/x', e: ['consultation.opened', 'comment.liked', ''], s: 'short' }, admin);
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(res)).toEqual(['url', 'events[1]', 'events[2]', 'secret']);
    expect(fieldsOf(await api.gql(REGISTER, { u: 'not a url', e: [], s: SECRET }, admin))).toEqual(['url', 'events']);
    expect(fieldsOf(await api.gql(REGISTER, { u: 'javascript:alert(1)', e: ['*'], s: SECRET }, admin))).toEqual(['url']);
  });

  it('is for administrators only', async () => {
    const secretariat = await api.login(people.secretariat.email);
    expect(errorOf(await api.gql(REGISTER, { u: 'https://example.org/', e: ['*'], s: SECRET }, secretariat)).code).toBe('FORBIDDEN');
    expect(errorOf(await api.gql(`{ webhooks { id } }`, {}, secretariat)).code).toBe('FORBIDDEN');
    expect(errorOf(await api.gql(`{ webhookDeadLetters { id } }`, {}, secretariat)).code).toBe('FORBIDDEN');
    expect(errorOf(await api.gql(`mutation { replayWebhookDelivery(deadLetterId: "00000000-0000-4000-8000-000000000000") }`, {}, secretariat)).code).toBe(
      'FORBIDDEN',
    );
  });

  it('replaying a dead letter that does not exist is NOT_FOUND', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      expect(errorOf(await api.gql(`mutation($id: ID!) { replayWebhookDelivery(deadLetterId: $id) }`, { id }, admin)).code).toBe('NOT_FOUND');
    }
  });
});

describe('one try of a delivery (in-process, test mode)', () => {
  let api: TestApi;
  let receiver: Server;
  let answer: (res: ServerResponse) => void = (res) => res.end();
  let base: string;

  beforeAll(async () => {
    api = await startApi({ WEBHOOK_TIMEOUT_MS: '300' });
    receiver = createServer((_req, res) => answer(res));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    receiver?.closeAllConnections();
    receiver?.close();
    await api?.close();
  });

  /** A fresh webhook and one delivery to it; returns the delivery id. */
  async function pendingDelivery(): Promise<string> {
    await api.db.query(`UPDATE webhook SET active = false`);
    await api.db.query(`INSERT INTO webhook (url, events, secret) VALUES ($1, '{gb.deadline}', $2)`, [`${base}/`, SECRET]);
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    const [delivery] = await api.db.query<{ id: string }>(`SELECT id FROM webhook_delivery WHERE event_id = $1`, [eventId]);
    return delivery.id;
  }

  const row = async (id: string) =>
    (await api.db.query<any>(`SELECT status, attempts, last_status, last_error FROM webhook_delivery WHERE id = $1`, [id]))[0];

  it.each([408, 429, 500, 503, 302])('retries after HTTP %i, and dead-letters it on the last try', async (status) => {
    answer = (res) => {
      res.statusCode = status;
      res.end();
    };
    const id = await pendingDelivery();
    const deliverer = api.app.get(WebhookDeliverer);
    await expect(deliverer.deliver(id, { maxAttempts: 2 })).resolves.toEqual({ result: 'retry', error: `HTTP ${status}`, retryInMs: expect.any(Number) });
    expect(await row(id)).toEqual({ status: 'PENDING', attempts: 1, last_status: status, last_error: `HTTP ${status}` });
    await expect(deliverer.deliver(id, { maxAttempts: 2 })).resolves.toEqual({ result: 'dead', error: `HTTP ${status}` });
    expect(await row(id)).toMatchObject({ status: 'DEAD', attempts: 2 });
    expect(await api.db.query(`SELECT attempts, last_status FROM webhook_dead_letter WHERE delivery_id = $1`, [id])).toEqual([{ attempts: 2, last_status: status }]);
    // A duplicate run of a settled delivery sends nothing.
    await expect(deliverer.deliver(id, { maxAttempts: 2 })).resolves.toMatchObject({ result: 'skipped' });
    expect(await api.db.query(`SELECT next_attempt_at FROM webhook_delivery WHERE id = $1`, [id])).toEqual([{ next_attempt_at: null }]);
  });

  it('records when the next try is due: the backoff it asks the queue for, doubling per try of the cycle', async () => {
    answer = (res) => {
      res.statusCode = 503;
      res.end();
    };
    const id = await pendingDelivery();
    const dbNow = async () => (await api.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`))[0].now.getTime();
    const row = async () =>
      (
        await api.db.query<{ cycle_attempts: number; next_attempt_at: Date; attempt_started_at: Date | null }>(
          `SELECT cycle_attempts, next_attempt_at, attempt_started_at FROM webhook_delivery WHERE id = $1`,
          [id],
        )
      )[0];
    const deliverer = api.app.get(WebhookDeliverer);
    // WEBHOOK_BACKOFF_MS is 1000 here: 800 to 1000 ms after the first try, 1600 to 2000 after the second.
    for (const [tries, low, high] of [
      [1, 800, 1000],
      [2, 1600, 2000],
    ]) {
      const before = await dbNow();
      const outcome = await deliverer.deliver(id, { maxAttempts: 8 });
      const after = await dbNow();
      expect(outcome).toMatchObject({ result: 'retry', retryInMs: expect.any(Number) });
      const retryInMs = (outcome as { retryInMs: number }).retryInMs;
      expect(retryInMs).toBeGreaterThanOrEqual(low);
      expect(retryInMs).toBeLessThanOrEqual(high);
      const r = await row();
      expect(r).toMatchObject({ cycle_attempts: tries, attempt_started_at: null });
      expect(r.next_attempt_at.getTime()).toBeGreaterThanOrEqual(before + retryInMs - 1);
      expect(r.next_attempt_at.getTime()).toBeLessThanOrEqual(after + retryInMs + 1);
    }
  });

  it('gives up on a receiver that does not answer within the timeout, and retries', async () => {
    answer = () => undefined; // never answers
    const id = await pendingDelivery();
    const started = Date.now();
    const outcome = await api.app.get(WebhookDeliverer).deliver(id, { maxAttempts: 8 });
    expect(outcome).toEqual({ result: 'retry', error: expect.stringMatching(/timeout|aborted/i), retryInMs: expect.any(Number) });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 1, last_status: null });
  });

  it('retries when nothing listens', async () => {
    await api.db.query(`UPDATE webhook SET active = false`);
    await api.db.query(`INSERT INTO webhook (url, events, secret) VALUES ('http://127.0.0.1:9/', '{gb.deadline}', $1)`, [SECRET]);
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    const [delivery] = await api.db.query<{ id: string }>(`SELECT id FROM webhook_delivery WHERE event_id = $1`, [eventId]);
    await expect(api.app.get(WebhookDeliverer).deliver(delivery.id, { maxAttempts: 8 })).resolves.toEqual({
      result: 'retry',
      error: expect.stringContaining('ECONNREFUSED'),
      retryInMs: expect.any(Number),
    });
  });

  it('does nothing for a delivery whose webhook was deactivated', async () => {
    answer = (res) => res.end();
    const id = await pendingDelivery();
    await api.db.query(`UPDATE webhook SET active = false`);
    await expect(api.app.get(WebhookDeliverer).deliver(id, { maxAttempts: 8 })).resolves.toMatchObject({ result: 'skipped' });
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 0 });
  });
});

describe('webhooks in production: no private, loopback or link-local targets (SSRF)', () => {
  let api: TestApi;
  let admin: string;
  let receiver: Server;
  let requests = 0;
  let port: number;

  beforeAll(async () => {
    api = await startApi({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    ({ admin } = await adminOf(api));
    receiver = createServer((req, res) => {
      requests += 1;
      res.end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
  });
  afterAll(async () => {
    receiver?.close();
    await api?.close();
  });

  it.each([
    'http://127.0.0.1/',
    'http://localhost:8080/hook',
    'http://[::1]/',
    'http://10.0.0.7/',
    'http://169.254.169.254/latest/meta-data/',
    'http://192.168.1.1/',
    'https://[fd00::1]/',
    'http://2130706433/',
    'http://[64:ff9b::7f00:1]/',
    'http://[2002:a9fe:a9fe::1]/',
    'http://[::ffff:0:a00:1]/',
  ])('refuses %s with BAD_USER_INPUT on url', async (url) => {
    const res = await api.gql(REGISTER, { u: url, e: ['*'], s: SECRET }, admin);
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    expect(errorOf(res).extensions!.fields).toEqual([{ field: 'url', message: 'must not point to a private, loopback or link-local address' }]);
  });

  it('checks again when delivering: a stored private target is dead-lettered without any request', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const [hook] = await api.db.query<{ id: string }>(
        `INSERT INTO webhook (url, events, secret) VALUES ($1, '{gb.deadline}', $2) RETURNING id`,
        [`http://${host}:${port}/`, SECRET],
      );
      const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
      const [delivery] = await api.db.query<{ id: string }>(`SELECT id FROM webhook_delivery WHERE event_id = $1 AND webhook_id = $2`, [eventId, hook.id]);
      const outcome = await api.app.get(WebhookDeliverer).deliver(delivery.id, { maxAttempts: 8 });
      expect(outcome).toEqual({ result: 'dead', error: expect.stringContaining('private, loopback or link-local') });
      const [letter] = await api.db.query<any>(`SELECT kind, attempts FROM webhook_dead_letter WHERE delivery_id = $1`, [delivery.id]);
      expect(letter).toEqual({ kind: 'gb.deadline', attempts: 1 });
      await api.db.query(`UPDATE webhook SET active = false WHERE id = $1`, [hook.id]);
    }
    expect(requests).toBe(0);
  });
});

describe('webhooks in production with WEBHOOK_ALLOW_PRIVATE=true', () => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startApi({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), WEBHOOK_ALLOW_PRIVATE: 'true' });
    ({ admin } = await adminOf(api));
  });
  afterAll(() => api?.close());

  it('accepts a loopback target', async () => {
    expect(ok(await api.gql(REGISTER, { u: 'http://127.0.0.1:9/', e: ['*'], s: SECRET }, admin)).registerWebhook.url).toBe('http://127.0.0.1:9/');
  });
});
