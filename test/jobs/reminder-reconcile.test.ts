import { Job, Queue } from 'bullmq';
import { RoundDeadlines } from '@tripartite/consultation';
import { Transactions } from '@tripartite/database';
import { DAY_MS, gbDeadlineReminderJobId, meetingReminderJobId, reminderJobId, roundCloseJobId } from '@tripartite/domain';
import { GbDeadlineReminders } from '@tripartite/governing-body';
import { MeetingReminders } from '@tripartite/meetings';
import { NotificationReconciler, NotificationsService } from '@tripartite/notifications';
import { bullConnection } from '@tripartite/queue';
import { People, REDIS_URL, TestApi, deleteRedisKeys, ok, seedPeople, startApi } from '@tripartite/testing';
import { DeadlinesReconcileProcessor } from '../../apps/worker/src/jobs/deadlines-reconcile.processor';
import { WebhookReceiver, WorkerHandle, notificationsSettled, startSmtp, startWorker, waitFor } from '../notifications/e2e-support';

const MD = `# R\n\n## I. One\n\n1.1 A rule.\n`;
const ROUND_REMINDER = '5m';
const ROUND_REMINDER_MS = 5 * 60_000;
const MEETING_REMINDER_MS = DAY_MS; // MEETING_REMINDER_OFFSET default
const GB_REMINDER_MS = 7 * DAY_MS; // GB_REMINDER_OFFSET default
/** How far ahead the reminders that are made to fail are due: time to record the outage first. */
const LEAD_MS = 6000;

/**
 * The reconcile rebuilds meeting and GB reminder jobs after Redis lost them, and retries jobs that used up
 * their attempts while their work is still undone (a database outage, simulated by a trigger); each reminder
 * and each notification then happens once.
 */
