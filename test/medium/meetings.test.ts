import type { Actor } from '@tripartite/common';
import { AuditModule } from '@tripartite/audit';
import { DraftingModule, DraftingService } from '@tripartite/drafting';
import { EventBus } from '@tripartite/events';
import { AgendaService, MeetingReadService, MeetingService, MeetingsModule } from '@tripartite/meetings';
import { OutboxModule } from '@tripartite/outbox';
import { Medium, startMedium } from '../support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// MeetingService and AgendaService on the real database, without HTTP: one event per write, its audit row and its
// outbox rows in the write's own transaction, the live board told only once it has committed.
describe('meetings services (medium)', () => {
  let medium: Medium;
  let meetings: MeetingService;
  let agenda: AgendaService;
  let read: MeetingReadService;
  let secretariat: Actor;
  let moderator: Actor;
  let outsider: Actor;
  let instrumentId: string;
  let versionId: string;
  const committed: { name: string; entityId: string }[] = [];

  const user = async (email: string, roles: string[]): Promise<Actor> => {
    const [row] = await medium.db.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ($1, $1, 'x', $2) RETURNING id`,
      [email, roles],
    );
    return { userId: row.id, roles: roles as Actor['roles'], organizationId: null, group: null };
  };
  const setStage = (stage: string, id = instrumentId) => medium.db.query(`UPDATE instrument SET stage = $2 WHERE id = $1`, [id, stage]);
  /** An instrument with a published version of three guidelines in two sections. */
  const publishedInstrument = async (reference: string) => {
    const drafting = medium.get(DraftingService);
    const instrument = await drafting.createInstrument(secretariat, { reference, title: 'Meetings, medium tier' });
    const [{ id }] = await medium.db.query<{ id: string }>(`SELECT id FROM draft_version WHERE instrument_id = $1`, [instrument.id]);
    await drafting.saveDraft(secretariat, id, [
      { number: 'I', heading: 'Scope', guidelines: [1, 2].map((n) => ({ number: `${n}.`, text: `Guideline ${n}` })) },
      { number: 'II', heading: 'Means', guidelines: [3].map((n) => ({ number: `${n}.`, text: `Guideline ${n}` })) },
    ]);
    await drafting.publish(secretariat, id);
    return { instrumentId: instrument.id, versionId: id };
  };
  const count = async (sql: string, params: unknown[] = []) => (await medium.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
  const schedule = (startsAt: Date, title = 'Meeting of experts', ids = { instrumentId, versionId }) =>
    meetings.schedule(secretariat, { ...ids, title, startsAt, endsAt: new Date(startsAt.getTime() + 3 * DAY) });

  beforeAll(async () => {
    medium = await startMedium([OutboxModule, AuditModule, DraftingModule, MeetingsModule], { MEETING_REMINDER_OFFSET: '1d' });
    meetings = medium.get(MeetingService);
    agenda = medium.get(AgendaService);
    read = medium.get(MeetingReadService);
    secretariat = await user('sec@test.org', ['SECRETARIAT']);
    moderator = await user('mod@test.org', ['MODERATOR']);
    outsider = await user('other-mod@test.org', ['MODERATOR']);
    ({ instrumentId, versionId } = await publishedInstrument('ILO/MED/M1'));
    const bus = medium.get(EventBus);
    bus.afterCommit(['position.recorded', 'agendaItem.opened'], 'live', 'test', (e) => void committed.push({ name: e.name, entityId: e.entityId }));
  });

  afterAll(async () => {
    await medium?.close();
  });

  it('has a subscriber for every effect the meetings events declare, in the modules composed here', () => {
    const bus = medium.get(EventBus);
    expect(bus.missing().filter((gap) => /^(meeting|agendaItem|position|amendment|vote)\./.test(gap))).toEqual([]);
    expect(bus.subscribers()).toEqual(
      expect.arrayContaining([
        ['meeting.scheduled', 'notify', 'MeetingsScheduledSubscriber'],
        ['meeting.scheduled', 'jobs', 'MeetingsScheduledSubscriber'],
        ['vote.recorded', 'live', 'MeetingsLiveSubscriber'],
      ]),
    );
  });

  it('refuses a meeting outside CONSOLIDATION, writing nothing', async () => {
    const audits = await count(`audit_event`);
    await expect(schedule(new Date(Date.now() + 10 * DAY))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await count(`experts_meeting`)).toBe(0);
    expect(await count(`agenda_item`)).toBe(0);
    expect(await count(`audit_event`)).toBe(audits);
    expect(await count(`outbox WHERE name = 'meeting.reminder'`)).toBe(0);
  });

  it('schedules with its agenda, one audit row, its notification and its reminder (reminderTimes: a day before) in one transaction', async () => {
    await setStage('CONSOLIDATION');
    const startsAt = new Date(Date.now() + 10 * DAY);
    const meeting = await schedule(startsAt);
    const items = await read.agendaByMeetingIds([meeting.id]);
    expect(items.get(meeting.id)!.map((i) => [i.order, i.status])).toEqual([
      [1, 'PENDING'],
      [2, 'PENDING'],
      [3, 'PENDING'],
    ]);
    const audit = await medium.db.query<{ action: string; entity_type: string; data: object; tx: string }>(
      `SELECT action, entity_type, data, xmin::text AS tx FROM audit_event WHERE entity_id = $1`,
      [meeting.id],
    );
    expect(audit).toEqual([
      {
        action: 'meeting.scheduled',
        entity_type: 'ExpertsMeeting',
        data: {
          instrumentId,
          versionId,
          title: 'Meeting of experts',
          startsAt: startsAt.toISOString(),
          endsAt: meeting.endsAt.toISOString(),
          decisionRule: 'CONSENSUS',
          agendaItems: 3,
        },
        tx: expect.any(String),
      },
    ]);
    const [{ tx: meetingTx }] = await medium.db.query<{ tx: string }>(`SELECT xmin::text AS tx FROM experts_meeting WHERE id = $1`, [meeting.id]);
    const notified = await medium.db.query<{ kind: string; tx: string }>(`SELECT kind, xmin::text AS tx FROM notification_event WHERE subject_id = $1`, [
      meeting.id,
    ]);
    const reminder = await medium.db.query<{ run_at: Date; payload: object; tx: string }>(
      `SELECT run_at, payload, xmin::text AS tx FROM outbox WHERE name = 'meeting.reminder'`,
    );
    expect(notified).toEqual([{ kind: 'meeting.scheduled', tx: meetingTx }]);
    expect(reminder).toEqual([
      { run_at: new Date(startsAt.getTime() - DAY), payload: { meetingId: meeting.id, startsAt: startsAt.toISOString() }, tx: meetingTx },
    ]);
    expect(audit[0].tx).toBe(meetingTx);

    // Its report not adopted, the version takes no second meeting: refused, nothing written.
    await expect(schedule(new Date(Date.now() + 20 * DAY), 'Again')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await count(`experts_meeting`)).toBe(1);
    expect(await count(`outbox WHERE name = 'meeting.reminder'`)).toBe(1);
  });

  it('records on an item with one audit row per write, tells the live board after commit, and a CONFLICT leaves nothing', async () => {
    const [meeting] = (await read.byInstrumentIds(null, [instrumentId])).get(instrumentId)!;
    await meetings.assignModerator(secretariat, meeting.id, moderator.userId);
    await setStage('EXPERTS_MEETING');
    await meetings.open(moderator, meeting.id);
    const [first] = (await read.agendaByMeetingIds([meeting.id])).get(meeting.id)!;

    const opened = await agenda.openItem(moderator, first.id);
    const recorded = await agenda.recordPosition(moderator, first.id, 'GOVERNMENT', 'SUPPORT', 'We support it.', opened.revision);
    expect(recorded.revision).toBe(opened.revision + 1);
    const audits = await medium.db.query<{ action: string; entity_type: string; data: { meetingId: string; revision: number } }>(
      `SELECT action, entity_type, data FROM audit_event WHERE entity_id = $1 ORDER BY at`,
      [first.id],
    );
    expect(audits.map((a) => [a.action, a.entity_type, a.data.meetingId, a.data.revision])).toEqual([
      ['agendaItem.opened', 'AgendaItem', meeting.id, opened.revision],
      ['position.recorded', 'AgendaItem', meeting.id, recorded.revision],
    ]);
    expect(committed).toEqual([
      { name: 'agendaItem.opened', entityId: first.id },
      { name: 'position.recorded', entityId: first.id },
    ]);

    const before = await count(`audit_event`);
    await expect(agenda.recordPosition(moderator, first.id, 'WORKERS', 'OPPOSE', null, opened.revision)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await count(`audit_event`)).toBe(before);
    expect(await count(`position_record WHERE agenda_item_id = $1`, [first.id])).toBe(1);
    expect(committed).toHaveLength(2);

    // The tally, from the repository's one statement: the position in force.
    const [tally] = await read.itemTalliesByIds([first.id]);
    expect(tally).toMatchObject({ agendaItemId: first.id, supporting: ['GOVERNMENT'], pending: ['EMPLOYERS', 'WORKERS'] });
  });

  it('lets only its people and those who read every meeting read it (a moderator of another meeting does not)', async () => {
    const [meeting] = (await read.byInstrumentIds(null, [instrumentId])).get(instrumentId)!;
    await expect(read.get(moderator, meeting.id)).resolves.toMatchObject({ id: meeting.id, status: 'IN_SESSION' });
    await expect(read.get(secretariat, meeting.id)).resolves.toMatchObject({ id: meeting.id });
    await expect(read.get(outsider, meeting.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await read.byInstrumentIds(outsider, [instrumentId])).get(instrumentId)).toEqual([]);
  });

  it('skips a reminder whose time has already passed when the meeting is scheduled, as for rounds', async () => {
    const other = await publishedInstrument('ILO/MED/M2');
    await setStage('CONSOLIDATION', other.instrumentId);
    const soon = await schedule(new Date(Date.now() + 2 * HOUR), 'Soon', other);
    expect(await count(`audit_event WHERE entity_id = $1 AND action = 'meeting.scheduled'`, [soon.id])).toBe(1);
    expect(await count(`outbox WHERE name = 'meeting.reminder' AND payload->>'meetingId' = $1`, [soon.id])).toBe(0);
  });
});
