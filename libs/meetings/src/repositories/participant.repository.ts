import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { ConstituentGroup, ParticipantRole } from '@tripartite/domain';
import { MeetingModeratorEntity, MeetingParticipantEntity } from '../meeting.entity';

export type ParticipantRow = MeetingParticipantEntity;

export interface NewParticipant {
  meetingId: string;
  userId: string;
  group: ConstituentGroup;
  role: ParticipantRole;
  addedBy: string;
}

/** What registering a participant checks, read under the meeting's lock. */
export interface RegistrationFacts {
  isParticipant: boolean;
  hasChair: boolean;
  participants: number;
}

/** What assigning a moderator checks. */
export interface ModeratorFacts {
  assigned: boolean;
  moderators: number;
}

/** The people of a meeting: the tables meeting_participant and meeting_moderator. */
@Injectable()
export class ParticipantRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, MeetingParticipantEntity, alias);
  }

  async registrationFacts(tx: Tx, meetingId: string, userId: string): Promise<RegistrationFacts> {
    const [facts]: RegistrationFacts[] = await tx.em.query(
      `SELECT EXISTS (SELECT 1 FROM meeting_participant WHERE meeting_id = $1 AND user_id = $2) AS "isParticipant",
              EXISTS (SELECT 1 FROM meeting_participant WHERE meeting_id = $1 AND role = 'CHAIR') AS "hasChair",
              (SELECT count(*)::int FROM meeting_participant WHERE meeting_id = $1) AS participants`,
      [meetingId, userId],
    );
    return facts;
  }

  /** Fails on meeting_participant_one_chair_key or meeting_participant_meeting_user_key when a concurrent registration won. */
  async insert(tx: Tx, p: NewParticipant): Promise<ParticipantRow> {
    const [participant]: ParticipantRow[] = await tx.em.query(
      `INSERT INTO meeting_participant (meeting_id, user_id, "group", role, added_by) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${this.columns('meeting_participant')}`,
      [p.meetingId, p.userId, p.group, p.role, p.addedBy],
    );
    return participant;
  }

  /** The meeting of a participant; null when there is none. */
  async meetingOf(tx: Tx, participantId: string): Promise<string | null> {
    const [row]: { meetingId: string }[] = await tx.em.query(`SELECT meeting_id AS "meetingId" FROM meeting_participant WHERE id = $1`, [participantId]);
    return row?.meetingId ?? null;
  }

  /** A participant, the row locked for the write; null when there is none. */
  async lockOne(tx: Tx, participantId: string): Promise<ParticipantRow | null> {
    const [participant]: ParticipantRow[] = await tx.em.query(`SELECT ${this.columns('p')} FROM meeting_participant p WHERE p.id = $1 FOR UPDATE`, [
      participantId,
    ]);
    return participant ?? null;
  }

  /** Whether another participant than `participantId` is the meeting's CHAIR. */
  async otherChair(tx: Tx, meetingId: string, participantId: string): Promise<boolean> {
    const [row]: { taken: boolean }[] = await tx.em.query(
      `SELECT EXISTS (SELECT 1 FROM meeting_participant WHERE meeting_id = $1 AND role = 'CHAIR' AND id <> $2) AS taken`,
      [meetingId, participantId],
    );
    return row.taken;
  }

  /** Fails on meeting_participant_one_chair_key when a concurrent write made another CHAIR. */
  async correct(tx: Tx, participantId: string, group: ConstituentGroup, role: ParticipantRole): Promise<ParticipantRow> {
    const [[participant]]: [ParticipantRow[], number] = await tx.em.query(
      `UPDATE meeting_participant SET "group" = $2, role = $3 WHERE id = $1 RETURNING ${this.columns('meeting_participant')}`,
      [participantId, group, role],
    );
    return participant;
  }

  async remove(tx: Tx, participantId: string): Promise<void> {
    await tx.em.query(`DELETE FROM meeting_participant WHERE id = $1`, [participantId]);
  }

  /** True when unassigned now; false when the user was no moderator of the meeting. */
  async unassignModerator(tx: Tx, meetingId: string, userId: string): Promise<boolean> {
    const [, deleted]: [unknown[], number] = await tx.em.query(`DELETE FROM meeting_moderator WHERE meeting_id = $1 AND user_id = $2`, [meetingId, userId]);
    return deleted > 0;
  }

  /** The meeting's participants, in the write's transaction. */
  ofMeeting(tx: Tx, meetingId: string): Promise<ParticipantRow[]> {
    return tx.em.query(`SELECT ${this.columns('p')} FROM meeting_participant p WHERE p.meeting_id = $1`, [meetingId]);
  }

  /** By group, then role, then registration. */
  byMeetingIds(ids: readonly string[]): Promise<ParticipantRow[]> {
    return this.dataSource.query(
      `SELECT ${this.columns('p')} FROM meeting_participant p
        WHERE p.meeting_id = ANY($1::uuid[])
        ORDER BY p.meeting_id, array_position(ARRAY['GOVERNMENT','EMPLOYERS','WORKERS'], p."group"),
                 array_position(ARRAY['CHAIR','VICE_CHAIR','SPOKESPERSON','EXPERT','ADVISER','OBSERVER'], p.role), p.added_at, p.id`,
      [ids],
    );
  }

  async moderatorFacts(tx: Tx, meetingId: string, userId: string): Promise<ModeratorFacts> {
    const [facts]: ModeratorFacts[] = await tx.em.query(
      `SELECT EXISTS (SELECT 1 FROM meeting_moderator WHERE meeting_id = $1 AND user_id = $2) AS assigned,
              (SELECT count(*)::int FROM meeting_moderator WHERE meeting_id = $1) AS moderators`,
      [meetingId, userId],
    );
    return facts;
  }

  /** True when assigned now; false when the user already was a moderator of the meeting. */
  async assignModerator(tx: Tx, meetingId: string, userId: string, assignedBy: string): Promise<boolean> {
    const inserted: unknown[] = await tx.em.query(
      `INSERT INTO meeting_moderator (meeting_id, user_id, assigned_by) VALUES ($1, $2, $3)
       ON CONFLICT (meeting_id, user_id) DO NOTHING RETURNING user_id`,
      [meetingId, userId, assignedBy],
    );
    return inserted.length > 0;
  }

  /** Each meeting's moderators, in assignment order. */
  moderatorsByMeetingIds(ids: readonly string[]): Promise<MeetingModeratorEntity[]> {
    return this.dataSource.query(
      `SELECT ${selectList(this.dataSource, MeetingModeratorEntity, 'mm')} FROM meeting_moderator mm
        WHERE mm.meeting_id = ANY($1::uuid[]) ORDER BY mm.meeting_id, mm.assigned_at, mm.user_id`,
      [ids],
    );
  }

  /** The meeting's participants and moderators as they stand (in the caller's transaction, `em`). */
  async peopleIds(em: Pick<EntityManager, 'query'>, meetingId: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT user_id AS id FROM meeting_participant WHERE meeting_id = $1
       UNION SELECT user_id AS id FROM meeting_moderator WHERE meeting_id = $1`,
      [meetingId],
    );
    return rows.map((r) => r.id);
  }
}