describe('the reconcile of reminders and of failed jobs', () => {
  let api: TestApi;
  let people: People;
  let sec: (q: string, v?: Record<string, unknown>) => Promise<any>;
  let deadlines: Queue;
  let notifications: Queue;
  let webhooks: Queue;
  let worker: WorkerHandle | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const receiver = new WebhookReceiver();
  let n = 0;

  beforeAll(async () => {
    smtp = await startSmtp();
    await receiver.start();
    api = await startApi({ REMINDER_OFFSETS: ROUND_REMINDER });
    people = await seedPeople(api.app);
    const token = await api.login(people.secretariat.email);
    sec = async (q, v = {}) => ok(await api.gql(q, v, token));
    deadlines = new Queue('deadlines', { connection: bullConnection(REDIS_URL), prefix: api.prefix });
    notifications = new Queue('notifications', { connection: bullConnection(REDIS_URL), prefix: api.prefix });
    webhooks = new Queue('webhooks', { connection: bullConnection(REDIS_URL), prefix: api.prefix });
  }, 60_000);
  afterAll(async () => {
    await worker?.proc.kill();
    await deadlines?.close();
    await notifications?.close();
    await webhooks?.close();
    await receiver.stop();
    await api?.close();
    await smtp?.stop();
  });

  /** The worker's reconcile job, run here on the API's services (same database, same queues). */
  const reconcile = () =>
    new DeadlinesReconcileProcessor(
      api.app.get(RoundDeadlines),
      api.app.get(NotificationReconciler),
      api.app.get(MeetingReminders),
      api.app.get(GbDeadlineReminders),
    ).handle();

  async function dbNow(): Promise<number> {
    const [{ now }] = await api.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`);
    return now.getTime();
  }

  /** A published instrument, ready for a meeting (or, with `stage` DRAFTING, for a round). */
  async function instrument(): Promise<{ instrumentId: string; versionId: string }> {
    const created = (
      await sec(`mutation($r: String!) { createInstrument(input: { reference: $r, title: "Reconciled" }) { id versions { id } } }`, { r: `RR/${++n}` })
    ).createInstrument;
    const versionId = created.versions[0].id;
    await sec(`mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`, { v: versionId, md: MD });
    await sec(`mutation($v: ID!) { publishVersion(versionId: $v) { id } }`, { v: versionId });
    return { instrumentId: created.id, versionId };
  }

  async function meeting(startsAt: number): Promise<{ id: string; startsAt: Date; instrumentId: string }> {
    const { instrumentId, versionId } = await instrument();
    await api.db.query(`UPDATE instrument SET stage = 'CONSOLIDATION' WHERE id = $1`, [instrumentId]);
    const m = (
      await sec(`mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { id startsAt } }`, {
        in: {
          instrumentId,
          versionId,
          title: 'Reconciled meeting',
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 3600_000).toISOString(),
        },
      })
    ).scheduleMeeting;
    await sec(`mutation($m: ID!, $u: ID!) { assignModerator(meetingId: $m, userId: $u) { id } }`, { m: m.id, u: people.moderator.id });
    return { id: m.id, startsAt: new Date(m.startsAt), instrumentId };
  }

  async function gbSession(documentDeadline: number, startsAt = documentDeadline + 10 * DAY_MS): Promise<{ id: string; documentDeadline: Date }> {
    const s = (
      await sec(
        `mutation($n: Int!, $s: DateTime!, $e: DateTime!, $d: DateTime!) { createGoverningBodySession(number: $n, startsAt: $s, endsAt: $e, documentDeadline: $d) { id documentDeadline } }`,
        {
          n: 500 + ++n,
          s: new Date(startsAt).toISOString(),
          e: new Date(startsAt + DAY_MS).toISOString(),
          d: new Date(documentDeadline).toISOString(),
        },
      )
    ).createGoverningBodySession;
    return { id: s.id, documentDeadline: new Date(s.documentDeadline) };
  }

  const jobsIn = async (queue: Queue) =>
    (await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized', 'paused', 'waiting-children'])).map((j) => j.id).sort();

  it('re-creates the lost reminders still ahead, once, at their time; nothing for an opened meeting or a passed reminder or deadline', async () => {
    const now = await dbNow();
    const ahead = await meeting(now + 3 * DAY_MS);
    const opened = await meeting(now + 3 * DAY_MS);
    await api.db.query(`UPDATE instrument SET stage = 'EXPERTS_MEETING' WHERE id = $1`, [opened.instrumentId]);
    await sec(`mutation($m: ID!) { openMeeting(meetingId: $m) { status } }`, { m: opened.id });
    // Starts in 12 hours: its reminder (a day before) had passed when it was scheduled.
    const soon = await meeting(now + 12 * 3600_000);
    const session = await gbSession(now + 10 * DAY_MS);
    const deadlinePassed = await gbSession(now - 3600_000, now + 5 * DAY_MS);
    const reminderPassed = await gbSession(now + 2 * DAY_MS);

    // The relay had handed every job to BullMQ; then Redis lost them all.
    await api.db.query(`UPDATE outbox SET dispatched_at = clock_timestamp() WHERE dispatched_at IS NULL`);
    await deleteRedisKeys(api.prefix);
    expect(await jobsIn(deadlines)).toEqual([]);

    const first = await reconcile();
    expect(first).toMatchObject({
      deadlines: { closed: 0, rescheduled: 0, retried: 0 },
      meetings: { added: 1, retried: 0 },
      gbSessions: { added: 1, retried: 0 },
      notifications: { retried: 0 },
    });
    const meetingJob = meetingReminderJobId(ahead.id, ahead.startsAt);
    const sessionJob = gbDeadlineReminderJobId(session.id, session.documentDeadline);
    expect(await jobsIn(deadlines)).toEqual([meetingJob, sessionJob].sort());
    const expected: [string, string, Record<string, unknown>, number][] = [
      [meetingJob, 'meeting.reminder', { meetingId: ahead.id, startsAt: ahead.startsAt.toISOString() }, ahead.startsAt.getTime() - MEETING_REMINDER_MS],
      [
        sessionJob,
        'gb.deadline-reminder',
        { sessionId: session.id, documentDeadline: session.documentDeadline.toISOString() },
        session.documentDeadline.getTime() - GB_REMINDER_MS,
      ],
    ];
    for (const [id, name, data, remindAt] of expected) {
      const job = (await deadlines.getJob(id))!;
      expect({ id, name: job.name, data: job.data, state: await job.getState() }).toEqual({ id, name, data, state: 'delayed' });
      // Due at the reminder's time, as scheduled.
      expect(Math.abs(job.timestamp + job.delay - remindAt)).toBeLessThan(1000);
    }
    for (const id of [opened, soon].map((m) => meetingReminderJobId(m.id, m.startsAt))) expect(await deadlines.getJob(id)).toBeUndefined();
    for (const s of [deadlinePassed, reminderPassed]) expect(await deadlines.getJob(gbDeadlineReminderJobId(s.id, s.documentDeadline))).toBeUndefined();

    // Again: the jobs are there, so nothing is added.
    await expect(reconcile()).resolves.toMatchObject({ meetings: { added: 0, retried: 0 }, gbSessions: { added: 0, retried: 0 } });
    expect(await jobsIn(deadlines)).toEqual([meetingJob, sessionJob].sort());
  }, 60_000);

  it('retries, once per run, jobs that failed for good while their work is undone; each reminder and notification happens once', async () => {
    const mailsOf = (eventId: string) => smtp.mails.filter((m) => m.mail.headers.get('x-tripartite-event') === eventId);
    receiver.on('/hook', () => 200);
    const admin = await api.login(people.admin.email);
    ok(
      await api.gql(
        `mutation($u: String!) { registerWebhook(url: $u, events: ["gb.deadline"], secret: "reconcile-retry-secret-0123") { id } }`,
        { u: `${receiver.url}/hook` },
        admin,
      ),
    );
    // A database outage for chosen writes: an event of a kind about a subject, a fan-out's rows, a delivery's tries.
    await api.db.query(`CREATE TABLE test_outage (target text PRIMARY KEY)`);
    await api.db.query(`
      CREATE FUNCTION test_outage() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE key text;
      BEGIN
        IF TG_TABLE_NAME = 'notification_event' THEN key := 'emit:' || NEW.kind || ':' || NEW.subject_id;
        ELSIF TG_TABLE_NAME = 'notification' THEN key := 'fanout:' || NEW.event_id;
        ELSE key := 'deliver:' || NEW.event_id;
        END IF;
        IF EXISTS (SELECT 1 FROM test_outage WHERE target = key) THEN RAISE EXCEPTION 'simulated outage'; END IF;
        RETURN NEW;
      END $$`);
    for (const [table, op] of [
      ['notification_event', 'INSERT'],
      ['notification', 'INSERT'],
      ['webhook_delivery', 'UPDATE'],
    ]) {
      await api.db.query(`CREATE TRIGGER test_outage BEFORE ${op} ON ${table} FOR EACH ROW EXECUTE FUNCTION test_outage()`);
    }
    const outage = (target: string) => api.db.query(`INSERT INTO test_outage VALUES ($1)`, [target]);
    worker = await startWorker(api, {
      SMTP_URL: smtp.url,
      REMINDER_OFFSETS: ROUND_REMINDER,
      RECONCILE_INTERVAL_MS: '3600000',
      WEBHOOK_RETRY_SCHEDULE: '0s,300ms',
    });

    // Reminders due a few seconds from now (each counted from just before its own scheduling): a round's, a meeting's, a GB session's.
    const dueSoon = async () => (await dbNow()) + LEAD_MS;
    const { instrumentId, versionId } = await instrument();
    const invited = people.organizations.WORKERS[0];
    const round = (
      await sec(
        `mutation($i: ID!, $v: ID!, $c: DateTime!, $o: [ID!]) { scheduleConsultation(input: { instrumentId: $i, versionId: $v, closesAt: $c, organizationIds: $o }) { id closesAt } }`,
        {
          i: instrumentId,
          v: versionId,
          c: new Date((await dueSoon()) + ROUND_REMINDER_MS).toISOString(),
          o: [invited],
        },
      )
    ).scheduleConsultation;
    await outage(`emit:consultation.reminder:${round.id}`);
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: CONSULTATION) { stage } }`, { i: instrumentId });
    const m = await meeting((await dueSoon()) + MEETING_REMINDER_MS);
    await outage(`emit:meeting.reminder:${m.id}`);
    const s = await gbSession((await dueSoon()) + GB_REMINDER_MS);
    await outage(`emit:gb.deadline:${s.id}`);
    // Events whose fan-out, and whose webhook delivery, fail on every try.
    const emitWith = (target: (eventId: string) => string) =>
      api.app.get(Transactions).run(async ({ em }) => {
        const id = await api.app.get(NotificationsService).emit(em, { kind: 'gb.deadline', data: { documentDeadline: '2031-01-15T12:00:00.000Z' } });
        await em.query(`INSERT INTO test_outage VALUES ($1)`, [target(id)]);
        return id;
      });
    const unfanned = await emitWith((id) => `fanout:${id}`);
    const undelivered = await emitWith((id) => `deliver:${id}`);

    const ids = {
      round: reminderJobId(round.id, new Date(round.closesAt), ROUND_REMINDER_MS),
      meeting: meetingReminderJobId(m.id, m.startsAt),
      session: gbDeadlineReminderJobId(s.id, s.documentDeadline),
    };
    let deliveryId = '';
    await waitFor(
      'every job to fail for good',
      async () => {
        const [delivery] = await api.db.query<{ id: string }>(`SELECT id FROM webhook_delivery WHERE event_id = $1`, [undelivered]);
        deliveryId = delivery?.id ?? '';
        const states = await Promise.all([
          ...Object.values(ids).map((id) => deadlines.getJobState(id)),
          notifications.getJobState(`fanout-${unfanned}`),
          deliveryId ? webhooks.getJobState(`webhook-${deliveryId}`) : 'unknown',
        ]);
        return states.every((state) => state === 'failed') ? true : undefined;
      },
      45_000,
      250,
    );
    // Nothing happened, and the unfinished work is still recorded as such.
    const count = async (sql: string, params: unknown[]) => (await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
    const reminders = () => count(`notification_event WHERE once_key = ANY($1)`, [Object.values(ids)]);
    expect(await reminders()).toBe(0);
    expect(await count(`notification_event WHERE id = $1 AND fanned_out_at IS NULL`, [unfanned])).toBe(1);
    expect(await count(`webhook_delivery WHERE id = $1 AND status = 'PENDING'`, [deliveryId])).toBe(1);

    // The outage ends; one reconcile run retries each failed job once.
    await api.db.query(`DELETE FROM test_outage`);
    await expect(reconcile()).resolves.toMatchObject({
      deadlines: { closed: 0, rescheduled: 0, retried: 1 },
      meetings: { added: 0, retried: 1 },
      gbSessions: { added: 0, retried: 1 },
      // (Its fanouts, emails, webhooks: what the relay may not have queued yet at this instant.)
      notifications: { retried: 2 },
    });
    await waitFor(
      'the reminders, the fan-out, its email and the delivery',
      async () => {
        const settled =
          (await reminders()) === 3 &&
          (await count(`notification_event WHERE fanned_out_at IS NULL`, [])) === 0 &&
          (await count(`notification WHERE email_status = 'PENDING'`, [])) === 0 &&
          (await count(`webhook_delivery WHERE status = 'PENDING'`, [])) === 0;
        return settled ? true : undefined;
      },
      30_000,
      200,
    );
    // Done: the next run finds nothing failed.
    await expect(reconcile()).resolves.toMatchObject({
      deadlines: { retried: 0 },
      meetings: { retried: 0 },
      gbSessions: { retried: 0 },
      notifications: { retried: 0 },
    });

    // A reminder job that runs again (as after a failure whose commit got through) reminds no one twice.
    await (await Job.fromId(deadlines, ids.meeting))!.retry('completed');
    await waitFor('the repeated reminder job', async () => ((await deadlines.getJobState(ids.meeting)) === 'completed' ? true : undefined), 15_000, 100);
    expect((await deadlines.getJob(ids.meeting))!.returnvalue).toBe('already-reminded');
    await notificationsSettled(api, [deadlines]); // what it did has gone all the way: a duplicate would show now

    const byKind = await api.db.query<{ kind: string; subject: string; users: string[] }>(
      `SELECT e.kind, e.subject_id AS subject, array_agg(u.email ORDER BY u.email) AS users
         FROM notification_event e JOIN notification n ON n.event_id = e.id JOIN app_user u ON u.id = n.user_id
        WHERE e.once_key = ANY($1) GROUP BY e.id ORDER BY e.kind`,
      [Object.values(ids)],
    );
    expect(byKind).toEqual([
      { kind: 'consultation.reminder', subject: round.id, users: [people.constituents.WORKERS[0].email] },
      { kind: 'gb.deadline', subject: s.id, users: [people.secretariat.email] },
      { kind: 'meeting.reminder', subject: m.id, users: [people.moderator.email] },
    ]);
    expect(mailsOf(unfanned).map((x) => x.to)).toEqual([[people.secretariat.email]]);
    expect(receiver.hits.filter((h) => h.deliveryId === deliveryId)).toHaveLength(1);
    // Every delivery (the GB reminder's and the failed fan-out's included) arrived once.
    const delivered = await api.db.query<{ id: string }>(`SELECT id FROM webhook_delivery WHERE status = 'DELIVERED'`);
    expect(delivered.map((d) => receiver.hits.filter((h) => h.deliveryId === d.id).length)).toEqual(delivered.map(() => 1));
    expect(delivered.length).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('sends late a reminder whose job Redis lost after its time came, while its deadline is ahead; not one already sent, superseded, or unwanted when scheduled', async () => {
    worker ??= await startWorker(api, { SMTP_URL: smtp.url, REMINDER_OFFSETS: ROUND_REMINDER, RECONCILE_INTERVAL_MS: '3600000' });
    const now = await dbNow();
    const scheduledEarlier = (table: string, id: string, by: string) =>
      api.db.query(`UPDATE ${table} SET created_at = created_at - $2::interval WHERE id = $1`, [id, by]);
    // Scheduled two days ago for 12 hours from now: its reminder (a day before) came 12 hours ago.
    const missed = await meeting(now + 12 * 3600_000);
    await scheduledEarlier('experts_meeting', missed.id, '2 days');
    // The same, but its reminder was sent before Redis lost the job.
    const sent = await meeting(now + 12 * 3600_000);
    await scheduledEarlier('experts_meeting', sent.id, '2 days');
    const sentJob = meetingReminderJobId(sent.id, sent.startsAt);
    await api.app.get(Transactions).run(({ em }) =>
      api.app.get(NotificationsService).emitOnce(em, sentJob, {
        kind: 'meeting.reminder',
        instrumentId: sent.instrumentId,
        subjectId: sent.id,
        data: { meetingId: sent.id, startsAt: sent.startsAt.toISOString() },
      }),
    );
    // Created 8 days ago, document deadline in 2 days: its reminder (7 days before) came 5 days ago.
    const session = await gbSession(now + 2 * DAY_MS);
    await scheduledEarlier('gb_session', session.id, '8 days');
    // Opened 10 minutes ago, closing in 2 minutes: its reminder (5 minutes before) came 3 minutes ago.
    const openRound = async (closesAt: number) => {
      const { instrumentId, versionId } = await instrument();
      const r = (
        await sec(
          `mutation($i: ID!, $v: ID!, $c: DateTime!) { scheduleConsultation(input: { instrumentId: $i, versionId: $v, closesAt: $c }) { id closesAt } }`,
          {
            i: instrumentId,
            v: versionId,
            c: new Date(closesAt).toISOString(),
          },
        )
      ).scheduleConsultation;
      await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: CONSULTATION) { stage } }`, { i: instrumentId });
      await api.db.query(`UPDATE consultation_round SET opens_at = opens_at - interval '10 minutes' WHERE id = $1`, [r.id]);
      return r;
    };
    const round = await openRound(now + 2 * 60_000);
    // Extended just now to close in 3 minutes: the new deadline's reminder came 2 minutes ago, before the extension,
    // so it was not scheduled, and is not sent late either.
    const extended = await openRound(now + 2 * 60_000);
    const newDeadline = new Date(now + 3 * 60_000);
    await sec(`mutation($id: ID!, $at: DateTime!) { extendConsultation(roundId: $id, closesAt: $at, reason: "More time") { id } }`, {
      id: extended.id,
      at: newDeadline.toISOString(),
    });

    await api.db.query(`UPDATE outbox SET dispatched_at = clock_timestamp() WHERE dispatched_at IS NULL`);
    await deleteRedisKeys(api.prefix);
    await reconcile();
    const late = {
      meeting: meetingReminderJobId(missed.id, missed.startsAt),
      session: gbDeadlineReminderJobId(session.id, session.documentDeadline),
      round: reminderJobId(round.id, new Date(round.closesAt), ROUND_REMINDER_MS),
    };
    const events = async (keys: string[]) =>
      Object.fromEntries(
        (
          await api.db.query<{ key: string; n: number }>(
            `SELECT once_key AS key, count(*)::int AS n FROM notification_event WHERE once_key = ANY($1) GROUP BY once_key`,
            [keys],
          )
        ).map((r) => [r.key, r.n]),
      );
    const extendedReminder = reminderJobId(extended.id, newDeadline, ROUND_REMINDER_MS);
    const watched = [...Object.values(late), sentJob, extendedReminder];
    // The worker runs the late ones at once.
    await waitFor('the late reminders', async () => (Object.keys(await events(Object.values(late))).length === 3 ? true : undefined), 15_000, 100);
    // The rounds' close jobs are back too.
    expect(await jobsIn(deadlines)).toEqual(
      expect.arrayContaining([roundCloseJobId(round.id, new Date(round.closesAt)), roundCloseJobId(extended.id, newDeadline)]),
    );

    // Sent: the next runs add nothing, and each reminder happened once (the one sent before Redis lost it too).
    await reconcile();
    await reconcile();
    // A second sending would be a reminder job's event: once no reminder job is waiting or running, what they queued has run.
    await waitFor(
      'the reminder jobs the reconcile runs queued',
      async () => (Object.values(await deadlines.getJobCounts('waiting', 'active', 'prioritized')).every((n) => n === 0) ? true : undefined),
      20_000,
      100,
    );
    expect(await events(watched)).toEqual({ [late.meeting]: 1, [late.session]: 1, [late.round]: 1, [sentJob]: 1 });
    for (const id of Object.values(late)) {
      const job = (await deadlines.getJob(id))!;
      expect({ id, state: await job.getState(), result: job.returnvalue }).toEqual({ id, state: 'completed', result: 'reminded' });
    }
    // Never queued again: the one already sent, and the one not wanted when its deadline was set.
    expect(await deadlines.getJob(sentJob)).toBeUndefined();
    expect(await deadlines.getJob(extendedReminder)).toBeUndefined();
  }, 60_000);
});
