import { Transactions } from '@tripartite/database';
import { NotificationFanout, NotificationsService } from '@tripartite/notifications';
import { ok } from '@tripartite/testing';
import { MeetingWorld, Q, UNKNOWN, blockersOf, codeOf, draftMarkdown, fieldsOf } from './meeting-fixtures';

describe('experts meeting: scheduling, participants, moderators, readers', () => {
  let w: MeetingWorld;

  beforeAll(async () => {
    w = await MeetingWorld.start();
  });
  afterAll(() => w.stop());

  describe('scheduleMeeting', () => {
    it('puts one PENDING item per guideline of the version on the agenda, in document order, and is audited', async () => {
      const p = await w.consolidating(12);
      const meeting = await w.schedule(p, { decisionRule: 'GROUP_WEIGHTED_VOTE' });
      expect(meeting).toMatchObject({
        title: 'Tripartite meeting of experts',
        venue: 'Geneva',
        startsAt: '2030-03-02T08:00:00.000Z',
        endsAt: '2030-03-06T17:00:00.000Z',
        status: 'SCHEDULED',
        decisionRule: 'GROUP_WEIGHTED_VOTE',
        instrument: { id: p.instrumentId, stage: 'CONSOLIDATION' },
        version: { id: p.versionId, number: 1 },
        participants: [],
        moderators: [],
      });
      expect(meeting.agenda.map((i: any) => [i.order, i.guideline.id, i.status, i.finalText])).toEqual(
        p.guidelines.map((g, n) => [n + 1, g.id, 'PENDING', null]),
      );
      expect(meeting.agenda.map((i: any) => i.guideline.key).slice(8, 12)).toEqual(['1.9', '1.10', '2.1', '2.2']);
      const [audit] = await w.api.db.query<any>(`SELECT actor_id, data FROM audit_event WHERE entity_id = $1 AND action = 'meeting.scheduled'`, [meeting.id]);
      expect(audit).toMatchObject({ actor_id: w.people.secretariat.id, data: { instrumentId: p.instrumentId, agendaItems: 12 } });
      expect(ok(await w.gql(Q.instrumentMeetings, { i: p.instrumentId }, w.tokens.secretariat)).instrument.meetings).toEqual([
        { id: meeting.id, status: 'SCHEDULED' },
      ]);
    });

    it('defaults to CONSENSUS and lifts the NO_SCHEDULED_MEETING guard of CONSOLIDATION -> EXPERTS_MEETING', async () => {
      const p = await w.consolidating();
      const blocked = async () =>
        ok(await w.gql(Q.nextStages, { i: p.instrumentId }, w.tokens.secretariat)).instrument.nextStages.find((o: any) => o.stage === 'EXPERTS_MEETING');
      expect((await blocked()).blockers.map((b: any) => b.code)).toEqual(['NO_SCHEDULED_MEETING']);
      expect(codeOf(await w.gql(Q.advance, { i: p.instrumentId, to: 'EXPERTS_MEETING' }, w.tokens.secretariat))).toBe('TRANSITION_BLOCKED');
      const meeting = await w.schedule(p);
      expect(meeting.decisionRule).toBe('CONSENSUS');
      expect(await blocked()).toEqual({ stage: 'EXPERTS_MEETING', allowed: true, blockers: [] });
      expect((await w.advance(p.instrumentId, 'EXPERTS_MEETING')).stage).toBe('EXPERTS_MEETING');
    });

    it('is for the secretariat only', async () => {
      const p = await w.consolidating();
      for (const token of [w.tokens.admin, w.tokens.moderator, w.tokens.observer, w.tokens.constituents.WORKERS[0]]) {
        expect(codeOf(await w.gql(Q.schedule, { in: w.scheduleInput(p) }, token))).toBe('FORBIDDEN');
      }
      expect(codeOf(await w.gql(Q.schedule, { in: w.scheduleInput(p) }))).toBe('UNAUTHENTICATED');
    });

    it('needs the instrument in CONSOLIDATION', async () => {
      const p = await w.consolidating();
      await w.schedule(p);
      await w.advance(p.instrumentId, 'EXPERTS_MEETING');
      const res = await w.gql(Q.schedule, { in: w.scheduleInput(p) }, w.tokens.secretariat);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toContain('instrumentId');
    });

    it('checks the title, the times and the version, reporting every problem at once', async () => {
      const p = await w.consolidating();
      const res = await w.gql(
        Q.schedule,
        { in: w.scheduleInput(p, { title: '  ', startsAt: '2030-03-06T17:00:00Z', endsAt: '2030-03-02T08:00:00Z', versionId: UNKNOWN }) },
        w.tokens.secretariat,
      );
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res).sort()).toEqual(['endsAt', 'title', 'versionId']);
      expect(fieldsOf(await w.gql(Q.schedule, { in: w.scheduleInput(p, { title: 'x'.repeat(301) }) }, w.tokens.secretariat))).toEqual(['title']);
      const equal = await w.gql(Q.schedule, { in: w.scheduleInput(p, { endsAt: '2030-03-02T08:00:00.000Z' }) }, w.tokens.secretariat);
      expect(fieldsOf(equal)).toEqual(['endsAt']);
      // Another instrument's version, and a draft of this one.
      const other = await w.consolidating();
      expect(fieldsOf(await w.gql(Q.schedule, { in: w.scheduleInput(p, { versionId: other.versionId }) }, w.tokens.secretariat))).toEqual(['versionId']);
      const draft = (await w.staff(`mutation($i: ID!) { createRevision(instrumentId: $i) { id } }`, { i: p.instrumentId })).createRevision.id;
      const unpublished = await w.gql(Q.schedule, { in: w.scheduleInput(p, { versionId: draft }) }, w.tokens.secretariat);
      expect(errorMessages(unpublished)).toContain('versionId: is not PUBLISHED');
      // Unknown or malformed instrument ids name nothing.
      expect(codeOf(await w.gql(Q.schedule, { in: w.scheduleInput(p, { instrumentId: UNKNOWN }) }, w.tokens.secretariat))).toBe('NOT_FOUND');
      expect(codeOf(await w.gql(Q.schedule, { in: w.scheduleInput(p, { instrumentId: 'nope' }) }, w.tokens.secretariat))).toBe('NOT_FOUND');
    });

    it('schedules one unfinished meeting per version', async () => {
      const p = await w.consolidating();
      await w.schedule(p);
      const again = await w.gql(Q.schedule, { in: w.scheduleInput(p) }, w.tokens.secretariat);
      expect(fieldsOf(again)).toEqual(['versionId']);
    });
  });

  describe('participants', () => {
    it('registers users once each, with a group and a role, listed with the meeting', async () => {
      const meeting = await w.schedule(await w.consolidating());
      const gov = w.people.constituents.GOVERNMENT[0];
      const added = ok(await w.addParticipant(meeting.id, gov.id, 'GOVERNMENT', 'SPOKESPERSON')).addParticipant;
      expect(added).toMatchObject({ group: 'GOVERNMENT', role: 'SPOKESPERSON', user: { id: gov.id } });
      // A non-constituent (an independent chair) sits with whichever group the secretariat says.
      ok(await w.addParticipant(meeting.id, w.people.observer.id, 'WORKERS', 'CHAIR'));
      const twice = await w.addParticipant(meeting.id, gov.id, 'GOVERNMENT', 'EXPERT');
      expect(fieldsOf(twice)).toEqual(['userId']);
      const listed = ok(await w.gql(Q.meeting, { id: meeting.id }, w.tokens.secretariat)).meeting.participants;
      expect(listed.map((x: any) => [x.user.id, x.group, x.role])).toEqual([
        [gov.id, 'GOVERNMENT', 'SPOKESPERSON'],
        [w.people.observer.id, 'WORKERS', 'CHAIR'],
      ]);
      const [audit] = await w.api.db.query<any>(
        `SELECT data FROM audit_event WHERE entity_id = $1 AND action = 'meeting.participantAdded' ORDER BY at LIMIT 1`,
        [meeting.id],
      );
      expect(audit.data).toMatchObject({ userId: gov.id, group: 'GOVERNMENT', role: 'SPOKESPERSON' });
    });

    it('has at most one CHAIR, even when two are registered at once', async () => {
      const meeting = await w.schedule(await w.consolidating());
      const [a, b] = w.people.constituents.EMPLOYERS;
      const results = await Promise.all([w.addParticipant(meeting.id, a.id, 'EMPLOYERS', 'CHAIR'), w.addParticipant(meeting.id, b.id, 'EMPLOYERS', 'CHAIR')]);
      const failed = results.filter((r) => r.errors);
      expect(failed).toHaveLength(1);
      expect(fieldsOf(failed[0])).toEqual(['role']);
      ok(await w.addParticipant(meeting.id, w.people.constituents.WORKERS[0].id, 'WORKERS', 'VICE_CHAIR'));
    });

    it("puts a constituent in its organization's group only", async () => {
      const meeting = await w.schedule(await w.consolidating());
      const res = await w.addParticipant(meeting.id, w.people.constituents.WORKERS[0].id, 'EMPLOYERS', 'EXPERT');
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(errorMessages(res)).toEqual(["group: must be WORKERS, the group of the user's organization"]);
    });

    it('is for the secretariat only, and unknown ids are NOT_FOUND', async () => {
      const meeting = await w.schedule(await w.consolidating());
      const user = w.people.constituents.GOVERNMENT[1].id;
      for (const token of [w.tokens.moderator, w.tokens.admin, w.tokens.constituents.GOVERNMENT[1]]) {
        expect(codeOf(await w.gql(Q.addParticipant, { m: meeting.id, u: user, g: 'GOVERNMENT', r: 'EXPERT' }, token))).toBe('FORBIDDEN');
      }
      expect(codeOf(await w.addParticipant(UNKNOWN, user, 'GOVERNMENT', 'EXPERT'))).toBe('NOT_FOUND');
      expect(codeOf(await w.addParticipant('42', user, 'GOVERNMENT', 'EXPERT'))).toBe('NOT_FOUND');
      expect(codeOf(await w.addParticipant(meeting.id, UNKNOWN, 'GOVERNMENT', 'EXPERT'))).toBe('NOT_FOUND');
      expect(codeOf(await w.addParticipant(meeting.id, 'x', 'GOVERNMENT', 'EXPERT'))).toBe('NOT_FOUND');
    });
  });

  describe('moderators', () => {
    it('assigns users with the MODERATOR role, once', async () => {
      const meeting = await w.schedule(await w.consolidating());
      const assign = (userId: string, token = w.tokens.secretariat) => w.gql(Q.assignModerator, { m: meeting.id, u: userId }, token);
      expect(ok(await assign(w.people.moderator.id)).assignModerator.moderators).toEqual([{ id: w.people.moderator.id }]);
      expect(ok(await assign(w.people.moderator.id)).assignModerator.moderators).toEqual([{ id: w.people.moderator.id }]);
      const notModerator = await assign(w.people.observer.id);
      expect(codeOf(notModerator)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(notModerator)).toEqual(['userId']);
      expect(codeOf(await assign(w.people.otherModerator.id, w.tokens.moderator))).toBe('FORBIDDEN');
      const audits = await w.api.db.query(`SELECT 1 FROM audit_event WHERE entity_id = $1 AND action = 'meeting.moderatorAssigned'`, [meeting.id]);
      expect(audits).toHaveLength(1);
    });
  });

  describe('who reads a meeting', () => {
    it('participants, its moderators, the secretariat, admins and observers; NOT_FOUND for anyone else', async () => {
      const p = await w.consolidating();
      const meeting = await w.schedule(p);
      ok(await w.addParticipant(meeting.id, w.people.constituents.GOVERNMENT[0].id, 'GOVERNMENT', 'SPOKESPERSON'));
      ok(await w.gql(Q.assignModerator, { m: meeting.id, u: w.people.moderator.id }, w.tokens.secretariat));
      const readers = [w.tokens.constituents.GOVERNMENT[0], w.tokens.moderator, w.tokens.secretariat, w.tokens.admin, w.tokens.observer];
      for (const token of readers) {
        expect(ok(await w.gql(Q.meeting, { id: meeting.id }, token)).meeting.id).toBe(meeting.id);
        expect(ok(await w.gql(Q.instrumentMeetings, { i: p.instrumentId }, token)).instrument.meetings).toEqual([{ id: meeting.id, status: 'SCHEDULED' }]);
      }
      for (const token of [w.tokens.constituents.GOVERNMENT[1], w.tokens.constituents.WORKERS[0], w.tokens.otherModerator]) {
        expect(codeOf(await w.gql(Q.meeting, { id: meeting.id }, token))).toBe('NOT_FOUND');
        expect(ok(await w.gql(Q.instrumentMeetings, { i: p.instrumentId }, token)).instrument.meetings).toEqual([]);
      }
      expect(codeOf(await w.gql(Q.meeting, { id: meeting.id }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await w.gql(Q.meeting, { id: 'not-a-uuid' }, w.tokens.secretariat))).toBe('NOT_FOUND');
      expect(codeOf(await w.gql(Q.meeting, { id: UNKNOWN }, w.tokens.secretariat))).toBe('NOT_FOUND');
    });
  });

  describe('notifications', () => {
    it("meeting.scheduled reaches the meeting's participants, moderators and the secretariat; meeting.reminder its participants and moderators", async () => {
      const p = await w.consolidating();
      const meeting = await w.schedule(p);
      const [event] = await w.api.db.query<any>(`SELECT id, kind, instrument_id, data FROM notification_event WHERE subject_id = $1`, [meeting.id]);
      expect(event).toMatchObject({
        kind: 'meeting.scheduled',
        instrument_id: p.instrumentId,
        data: { meetingId: meeting.id, startsAt: '2030-03-02T08:00:00.000Z' },
      });
      const participant = w.people.constituents.EMPLOYERS[1];
      ok(await w.addParticipant(meeting.id, participant.id, 'EMPLOYERS', 'SPOKESPERSON'));
      ok(await w.gql(Q.assignModerator, { m: meeting.id, u: w.people.moderator.id }, w.tokens.secretariat));

      const fanout = w.api.app.get(NotificationFanout);
      const recipients = async (eventId: string) => {
        await fanout.fanOut(eventId);
        const rows = await w.api.db.query<{ user_id: string }>(`SELECT user_id FROM notification WHERE event_id = $1`, [eventId]);
        return rows.map((r) => r.user_id).sort();
      };
      expect(await recipients(event.id)).toEqual([participant.id, w.people.moderator.id, w.people.secretariat.id].sort());

      const notifications = w.api.app.get(NotificationsService);
      const reminder = await w.api.app.get(Transactions).run(({ em }) =>
        notifications.emit(em, {
          kind: 'meeting.reminder',
          instrumentId: p.instrumentId,
          subjectId: meeting.id,
          data: { meetingId: meeting.id, startsAt: meeting.startsAt },
        }),
      );
      expect(await recipients(reminder)).toEqual([participant.id, w.people.moderator.id].sort());
    });
  });

  describe('the workflow guards', () => {
    it('a SCHEDULED meeting does not let the instrument leave EXPERTS_MEETING (REPORT_NOT_ADOPTED)', async () => {
      const p = await w.consolidating();
      const meeting = await w.schedule(p);
      await w.advance(p.instrumentId, 'EXPERTS_MEETING');
      const toGb = await w.gql(Q.advance, { i: p.instrumentId, to: 'GB_SUBMISSION' }, w.tokens.secretariat);
      expect(blockersOf(toGb)).toEqual(['REPORT_NOT_ADOPTED']);
      expect(meeting.status).toBe('SCHEDULED');
    });

    it("follow the instrument's latest meeting: one scheduled before another round is superseded by the next", async () => {
      const p = await w.consolidating();
      const first = await w.schedule(p);
      // Another round on a revised version, then a meeting on that version.
      const v2 = (await w.staff(`mutation($i: ID!) { createRevision(instrumentId: $i) { id } }`, { i: p.instrumentId })).createRevision.id;
      await w.staff(Q.import, { v: v2, md: draftMarkdown(4) });
      await w.staff(Q.publish, { v: v2 });
      await w.staff(Q.consult, { in: { instrumentId: p.instrumentId, versionId: v2, closesAt: new Date(Date.now() + 3_600_000).toISOString() } });
      await w.advance(p.instrumentId, 'CONSULTATION');
      await w.advance(p.instrumentId, 'CONSOLIDATION', 'Second round closed early');
      const second = await w.schedule({ ...p, versionId: v2 });
      expect(second.agenda).toHaveLength(4);
      await w.advance(p.instrumentId, 'EXPERTS_MEETING');
      expect(blockersOf(await w.gql(Q.openMeeting, { m: first.id }, w.tokens.secretariat))).toEqual(['MEETING_SUPERSEDED']);
      expect(ok(await w.gql(Q.openMeeting, { m: second.id }, w.tokens.secretariat)).openMeeting.status).toBe('IN_SESSION');
      expect(ok(await w.gql(Q.instrumentMeetings, { i: p.instrumentId }, w.tokens.observer)).instrument.meetings).toEqual([
        { id: first.id, status: 'SCHEDULED' },
        { id: second.id, status: 'IN_SESSION' },
      ]);
    });
  });
});

function errorMessages(res: { errors?: { extensions?: Record<string, unknown> }[] }): string[] {
  return ((res.errors?.[0]?.extensions?.fields ?? []) as { field: string; message: string }[]).map((f) => `${f.field}: ${f.message}`);
}
