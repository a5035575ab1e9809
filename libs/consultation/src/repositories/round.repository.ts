import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConsultationAuthReadModel } from '@tripartite/auth';
import { selectList, type Tx } from '@tripartite/database';
import type { CommentVisibility, ConstituentGroup, RoundStatus, VersionStatus } from '@tripartite/domain';
import { ConsultationDraftingReadModel } from '@tripartite/drafting';
import { ConsultationRoundEntity } from '../consultation-round.entity';
import { DeadlineExtensionEntity } from '../deadline-extension.entity';

export type RoundRow = ConsultationRoundEntity;
export type ExtensionRow = DeadlineExtensionEntity;

export interface NewRound {
  instrumentId: string;
  number: number;
  versionId: string;
  closesAt: Date;
  groups: ConstituentGroup[];
  visibility: CommentVisibility;
  acceptLate: boolean;
  createdBy: string;
}

/** What scheduling checks, read in its transaction after the instrument is locked. */
export interface ScheduleFacts {
  /** null: not a version of this instrument. */
  versionStatus: VersionStatus | null;
  inFuture: boolean;
  /** The number of the round already SCHEDULED or OPEN, if any. */
  activeNumber: number | null;
  nextNumber: number;
}

/** The round's part of the facts a stage move's guards read (WorkflowParticipant.snapshot). */
export interface RoundSnapshotFacts {
  scheduledVersionNumber: number | null;
  scheduledVersionPublished: boolean | null;
  scheduledClosesAt: Date | null;
  scheduledInvitedCount: number;
  openClosesAt: Date | null;
  lastRoundVersionNumber: number | null;
  undisposedComments: number;
}

/** An OPEN round as the reconcile of deadline jobs sees it. */
export interface OpenRoundDeadline {
  id: string;
  instrumentId: string;
  closesAt: Date;
  opensAt: Date;
  /** When the reminders of this deadline were scheduled: the opening, or the last extension. */
  scheduledFrom: Date | null;
  due: boolean;
  now: Date;
}

