import { EmailSender } from '@tripartite/notifications';
import { People, TestApi, seedPeople, startApi } from '@tripartite/testing';
import { emitAndFanOut } from './notification-fixtures';
import { startSmtp } from './e2e-support';

describe('sending one email (in-process)', () => {
  let api: TestApi;
  let people: People;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startApi({ SMTP_URL: smtp.url, SMTP_FROM: 'Office <office@tripartite.test>', SECRETARIAT_TIME_ZONE: 'America/New_York' });
    people = await seedPeople(api.app);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  const emailStatus = async (eventId: string, userId: string) =>
    (await api.db.query<{ email_status: string | null }>(`SELECT email_status FROM notification WHERE event_id = $1 AND user_id = $2`, [eventId, userId]))[0]
      .email_status;

  it('sends once: a retried job after a successful send sends nothing more', async () => {
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: { documentDeadline: '2030-07-01T16:00:00.000Z' } });
    const sender = api.app.get(EmailSender);
    await expect(sender.send(eventId, people.secretariat.id)).resolves.toBe('sent');
    await expect(sender.send(eventId, people.secretariat.id)).resolves.toBe('already-sent');
    expect(await emailStatus(eventId, people.secretariat.id)).toBe('SENT');
    const mails = smtp.mails.filter((m) => m.mail.headers.get('x-tripartite-event') === eventId);
    expect(mails).toHaveLength(1);
    const { mail, to } = mails[0];
    expect(to).toEqual([people.secretariat.email]);
    expect(mail.from?.value).toEqual([{ name: 'Office', address: 'office@tripartite.test' }]);
    expect(mail.messageId).toBe(`<notification-${eventId}-${people.secretariat.id}@tripartite.local>`);
    expect(mail.subject).toBe('Governing Body papers due (papers due Mon, 1 July 2030 at 16:00 UTC)');
    expect(mail.text).toContain('Mon, 1 July 2030 at 12:00 GMT-4 (America/New_York)');
  });

  it('reads the address when sending, and respects an opt-out made after the fan-out', async () => {
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    await api.db.query(`UPDATE app_user SET email = 'office.new@test.org' WHERE id = $1`, [people.secretariat.id]);
    await expect(api.app.get(EmailSender).send(eventId, people.secretariat.id)).resolves.toBe('sent');
    expect(smtp.mails.filter((m) => m.mail.headers.get('x-tripartite-event') === eventId).map((m) => m.to)).toEqual([['office.new@test.org']]);

    const later = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    await api.db.query(`UPDATE app_user SET email_opt_out = '{gb.deadline}' WHERE id = $1`, [people.secretariat.id]);
    await expect(api.app.get(EmailSender).send(later, people.secretariat.id)).resolves.toBe('opted-out');
    // Recorded, so nothing queues it again; turning email back on does not send it either.
    expect(await emailStatus(later, people.secretariat.id)).toBe('SKIPPED');
    await api.db.query(`UPDATE app_user SET email_opt_out = '{}' WHERE id = $1`, [people.secretariat.id]);
  });

  it('sends nothing for a user the event did not reach', async () => {
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    await expect(api.app.get(EmailSender).send(eventId, people.observer.id)).resolves.toBe('no-notification');
  });

  it('a failed send leaves the notification unsent, for the retry of its job; a failed last try is recorded as FAILED', async () => {
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    await smtp.stop();
    await expect(api.app.get(EmailSender).send(eventId, people.secretariat.id)).rejects.toThrow();
    const [row] = await api.db.query<any>(`SELECT emailed_at FROM notification WHERE event_id = $1`, [eventId]);
    expect(row.emailed_at).toBeNull();
    expect(await emailStatus(eventId, people.secretariat.id)).toBe('PENDING');
    await expect(api.app.get(EmailSender).send(eventId, people.secretariat.id, { lastTry: true })).rejects.toThrow();
    expect(await emailStatus(eventId, people.secretariat.id)).toBe('FAILED');
    await expect(api.app.get(EmailSender).send(eventId, people.secretariat.id)).resolves.toBe('not-owed');
  });
});

describe('sending email without SMTP_URL', () => {
  let api: TestApi;
  afterAll(() => api?.close());

  it('logs and skips, and leaves the notification unsent', async () => {
    // startApi only adds to process.env, so a previous suite's SMTP_URL is blanked (blank means unset).
    api = await startApi({ SMTP_URL: '' });
    const people = await seedPeople(api.app);
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    await expect(api.app.get(EmailSender).send(eventId, people.secretariat.id)).resolves.toBe('smtp-off');
    const [row] = await api.db.query<any>(`SELECT emailed_at, email_status FROM notification WHERE event_id = $1`, [eventId]);
    // Skipped for good: the reconcile does not queue it again.
    expect(row).toEqual({ emailed_at: null, email_status: 'SKIPPED' });
  });
});
