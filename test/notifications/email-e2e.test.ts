import { formatInstant } from '@tripartite/notifications';
import { ok } from '@tripartite/testing';
import { ConsultationWorld } from '../api/consultation-fixtures';
import { emit } from './notification-fixtures';
import { CaughtMail, TestSmtp, WorkerHandle, afterRuns, notificationsSettled, startSmtp, startWorker, waitFor } from './e2e-support';

// The built worker (child process) sends email through a local SMTP server; the API runs in-process.
describe('notification emails sent by the real worker', () => {
  let w: ConsultationWorld;
  let worker: WorkerHandle | undefined;
  let smtp: TestSmtp;
  const mails: CaughtMail[] = [];

  beforeAll(async () => {
    smtp = await startSmtp({}, mails);
    w = await ConsultationWorld.start();
    // The reconcile runs every second too, re-queuing owed emails for their recorded due times.
    worker = await startWorker(w.api, { SMTP_URL: smtp.url, RECONCILE_INTERVAL_MS: '1000' });
  }, 60_000);
  afterAll(async () => {
    await worker?.proc.kill();
    await w?.stop();
    await smtp?.stop();
  });

  const mailsOf = (eventId: string): CaughtMail[] => mails.filter((m) => m.mail.headers.get('x-tripartite-event') === eventId);

  it('a reminder emails the constituents who have not commented, with both parts, reference and deadline in the subject, UTC and Zurich times; an opted-out user gets it in-app only', async () => {
    const { p, round } = await w.openRound({ groups: ['EMPLOYERS', 'WORKERS'] });
    const [employers1] = w.tokens.constituents.EMPLOYERS;
    await w.comment(employers1, { roundId: round.id });
    const optedOut = w.people.constituents.WORKERS[1];
    const optedOutToken = w.tokens.constituents.WORKERS[1];
    ok(await w.gql(`mutation { setEmailPreferences(disabledKinds: ["consultation.reminder"]) { id } }`, {}, optedOutToken));

    const eventId = await emit(w.api.app, { kind: 'consultation.reminder', data: { roundId: round.id } });
    const reminded = [w.people.constituents.EMPLOYERS[1], w.people.constituents.WORKERS[0], optedOut];
    const emailed = reminded
      .filter((u) => u !== optedOut)
      .map((u) => u.email)
      .sort();

    await waitFor('the emails', async () => (mailsOf(eventId).length >= emailed.length ? true : undefined), 20000);
    // Whoever gets an email, gets one; the opted-out user and the organization that commented get none
    // (counted once every email is decided).
    await notificationsSettled(w.api);
    const mails = mailsOf(eventId);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(emailed);

    const [{ reference }] = await w.api.db.query<{ reference: string }>(`SELECT reference FROM instrument WHERE id = $1`, [p.instrumentId]);
    const times = formatInstant(new Date(round.closesAt), 'Europe/Zurich');
    expect(times.local).toMatch(/\(Europe\/Zurich\)$/);
    for (const { mail } of mails) {
      expect(mail.subject).toContain(`[${reference}]`);
      expect(mail.subject).toContain(times.utc);
      expect(mail.text).toContain(times.utc);
      expect(mail.text).toContain(times.local);
      expect(mail.html).toEqual(expect.stringContaining(times.utc));
      expect(mail.html).toEqual(expect.stringContaining(times.local));
      expect(mail.text).toContain('has not submitted a comment');
    }

    // In-app, the opted-out user is reminded like the others.
    const inApp = await w.api.db.query<{ user_id: string; emailed_at: Date | null }>(`SELECT user_id, emailed_at FROM notification WHERE event_id = $1`, [
      eventId,
    ]);
    expect(inApp.map((n) => n.user_id).sort()).toEqual(reminded.map((u) => u.id).sort());
    expect(inApp.find((n) => n.user_id === optedOut.id)!.emailed_at).toBeNull();
    expect(inApp.filter((n) => n.emailed_at).length).toBe(emailed.length);
    const page = ok(await w.gql(`{ notifications { unreadCount edges { node { kind title } } } }`, {}, optedOutToken)).notifications;
    expect(page.edges.map((e: any) => e.node)).toContainEqual({ kind: 'consultation.reminder', title: `Reminder: comments on ${reference}` });
  }, 60_000);

  it('SMTP down for longer than the old retry window, then back: every owed email arrives, once, none given up', async () => {
    // The old policy gave an email 5 tries (some 75 s at its backoff) and then marked it FAILED for good.
    const OLD_TRIES = 5;
    await smtp.stop();
    const events: string[] = [];
    try {
      for (let i = 0; i < 12; i++) events.push(await emit(w.api.app, { kind: 'gb.deadline', data: { documentDeadline: '2031-06-01T12:00:00.000Z' } }));
      const rows = () =>
        w.api.db.query<{ status: string; attempts: number; lastError: string | null }>(
          `SELECT email_status AS status, email_attempts AS attempts, email_last_error AS "lastError" FROM notification WHERE event_id = ANY($1::uuid[])`,
          [events],
        );
      const failed = await waitFor(
        'every owed email to have failed more tries than the old window allowed',
        async () => {
          const r = await rows();
          return r.length === events.length && r.every((n) => n.attempts > OLD_TRIES + 1) ? r : undefined;
        },
        60_000,
        200,
      );
      expect(failed.every((n) => n.status === 'PENDING' && /ECONNREFUSED/.test(n.lastError ?? ''))).toBe(true);
    } finally {
      smtp = await startSmtp({ port: smtp.port }, mails);
    }
    await waitFor(
      'every owed email sent',
      async () => {
        const [{ owed }] = await w.api.db.query<{ owed: number }>(
          `SELECT count(*)::int AS owed FROM notification WHERE event_id = ANY($1::uuid[]) AND email_status <> 'SENT'`,
          [events],
        );
        return owed === 0 ? true : undefined;
      },
      60_000,
      200,
    );
    // Two more of the worker's reconcile runs (every second) and all they queued done: a duplicate would show now.
    await afterRuns(worker!, 'maintenance', 'deadlines.reconcile', 2);
    await notificationsSettled(w.api);
    for (const eventId of events) expect({ eventId, to: mailsOf(eventId).map((m) => m.to) }).toEqual({ eventId, to: [[w.people.secretariat.email]] });
    const sent = await w.api.db.query<{ response: string }>(`SELECT email_smtp_response AS response FROM notification WHERE event_id = ANY($1::uuid[])`, [
      events,
    ]);
    expect(sent.every((n) => /^250 /.test(n.response))).toBe(true);
  }, 120_000);
});
