import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole, isStaff } from '@tripartite/common';
import { AuditService } from '@tripartite/audit';
import { PG_UNIQUE_VIOLATION, Transactions, Tx, pgCode } from '@tripartite/database';
import { DraftingReadService } from '@tripartite/drafting';
import {
  CAPACITY,
  COMMENT_VISIBILITIES,
  CONSTITUENT_GROUPS,
  capacityMessage,
  CommentVisibility,
  ConstituentGroup,
  checkInstant,
  checkText,
  isAcceptedInstant,
  isOneOf,
} from '@tripartite/domain';
import type { OrganizationEntity } from '@tripartite/auth';
import type { DeadlineExtensionEntity } from './deadline-extension.entity';
import { NotificationsService } from '@tripartite/notifications';
import { RoundDeadlines } from './round-deadlines.service';
import { RoundRow, isUuid, roundColumns } from './sql-columns';

export interface ScheduleRoundInput {
  instrumentId: string;
  versionId: string;
  closesAt: Date;
  groups?: ConstituentGroup[] | null;
  organizationIds?: string[] | null;
  visibility?: CommentVisibility | null;
  acceptLate?: boolean | null;
}

export type ExtensionRow = Pick<DeadlineExtensionEntity, 'id' | 'roundId' | 'fromAt' | 'toAt' | 'reason' | 'at' | 'actorId'>;

const SCHEDULABLE_STAGES = ['DRAFTING', 'CONSOLIDATION'];

