import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { AuditService } from '@tripartite/audit';
import { PG_UNIQUE_VIOLATION, Transactions, Tx, pgCode, pgConstraint } from '@tripartite/database';
import {
  CAPACITY,
  capacityMessage,
  Blocker,
  CONSTITUENT_GROUPS,
  ConstituentGroup,
  DECISION_RULES,
  DecisionRule,
  PARTICIPANT_ROLES,
  ParticipantRole,
  blocker,
  checkAfter,
  checkInstant,
  checkText,
  isOneOf,
} from '@tripartite/domain';
import { assertRecorder } from './meeting-access';
import { MeetingEvents } from './meeting-events';
import { MeetingRow, ParticipantRow, isUuid, meetingColumns, participantColumns } from './sql-columns';

export interface ScheduleMeetingInput {
  instrumentId: string;
  versionId: string;
  title: string;
  venue?: string | null;
  startsAt: Date;
  endsAt: Date;
  decisionRule?: DecisionRule | null;
}

/** A meeting row locked for a change, with what its checks need. */
interface LockedMeeting extends MeetingRow {
  instrumentStage: string;
  isModerator: boolean;
  /** This is the instrument's latest meeting (the one the workflow guards read). */
  isLatest: boolean;
}

/** Meetings themselves: scheduling, who takes part, and the meeting's own lifecycle. Items are AgendaService's. */
@Injectable()
export class MeetingService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly events: MeetingEvents,
  ) {}

  /** SECRETARIAT, instrument in CONSOLIDATION: the agenda gets one PENDING item per guideline of the version, in document order. */
  async schedule(actor: Actor, input: ScheduleMeetingInput): Promise<MeetingRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat schedules meetings');
    const decisionRule = input.decisionRule ?? 'CONSENSUS';
    const errors = new FieldErrors();
    const title = errors.take(checkText('title', input.title, 'name', { required: true }));
    const venue = errors.take(checkText('venue', input.venue, 'name'));
    errors
      .addAll(checkInstant('startsAt', input.startsAt))
      .addAll(checkInstant('endsAt', input.endsAt))
      .addAll(checkAfter('endsAt', input.endsAt, 'startsAt', input.startsAt))
      .check(isOneOf(DECISION_RULES, decisionRule), 'decisionRule', 'is not a decision rule')
      .check(isUuid(input.versionId), 'versionId', 'is not a published version of this instrument');
    if (!isUuid(input.instrumentId)) throw AppError.notFound('Instrument', input.instrumentId);

    return this.tx.run(async (tx) => {
      // Serializes with stage moves and other schedulings of this instrument.
      const [instrument] = await tx.em.query(`SELECT id, stage FROM instrument WHERE id = $1 FOR UPDATE`, [input.instrumentId]);
      if (!instrument) throw AppError.notFound('Instrument', input.instrumentId);
      if (instrument.stage !== 'CONSOLIDATION') {
        errors.add('instrumentId', `is in ${instrument.stage}; a meeting is scheduled in CONSOLIDATION`);
      }
      const [{ meetings }] = await tx.em.query(`SELECT count(*)::int AS meetings FROM experts_meeting WHERE instrument_id = $1`, [input.instrumentId]);
      errors.check(meetings < CAPACITY.meetingsPerInstrument, 'instrumentId', capacityMessage(CAPACITY.meetingsPerInstrument, 'meetings'));
      if (isUuid(input.versionId)) {
        const [version] = await tx.em.query(
          `SELECT v.status,
                  (SELECT count(*)::int FROM guideline g WHERE g.version_id = v.id) AS guidelines,
                  EXISTS (SELECT 1 FROM experts_meeting m WHERE m.version_id = v.id AND m.status <> 'REPORT_ADOPTED') AS "hasOpenMeeting"
             FROM draft_version v WHERE v.id = $1 AND v.instrument_id = $2`,
          [input.versionId, input.instrumentId],
        );
        if (!version) errors.add('versionId', 'is not a version of this instrument');
        else if (version.status !== 'PUBLISHED') errors.add('versionId', 'is not PUBLISHED');
        else if (version.guidelines === 0) errors.add('versionId', 'has no guidelines to put on the agenda');
        else if (version.hasOpenMeeting) errors.add('versionId', 'already has a meeting whose report is not adopted');
      }
      errors.throwIfAny();

      let meeting: MeetingRow;
      try {
        [meeting] = await tx.em.query(
          `INSERT INTO experts_meeting (instrument_id, version_id, title, venue, starts_at, ends_at, decision_rule, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${meetingColumns('experts_meeting')}`,
          [input.instrumentId, input.versionId, title, venue, input.startsAt, input.endsAt, decisionRule, actor.userId],
        );
      } catch (error) {
        if (pgCode(error) === PG_UNIQUE_VIOLATION) {
          throw AppError.badInput([{ field: 'versionId', message: 'already has a meeting whose report is not adopted' }]);
        }
        throw error;
      }
      const items: { id: string }[] = await tx.em.query(
        `INSERT INTO agenda_item (meeting_id, guideline_id, position)
         SELECT $1, g.id, row_number() OVER (ORDER BY g.position) FROM guideline g WHERE g.version_id = $2 RETURNING id`,
        [meeting.id, input.versionId],
      );
      await this.events.scheduled(tx, actor, meeting, items.length);
      return meeting;
    });
  }

  /** SECRETARIAT. A user takes part once, with a group and a role; one CHAIR; a constituent sits with its own group. */
  async addParticipant(actor: Actor, meetingId: string, userId: string, group: ConstituentGroup, role: ParticipantRole): Promise<ParticipantRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat registers participants');
    const errors = new FieldErrors()
      .check(isOneOf(CONSTITUENT_GROUPS, group), 'group', 'is not a constituent group')
      .check(isOneOf(PARTICIPANT_ROLES, role), 'role', 'is not a participant role');
    if (!isUuid(meetingId)) throw AppError.notFound('Meeting', meetingId);
    if (!isUuid(userId)) throw AppError.notFound('User', userId);

    return this.tx.run(async (tx) => {
      const meeting = await this.lock(tx, actor, meetingId, 'FOR SHARE');
      const [user] = await tx.em.query(
        `SELECT u.id, u.roles, o."group" AS "organizationGroup" FROM app_user u LEFT JOIN organization o ON o.id = u.organization_id WHERE u.id = $1`,
        [userId],
      );
      if (!user) throw AppError.notFound('User', userId);
      if (meeting.status === 'CLOSED' || meeting.status === 'REPORT_ADOPTED') {
        errors.add('meetingId', `is ${meeting.status}; participants are registered before it closes`);
      }
      if (user.roles.includes('CONSTITUENT') && user.organizationGroup && isOneOf(CONSTITUENT_GROUPS, group) && group !== user.organizationGroup) {
        errors.add('group', `must be ${user.organizationGroup}, the group of the user's organization`);
      }
      const [taken] = await tx.em.query(
        `SELECT EXISTS (SELECT 1 FROM meeting_participant WHERE meeting_id = $1 AND user_id = $2) AS "isParticipant",
                EXISTS (SELECT 1 FROM meeting_participant WHERE meeting_id = $1 AND role = 'CHAIR') AS "hasChair",
                (SELECT count(*)::int FROM meeting_participant WHERE meeting_id = $1) AS participants`,
        [meetingId, userId],
      );
      if (taken.isParticipant) errors.add('userId', 'already takes part in this meeting');
      else errors.check(taken.participants < CAPACITY.participantsPerMeeting, 'meetingId', capacityMessage(CAPACITY.participantsPerMeeting, 'participants'));
      if (role === 'CHAIR' && taken.hasChair) errors.add('role', 'the meeting already has a CHAIR');
      errors.throwIfAny();

      let participant: ParticipantRow;
      try {
        [participant] = await tx.em.query(
          `INSERT INTO meeting_participant (meeting_id, user_id, "group", role, added_by) VALUES ($1, $2, $3, $4, $5)
           RETURNING ${participantColumns('meeting_participant')}`,
          [meetingId, userId, group, role, actor.userId],
        );
      } catch (error) {
        // Lost a race with a concurrent registration.
        if (pgConstraint(error) === 'meeting_participant_one_chair_key') {
          throw AppError.badInput([{ field: 'role', message: 'the meeting already has a CHAIR' }]);
        }
        if (pgCode(error) === PG_UNIQUE_VIOLATION) throw AppError.badInput([{ field: 'userId', message: 'already takes part in this meeting' }]);
        throw error;
      }
      await this.audit.record(tx.em, actor, 'meeting.participantAdded', 'ExpertsMeeting', meetingId, {
        participantId: participant.id,
        userId,
        group,
        role,
      });
      return participant;
    });
  }

  /** SECRETARIAT. The user must hold the MODERATOR role; assigning twice changes nothing. */
  async assignModerator(actor: Actor, meetingId: string, userId: string): Promise<MeetingRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat assigns moderators');
    if (!isUuid(meetingId)) throw AppError.notFound('Meeting', meetingId);
    if (!isUuid(userId)) throw AppError.notFound('User', userId);
    return this.tx.run(async (tx) => {
      const meeting = await this.lock(tx, actor, meetingId, 'FOR SHARE');
      const [user] = await tx.em.query(
        `SELECT u.id, u.roles, EXISTS (SELECT 1 FROM meeting_moderator WHERE meeting_id = $2 AND user_id = u.id) AS assigned,
                (SELECT count(*)::int FROM meeting_moderator WHERE meeting_id = $2) AS moderators
           FROM app_user u WHERE u.id = $1`,
        [userId, meetingId],
      );
      if (!user) throw AppError.notFound('User', userId);
      const errors = new FieldErrors().check(user.roles.includes('MODERATOR'), 'userId', 'does not have the MODERATOR role');
      if (!user.assigned)
        errors.check(user.moderators < CAPACITY.moderatorsPerMeeting, 'meetingId', capacityMessage(CAPACITY.moderatorsPerMeeting, 'moderators'));
      if (meeting.status === 'CLOSED' || meeting.status === 'REPORT_ADOPTED') {
        errors.add('meetingId', `is ${meeting.status}; moderators are assigned before it closes`);
      }
      errors.throwIfAny();
      const inserted = await tx.em.query(
        `INSERT INTO meeting_moderator (meeting_id, user_id, assigned_by) VALUES ($1, $2, $3)
         ON CONFLICT (meeting_id, user_id) DO NOTHING RETURNING user_id`,
        [meetingId, userId, actor.userId],
      );
      if (inserted.length) await this.audit.record(tx.em, actor, 'meeting.moderatorAssigned', 'ExpertsMeeting', meetingId, { userId });
      return strip(meeting);
    });
  }

  /** Its moderators or the secretariat; SCHEDULED -> IN_SESSION once the instrument is in EXPERTS_MEETING. */
  async open(actor: Actor, meetingId: string): Promise<MeetingRow> {
    return this.move(actor, meetingId, 'IN_SESSION', 'opened_at', 'meeting.opened', (m) => {
      const blockers: Blocker[] = [];
      if (m.status !== 'SCHEDULED') blockers.push(blocker('MEETING_NOT_SCHEDULED', `The meeting is ${m.status}, not SCHEDULED`));
      if (m.instrumentStage !== 'EXPERTS_MEETING') {
        blockers.push(blocker('INSTRUMENT_NOT_IN_EXPERTS_MEETING', `The instrument is in ${m.instrumentStage}; move it to EXPERTS_MEETING first`));
      }
      if (!m.isLatest) blockers.push(blocker('MEETING_SUPERSEDED', 'A later meeting has been scheduled for this instrument'));
      return Promise.resolve(blockers);
    });
  }

  /** Its moderators or the secretariat; IN_SESSION -> CLOSED when every agenda item is closed. */
  async close(actor: Actor, meetingId: string): Promise<MeetingRow> {
    return this.move(actor, meetingId, 'CLOSED', 'closed_at', 'meeting.closed', async (m, tx) => {
      const blockers: Blocker[] = [];
      if (m.status !== 'IN_SESSION') blockers.push(blocker('MEETING_NOT_IN_SESSION', `The meeting is ${m.status}, not IN_SESSION`));
      const open: { order: number; number: string; status: string }[] = await tx.em.query(
        `SELECT i.position AS "order", g.number, i.status FROM agenda_item i JOIN guideline g ON g.id = i.guideline_id
          WHERE i.meeting_id = $1 AND i.status IN ('PENDING','UNDER_DISCUSSION') ORDER BY i.position`,
        [m.id],
      );
      for (const item of open) {
        blockers.push(blocker('ITEM_OPEN', `Item ${item.order} (guideline ${item.number}) is ${item.status}`));
      }
      return blockers;
    });
  }

  /** SECRETARIAT; CLOSED -> REPORT_ADOPTED, which lets the instrument move on to GB_SUBMISSION. */
  async adoptReport(actor: Actor, meetingId: string): Promise<MeetingRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat adopts the meeting report');
    return this.move(actor, meetingId, 'REPORT_ADOPTED', 'report_adopted_at', 'meeting.reportAdopted', (m) =>
      Promise.resolve(m.status === 'CLOSED' ? [] : [blocker('MEETING_NOT_CLOSED', `The meeting is ${m.status}; close it first`)]),
    );
  }

  private async move(
    actor: Actor,
    meetingId: string,
    to: MeetingRow['status'],
    stampColumn: 'opened_at' | 'closed_at' | 'report_adopted_at',
    action: string,
    blockersOf: (m: LockedMeeting, tx: Tx) => Promise<Blocker[]>,
  ): Promise<MeetingRow> {
    if (!isUuid(meetingId)) throw AppError.notFound('Meeting', meetingId);
    return this.tx.run(async (tx) => {
      const meeting = await this.lock(tx, actor, meetingId, 'FOR UPDATE');
      assertRecorder(actor, meeting.isModerator);
      const blockers = await blockersOf(meeting, tx);
      if (blockers.length) throw AppError.transitionBlocked(blockers, `The meeting cannot become ${to}`);
      const [[updated]]: [MeetingRow[]] = await tx.em.query(
        `UPDATE experts_meeting m SET status = $2, ${stampColumn} = clock_timestamp() WHERE m.id = $1 RETURNING ${meetingColumns('m')}`,
        [meetingId, to],
      );
      await this.audit.record(tx.em, actor, action, 'ExpertsMeeting', meetingId, { instrumentId: updated.instrumentId, from: meeting.status, to });
      return updated;
    });
  }

  private async lock(tx: Tx, actor: Actor, meetingId: string, mode: 'FOR UPDATE' | 'FOR SHARE'): Promise<LockedMeeting> {
    const [meeting] = await tx.em.query(
      `SELECT ${meetingColumns('m')}, i.stage AS "instrumentStage",
              EXISTS (SELECT 1 FROM meeting_moderator mm WHERE mm.meeting_id = m.id AND mm.user_id = $2) AS "isModerator",
              NOT EXISTS (SELECT 1 FROM experts_meeting later WHERE later.instrument_id = m.instrument_id
                            AND (later.created_at, later.id) > (m.created_at, m.id)) AS "isLatest"
         FROM experts_meeting m JOIN instrument i ON i.id = m.instrument_id
        WHERE m.id = $1 ${mode} OF m`,
      [meetingId, actor.userId],
    );
    if (!meeting) throw AppError.notFound('Meeting', meetingId);
    return meeting;
  }
}

function strip(m: LockedMeeting): MeetingRow {
  const { instrumentStage: _s, isModerator: _m, isLatest: _l, ...meeting } = m;
  return meeting;
}
