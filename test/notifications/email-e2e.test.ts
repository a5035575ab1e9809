import { formatInstant } from '@tripartite/notifications';
import { ok } from '@tripartite/testing';
import { ConsultationWorld } from '../api/consultation-fixtures';
import { emit } from './notification-fixtures';
import { CaughtMail, WorkerHandle, startSmtp, startWorker, waitFor } from './e2e-support';

// The built worker (child process) sends email through a local SMTP server; the API runs in-process.
describe('notification emails sent by the real worker', () => {
  let w: ConsultationWorld;
  let worker: WorkerHandle | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    w = await ConsultationWorld.start();
    worker = await startWorker(w.api, { SMTP_URL: smtp.url });
  }, 60_000);
  afterAll(async () => {
    await worker?.proc.kill();
    await w?.stop();
    await smtp?.stop();
  });

  const mailsOf = (eventId: string): CaughtMail[] => smtp.mails.filter((m) => m.mail.headers.get('x-tripartite-event') === eventId);

  it('a reminder emails the constituents who have not commented, with both parts, reference and deadline in the subject, UTC and Zurich times; an opted-out user gets it in-app only', async () => {
    const { p, round } = await w.openRound({ groups: ['EMPLOYERS', 'WORKERS'] });
    const [employers1] = w.tokens.constituents.EMPLOYERS;
    await w.comment(employers1, { roundId: round.id });
    const optedOut = w.people.constituents.WORKERS[1];
    const optedOutToken = w.tokens.constituents.WORKERS[1];
    ok(await w.gql(`mutation { setEmailPreferences(disabledKinds: ["consultation.reminder"]) { id } }`, {}, optedOutToken));

    const eventId = await emit(w.api.app, { kind: 'consultation.reminder', data: { roundId: round.id } });
    const reminded = [w.people.constituents.EMPLOYERS[1], w.people.constituents.WORKERS[0], optedOut];
    const emailed = reminded.filter((u) => u !== optedOut).map((u) => u.email).sort();

    await waitFor('the emails', async () => (mailsOf(eventId).length >= emailed.length ? true : undefined), 20000);
    // Whoever gets an email, gets one; the opted-out user and the organization that commented get none.
    await new Promise((r) => setTimeout(r, 1000));
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
    const inApp = await w.api.db.query<{ user_id: string; emailed_at: Date | null }>(`SELECT user_id, emailed_at FROM notification WHERE event_id = $1`, [eventId]);
    expect(inApp.map((n) => n.user_id).sort()).toEqual(reminded.map((u) => u.id).sort());
    expect(inApp.find((n) => n.user_id === optedOut.id)!.emailed_at).toBeNull();
    expect(inApp.filter((n) => n.emailed_at).length).toBe(emailed.length);
    const page = ok(await w.gql(`{ notifications { unreadCount edges { node { kind title } } } }`, {}, optedOutToken)).notifications;
    expect(page.edges.map((e: any) => e.node)).toContainEqual({ kind: 'consultation.reminder', title: `Reminder: comments on ${reference}` });
  }, 60_000);
});