/** The tables consultation_round, round_invitation and deadline_extension. */
@Injectable()
export class RoundRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafting: ConsultationDraftingReadModel,
    private readonly identity: ConsultationAuthReadModel,
  ) {}

  /** The round's columns, id first (statements read as `SELECT r.id, ...`). */
  columns(alias: string): string {
    return `${alias}.id, ${selectList(this.dataSource, ConsultationRoundEntity, alias, ['id'])}`;
  }

  private extensionColumns(alias: string): string {
    return selectList(this.dataSource, DeadlineExtensionEntity, alias);
  }

  // Scheduling and extending.

  async scheduleFacts(tx: Tx, instrumentId: string, versionId: string | null, closesAt: Date | null): Promise<ScheduleFacts> {
    const [facts]: ScheduleFacts[] = await tx.em.query(
      `SELECT ${this.drafting.versionStatusSql('$2', '$1')} AS "versionStatus",
              $3::timestamptz > clock_timestamp() AS "inFuture",
              (SELECT number FROM consultation_round WHERE instrument_id = $1 AND status <> 'CLOSED' LIMIT 1) AS "activeNumber",
              (SELECT coalesce(max(number), 0) + 1 FROM consultation_round WHERE instrument_id = $1) AS "nextNumber"`,
      [instrumentId, versionId, closesAt],
    );
    return facts;
  }

  async insert(tx: Tx, row: NewRound): Promise<RoundRow> {
    const [round]: RoundRow[] = await tx.em.query(
      `INSERT INTO consultation_round (instrument_id, number, version_id, closes_at, groups, visibility, accept_late, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${this.columns('consultation_round')}`,
      [row.instrumentId, row.number, row.versionId, row.closesAt, row.groups, row.visibility, row.acceptLate, row.createdBy],
    );
    return round;
  }

  /** Invites these organizations; their ids back. */
  async invite(tx: Tx, roundId: string, organizationIds: string[]): Promise<string[]> {
    const rows: { organizationId: string }[] = await tx.em.query(
      `INSERT INTO round_invitation (round_id, organization_id) SELECT $1, unnest($2::uuid[]) RETURNING organization_id AS "organizationId"`,
      [roundId, organizationIds],
    );
    return rows.map((r) => r.organizationId);
  }

  /** Invites these organizations, those already invited left as they are; the ids newly invited back. */
  async inviteMore(tx: Tx, roundId: string, organizationIds: string[]): Promise<string[]> {
    const rows: { organizationId: string }[] = await tx.em.query(
      `INSERT INTO round_invitation (round_id, organization_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING organization_id AS "organizationId"`,
      [roundId, organizationIds],
    );
    return rows.map((r) => r.organizationId);
  }

  /** Invites every organization of these groups; their ids back. */
  async inviteGroups(tx: Tx, roundId: string, groups: ConstituentGroup[]): Promise<string[]> {
    const rows: { organizationId: string }[] = await tx.em.query(
      `INSERT INTO round_invitation (round_id, organization_id) SELECT $1, o.id FROM (${this.identity.organizationIdsOfGroupsSql('$2')}) o
       RETURNING organization_id AS "organizationId"`,
      [roundId, groups],
    );
    return rows.map((r) => r.organizationId);
  }

  /** The round locked FOR UPDATE: waits for comment writes holding it FOR SHARE, and makes later ones read what this transaction writes. */
  async lockForUpdate(tx: Tx, roundId: string): Promise<RoundRow | null> {
    const [round]: RoundRow[] = await tx.em.query(`SELECT ${this.columns('r')} FROM consultation_round r WHERE r.id = $1 FOR UPDATE`, [roundId]);
    return round ?? null;
  }

  async extensionFacts(tx: Tx, roundId: string, closesAt: Date | null): Promise<{ inFuture: boolean; extensions: number }> {
    const [facts]: { inFuture: boolean; extensions: number }[] = await tx.em.query(
      `SELECT $1::timestamptz > clock_timestamp() AS "inFuture", (SELECT count(*)::int FROM deadline_extension WHERE round_id = $2) AS extensions`,
      [closesAt, roundId],
    );
    return facts;
  }

  async setClosesAt(tx: Tx, roundId: string, closesAt: Date): Promise<RoundRow> {
    // UPDATE ... RETURNING answers [rows, rowCount].
    const [[updated]]: [RoundRow[]] = await tx.em.query(`UPDATE consultation_round r SET closes_at = $2 WHERE r.id = $1 RETURNING ${this.columns('r')}`, [
      roundId,
      closesAt,
    ]);
    return updated;
  }

  async insertExtension(tx: Tx, row: Pick<ExtensionRow, 'roundId' | 'fromAt' | 'toAt' | 'reason' | 'actorId'>): Promise<ExtensionRow> {
    const [extension]: ExtensionRow[] = await tx.em.query(
      `INSERT INTO deadline_extension (round_id, from_at, to_at, reason, actor_id) VALUES ($1, $2, $3, $4, $5) RETURNING ${this.extensionColumns('deadline_extension')}`,
      [row.roundId, row.fromAt, row.toAt, row.reason, row.actorId],
    );
    return extension;
  }

  /** A round's deadline as it now stands in the write's transaction, with when it was last extended (its reminders' start). */
  async deadline(tx: Tx, roundId: string): Promise<{ instrumentId: string; status: RoundStatus; closesAt: Date; extendedAt: Date | null } | null> {
    const [row] = await tx.em.query(
      `SELECT r.instrument_id AS "instrumentId", r.status, r.closes_at AS "closesAt",
              (SELECT max(e.at) FROM deadline_extension e WHERE e.round_id = r.id) AS "extendedAt"
         FROM consultation_round r WHERE r.id = $1`,
      [roundId],
    );
    return row ?? null;
  }

  // Reads.

  /** The round, when `visible` (a predicate over the round `r`) holds: one statement. */
  async getVisible(id: string, visible: string): Promise<RoundRow | null> {
    const [round]: RoundRow[] = await this.dataSource.query(`SELECT ${this.columns('r')} FROM consultation_round r WHERE r.id = $1 AND ${visible}`, [id]);
    return round ?? null;
  }

  /** Invited organizations with no SUBMITTED comment. */
  async pendingOrganizationIds(roundId: string): Promise<string[]> {
    const rows: { organizationId: string }[] = await this.dataSource.query(
      `SELECT ri.organization_id AS "organizationId" FROM round_invitation ri
        WHERE ri.round_id = $1
          AND NOT EXISTS (SELECT 1 FROM comment c WHERE c.round_id = ri.round_id AND c.organization_id = ri.organization_id AND c.status = 'SUBMITTED')`,
      [roundId],
    );
    return rows.map((r) => r.organizationId);
  }

  byIds(ids: readonly string[]): Promise<RoundRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('r')} FROM consultation_round r WHERE r.id = ANY($1::uuid[])`, [ids]);
  }

  byInstrumentIds(ids: readonly string[]): Promise<RoundRow[]> {
    return this.dataSource.query(
      `SELECT ${this.columns('r')} FROM consultation_round r WHERE r.instrument_id = ANY($1::uuid[]) ORDER BY r.instrument_id, r.number`,
      [ids],
    );
  }

  invitationsByRoundIds(ids: readonly string[]): Promise<{ roundId: string; organizationId: string }[]> {
    return this.dataSource.query(`SELECT round_id AS "roundId", organization_id AS "organizationId" FROM round_invitation WHERE round_id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  extensionsByRoundIds(ids: readonly string[]): Promise<ExtensionRow[]> {
    return this.dataSource.query(
      `SELECT ${this.extensionColumns('e')} FROM deadline_extension e WHERE e.round_id = ANY($1::uuid[]) ORDER BY e.round_id, e.at, e.id`,
      [ids],
    );
  }

  // With the stage moves (ConsultationParticipant).

  async snapshotFacts(tx: Tx, instrumentId: string): Promise<RoundSnapshotFacts> {
    const [row]: RoundSnapshotFacts[] = await tx.em.query(
      `WITH rounds AS (
         SELECT r.id, r.number, r.status, r.closes_at, ${this.drafting.versionNumberSql('r.version_id')} AS version_number,
                ${this.drafting.versionStatusSql('r.version_id')} AS version_status
           FROM consultation_round r
          WHERE r.instrument_id = $1),
       scheduled AS (SELECT * FROM rounds WHERE status = 'SCHEDULED' ORDER BY number DESC LIMIT 1),
       open AS (SELECT * FROM rounds WHERE status = 'OPEN' ORDER BY number DESC LIMIT 1),
       last_closed AS (SELECT * FROM rounds WHERE status = 'CLOSED' ORDER BY number DESC LIMIT 1)
       SELECT (SELECT version_number FROM scheduled) AS "scheduledVersionNumber",
              (SELECT version_status = 'PUBLISHED' FROM scheduled) AS "scheduledVersionPublished",
              (SELECT closes_at FROM scheduled) AS "scheduledClosesAt",
              (SELECT count(*)::int FROM round_invitation ri WHERE ri.round_id = (SELECT id FROM scheduled)) AS "scheduledInvitedCount",
              (SELECT closes_at FROM open) AS "openClosesAt",
              (SELECT version_number FROM last_closed) AS "lastRoundVersionNumber",
              (SELECT count(*)::int FROM comment c
                WHERE c.round_id = coalesce((SELECT id FROM open), (SELECT id FROM last_closed))
                  AND c.status = 'SUBMITTED' AND c.disposition IS NULL) AS "undisposedComments"`,
      [instrumentId],
    );
    return row;
  }

  /** Opens the instrument's latest SCHEDULED round, if any. */
  async openScheduled(tx: Tx, instrumentId: string, at: Date): Promise<RoundRow | null> {
    const [[round]]: [RoundRow[]] = await tx.em.query(
      `UPDATE consultation_round r SET status = 'OPEN', opens_at = $2
        WHERE r.id = (SELECT id FROM consultation_round WHERE instrument_id = $1 AND status = 'SCHEDULED' ORDER BY number DESC LIMIT 1)
        RETURNING ${this.columns('r')}`,
      [instrumentId, at],
    );
    return round ?? null;
  }

  /** Closes the instrument's OPEN round, if any. */
  async closeOpen(tx: Tx, instrumentId: string, at: Date, earlyClose: boolean): Promise<RoundRow | null> {
    const [[round]]: [RoundRow[]] = await tx.em.query(
      `UPDATE consultation_round r SET status = 'CLOSED', closed_at = $2, early_close = $3
        WHERE r.instrument_id = $1 AND r.status = 'OPEN' RETURNING ${this.columns('r')}`,
      [instrumentId, at, earlyClose],
    );
    return round ?? null;
  }

  // Deadline jobs (RoundDeadlines).

  /** Whether the close job's deadline still stands (OPEN, same closesAt), and how far the database clock is from it. */
  async closeCheck(roundId: string, closesAt: string): Promise<{ instrumentId: string; current: boolean; remainingMs: number } | null> {
    const [round] = await this.dataSource.query(
      `SELECT instrument_id AS "instrumentId", status = 'OPEN' AND closes_at = $2::timestamptz AS current,
              extract(epoch FROM closes_at - clock_timestamp()) * 1000 AS "remainingMs"
         FROM consultation_round WHERE id = $1`,
      [roundId, closesAt],
    );
    return round ? { instrumentId: round.instrumentId, current: round.current, remainingMs: Number(round.remainingMs) } : null;
  }

  async status(roundId: string): Promise<RoundStatus | null> {
    const [round]: { status: RoundStatus }[] = await this.dataSource.query(`SELECT status FROM consultation_round WHERE id = $1`, [roundId]);
    return round?.status ?? null;
  }

  /** The round's instrument, when a reminder of this deadline still applies (same deadline, round still open, deadline ahead). */
  async reminderApplies(roundId: string, closesAt: string): Promise<{ instrumentId: string } | null> {
    const [round]: { instrumentId: string }[] = await this.dataSource.query(
      `SELECT instrument_id AS "instrumentId" FROM consultation_round
        WHERE id = $1 AND status = 'OPEN' AND closes_at = $2::timestamptz AND closes_at > clock_timestamp()`,
      [roundId, closesAt],
    );
    return round ?? null;
  }

  openDeadlines(): Promise<OpenRoundDeadline[]> {
    return this.dataSource.query(
      `SELECT r.id, r.instrument_id AS "instrumentId", r.closes_at AS "closesAt", r.opens_at AS "opensAt",
              greatest(r.opens_at, (SELECT max(e.at) FROM deadline_extension e WHERE e.round_id = r.id)) AS "scheduledFrom",
              r.closes_at <= clock_timestamp() AS due, clock_timestamp() AS now
         FROM consultation_round r WHERE r.status = 'OPEN'`,
    );
  }
}
