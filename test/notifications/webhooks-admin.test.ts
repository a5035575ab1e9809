import { createServer, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Actor } from '@tripartite/common';
import { WebhookDeliverer, WebhooksService } from '@tripartite/notifications';
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
    const hook = ok(
      await api.gql(REGISTER, { u: 'https://hooks.example.org/in?x=1', e: ['consultation.opened', 'gb.decided', 'gb.decided'], s: SECRET }, admin),
    ).registerWebhook;
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

const SET_ACTIVE = `mutation($w: ID!, $a: Boolean!) { setWebhookActive(webhookId: $w, active: $a) { id active deletedAt } }`;
const DELETE = `mutation($w: ID!) { deleteWebhook(webhookId: $w) }`;

describe('pausing and deleting webhooks (test mode)', () => {
  let api: TestApi;
  let people: People;
  let admin: string;

  beforeAll(async () => {
    api = await startApi();
    ({ people, admin } = await adminOf(api));
  });
  afterAll(() => api.close());

  const register = async () => ok(await api.gql(REGISTER, { u: 'http://127.0.0.1:9/hook', e: ['gb.deadline'], s: SECRET }, admin)).registerWebhook.id as string;
  const audits = (id: string) => api.db.query<any>(`SELECT action, actor_id, data FROM audit_event WHERE entity_id = $1 ORDER BY at, id`, [id]);

  it('pauses and resumes a webhook, audited when it changes; a paused one gets no delivery for a new event', async () => {
    const id = await register();
    expect(ok(await api.gql(SET_ACTIVE, { w: id, a: false }, admin)).setWebhookActive).toEqual({ id, active: false, deletedAt: null });
    expect(ok(await api.gql(SET_ACTIVE, { w: id, a: false }, admin)).setWebhookActive.active).toBe(false);
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    expect(await api.db.query(`SELECT id FROM webhook_delivery WHERE event_id = $1 AND webhook_id = $2`, [eventId, id])).toEqual([]);
    expect(ok(await api.gql(SET_ACTIVE, { w: id, a: true }, admin)).setWebhookActive.active).toBe(true);
    expect((await audits(id)).map((a) => [a.action, a.actor_id, a.data])).toEqual([
      ['webhook.registered', people.admin.id, { url: 'http://127.0.0.1:9/hook', events: ['gb.deadline'] }],
      ['webhook.deactivated', people.admin.id, {}],
      ['webhook.activated', people.admin.id, { resumed: 0 }],
    ]);
  });

  it('deletes a webhook: no longer listed, its owed deliveries cancelled, its dead letters still readable but not replayable; audited', async () => {
    const id = await register();
    const owedEvent = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    const deadEvent = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    const [dead] = await api.db.query<{ id: string }>(`SELECT id FROM webhook_delivery WHERE event_id = $1 AND webhook_id = $2`, [deadEvent, id]);
    await api.db.query(`UPDATE webhook_delivery SET status = 'DEAD', attempts = 1 WHERE id = $1`, [dead.id]);
    const [letter] = await api.db.query<{ id: string }>(
      `INSERT INTO webhook_dead_letter (delivery_id, webhook_id, kind, attempts, last_status) VALUES ($1, $2, 'gb.deadline', 1, 500) RETURNING id`,
      [dead.id, id],
    );

    expect(ok(await api.gql(DELETE, { w: id }, admin)).deleteWebhook).toBe(true);
    expect(ok(await api.gql(`{ webhooks { id } }`, {}, admin)).webhooks.map((w: any) => w.id)).not.toContain(id);
    expect(
      await api.db.query(
        `SELECT status FROM webhook_delivery d JOIN notification_event e ON e.id = d.event_id WHERE d.webhook_id = $1 ORDER BY e.occurred_at`,
        [id],
      ),
    ).toEqual([{ status: 'CANCELLED' }, { status: 'DEAD' }]);
    expect(owedEvent).toBeTruthy();
    const listed = ok(await api.gql(`{ webhookDeadLetters { id webhook { id active deletedAt } } }`, {}, admin)).webhookDeadLetters.find(
      (l: any) => l.id === letter.id,
    );
    expect(listed.webhook).toEqual({ id, active: false, deletedAt: expect.any(String) });
    expect(errorOf(await api.gql(`mutation($id: ID!) { replayWebhookDelivery(deadLetterId: $id) }`, { id: letter.id }, admin)).code).toBe('CONFLICT');
    expect((await audits(id)).at(-1)).toEqual({
      action: 'webhook.deleted',
      actor_id: people.admin.id,
      data: { url: 'http://127.0.0.1:9/hook', cancelledDeliveries: 1 },
    });

    // Gone: neither deleted again nor resumed; a fan-out does not reach it.
    expect(errorOf(await api.gql(DELETE, { w: id }, admin)).code).toBe('NOT_FOUND');
    expect(errorOf(await api.gql(SET_ACTIVE, { w: id, a: true }, admin)).code).toBe('NOT_FOUND');
    const later = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    expect(await api.db.query(`SELECT id FROM webhook_delivery WHERE event_id = $1 AND webhook_id = $2`, [later, id])).toEqual([]);
  });

  it('answers NOT_FOUND for a webhook that does not exist, and FORBIDDEN to anyone but an administrator', async () => {
    for (const w of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      expect(errorOf(await api.gql(SET_ACTIVE, { w, a: false }, admin)).code).toBe('NOT_FOUND');
      expect(errorOf(await api.gql(DELETE, { w }, admin)).code).toBe('NOT_FOUND');
    }
    const id = await register();
    const secretariat = await api.login(people.secretariat.email);
    expect(errorOf(await api.gql(SET_ACTIVE, { w: id, a: false }, secretariat)).code).toBe('FORBIDDEN');
    expect(errorOf(await api.gql(DELETE, { w: id }, secretariat)).code).toBe('FORBIDDEN');
    expect(ok(await api.gql(`{ webhooks { id active } }`, {}, admin)).webhooks).toContainEqual({ id, active: true });
  });
});

