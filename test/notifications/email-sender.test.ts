import { Logger } from '@nestjs/common';
import { EmailSender, SMTP_OFF_WARNING } from '@tripartite/notifications';
import { People, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';
import { emitAndFanOut } from './notification-fixtures';
import { CaughtMail, TestSmtp, startSmtp } from './e2e-support';

const REFUSED = 'no-such-mailbox@test.org';
const UNDELIVERED = `query($s: UndeliveredEmailStatus, $f: Int, $a: ID) {
  undeliveredEmails(status: $s, first: $f, after: $a) { id status kind attempts owedSince lastAttemptAt nextAttemptAt lastError recipient { id email } }
}`;
const RESEND = `mutation($ids: [ID!]!) { resendEmails(ids: $ids) }`;

describe('sending one email (in-process)', () => {
  let api: TestApi;
  let people: People;
  let smtp: TestSmtp;
  const mails: CaughtMail[] = [];

  beforeAll(async () => {
    smtp = await startSmtp({ refuse: [REFUSED] }, mails);
    api = await startApi({
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Office <office@tripartite.test>',
      SECRETARIAT_TIME_ZONE: 'America/New_York',
      EMAIL_BACKOFF_MS: '1000',
      EMAIL_BACKOFF_MAX_MS: '4000',
      EMAIL_RETRY_FOR: '1h',
    });
    people = await seedPeople(api.app);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  const sender = () => api.app.get(EmailSender);
  const row = async (eventId: string, userId = people.secretariat.id) =>
    (
      await api.db.query<any>(
        `SELECT id, email_status, email_attempts, email_last_error, email_next_attempt_at, email_smtp_response, emailed_at, email_resends
           FROM notification WHERE event_id = $1 AND user_id = $2`,
        [eventId, userId],
      )
    )[0];
  const mailsOf = (eventId: string) => mails.filter((m) => m.mail.headers.get('x-tripartite-event') === eventId);
  const dbNow = async () => (await api.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`))[0].now.getTime();
  /** SMTP down for `during`, then back on the same port. */
  const withSmtpDown = async <T>(during: () => Promise<T>): Promise<T> => {
    await smtp.stop();
    try {
      return await during();
    } finally {
      smtp = await startSmtp({ port: smtp.port, refuse: [REFUSED] }, mails);
    }
  };

  it('sends once, recording the SMTP answer: a retried job after a successful send sends nothing more', async () => {
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: { documentDeadline: '2030-07-01T16:00:00.000Z' } });
    await expect(sender().send(eventId, people.secretariat.id)).resolves.toEqual({ result: 'sent', response: expect.stringMatching(/^250 /) });
    await expect(sender().send(eventId, people.secretariat.id)).resolves.toEqual({ result: 'already-sent' });
    expect(await row(eventId)).toMatchObject({ email_status: 'SENT', email_attempts: 1, email_smtp_response: expect.stringMatching(/^250 /) });
    const caught = mailsOf(eventId);
    expect(caught).toHaveLength(1);
    const { mail, to } = caught[0];
    expect(to).toEqual([people.secretariat.email]);
    expect(mail.from?.value).toEqual([{ name: 'Office', address: 'office@tripartite.test' }]);
    expect(mail.messageId).toBe(`<notification-${eventId}-${people.secretariat.id}@tripartite.local>`);
    expect(mail.subject).toBe('Governing Body papers due (papers due Mon, 1 July 2030 at 16:00 UTC)');
    expect(mail.text).toContain('Mon, 1 July 2030 at 12:00 GMT-4 (America/New_York)');
  });

  it('reads the address when sending, and respects an opt-out made after the fan-out', async () => {
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    const address = people.secretariat.email;
    await api.db.query(`UPDATE app_user SET email = 'office.new@test.org' WHERE id = $1`, [people.secretariat.id]);
    try {
      await expect(sender().send(eventId, people.secretariat.id)).resolves.toMatchObject({ result: 'sent' });
      expect(mailsOf(eventId).map((m) => m.to)).toEqual([['office.new@test.org']]);
    } finally {
      await api.db.query(`UPDATE app_user SET email = $2 WHERE id = $1`, [people.secretariat.id, address]);
    }

    const later = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    await api.db.query(`UPDATE app_user SET email_opt_out = '{gb.deadline}' WHERE id = $1`, [people.secretariat.id]);
    await expect(sender().send(later, people.secretariat.id)).resolves.toEqual({ result: 'opted-out' });
    // Recorded, so nothing queues it again; turning email back on does not send it either.
    expect((await row(later)).email_status).toBe('SKIPPED');
    await api.db.query(`UPDATE app_user SET email_opt_out = '{}' WHERE id = $1`, [people.secretariat.id]);
  });

  it('sends nothing to a user deactivated after the fan-out, and records it so nothing queues it again', async () => {
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    await api.db.query(`UPDATE app_user SET deactivated_at = now(), deactivation_reason = 'left' WHERE id = $1`, [people.secretariat.id]);
    try {
      await expect(sender().send(eventId, people.secretariat.id)).resolves.toEqual({ result: 'deactivated' });
      expect(mailsOf(eventId)).toEqual([]);
      expect((await row(eventId)).email_status).toBe('SKIPPED');
    } finally {
      await api.db.query(`UPDATE app_user SET deactivated_at = NULL, deactivation_reason = NULL WHERE id = $1`, [people.secretariat.id]);
    }
  });

  it('sends nothing for a user the event did not reach', async () => {
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    await expect(sender().send(eventId, people.observer.id)).resolves.toEqual({ result: 'no-notification' });
  });

  it('records a failed try with its error and next due time, doubling, and keeps the email owed until its window ends: then DEAD', async () => {
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    await withSmtpDown(async () => {
      // EMAIL_BACKOFF_MS 1000, less up to 20%: due 0.8 to 1 s after the first failed try, 1.6 to 2 s after the second.
      for (const [tries, low, high] of [
        [1, 800, 1000],
        [2, 1600, 2000],
      ]) {
        const before = await dbNow();
        const outcome = await sender().send(eventId, people.secretariat.id);
        const after = await dbNow();
        expect(outcome).toEqual({ result: 'retry', error: expect.stringContaining('ECONNREFUSED'), retryInMs: expect.any(Number) });
        const { retryInMs } = outcome as { retryInMs: number };
        expect(retryInMs).toBeGreaterThanOrEqual(low);
        expect(retryInMs).toBeLessThanOrEqual(high);
        const r = await row(eventId);
        expect(r).toMatchObject({
          email_status: 'PENDING',
          email_attempts: tries,
          emailed_at: null,
          email_last_error: expect.stringContaining('ECONNREFUSED'),
        });
        expect(r.email_next_attempt_at.getTime()).toBeGreaterThanOrEqual(before + retryInMs - 1);
        expect(r.email_next_attempt_at.getTime()).toBeLessThanOrEqual(after + retryInMs + 1);
      }
      // The hour of EMAIL_RETRY_FOR has passed: the next failed try is the last.
      await api.db.query(`UPDATE notification SET email_owed_since = email_owed_since - interval '2 hours' WHERE event_id = $1`, [eventId]);
      await expect(sender().send(eventId, people.secretariat.id)).resolves.toEqual({ result: 'dead', error: expect.stringContaining('ECONNREFUSED') });
    });
    expect(await row(eventId)).toMatchObject({ email_status: 'DEAD', email_attempts: 3, email_next_attempt_at: null, emailed_at: null });
    // A duplicate job of a DEAD email sends nothing, even with the server back.
    await expect(sender().send(eventId, people.secretariat.id)).resolves.toEqual({ result: 'not-owed' });
    expect(mailsOf(eventId)).toEqual([]);
  });

  it('a recipient the server refuses for good (550) is DEAD at once, with the answer', async () => {
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    const address = people.secretariat.email;
    await api.db.query(`UPDATE app_user SET email = $2 WHERE id = $1`, [people.secretariat.id, REFUSED]);
    try {
      await expect(sender().send(eventId, people.secretariat.id)).resolves.toEqual({ result: 'dead', error: expect.stringContaining('550') });
    } finally {
      await api.db.query(`UPDATE app_user SET email = $2 WHERE id = $1`, [people.secretariat.id, address]);
    }
    expect(await row(eventId)).toMatchObject({ email_status: 'DEAD', email_attempts: 1, email_last_error: expect.stringContaining('mailbox unavailable') });
  });

  it('a message the server accepted is SENT even when recording that failed: the next run records it without sending again, never DEAD', async () => {
    const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
    // The database refuses the SENT mark of this email (as an outage right after the server's answer would).
    await api.db.query(`CREATE TABLE test_refuse_sent (event_id uuid PRIMARY KEY)`);
    await api.db.query(`
      CREATE FUNCTION test_refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.email_status = 'SENT' AND EXISTS (SELECT 1 FROM test_refuse_sent WHERE event_id = NEW.event_id) THEN
          RAISE EXCEPTION 'simulated outage';
        END IF;
        RETURN NEW;
      END $$`);
    await api.db.query(`CREATE TRIGGER test_refuse_sent BEFORE UPDATE ON notification FOR EACH ROW EXECUTE FUNCTION test_refuse_sent()`);
    try {
      await api.db.query(`INSERT INTO test_refuse_sent VALUES ($1)`, [eventId]);
      await expect(sender().send(eventId, people.secretariat.id)).rejects.toThrow(/simulated outage/);
      expect(mailsOf(eventId)).toHaveLength(1);
      expect((await row(eventId)).email_status).toBe('PENDING');
      await api.db.query(`DELETE FROM test_refuse_sent`);
    } finally {
      await api.db.query(`DROP TRIGGER test_refuse_sent ON notification`);
      await api.db.query(`DROP FUNCTION test_refuse_sent()`);
      await api.db.query(`DROP TABLE test_refuse_sent`);
    }
    // Even with the server now down, the job's next run only records what the server had answered.
    await withSmtpDown(async () => {
      await expect(sender().send(eventId, people.secretariat.id)).resolves.toEqual({ result: 'sent', response: expect.stringMatching(/^250 /) });
    });
    expect(await row(eventId)).toMatchObject({ email_status: 'SENT', emailed_at: expect.any(Date), email_smtp_response: expect.stringMatching(/^250 /) });
    await expect(sender().send(eventId, people.secretariat.id)).resolves.toEqual({ result: 'already-sent' });
    expect(mailsOf(eventId)).toHaveLength(1);
  });

  describe('undelivered emails, for administrators', () => {
    let admin: string;
    let dead: { eventId: string; id: string };
    let owed: { eventId: string; id: string };

    beforeAll(async () => {
      admin = await api.login(people.admin.email);
      const failOnce = async (final: boolean) => {
        const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
        if (final) await api.db.query(`UPDATE notification SET email_owed_since = email_owed_since - interval '2 hours' WHERE event_id = $1`, [eventId]);
        await sender().send(eventId, people.secretariat.id);
        return { eventId, id: (await row(eventId)).id as string };
      };
      [owed, dead] = await withSmtpDown(async () => [await failOnce(false), await failOnce(true)]);
    });

    it('lists the emails still owed and the DEAD ones, newest first, with the last error and the recipient', async () => {
      const listed = ok(await api.gql(UNDELIVERED, {}, admin)).undeliveredEmails;
      expect(listed.slice(0, 2).map((e: any) => e.id)).toEqual([dead.id, owed.id]);
      expect(listed[0]).toMatchObject({
        status: 'DEAD',
        kind: 'gb.deadline',
        attempts: 1,
        nextAttemptAt: null,
        lastError: expect.stringContaining('ECONNREFUSED'),
        recipient: { id: people.secretariat.id, email: people.secretariat.email },
      });
      expect(listed[1]).toMatchObject({
        status: 'PENDING',
        attempts: 1,
        nextAttemptAt: expect.any(String),
        lastError: expect.stringContaining('ECONNREFUSED'),
      });
      const deadOnly = ok(await api.gql(UNDELIVERED, { s: 'DEAD' }, admin)).undeliveredEmails;
      expect(deadOnly.every((e: any) => e.status === 'DEAD')).toBe(true);
      expect(deadOnly.map((e: any) => e.id)).toContain(dead.id);
      expect(deadOnly.map((e: any) => e.id)).not.toContain(owed.id);
      // Pages: after the first one, the next.
      const second = ok(await api.gql(UNDELIVERED, { f: 1, a: dead.id }, admin)).undeliveredEmails;
      expect(second.map((e: any) => e.id)).toEqual([owed.id]);
    });

    it('re-sends a DEAD email with a fresh window and a job of its own, audited; it is then sent', async () => {
      expect(ok(await api.gql(RESEND, { ids: [dead.id] }, admin)).resendEmails).toBe(1);
      expect(await row(dead.eventId)).toMatchObject({ email_status: 'PENDING', email_attempts: 0, email_resends: 1 });
      expect(
        await api.db.query(`SELECT queue, name, job_id AS "jobId" FROM outbox WHERE job_id LIKE $1 ORDER BY created_at`, [`email-${dead.eventId}-%`]),
      ).toEqual([
        { queue: 'emails', name: 'email.send', jobId: `email-${dead.eventId}-${people.secretariat.id}` },
        { queue: 'emails', name: 'email.send', jobId: `email-${dead.eventId}-${people.secretariat.id}-resend-1` },
      ]);
      const [audit] = await api.db.query<any>(`SELECT action, actor_id, data FROM audit_event WHERE entity_id = $1`, [dead.id]);
      expect(audit).toEqual({ action: 'email.resent', actor_id: people.admin.id, data: { resend: 1 } });
      await expect(sender().send(dead.eventId, people.secretariat.id)).resolves.toMatchObject({ result: 'sent' });
      expect(mailsOf(dead.eventId)).toHaveLength(1);
      expect(ok(await api.gql(UNDELIVERED, {}, admin)).undeliveredEmails.map((e: any) => e.id)).not.toContain(dead.id);
    });

    it('re-sends all or none: an email that is not DEAD is a CONFLICT, an unknown one NOT_FOUND, too many BAD_USER_INPUT', async () => {
      expect(errorOf(await api.gql(RESEND, { ids: [owed.id] }, admin)).code).toBe('CONFLICT');
      expect(errorOf(await api.gql(RESEND, { ids: [dead.id] }, admin)).code).toBe('CONFLICT'); // sent by now
      expect(errorOf(await api.gql(RESEND, { ids: ['00000000-0000-4000-8000-000000000000'] }, admin)).code).toBe('NOT_FOUND');
      expect(errorOf(await api.gql(RESEND, { ids: ['nope'] }, admin)).code).toBe('NOT_FOUND');
      const many = Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      expect(errorOf(await api.gql(RESEND, { ids: many }, admin)).code).toBe('BAD_USER_INPUT');
      expect(errorOf(await api.gql(RESEND, { ids: [] }, admin)).code).toBe('BAD_USER_INPUT');
      expect((await row(owed.eventId)).email_status).toBe('PENDING');
    });

    it('is for administrators only', async () => {
      const secretariat = await api.login(people.secretariat.email);
      expect(errorOf(await api.gql(UNDELIVERED, {}, secretariat)).code).toBe('FORBIDDEN');
      expect(errorOf(await api.gql(RESEND, { ids: [owed.id] }, secretariat)).code).toBe('FORBIDDEN');
    });
  });
});

describe('sending email without SMTP_URL', () => {
  let api: TestApi;
  afterAll(() => api?.close());

  it('skips, leaving the notification unsent, and warns once per process (saying what to do), not once per email', async () => {
    // startApi only adds to process.env, so a previous suite's SMTP_URL is blanked (blank means unset).
    api = await startApi({ SMTP_URL: '' });
    const people = await seedPeople(api.app);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const eventIds: string[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const eventId = await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
        eventIds.push(eventId);
        for (const user of [people.secretariat, people.admin]) {
          await expect(api.app.get(EmailSender).send(eventId, user.id)).resolves.toEqual({ result: 'smtp-off' });
        }
      }
      expect(warn.mock.calls.filter(([message]) => String(message).includes('SMTP_URL'))).toEqual([[SMTP_OFF_WARNING]]);
    } finally {
      warn.mockRestore();
    }
    expect(SMTP_OFF_WARNING).toMatch(/^SMTP_URL is not set: .*in-app only.*set SMTP_URL, e\.g\. smtp:\/\/127\.0\.0\.1:1025/);
    const rows = await api.db.query<any>(`SELECT emailed_at, email_status FROM notification WHERE event_id = ANY($1) AND user_id = $2`, [
      eventIds,
      people.secretariat.id,
    ]);
    // Skipped for good: the reconcile does not queue them again.
    expect(rows).toEqual(eventIds.map(() => ({ emailed_at: null, email_status: 'SKIPPED' })));
  });
});
