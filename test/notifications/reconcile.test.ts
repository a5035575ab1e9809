import { Queue } from 'bullmq';
import { EmailSender, NotificationReconciler, WebhookDeliverer } from '@tripartite/notifications';
import { bullConnection } from '@tripartite/queue';
import { People, REDIS_URL, TestApi, deleteRedisKeys, ok, seedPeople, startApi } from '@tripartite/testing';
import { emit, emitAndFanOut } from './notification-fixtures';
import { CaughtMail, WebhookReceiver, WorkerHandle, afterRuns, notificationsSettled, startSmtp, startWorker, waitFor } from './e2e-support';

// Redis lost the notification jobs (this test's keys deleted, as an empty restart would): the reconcile re-queues
// what PostgreSQL records as unfinished, under the ids they had, and the real worker then does each thing once.
const REGISTER = `mutation($u: String!, $s: String!) { registerWebhook(url: $u, events: ["gb.deadline"], secret: $s) { id } }`;
const DEAD_LETTERS = `{ webhookDeadLetters { id deliveryId } }`;
const REPLAY = `mutation($id: ID!) { replayWebhookDelivery(deadLetterId: $id) }`;
// The API's retry schedule (its in-process tries): the wait long enough that the re-queued job still has to wait for it.
const SCHEDULE = '0s,10s,20s';
// An email whose try failed, due again this long after.
const EMAIL_DUE_MS = 4000;