describe('one try of a delivery (in-process, test mode)', () => {
  let api: TestApi;
  let receiver: Server;
  let answer: (res: ServerResponse) => void = (res) => res.end();
  let base: string;

  beforeAll(async () => {
    api = await startApi({ WEBHOOK_TIMEOUT_MS: '300', WEBHOOK_RETRY_SCHEDULE: '0s,1s,2s' });
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

  const row = async (id: string) => (await api.db.query<any>(`SELECT status, attempts, last_status, last_error FROM webhook_delivery WHERE id = $1`, [id]))[0];

  it.each([
    [408, 'HTTP 408'],
    [429, 'HTTP 429'],
    [500, 'HTTP 500'],
    [503, 'HTTP 503'],
    [302, 'HTTP 302 (redirects are not followed)'],
    [307, 'HTTP 307 (redirects are not followed)'],
  ])('retries after HTTP %i on the schedule, and dead-letters it when its last try fails', async (status, error) => {
    answer = (res) => {
      res.statusCode = status;
      if (status >= 300 && status < 400) res.setHeader('Location', `${base}/elsewhere`);
      res.end();
    };
    const id = await pendingDelivery();
    const deliverer = api.app.get(WebhookDeliverer);
    // WEBHOOK_RETRY_SCHEDULE here is 0s,1s,2s: three tries.
    for (const tries of [1, 2]) {
      await expect(deliverer.deliver(id)).resolves.toEqual({ result: 'retry', error, retryInMs: expect.any(Number) });
      expect(await row(id)).toEqual({ status: 'PENDING', attempts: tries, last_status: status, last_error: error });
    }
    await expect(deliverer.deliver(id)).resolves.toEqual({ result: 'dead', error });
    expect(await row(id)).toMatchObject({ status: 'DEAD', attempts: 3 });
    expect(await api.db.query(`SELECT attempts, last_status FROM webhook_dead_letter WHERE delivery_id = $1`, [id])).toEqual([
      { attempts: 3, last_status: status },
    ]);
    // A duplicate run of a settled delivery sends nothing.
    await expect(deliverer.deliver(id)).resolves.toMatchObject({ result: 'skipped' });
    expect(await api.db.query(`SELECT next_attempt_at FROM webhook_delivery WHERE id = $1`, [id])).toEqual([{ next_attempt_at: null }]);
  });

  it("records when the next try is due: the schedule's next entry (less jitter), which it asks the queue to wait", async () => {
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
    // The schedule's 1s, then 2s, less up to 20%: 800 to 1000 ms after the first try, 1600 to 2000 after the second.
    for (const [tries, low, high] of [
      [1, 800, 1000],
      [2, 1600, 2000],
    ]) {
      const before = await dbNow();
      const outcome = await deliverer.deliver(id);
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
    answer = () => undefined; // never answers: that deliver returns at all is the timeout at work
    const id = await pendingDelivery();
    const outcome = await api.app.get(WebhookDeliverer).deliver(id);
    expect(outcome).toEqual({ result: 'retry', error: expect.stringMatching(/timeout|aborted/i), retryInMs: expect.any(Number) });
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 1, last_status: null });
  });

  it('retries when nothing listens', async () => {
    await api.db.query(`UPDATE webhook SET active = false`);
    await api.db.query(`INSERT INTO webhook (url, events, secret) VALUES ('http://127.0.0.1:9/', '{gb.deadline}', $1)`, [SECRET]);
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    const [delivery] = await api.db.query<{ id: string }>(`SELECT id FROM webhook_delivery WHERE event_id = $1`, [eventId]);
    await expect(api.app.get(WebhookDeliverer).deliver(delivery.id)).resolves.toEqual({
      result: 'retry',
      error: expect.stringContaining('ECONNREFUSED'),
      retryInMs: expect.any(Number),
    });
  });

  it('does not try (nor count) a delivery of a paused webhook; resumed, a new job sends it and the old one does nothing', async () => {
    let hits = 0;
    answer = (res) => {
      hits += 1;
      res.end();
    };
    const id = await pendingDelivery();
    const [{ webhookId }] = await api.db.query<{ webhookId: string }>(`SELECT webhook_id AS "webhookId" FROM webhook_delivery WHERE id = $1`, [id]);
    const people = await seedPeople(api.app);
    const actor: Actor = { userId: people.admin.id, roles: ['ADMIN'], organizationId: null, group: null };
    await api.app.get(WebhooksService).setActive(actor, webhookId, false);
    const deliverer = api.app.get(WebhookDeliverer);
    await expect(deliverer.deliver(id, `webhook-${id}`)).resolves.toMatchObject({ result: 'skipped' });
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 0 });

    await api.app.get(WebhooksService).setActive(actor, webhookId, true);
    expect(await api.db.query(`SELECT queue, job_id AS "jobId" FROM outbox WHERE payload->>'deliveryId' = $1 ORDER BY created_at`, [id])).toEqual([
      { queue: 'webhooks', jobId: `webhook-${id}` },
      { queue: 'webhooks', jobId: `webhook-${id}-resume-1` },
    ]);
    // The job queued before the pause, should it still be in Redis, is superseded.
    await expect(deliverer.deliver(id, `webhook-${id}`)).resolves.toMatchObject({ result: 'skipped' });
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(hits).toBe(0);
    await expect(deliverer.deliver(id, `webhook-${id}-resume-1`)).resolves.toEqual({ result: 'delivered', status: 200 });
    expect(await row(id)).toMatchObject({ status: 'DELIVERED', attempts: 1 });
    expect(hits).toBe(1);
  });

  it('sends the Standard Webhooks headers beside X-Signature on every try', async () => {
    const seen: Record<string, string | string[] | undefined>[] = [];
    answer = (res) => {
      seen.push(res.req.headers);
      res.statusCode = seen.length === 1 ? 503 : 200;
      res.end();
    };
    const id = await pendingDelivery();
    await api.app.get(WebhookDeliverer).deliver(id);
    await api.app.get(WebhookDeliverer).deliver(id);
    expect(seen).toHaveLength(2);
    for (const headers of seen) {
      expect(headers).toMatchObject({
        'webhook-id': id,
        'x-delivery-id': id,
        'webhook-timestamp': expect.stringMatching(/^\d{10}$/),
        'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/),
      });
    }
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
      const [hook] = await api.db.query<{ id: string }>(`INSERT INTO webhook (url, events, secret) VALUES ($1, '{gb.deadline}', $2) RETURNING id`, [
        `http://${host}:${port}/`,
        SECRET,
      ]);
      const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
      const [delivery] = await api.db.query<{ id: string }>(`SELECT id FROM webhook_delivery WHERE event_id = $1 AND webhook_id = $2`, [eventId, hook.id]);
      const outcome = await api.app.get(WebhookDeliverer).deliver(delivery.id);
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
