import { Webhook as StandardWebhook } from 'standardwebhooks';
import { People, TestApi, ok, seedPeople, startApi } from '@tripartite/testing';
import { emit } from './notification-fixtures';
import { WebhookReceiver, WorkerHandle, noJobsLeft, startWorker, validSignature, waitFor } from './e2e-support';

// The built worker (child process) delivers webhooks to a local receiver; the API runs in-process.
// Each scenario uses its own kind, with recipients resolved by this library, so no other event interferes.
const REGISTER = `mutation($u: String!, $e: [String!]!, $s: String!) { registerWebhook(url: $u, events: $e, secret: $s) { id } }`;
const DEAD_LETTERS = `{ webhookDeadLetters { id deliveryId kind attempts lastStatus lastError failedAt replayedAt webhook { id url } } }`;
const REPLAY = `mutation($id: ID!) { replayWebhookDelivery(deadLetterId: $id) }`;
const SECRET = 'e2e-webhook-secret-0123456789';

describe('webhook deliveries by the real worker', () => {
  let api: TestApi;
  let people: People;
  let admin: string;
  let worker: WorkerHandle | undefined;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    api = await startApi();
    people = await seedPeople(api.app);
    admin = await api.login(people.admin.email);
    await receiver.start();
    worker = await startWorker(api);
  }, 60_000);
  afterAll(async () => {
    await worker?.proc.kill();
    await receiver.stop();
    await api?.close();
  });

  const register = async (path: string, events: string[]) =>
    ok(await api.gql(REGISTER, { u: `${receiver.url}${path}`, e: events, s: SECRET }, admin)).registerWebhook.id as string;

  const delivery = async (deliveryId: string) =>
    (await api.db.query<any>(`SELECT status, attempts, delivered_at FROM webhook_delivery WHERE id = $1`, [deliveryId]))[0];

  it('a receiver answering 500 three times, then 200, gets four tries on the schedule, each signed (X-Signature and Standard Webhooks), with one delivery id', async () => {
    receiver.on('/flaky', (_hit, n) => (n <= 3 ? 500 : 200));
    await register('/flaky', ['gb.deadline']);
    const eventId = await emit(api.app, { kind: 'gb.deadline', data: { documentDeadline: '2031-03-01T12:00:00.000Z' } });

    const hits = await waitFor('four tries', async () => (receiver.hitsOn('/flaky').length >= 4 ? receiver.hitsOn('/flaky') : undefined), 20000);
    const [id] = new Set(hits.map((h) => h.deliveryId));
    expect(hits.map((h) => h.deliveryId)).toEqual([id, id, id, id]);
    // The receiver's side of Standard Webhooks, keyed with the secret's UTF-8 bytes (the secret is not a whsec_ key).
    const standard = new StandardWebhook(new TextEncoder().encode(SECRET), { format: 'raw' });
    for (const hit of hits) {
      expect(validSignature(SECRET, hit)).toBe(true);
      expect(hit.contentType).toBe('application/json');
      expect(hit.body).toBe(hits[0].body);
      expect(hit.headers['webhook-id']).toBe(id);
      expect(standard.verify(hit.body, hit.headers)).toEqual(JSON.parse(hit.body));
    }
    // Each try is signed when it is made; a tampered body or another secret fails verification.
    const stamps = hits.map((h) => Number(h.headers['webhook-timestamp']));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(() => standard.verify(hits[0].body.replace('gb.deadline', 'gb.decided'), hits[0].headers)).toThrow();
    expect(() => new StandardWebhook(new TextEncoder().encode(`${SECRET}x`), { format: 'raw' }).verify(hits[0].body, hits[0].headers)).toThrow();
    const [event] = await api.db.query<any>(`SELECT occurred_at FROM notification_event WHERE id = $1`, [eventId]);
    expect(JSON.parse(hits[0].body)).toEqual({
      id,
      kind: 'gb.deadline',
      occurredAt: event.occurred_at.toISOString(),
      instrumentId: null,
      data: { documentDeadline: '2031-03-01T12:00:00.000Z' },
    });
    // The test schedule 0s,300ms,600ms,1200ms,..., with at most 20% jitter.
    const gaps = hits.slice(1).map((h, i) => h.at - hits[i].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(200);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect(gaps[2]).toBeGreaterThan(gaps[1]);
    await waitFor('the delivery to be recorded', async () => ((await delivery(id)).status === 'DELIVERED' ? true : undefined));
    expect(await delivery(id)).toMatchObject({ status: 'DELIVERED', attempts: 4 });
    // No try is left to make (a retry would be a job waiting or scheduled).
    await noJobsLeft(api, 'webhooks');
    expect(receiver.hitsOn('/flaky')).toHaveLength(4);
  }, 30_000);

  it('a receiver answering 400 gets one try and a dead letter, which an admin replays with the same delivery id', async () => {
    let fixed = false;
    receiver.on('/reject', () => (fixed ? 200 : 400));
    const hookId = await register('/reject', ['comment.disposed']);
    await emit(api.app, { kind: 'comment.disposed', data: {} });

    const letter = await waitFor('the dead letter', async () => {
      const letters = ok(await api.gql(DEAD_LETTERS, {}, admin)).webhookDeadLetters.filter((l: any) => l.webhook.id === hookId);
      return letters.length ? letters[0] : undefined;
    });
    expect(letter).toMatchObject({ kind: 'comment.disposed', attempts: 1, lastStatus: 400, lastError: 'HTTP 400', replayedAt: null });
    const first = receiver.hitsOn('/reject');
    expect(first.map((h) => h.deliveryId)).toEqual([letter.deliveryId]);
    // No retry follows: no try is left in the queue, waiting or scheduled.
    await noJobsLeft(api, 'webhooks');
    expect(receiver.hitsOn('/reject')).toHaveLength(1);
    expect(await delivery(letter.deliveryId)).toMatchObject({ status: 'DEAD', attempts: 1 });

    fixed = true;
    expect(ok(await api.gql(REPLAY, { id: letter.id }, admin)).replayWebhookDelivery).toBe(true);
    const hits = await waitFor('the replayed try', async () => (receiver.hitsOn('/reject').length >= 2 ? receiver.hitsOn('/reject') : undefined));
    expect(hits.map((h) => h.deliveryId)).toEqual([letter.deliveryId, letter.deliveryId]);
    expect(hits[1].body).toBe(hits[0].body);
    expect(validSignature(SECRET, hits[1])).toBe(true);
    await waitFor('the delivery to be recorded', async () => ((await delivery(letter.deliveryId)).status === 'DELIVERED' ? true : undefined));
    expect(await delivery(letter.deliveryId)).toMatchObject({ status: 'DELIVERED', attempts: 2 });

    const replayed = ok(await api.gql(DEAD_LETTERS, {}, admin)).webhookDeadLetters.find((l: any) => l.id === letter.id);
    expect(replayed.replayedAt).not.toBeNull();
    const again = await api.gql(REPLAY, { id: letter.id }, admin);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  }, 30_000);

  it('a worker killed during a delivery: after restart the same delivery arrives, signed, and no event is lost or doubled', async () => {
    let held = false;
    let inFlight = false;
    // The first request is held open until the worker dies; every other one is answered at once.
    receiver.on('/slow', () => {
      if (held) return 200;
      held = true;
      inFlight = true;
      return 'hang';
    });
    await register('/slow', ['consultation.scheduled']);
    const events = 3;
    for (let i = 0; i < events; i++) await emit(api.app, { kind: 'consultation.scheduled', data: { n: i } });

    await waitFor('a delivery in flight', async () => (inFlight ? true : undefined), 15000);
    const cut = receiver.hitsOn('/slow')[0];
    await worker!.proc.kill(); // SIGKILL, mid-request
    worker = await startWorker(api);

    const ids = await waitFor(
      'every event delivered',
      async () => {
        const [row] = await api.db.query<any>(
          `SELECT count(*) FILTER (WHERE d.status = 'DELIVERED')::int AS delivered FROM webhook_delivery d
             JOIN notification_event e ON e.id = d.event_id WHERE e.kind = 'consultation.scheduled'`,
        );
        return row.delivered === events ? new Set(receiver.hitsOn('/slow').map((h) => h.deliveryId)) : undefined;
      },
      30000,
    );
    expect(ids.size).toBe(events);
    const again = receiver.hitsOn('/slow').filter((h) => h.deliveryId === cut.deliveryId);
    expect(again.length).toBeGreaterThanOrEqual(2);
    expect(again.map((h) => h.body)).toEqual(again.map(() => cut.body));
    for (const hit of receiver.hitsOn('/slow')) expect(validSignature(SECRET, hit)).toBe(true);
  }, 60_000);
});