describe('the reconcile re-queues unfinished notification work after Redis lost it', () => {
  let api: TestApi;
  let people: People;
  let admin: string;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: WorkerHandle | undefined;
  let queues: Record<'notifications' | 'emails' | 'webhooks', Queue>;
  const receiver = new WebhookReceiver();
  /** Status the receiver answers per delivery id; 200 otherwise. */
  const answers = new Map<string, number>();
  const answered: { deliveryId: string; status: number; at: number }[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    await receiver.start();
    receiver.on('/hook', (hit) => {
      const status = answers.get(hit.deliveryId) ?? 200;
      answered.push({ deliveryId: hit.deliveryId, status, at: hit.at });
      return status;
    });
    api = await startApi({ SMTP_URL: smtp.url, WEBHOOK_RETRY_SCHEDULE: SCHEDULE });
    people = await seedPeople(api.app);
    admin = await api.login(people.admin.email);
    ok(await api.gql(REGISTER, { u: `${receiver.url}/hook`, s: 'reconcile-webhook-secret-0123' }, admin));
    const queue = (name: string) => new Queue(name, { connection: bullConnection(REDIS_URL), prefix: api.prefix });
    queues = { notifications: queue('notifications'), emails: queue('emails'), webhooks: queue('webhooks') };
  }, 60_000);
  afterAll(async () => {
    await worker?.proc.kill();
    await Promise.all(Object.values(queues ?? {}).map((q) => q.close()));
    await receiver.stop();
    await api?.close();
    await smtp?.stop();
  });

  const reconcile = () => api.app.get(NotificationReconciler).reconcile();
  const deliveryOf = async (eventId: string) => (await api.db.query<{ id: string }>(`SELECT id FROM webhook_delivery WHERE event_id = $1`, [eventId]))[0].id;
  const queued = async () => {
    let n = 0;
    for (const q of Object.values(queues)) {
      const c = await q.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed');
      n += c.waiting + c.delayed + c.active + c.completed + c.failed;
    }
    return n;
  };
  const queueOf = (name: string) => (name === 'email.send' ? queues.emails : name === 'webhook.deliver' ? queues.webhooks : queues.notifications);
  const mailsOf = (eventId: string): CaughtMail[] => smtp.mails.filter((m) => m.mail.headers.get('x-tripartite-event') === eventId);
  const okHits = (deliveryId: string) => answered.filter((a) => a.deliveryId === deliveryId && a.status === 200);

  let e: Record<'notFannedOut' | 'pending' | 'done' | 'dead' | 'replayed' | 'backingOff' | 'emailBackingOff', string>;
  let d: Record<'pending' | 'done' | 'dead' | 'replayed' | 'backingOff' | 'emailBackingOff', string>;
  let backingOffDue: Date;
  let emailDue: Date;

  it('re-creates each unfinished job once, under its own id; finished work and a try that may still run are left alone', async () => {
    const sender = api.app.get(EmailSender);
    const deliverer = api.app.get(WebhookDeliverer);
    const event = () => ({ kind: 'gb.deadline' as const, data: { documentDeadline: '2031-01-15T12:00:00.000Z' } });
    e = {} as typeof e;
    d = {} as typeof d;

    // Relayed, never fanned out.
    e.notFannedOut = await emit(api.app, event());
    // Fanned out: an email and a delivery owed.
    e.pending = await emitAndFanOut(api.app, event());
    d.pending = await deliveryOf(e.pending);
    // Everything done: the email sent, the delivery delivered.
    e.done = await emitAndFanOut(api.app, event());
    d.done = await deliveryOf(e.done);
    await expect(sender.send(e.done, people.secretariat.id)).resolves.toMatchObject({ result: 'sent' });
    await expect(deliverer.deliver(d.done)).resolves.toMatchObject({ result: 'delivered' });
    // Dead-lettered (final), and dead-lettered then replayed by an admin (owed again, under the replay's job id).
    for (const key of ['dead', 'replayed'] as const) {
      e[key] = await emitAndFanOut(api.app, event());
      d[key] = await deliveryOf(e[key]);
      await expect(sender.send(e[key], people.secretariat.id)).resolves.toMatchObject({ result: 'sent' });
      answers.set(d[key], 400);
      await expect(deliverer.deliver(d[key])).resolves.toMatchObject({ result: 'dead' });
    }
    const letter = ok(await api.gql(DEAD_LETTERS, {}, admin)).webhookDeadLetters.find((l: any) => l.deliveryId === d.replayed);
    expect(ok(await api.gql(REPLAY, { id: letter.id }, admin)).replayWebhookDelivery).toBe(true);
    answers.delete(d.replayed);
    // An email whose try failed (as the sender records it): due again EMAIL_DUE_MS later.
    e.emailBackingOff = await emitAndFanOut(api.app, event());
    d.emailBackingOff = await deliveryOf(e.emailBackingOff);
    await expect(deliverer.deliver(d.emailBackingOff)).resolves.toMatchObject({ result: 'delivered' });
    [{ due: emailDue }] = await api.db.query<{ due: Date }>(
      `UPDATE notification SET email_attempts = 1, email_last_error = 'ECONNREFUSED', email_next_attempt_at = clock_timestamp() + make_interval(secs => $2::float8 / 1000)
        WHERE event_id = $1 RETURNING email_next_attempt_at AS due`,
      [e.emailBackingOff, EMAIL_DUE_MS],
    );
    // A delivery whose first try failed: its next try is due 10 s (less jitter) later.
    e.backingOff = await emitAndFanOut(api.app, event());
    d.backingOff = await deliveryOf(e.backingOff);
    answers.set(d.backingOff, 500);
    await expect(deliverer.deliver(d.backingOff)).resolves.toMatchObject({ result: 'retry' });
    [{ due: backingOffDue }] = await api.db.query<{ due: Date }>(`SELECT next_attempt_at AS due FROM webhook_delivery WHERE id = $1`, [d.backingOff]);
    answers.delete(d.backingOff);

    // The relay had handed every job to BullMQ; then Redis lost them all, while a worker had begun a try of one delivery.
    await api.db.query(`UPDATE outbox SET dispatched_at = clock_timestamp() WHERE dispatched_at IS NULL`);
    await api.db.query(`UPDATE webhook_delivery SET attempt_started_at = clock_timestamp() WHERE id = $1`, [d.pending]);
    await deleteRedisKeys(api.prefix);
    expect(await queued()).toBe(0);

    // That try may still be running: its delivery waits for a later run.
    await expect(reconcile()).resolves.toEqual({ fanouts: 1, emails: 3, webhooks: 2, retried: 0 });
    const expected: [string, string, Record<string, string>, string][] = [
      [`fanout-${e.notFannedOut}`, 'notification.fanout', { eventId: e.notFannedOut }, 'waiting'],
      [`email-${e.pending}-${people.secretariat.id}`, 'email.send', { eventId: e.pending, userId: people.secretariat.id }, 'waiting'],
      [`email-${e.backingOff}-${people.secretariat.id}`, 'email.send', { eventId: e.backingOff, userId: people.secretariat.id }, 'waiting'],
      [`email-${e.emailBackingOff}-${people.secretariat.id}`, 'email.send', { eventId: e.emailBackingOff, userId: people.secretariat.id }, 'delayed'],
      [`webhook-${d.replayed}-replay-1`, 'webhook.deliver', { deliveryId: d.replayed }, 'waiting'],
      [`webhook-${d.backingOff}`, 'webhook.deliver', { deliveryId: d.backingOff }, 'delayed'],
    ];
    const check = async (jobs: typeof expected) => {
      for (const [id, name, data, state] of jobs) {
        const job = await queueOf(name).getJob(id);
        expect({ id, name: job?.name, data: job?.data, state: await job?.getState() }).toEqual({ id, name, data, state });
      }
    };
    await check(expected);
    expect(await queued()).toBe(expected.length);
    // The delivery lost while backing off waits for the due time its failed try recorded, not less, not more.
    const delayed = (await queues.webhooks.getJob(`webhook-${d.backingOff}`))!;
    expect(Math.abs(delayed.timestamp + delayed.delay - backingOffDue.getTime())).toBeLessThan(1000);
    expect(delayed.delay).toBeGreaterThan(5000);
    // So does the email whose try failed.
    const email = (await queues.emails.getJob(`email-${e.emailBackingOff}-${people.secretariat.id}`))!;
    expect(Math.abs(email.timestamp + email.delay - emailDue.getTime())).toBeLessThan(1000);
    expect(email.delay).toBeGreaterThan(EMAIL_DUE_MS / 2);

    // Run again: everything is still queued, so nothing is added.
    await expect(reconcile()).resolves.toEqual({ fanouts: 0, emails: 0, webhooks: 0, retried: 0 });
    expect(await queued()).toBe(expected.length);

    // The try began long ago (WEBHOOK_TIMEOUT_MS + 5 s is the bound) and never recorded an outcome: its worker died. Now it is queued.
    await api.db.query(`UPDATE webhook_delivery SET attempt_started_at = clock_timestamp() - interval '1 minute' WHERE id = $1`, [d.pending]);
    await expect(reconcile()).resolves.toEqual({ fanouts: 0, emails: 0, webhooks: 1, retried: 0 });
    await check([[`webhook-${d.pending}`, 'webhook.deliver', { deliveryId: d.pending }, 'waiting']]);
    await expect(reconcile()).resolves.toEqual({ fanouts: 0, emails: 0, webhooks: 0, retried: 0 });
    expect(await queued()).toBe(expected.length + 1);
  }, 30_000);

  it('with the worker running, each email and each delivery happens exactly once; the backing-off one not before it is due', async () => {
    worker = await startWorker(api, { SMTP_URL: smtp.url, RECONCILE_INTERVAL_MS: '1000' });
    const events = Object.values(e);
    await waitFor(
      'every email sent and every delivery settled',
      async () => {
        const [row] = await api.db.query<{ unfanned: number; owed: number; pending: number }>(
          `SELECT (SELECT count(*)::int FROM notification_event WHERE fanned_out_at IS NULL) AS unfanned,
                  (SELECT count(*)::int FROM notification WHERE email_status = 'PENDING') AS owed,
                  (SELECT count(*)::int FROM webhook_delivery WHERE status = 'PENDING') AS pending`,
        );
        return row.unfanned + row.owed + row.pending === 0 ? true : undefined;
      },
      30_000,
      200,
    );
    // Two more of the worker's own reconcile runs (every second), and all they queued done: a duplicate would show now.
    await afterRuns(worker!, 'maintenance', 'deadlines.reconcile', 2);
    await notificationsSettled(api);

    for (const eventId of events) {
      expect({ eventId, to: mailsOf(eventId).map((m) => m.to) }).toEqual({ eventId, to: [[people.secretariat.email]] });
      expect(await api.db.query(`SELECT user_id, email_status FROM notification WHERE event_id = $1`, [eventId])).toEqual([
        { user_id: people.secretariat.id, email_status: 'SENT' },
      ]);
    }
    const deliveries = await api.db.query<{ id: string; status: string; eventId: string }>(
      `SELECT id, status, event_id AS "eventId" FROM webhook_delivery ORDER BY created_at`,
    );
    expect(deliveries).toHaveLength(events.length);
    for (const delivery of deliveries) {
      const expected = delivery.id === d.dead ? { status: 'DEAD', ok: 0 } : { status: 'DELIVERED', ok: 1 };
      expect({ id: delivery.id, status: delivery.status, ok: okHits(delivery.id).length }).toEqual({ id: delivery.id, ...expected });
    }
    // The delivery lost while backing off was tried again once it was due, not at once.
    const tries = answered.filter((a) => a.deliveryId === d.backingOff);
    expect(tries.map((a) => a.status)).toEqual([500, 200]);
    expect(tries[1].at).toBeGreaterThanOrEqual(backingOffDue.getTime() - 50);
    // And the email was sent once it was due, not at once.
    const [emailed] = await api.db.query<{ at: Date; attempts: number }>(
      `SELECT emailed_at AS at, email_attempts AS attempts FROM notification WHERE event_id = $1`,
      [e.emailBackingOff],
    );
    expect(emailed.attempts).toBe(2);
    expect(emailed.at.getTime()).toBeGreaterThanOrEqual(emailDue.getTime() - 50);

    // Redis loses everything again: nothing is unfinished, so nothing is queued and nothing happens twice.
    const mails = smtp.mails.length;
    const hits = receiver.hits.length;
    await deleteRedisKeys(api.prefix);
    await expect(reconcile()).resolves.toEqual({ fanouts: 0, emails: 0, webhooks: 0, retried: 0 });
    // And the worker's own next runs find nothing either.
    await afterRuns(worker!, 'maintenance', 'deadlines.reconcile', 2);
    await notificationsSettled(api);
    expect({ mails: smtp.mails.length, hits: receiver.hits.length }).toEqual({ mails, hits });
  }, 60_000);
});
