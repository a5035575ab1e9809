import { Transactions } from '@tripartite/database';
import { NotificationsService } from '@tripartite/notifications';
import { People, TestApi, ok, seedPeople, startApi } from '@tripartite/testing';
import { CaughtMail, TestSmtp, WebhookReceiver, WorkerHandle, startSmtp, startWorker, waitFor } from './e2e-support';

// Hundreds of emails owed to an SMTP server that accepts nothing until the test lets it (a slow server):
// the email workers are all stuck in it, and a webhook delivery must not wait behind them (its own queue),
// nor must the fan-out of the event it is about (fan-outs have a queue of their own too).
const BACKLOG = 300;

describe('an email backlog does not delay webhook deliveries', () => {
  let api: TestApi;
  let people: People;
  let admin: string;
  let smtp: TestSmtp;
  let worker: WorkerHandle | undefined;
  const mails: CaughtMail[] = [];
  const receiver = new WebhookReceiver();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;

  beforeAll(async () => {
    smtp = await startSmtp({ gate: () => ((held += 1), released) }, mails);
    await receiver.start();
    api = await startApi();
    people = await seedPeople(api.app);
    admin = await api.login(people.admin.email);
    worker = await startWorker(api, { SMTP_URL: smtp.url });
  }, 60_000);
  afterAll(async () => {
    release();
    await worker?.proc.kill();
    await receiver.stop();
    await api?.close();
    await smtp?.stop();
  });

  const owed = async () =>
    (await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE kind = 'gb.deadline' AND email_status = 'PENDING'`))[0].n;

  it('a webhook event raised behind hundreds of owed emails is delivered while every one of them still waits for the server', async () => {
    await api.app.get(Transactions).run(async ({ em }) => {
      for (let i = 0; i < BACKLOG; i++) await api.app.get(NotificationsService).emit(em, { kind: 'gb.deadline', data: { n: i } });
    });
    await waitFor('the backlog of owed emails', async () => ((await owed()) === BACKLOG ? true : undefined), 60_000, 200);
    // The email workers are busy: their sends are in the server, held.
    await waitFor('sends held by the server', async () => (held > 0 ? true : undefined));

    ok(
      await api.gql(
        `mutation($u: String!) { registerWebhook(url: $u, events: ["comment.disposed"], secret: "queue-independence-secret") { id } }`,
        { u: `${receiver.url}/hook` },
        admin,
      ),
    );
    await api.app.get(Transactions).run(({ em }) => api.app.get(NotificationsService).emit(em, { kind: 'comment.disposed', data: {} }));
    await waitFor('the webhook delivery', async () => (receiver.hitsOn('/hook').length ? true : undefined), 30_000);

    // Delivered while not one email of the backlog had got through.
    expect(mails).toHaveLength(0);
    expect(await owed()).toBe(BACKLOG);
    const [delivery] = await api.db.query<{ status: string }>(`SELECT status FROM webhook_delivery`);
    expect(delivery).toEqual({ status: expect.stringMatching(/^(PENDING|DELIVERED)$/) });

    // The server lets the mail through: the backlog drains, each email once.
    release();
    await waitFor('the backlog sent', async () => ((await owed()) === 0 ? true : undefined), 120_000, 500);
    const [{ sent }] = await api.db.query<{ sent: number }>(
      `SELECT count(*)::int AS sent FROM notification WHERE kind = 'gb.deadline' AND email_status = 'SENT'`,
    );
    expect(sent).toBe(BACKLOG);
    expect(new Set(mails.map((m) => m.mail.headers.get('x-tripartite-event'))).size).toBe(BACKLOG);
    expect(mails).toHaveLength(BACKLOG);
  }, 240_000);
});