/** Consultation rounds: scheduling, extending, and the reads every caller may make. Opening and closing follow stage moves (ConsultationParticipant). */
@Injectable()
export class RoundService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly drafting: DraftingReadService,
    private readonly deadlines: RoundDeadlines,
    private readonly notifications: NotificationsService,
  ) {}

  async schedule(actor: Actor, input: ScheduleRoundInput): Promise<RoundRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat schedules consultations');
    const groups = input.groups ?? [...CONSTITUENT_GROUPS];
    const visibility = input.visibility ?? 'AFTER_CLOSE';
    const orgIds = input.organizationIds ? [...new Set(input.organizationIds)] : null;
    const errors = new FieldErrors()
      .addAll(checkInstant('closesAt', input.closesAt))
      .check(isUuid(input.versionId), 'versionId', 'is not a published version of this instrument')
      .check(groups.length > 0, 'groups', 'must name at least one group')
      .check(groups.every((g) => isOneOf(CONSTITUENT_GROUPS, g)) && new Set(groups).size === groups.length, 'groups', 'must name distinct constituent groups')
      .check(isOneOf(COMMENT_VISIBILITIES, visibility), 'visibility', 'is not a visibility')
      .check(
        orgIds === null || orgIds.length > 0,
        'organizationIds',
        'must name at least one organization (omit it to invite every organization of the groups)',
      );
    orgIds?.forEach((id, i) => errors.check(isUuid(id), `organizationIds[${i}]`, 'is not an organization'));
    if (!isUuid(input.instrumentId)) throw AppError.notFound('Instrument', input.instrumentId);

    return this.tx.run(async (tx) => {
      // Serializes with stage moves and other schedulings of this instrument.
      const [instrument] = await tx.em.query(`SELECT id, stage FROM instrument WHERE id = $1 FOR UPDATE`, [input.instrumentId]);
      if (!instrument) throw AppError.notFound('Instrument', input.instrumentId);
      if (!SCHEDULABLE_STAGES.includes(instrument.stage)) {
        errors.add('instrumentId', `is in ${instrument.stage}; a round is scheduled in DRAFTING or CONSOLIDATION`);
      }
      const [facts] = await tx.em.query(
        `SELECT (SELECT status FROM draft_version WHERE id = $2 AND instrument_id = $1) AS "versionStatus",
                $3::timestamptz > clock_timestamp() AS "inFuture",
                (SELECT number FROM consultation_round WHERE instrument_id = $1 AND status <> 'CLOSED' LIMIT 1) AS "activeNumber",
                (SELECT coalesce(max(number), 0) + 1 FROM consultation_round WHERE instrument_id = $1) AS "nextNumber"`,
        [input.instrumentId, isUuid(input.versionId) ? input.versionId : null, isAcceptedInstant(input.closesAt) ? input.closesAt : null],
      );
      if (isUuid(input.versionId) && facts.versionStatus !== 'PUBLISHED') {
        errors.add('versionId', facts.versionStatus ? 'is not PUBLISHED' : 'is not a version of this instrument');
      }
      if (isAcceptedInstant(input.closesAt) && !facts.inFuture) errors.add('closesAt', 'must be in the future');
      if (facts.activeNumber !== null) {
        errors.add('instrumentId', `already has round ${facts.activeNumber} scheduled or open; one round at a time`);
      }
      // Rounds are numbered 1, 2, ... per instrument.
      errors.check(facts.nextNumber <= CAPACITY.roundsPerInstrument, 'instrumentId', capacityMessage(CAPACITY.roundsPerInstrument, 'consultation rounds'));
      if (orgIds && orgIds.every(isUuid)) await this.checkOrganizations(tx, orgIds, groups, errors);
      errors.throwIfAny();

      let round: RoundRow;
      try {
        [round] = await tx.em.query(
          `INSERT INTO consultation_round (instrument_id, number, version_id, closes_at, groups, visibility, accept_late, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${roundColumns('consultation_round')}`,
          [input.instrumentId, facts.nextNumber, input.versionId, input.closesAt, groups, visibility, input.acceptLate ?? false, actor.userId],
        );
      } catch (error) {
        if (pgCode(error) === PG_UNIQUE_VIOLATION) {
          throw AppError.badInput([{ field: 'instrumentId', message: 'already has a round scheduled or open; one round at a time' }]);
        }
        throw error;
      }
      const invited: { organizationId: string }[] = orgIds
        ? await tx.em.query(
            `INSERT INTO round_invitation (round_id, organization_id) SELECT $1, unnest($2::uuid[]) RETURNING organization_id AS "organizationId"`,
            [round.id, orgIds],
          )
        : await tx.em.query(
            `INSERT INTO round_invitation (round_id, organization_id) SELECT $1, id FROM organization WHERE "group" = ANY($2::text[])
             RETURNING organization_id AS "organizationId"`,
            [round.id, groups],
          );
      await this.scheduled(
        tx,
        actor,
        round,
        invited.map((i) => i.organizationId),
      );
      return round;
    });
  }

  async extend(actor: Actor, roundId: string, closesAt: Date, reason: string): Promise<RoundRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat extends deadlines');
    const errors = new FieldErrors().addAll(checkInstant('closesAt', closesAt));
    const cleanReason = errors.take(checkText('reason', reason, 'reason', { required: true }));
    if (!isUuid(roundId)) throw AppError.notFound('Round', roundId);
    return this.tx.run(async (tx) => {
      // Waits for comment writes holding the round FOR SHARE, and makes later ones read the new deadline.
      const [round] = await tx.em.query(`SELECT ${roundColumns('r')} FROM consultation_round r WHERE r.id = $1 FOR UPDATE`, [roundId]);
      if (!round) throw AppError.notFound('Round', roundId);
      if (round.status === 'CLOSED') errors.add('roundId', 'is CLOSED; only a SCHEDULED or OPEN round can be extended');
      const [{ inFuture, extensions }] = await tx.em.query(
        `SELECT $1::timestamptz > clock_timestamp() AS "inFuture", (SELECT count(*)::int FROM deadline_extension WHERE round_id = $2) AS extensions`,
        [isAcceptedInstant(closesAt) ? closesAt : null, roundId],
      );
      errors.check(extensions < CAPACITY.extensionsPerRound, 'roundId', capacityMessage(CAPACITY.extensionsPerRound, 'deadline extensions'));
      if (isAcceptedInstant(closesAt)) {
        if (closesAt.getTime() <= round.closesAt.getTime()) {
          errors.add('closesAt', `must be later than the current deadline ${round.closesAt.toISOString()}`);
        } else if (!inFuture) {
          errors.add('closesAt', 'must be in the future');
        }
      }
      errors.throwIfAny();
      const [[updated]]: [RoundRow[]] = await tx.em.query(`UPDATE consultation_round r SET closes_at = $2 WHERE r.id = $1 RETURNING ${roundColumns('r')}`, [
        roundId,
        closesAt,
      ]);
      const [extension] = await tx.em.query(
        `INSERT INTO deadline_extension (round_id, from_at, to_at, reason, actor_id) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, round_id AS "roundId", from_at AS "fromAt", to_at AS "toAt", reason, at, actor_id AS "actorId"`,
        [roundId, round.closesAt, closesAt, cleanReason, actor.userId],
      );
      await this.extended(tx, actor, updated, extension);
      return updated;
    });
  }

  /** A round, if the caller may read its instrument (NOT_FOUND otherwise). */
  async get(actor: Actor | null, id: string): Promise<RoundRow> {
    // One statement: a round is visible with its instrument.
    const [round] = isUuid(id)
      ? await this.tx.dataSource.query(
          `SELECT ${roundColumns('r')} FROM consultation_round r WHERE r.id = $1 AND ${this.drafting.instrumentVisibleSql(actor, 'r.instrument_id')}`,
          [id],
        )
      : [];
    if (!round) throw AppError.notFound('Round', id);
    return round;
  }

  /** Invited organizations with no SUBMITTED comment: who has commented is the secretariat's to know. */
  async pendingOrganizations(actor: Actor | null, roundId: string): Promise<OrganizationEntity[]> {
    if (actor !== null && !isStaff(actor)) throw AppError.forbidden('Only the secretariat sees which organizations have not commented');
    return this.tx.dataSource.query(
      `SELECT o.id, o.name, o."group", o.country_code AS "countryCode", o.created_at AS "createdAt"
         FROM round_invitation ri JOIN organization o ON o.id = ri.organization_id
        WHERE ri.round_id = $1
          AND NOT EXISTS (SELECT 1 FROM comment c WHERE c.round_id = ri.round_id AND c.organization_id = ri.organization_id AND c.status = 'SUBMITTED')
        ORDER BY o."group", o.name`,
      [roundId],
    );
  }

  // Batch reads for DataLoaders; callers have checked the parents' visibility.

  byIds(ids: readonly string[]): Promise<RoundRow[]> {
    return this.tx.dataSource.query(`SELECT ${roundColumns('r')} FROM consultation_round r WHERE r.id = ANY($1::uuid[])`, [ids.filter(isUuid)]);
  }

  async byInstrumentIds(ids: readonly string[]): Promise<Map<string, RoundRow[]>> {
    const rows: RoundRow[] = await this.tx.dataSource.query(
      `SELECT ${roundColumns('r')} FROM consultation_round r WHERE r.instrument_id = ANY($1::uuid[]) ORDER BY r.instrument_id, r.number`,
      [ids.filter(isUuid)],
    );
    return groupBy(ids, rows, (r) => r.instrumentId);
  }

  async invitedOrganizationIdsByRoundIds(ids: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { roundId: string; organizationId: string }[] = await this.tx.dataSource.query(
      `SELECT round_id AS "roundId", organization_id AS "organizationId" FROM round_invitation WHERE round_id = ANY($1::uuid[])`,
      [ids.filter(isUuid)],
    );
    const byRound = groupBy(ids, rows, (r) => r.roundId);
    return new Map([...byRound].map(([id, list]) => [id, list.map((r) => r.organizationId)]));
  }

  async extensionsByRoundIds(ids: readonly string[]): Promise<Map<string, ExtensionRow[]>> {
    const rows: ExtensionRow[] = await this.tx.dataSource.query(
      `SELECT id, round_id AS "roundId", from_at AS "fromAt", to_at AS "toAt", reason, at, actor_id AS "actorId"
         FROM deadline_extension WHERE round_id = ANY($1::uuid[]) ORDER BY round_id, at, id`,
      [ids.filter(isUuid)],
    );
    return groupBy(ids, rows, (e) => e.roundId);
  }

  private async checkOrganizations(tx: Tx, ids: string[], groups: ConstituentGroup[], errors: FieldErrors): Promise<void> {
    const found: { id: string; group: ConstituentGroup }[] = await tx.em.query(`SELECT id, "group" FROM organization WHERE id = ANY($1::uuid[])`, [ids]);
    const groupOf = new Map(found.map((o) => [o.id, o.group]));
    ids.forEach((id, i) => {
      const group = groupOf.get(id);
      if (!group) errors.add(`organizationIds[${i}]`, 'is not an organization');
      else if (!groups.includes(group)) errors.add(`organizationIds[${i}]`, `belongs to ${group}, which the round does not invite`);
    });
  }

  // What happened, once per write (issue 5 adds the outbox rows for notifications and deadline jobs here).

  private async scheduled(tx: Tx, actor: Actor, round: RoundRow, organizationIds: string[]): Promise<void> {
    await this.audit.record(tx.em, actor, 'round.scheduled', 'ConsultationRound', round.id, {
      instrumentId: round.instrumentId,
      number: round.number,
      versionId: round.versionId,
      closesAt: round.closesAt.toISOString(),
      groups: round.groups,
      visibility: round.visibility,
      acceptLate: round.acceptLate,
      invited: organizationIds.length,
    });
    await this.notifications.emit(tx.em, {
      kind: 'consultation.scheduled',
      instrumentId: round.instrumentId,
      subjectId: round.id,
      data: { roundId: round.id },
    });
  }

  private async extended(tx: Tx, actor: Actor, round: RoundRow, extension: ExtensionRow): Promise<void> {
    await this.audit.record(tx.em, actor, 'round.extended', 'ConsultationRound', round.id, {
      from: extension.fromAt.toISOString(),
      to: extension.toAt.toISOString(),
      reason: extension.reason,
    });
    // The jobs of the old deadline stay queued and do nothing when they fire.
    if (round.status === 'OPEN') await this.deadlines.schedule(tx, round, extension.at);
    await this.notifications.emit(tx.em, {
      kind: 'consultation.extended',
      instrumentId: round.instrumentId,
      subjectId: round.id,
      data: { roundId: round.id, fromAt: extension.fromAt.toISOString(), toAt: extension.toAt.toISOString() },
    });
  }
}

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return map;
}
