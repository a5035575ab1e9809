import { People, TestApi, ok, seedPeople, startApi } from '@tripartite/testing';
import { WorkerHandle, notificationsSettled, startSmtp, startWorker, waitFor } from '../notifications/e2e-support';

const MD = `# R\n\n## I. One\n\n1.1 A rule.\n\n1.2 Another rule.\n`;

/** Reminder jobs with the real worker: they reach exactly who they should, by email and in-app. */
describe('reminders', () => {
  let api: TestApi;
  let people: People;
  let worker: WorkerHandle;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sec: (q: string, v?: Record<string, unknown>) => Promise<any>;

  beforeAll(async () => {
    smtp = await startSmtp();
    // Offsets small enough to fire during the test: 3 s before a round closes, 1 d before a meeting, 7 d before a GB deadline.
    api = await startApi({ REMINDER_OFFSETS: '3s' });
    people = await seedPeople(api.app);
    worker = await startWorker(api, { SMTP_URL: smtp.url, REMINDER_OFFSETS: '3s' });
    const token = await api.login(people.secretariat.email);
    sec = async (q, v = {}) => ok(await api.gql(q, v, token));
  });
  afterAll(async () => {
    await worker?.proc.kill();
    await api?.close();
    await smtp?.stop();
  });

  async function dbNow(): Promise<number> {
    const [{ now }] = await api.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`);
    return now.getTime();
  }

  const inApp = (kind: string) =>
    api.db.query<{ email: string }>(
      `SELECT u.email FROM notification n JOIN notification_event e ON e.id = n.event_id JOIN app_user u ON u.id = n.user_id WHERE e.kind = $1 ORDER BY u.email`,
      [kind],
    );

  it('reminds before a round closes only the invited organizations that have not commented', async () => {
    const created = (await sec(`mutation { createInstrument(input: { reference: "REM/1", title: "Reminded" }) { id versions { id } } }`)).createInstrument;
    const v = created.versions[0].id;
    await sec(`mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`, { v, md: MD });
    await sec(`mutation($v: ID!) { publishVersion(versionId: $v) { id } }`, { v });
    // Invite one organization per group; two of them comment before the reminder.
    const invited = [people.organizations.GOVERNMENT[0], people.organizations.EMPLOYERS[0], people.organizations.WORKERS[0]];
    const round = (
      await sec(
        `mutation($i: ID!, $v: ID!, $c: DateTime!, $o: [ID!]) { scheduleConsultation(input: { instrumentId: $i, versionId: $v, closesAt: $c, organizationIds: $o }) { id } }`,
        {
          i: created.id,
          v,
          c: new Date((await dbNow()) + 6000).toISOString(),
          o: invited,
        },
      )
    ).scheduleConsultation;
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: CONSULTATION) { stage } }`, { i: created.id });
    for (const person of [people.constituents.GOVERNMENT[0], people.constituents.EMPLOYERS[0]]) {
      const token = await api.login(person.email);
      ok(await api.gql(`mutation($r: ID!) { submitComment(input: { roundId: $r, type: GENERAL, body: "Our view" }) { id } }`, { r: round.id }, token));
    }
    const expected = [people.constituents.WORKERS[0].email];
    await waitFor('the in-app reminder', async () => ((await inApp('consultation.reminder')).length ? true : undefined), 15_000);
    expect((await inApp('consultation.reminder')).map((r) => r.email)).toEqual(expected);
    // The email carries the same title as the in-app notification.
    const [{ title }] = await api.db.query<{ title: string }>(
      `SELECT n.title FROM notification n JOIN notification_event e ON e.id = n.event_id WHERE e.kind = 'consultation.reminder' LIMIT 1`,
    );
    const reminderMails = () => smtp.mails.filter((m) => (m.mail.subject ?? '').includes(title));
    await waitFor('the reminder email', async () => (reminderMails().length ? true : undefined), 15_000);
    await notificationsSettled(api); // every email decided: a stray extra one would be counted now
    const recipients = [...new Set(reminderMails().flatMap((m) => m.to))];
    expect(reminderMails()[0].mail.subject).toContain('REM/1');
    expect(recipients).toEqual(expected);
  });

  it('reminds meeting participants and moderators, and the secretariat of a GB document deadline', async () => {
    const now = await dbNow();
    // Meeting reminder: 1 day before startsAt, so a meeting starting in 1 d + 2 s is reminded in 2 s.
    await api.db.query(`UPDATE instrument SET stage = 'CONSOLIDATION' WHERE reference = 'REM/1'`);
    const [{ id: instrumentId }] = await api.db.query<{ id: string }>(`SELECT id FROM instrument WHERE reference = 'REM/1'`);
    const { instrument } = await sec(`query($i: ID!) { instrument(id: $i) { latestPublishedVersion { id } } }`, { i: instrumentId });
    const meeting = (
      await sec(`mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { id } }`, {
        in: {
          instrumentId,
          versionId: instrument.latestPublishedVersion.id,
          title: 'Reminded meeting',
          startsAt: new Date(now + 86_400_000 + 2500).toISOString(),
          endsAt: new Date(now + 2 * 86_400_000).toISOString(),
        },
      })
    ).scheduleMeeting;
    await sec(`mutation($m: ID!, $u: ID!) { assignModerator(meetingId: $m, userId: $u) { id } }`, { m: meeting.id, u: people.moderator.id });
    await sec(`mutation($m: ID!, $u: ID!) { addParticipant(meetingId: $m, userId: $u, group: WORKERS, role: SPOKESPERSON) { id } }`, {
      m: meeting.id,
      u: people.constituents.WORKERS[1].id,
    });
    // GB reminder: 7 days before the document deadline.
    await sec(
      `mutation($s: DateTime!, $e: DateTime!, $d: DateTime!) { createGoverningBodySession(number: 777, startsAt: $s, endsAt: $e, documentDeadline: $d) { id } }`,
      {
        s: new Date(now + 30 * 86_400_000).toISOString(),
        e: new Date(now + 31 * 86_400_000).toISOString(),
        d: new Date(now + 7 * 86_400_000 + 2500).toISOString(),
      },
    );
    await waitFor('both reminders', async () => ((await inApp('meeting.reminder')).length && (await inApp('gb.deadline')).length ? true : undefined), 15_000);
    expect((await inApp('meeting.reminder')).map((r) => r.email)).toEqual([people.constituents.WORKERS[1].email, people.moderator.email].sort());
    expect((await inApp('gb.deadline')).map((r) => r.email)).toEqual([people.secretariat.email]);
  });
});
