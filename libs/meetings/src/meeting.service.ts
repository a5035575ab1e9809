import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { MeetingsAuthReadModel } from '@tripartite/auth';
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
  Role,
  blocker,
  checkAfter,
  checkInstant,
  checkText,
  isOneOf,
  rosterChangeProblems,
} from '@tripartite/domain';
import { DraftingMeetingsReadModel } from '@tripartite/drafting';
import { EventBus } from '@tripartite/events';
import { isUuid } from './batch';
import { assertRecorder } from './meeting-access';
import { AgendaItemRepository, LockedMeeting, MeetingRepository, MeetingRow, MeetingStamp, ParticipantRepository, ParticipantRow } from './repositories';

export interface ScheduleMeetingInput {
  instrumentId: string;
  versionId: string;
  title: string;
  venue?: string | null;
  startsAt: Date;
  endsAt: Date;
  decisionRule?: DecisionRule | null;
}

type MeetingMove = 'meeting.opened' | 'meeting.closed' | 'meeting.reportAdopted';

/** Meetings themselves: scheduling, who takes part, and the meeting's own lifecycle; each write raises its domain event. Items are AgendaService's. */
@Injectable()
export class MeetingService {
  constructor(
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly meetings: MeetingRepository,
    private readonly participants: ParticipantRepository,
    private readonly items: AgendaItemRepository,
    private readonly drafting: DraftingMeetingsReadModel,
    private readonly users: MeetingsAuthReadModel,
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
      const instrument = await this.drafting.lockInstrument(tx, input.instrumentId);
      if (!instrument) throw AppError.notFound('Instrument', input.instrumentId);
      if (instrument.stage !== 'CONSOLIDATION') {
        errors.add('instrumentId', `is in ${instrument.stage}; a meeting is scheduled in CONSOLIDATION`);
      }
      const meetings = await this.meetings.countOfInstrument(tx, input.instrumentId);
      errors.check(meetings < CAPACITY.meetingsPerInstrument, 'instrumentId', capacityMessage(CAPACITY.meetingsPerInstrument, 'meetings'));
      let guidelineIds: string[] = [];
      if (isUuid(input.versionId)) {
        const version = await this.drafting.agendaVersion(tx, input.versionId, input.instrumentId);
        if (!version) errors.add('versionId', 'is not a version of this instrument');
        else if (version.status !== 'PUBLISHED') errors.add('versionId', 'is not PUBLISHED');
        else if (version.guidelineIds.length === 0) errors.add('versionId', 'has no guidelines to put on the agenda');
        else if (await this.meetings.hasOpenMeeting(tx, input.versionId)) errors.add('versionId', 'already has a meeting whose report is not adopted');
        else guidelineIds = version.guidelineIds;
      }
      errors.throwIfAny();

      let meeting: MeetingRow;
      try {
        meeting = await this.meetings.insert(tx, {
          instrumentId: input.instrumentId,
          versionId: input.versionId,
          title: title!,
          venue,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          decisionRule,
          createdBy: actor.userId,
        });
      } catch (error) {
        if (pgCode(error) === PG_UNIQUE_VIOLATION) {
          throw AppError.badInput([{ field: 'versionId', message: 'already has a meeting whose report is not adopted' }]);
        }
        throw error;
      }
      const agendaItems = await this.items.insertAgenda(tx, meeting.id, guidelineIds);
      await this.events.raise(tx, {
        name: 'meeting.scheduled',
        actor,
        entityId: meeting.id,
        data: {
          instrumentId: meeting.instrumentId,
          versionId: meeting.versionId,
          title: meeting.title,
          startsAt: meeting.startsAt.toISOString(),
          endsAt: meeting.endsAt.toISOString(),
          decisionRule: meeting.decisionRule,
          agendaItems,
        },
      });
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
      const user = await this.users.candidate(tx.em, userId);
      if (!user) throw AppError.notFound('User', userId);
      for (const p of rosterChangeProblems(meeting.status, 'register', null)) errors.add(p.field, p.message);
      if (user.roles.includes('CONSTITUENT') && user.organizationGroup && isOneOf(CONSTITUENT_GROUPS, group) && group !== user.organizationGroup) {
        errors.add('group', `must be ${user.organizationGroup}, the group of the user's organization`);
      }
      const taken = await this.participants.registrationFacts(tx, meetingId, userId);
      if (taken.isParticipant) errors.add('userId', 'already takes part in this meeting');
      else errors.check(taken.participants < CAPACITY.participantsPerMeeting, 'meetingId', capacityMessage(CAPACITY.participantsPerMeeting, 'participants'));
      if (role === 'CHAIR' && taken.hasChair) errors.add('role', 'the meeting already has a CHAIR');
      errors.throwIfAny();

      let participant: ParticipantRow;
      try {
        participant = await this.participants.insert(tx, { meetingId, userId, group, role, addedBy: actor.userId });
      } catch (error) {
        // Lost a race with a concurrent registration.
        if (pgConstraint(error) === 'meeting_participant_one_chair_key') {
          throw AppError.badInput([{ field: 'role', message: 'the meeting already has a CHAIR' }]);
        }
        if (pgCode(error) === PG_UNIQUE_VIOLATION) throw AppError.badInput([{ field: 'userId', message: 'already takes part in this meeting' }]);
        throw error;
      }
      await this.events.raise(tx, {
        name: 'meeting.participantAdded',
        actor,
        entityId: meetingId,
        data: { participantId: participant.id, userId, group, role },
      });
      return participant;
    });
  }

  /**
   * SECRETARIAT. Corrects a participant's group and role, with a reason (audited), until the meeting is CLOSED
   * (ROSTER_RULES); the organization is the user's own, so a constituent keeps its organization's group. One CHAIR.
   */
  async correctParticipant(actor: Actor, participantId: string, group: ConstituentGroup, role: ParticipantRole, reason: string): Promise<ParticipantRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat corrects participants');
    const errors = new FieldErrors()
      .check(isOneOf(CONSTITUENT_GROUPS, group), 'group', 'is not a constituent group')
      .check(isOneOf(PARTICIPANT_ROLES, role), 'role', 'is not a participant role');
    const why = errors.take(checkText('reason', reason, 'reason'));
    if (!isUuid(participantId)) throw AppError.notFound('Participant', participantId);

    return this.tx.run(async (tx) => {
      const { meeting, participant } = await this.lockParticipant(tx, actor, participantId);
      for (const p of rosterChangeProblems(meeting.status, 'correct', why ?? null)) errors.add(p.field, p.message);
      const user = await this.users.candidate(tx.em, participant.userId);
      if (user?.roles.includes('CONSTITUENT') && user.organizationGroup && isOneOf(CONSTITUENT_GROUPS, group) && group !== user.organizationGroup) {
        errors.add('group', `must be ${user.organizationGroup}, the group of the user's organization`);
      }
      if (role === 'CHAIR' && participant.role !== 'CHAIR' && (await this.participants.otherChair(tx, meeting.id, participantId))) {
        errors.add('role', 'the meeting already has a CHAIR');
      }
      errors.throwIfAny();
      if (participant.group === group && participant.role === role) return participant;

      let corrected: ParticipantRow;
      try {
        corrected = await this.participants.correct(tx, participantId, group, role);
      } catch (error) {
        if (pgConstraint(error) === 'meeting_participant_one_chair_key')
          throw AppError.badInput([{ field: 'role', message: 'the meeting already has a CHAIR' }]);
        throw error;
      }
      await this.events.raise(tx, {
        name: 'meeting.participantCorrected',
        actor,
        entityId: meeting.id,
        data: { participantId, userId: participant.userId, from: { group: participant.group, role: participant.role }, to: { group, role }, reason: why! },
      });
      return corrected;
    });
  }

  /**
   * SECRETARIAT. Removes a participant, with a reason (audited, with who it was), until the meeting is CLOSED
   * (ROSTER_RULES). Positions and votes are recorded per group: those already recorded stay in the record.
   */
  async removeParticipant(actor: Actor, participantId: string, reason: string): Promise<MeetingRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat removes participants');
    const errors = new FieldErrors();
    const why = errors.take(checkText('reason', reason, 'reason'));
    if (!isUuid(participantId)) throw AppError.notFound('Participant', participantId);

    return this.tx.run(async (tx) => {
      const { meeting, participant } = await this.lockParticipant(tx, actor, participantId);
      for (const p of rosterChangeProblems(meeting.status, 'remove', why ?? null)) errors.add(p.field, p.message);
      errors.throwIfAny();
      await this.participants.remove(tx, participantId);
      await this.events.raise(tx, {
        name: 'meeting.participantRemoved',
        actor,
        entityId: meeting.id,
        data: { participantId, userId: participant.userId, group: participant.group, role: participant.role, meetingStatus: meeting.status, reason: why! },
      });
      return strip(meeting);
    });
  }

  /** SECRETARIAT, until the meeting is CLOSED; unassigning one who is not a moderator of it changes nothing (and raises nothing). */
  async unassignModerator(actor: Actor, meetingId: string, userId: string): Promise<MeetingRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat unassigns moderators');
    if (!isUuid(meetingId)) throw AppError.notFound('Meeting', meetingId);
    if (!isUuid(userId)) throw AppError.notFound('User', userId);
    return this.tx.run(async (tx) => {
      const meeting = await this.lock(tx, actor, meetingId, 'FOR SHARE');
      const errors = new FieldErrors();
      for (const p of rosterChangeProblems(meeting.status, 'unassignModerator', null)) errors.add(p.field, p.message);
      errors.throwIfAny();
      if (await this.participants.unassignModerator(tx, meetingId, userId)) {
        await this.events.raise(tx, { name: 'meeting.moderatorUnassigned', actor, entityId: meetingId, data: { userId } });
      }
      return strip(meeting);
    });
  }

  /** Users the secretariat may register in a meeting or assign to it: of an organization, holding a role, or both. */
  async candidateIds(actor: Actor, filter: { organizationId: string | null; role: Role | null }, limit: number): Promise<string[]> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat lists whom a meeting may register');
    if (filter.organizationId !== null && !isUuid(filter.organizationId)) return [];
    return this.tx.run((tx) => this.users.candidateIds(tx.em, filter, limit));
  }

  /** SECRETARIAT. The user must hold the MODERATOR role; assigning twice changes nothing (and raises nothing). */
  async assignModerator(actor: Actor, meetingId: string, userId: string): Promise<MeetingRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat assigns moderators');
    if (!isUuid(meetingId)) throw AppError.notFound('Meeting', meetingId);
    if (!isUuid(userId)) throw AppError.notFound('User', userId);
    return this.tx.run(async (tx) => {
      const meeting = await this.lock(tx, actor, meetingId, 'FOR SHARE');
      const user = await this.users.candidate(tx.em, userId);
      if (!user) throw AppError.notFound('User', userId);
      const { assigned, moderators } = await this.participants.moderatorFacts(tx, meetingId, userId);
      const errors = new FieldErrors().check(user.roles.includes('MODERATOR'), 'userId', 'does not have the MODERATOR role');
      if (!assigned) errors.check(moderators < CAPACITY.moderatorsPerMeeting, 'meetingId', capacityMessage(CAPACITY.moderatorsPerMeeting, 'moderators'));
      for (const p of rosterChangeProblems(meeting.status, 'assignModerator', null)) errors.add(p.field, p.message);
      errors.throwIfAny();
      if (await this.participants.assignModerator(tx, meetingId, userId, actor.userId)) {
        await this.events.raise(tx, { name: 'meeting.moderatorAssigned', actor, entityId: meetingId, data: { userId } });
      }
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
      for (const item of await this.items.openItems(tx, m.id)) {
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
    stamp: MeetingStamp,
    name: MeetingMove,
    blockersOf: (m: LockedMeeting, tx: Tx) => Promise<Blocker[]>,
  ): Promise<MeetingRow> {
    if (!isUuid(meetingId)) throw AppError.notFound('Meeting', meetingId);
    return this.tx.run(async (tx) => {
      const meeting = await this.lock(tx, actor, meetingId, 'FOR UPDATE');
      assertRecorder(actor, meeting.isModerator);
      const blockers = await blockersOf(meeting, tx);
      if (blockers.length) throw AppError.transitionBlocked(blockers, `The meeting cannot become ${to}`);
      const updated = await this.meetings.setStatus(tx, meetingId, to, stamp);
      await this.events.raise(tx, { name, actor, entityId: meetingId, data: { instrumentId: updated.instrumentId, from: meeting.status, to } });
      return updated;
    });
  }

  /** The participant's meeting (locked for share, as registrations lock it: a meeting's move waits), then the participant (locked). */
  private async lockParticipant(tx: Tx, actor: Actor, participantId: string): Promise<{ meeting: LockedMeeting; participant: ParticipantRow }> {
    const meetingId = await this.participants.meetingOf(tx, participantId);
    if (!meetingId) throw AppError.notFound('Participant', participantId);
    const meeting = await this.lock(tx, actor, meetingId, 'FOR SHARE');
    const participant = await this.participants.lockOne(tx, participantId);
    // Removed by a concurrent write meanwhile.
    if (!participant) throw AppError.notFound('Participant', participantId);
    return { meeting, participant };
  }

  private async lock(tx: Tx, actor: Actor, meetingId: string, mode: 'FOR UPDATE' | 'FOR SHARE'): Promise<LockedMeeting> {
    const meeting = await this.meetings.lock(tx, meetingId, actor.userId, mode);
    if (!meeting) throw AppError.notFound('Meeting', meetingId);
    return meeting;
  }
}

function strip(m: LockedMeeting): MeetingRow {
  const { instrumentStage: _s, isModerator: _m, isLatest: _l, ...meeting } = m;
  return meeting;
}
