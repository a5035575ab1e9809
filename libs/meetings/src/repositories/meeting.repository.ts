import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { DecisionRule, MeetingStatus, Stage } from '@tripartite/domain';
import { DraftingMeetingsReadModel } from '@tripartite/drafting';
import { ExpertsMeetingEntity } from '../meeting.entity';
import { Readers, readerPredicate } from './reader-predicate';

export type MeetingRow = ExpertsMeetingEntity;

export interface NewMeeting {
  instrumentId: string;
  versionId: string;
  title: string;
  venue: string | null;
  startsAt: Date;
  endsAt: Date;
  decisionRule: DecisionRule;
  createdBy: string;
}

/** A meeting row locked for a change, with what its checks need. */
export interface LockedMeeting extends MeetingRow {
  instrumentStage: Stage;
  isModerator: boolean;
  /** This is the instrument's latest meeting (the one the workflow guards read). */
  isLatest: boolean;
}

/** The column a move stamps. */
export type MeetingStamp = 'opened_at' | 'closed_at' | 'report_adopted_at';

/** A scheduled meeting still ahead, as the reminders' reconcile reads it (`now`: the database's clock). */
export interface ScheduledMeeting extends MeetingRow {
  now: Date;
}

/** The experts_meeting table. */
@Injectable()
export class MeetingRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafting: DraftingMeetingsReadModel,
  ) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, ExpertsMeetingEntity, alias);
  }

  async countOfInstrument(tx: Tx, instrumentId: string): Promise<number> {
    const [{ meetings }]: { meetings: number }[] = await tx.em.query(`SELECT count(*)::int AS meetings FROM experts_meeting WHERE instrument_id = $1`, [
      instrumentId,
    ]);
    return meetings;
  }

  /** The version already has a meeting whose report is not adopted. */
  async hasOpenMeeting(tx: Tx, versionId: string): Promise<boolean> {
    const [{ open }]: { open: boolean }[] = await tx.em.query(
      `SELECT EXISTS (SELECT 1 FROM experts_meeting m WHERE m.version_id = $1 AND m.status <> 'REPORT_ADOPTED') AS open`,
      [versionId],
    );
    return open;
  }

  /** Fails with a unique violation when the version already has an unfinished meeting (a concurrent scheduling). */
  async insert(tx: Tx, m: NewMeeting): Promise<MeetingRow> {
    const [meeting]: MeetingRow[] = await tx.em.query(
      `INSERT INTO experts_meeting (instrument_id, version_id, title, venue, starts_at, ends_at, decision_rule, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${this.columns('experts_meeting')}`,
      [m.instrumentId, m.versionId, m.title, m.venue, m.startsAt, m.endsAt, m.decisionRule, m.createdBy],
    );
    return meeting;
  }

  /** The meeting locked (FOR UPDATE for its own moves, FOR SHARE while registering people), with its facts; null when none. */
  async lock(tx: Tx, meetingId: string, userId: string, mode: 'FOR UPDATE' | 'FOR SHARE'): Promise<LockedMeeting | null> {
    const [meeting]: LockedMeeting[] = await tx.em.query(
      `SELECT ${this.columns('m')}, ${this.drafting.stageOf('m.instrument_id')} AS "instrumentStage",
              EXISTS (SELECT 1 FROM meeting_moderator mm WHERE mm.meeting_id = m.id AND mm.user_id = $2) AS "isModerator",
              NOT EXISTS (SELECT 1 FROM experts_meeting later WHERE later.instrument_id = m.instrument_id
                            AND (later.created_at, later.id) > (m.created_at, m.id)) AS "isLatest"
         FROM experts_meeting m
        WHERE m.id = $1 ${mode} OF m`,
      [meetingId, userId],
    );
    return meeting ?? null;
  }

  async setStatus(tx: Tx, meetingId: string, to: MeetingStatus, stamp: MeetingStamp): Promise<MeetingRow> {
    const [[updated]]: [MeetingRow[]] = await tx.em.query(
      `UPDATE experts_meeting m SET status = $2, ${stamp} = clock_timestamp() WHERE m.id = $1 RETURNING ${this.columns('m')}`,
      [meetingId, to],
    );
    return updated;
  }

  /** The row in the write's transaction; null when none. */
  async read(tx: Tx, meetingId: string): Promise<MeetingRow | null> {
    const [row]: MeetingRow[] = await tx.em.query(`SELECT ${this.columns('m')} FROM experts_meeting m WHERE m.id = $1`, [meetingId]);
    return row ?? null;
  }

  /** The status of the instrument's latest meeting (what the workflow guards read); null when it has none. */
  async latestStatusOfInstrument(tx: Tx, instrumentId: string): Promise<MeetingStatus | null> {
    const [latest]: { status: MeetingStatus }[] = await tx.em.query(
      `SELECT status FROM experts_meeting WHERE instrument_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [instrumentId],
    );
    return latest?.status ?? null;
  }

  /** The meeting's instrument if it is still SCHEDULED to start at `startsAt`, and that is still ahead; null otherwise. */
  async stillStartingAt(em: Pick<EntityManager, 'query'>, meetingId: string, startsAt: string): Promise<{ instrumentId: string } | null> {
    const [meeting]: { instrumentId: string }[] = await em.query(
      `SELECT instrument_id AS "instrumentId" FROM experts_meeting
        WHERE id = $1 AND status = 'SCHEDULED' AND starts_at = $2::timestamptz AND starts_at > clock_timestamp()`,
      [meetingId, startsAt],
    );
    return meeting ?? null;
  }

  /** experts_meeting_scheduled_idx: only the scheduled meetings, from now on. */
  scheduledAhead(): Promise<ScheduledMeeting[]> {
    return this.dataSource.query(
      `SELECT ${this.columns('m')}, clock_timestamp() AS now FROM experts_meeting m WHERE m.status = 'SCHEDULED' AND m.starts_at > clock_timestamp()`,
    );
  }

  /** The meeting if `readers` may read it. */
  async readable(meetingId: string, readers: Readers): Promise<MeetingRow | null> {
    const [row]: MeetingRow[] = await this.dataSource.query(
      `SELECT ${this.columns('m')} FROM experts_meeting m WHERE m.id = $1 AND ${readerPredicate('m', '$2', '$3')}`,
      [meetingId, ...readers],
    );
    return row ?? null;
  }

  /** The meetings of the instruments that `readers` may read, oldest first. */
  readableByInstrumentIds(ids: readonly string[], readers: Readers): Promise<MeetingRow[]> {
    return this.dataSource.query(
      `SELECT ${this.columns('m')} FROM experts_meeting m
        WHERE m.instrument_id = ANY($1::uuid[]) AND ${readerPredicate('m', '$2', '$3')}
        ORDER BY m.instrument_id, m.created_at, m.id`,
      [ids, ...readers],
    );
  }

  byIds(ids: readonly string[]): Promise<MeetingRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('m')} FROM experts_meeting m WHERE m.id = ANY($1::uuid[])`, [ids]);
  }
}
