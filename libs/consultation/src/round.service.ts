import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole, isStaff, isUuid } from '@tripartite/common';
import { ConsultationAuthReadModel, type OrganizationEntity } from '@tripartite/auth';
import { PG_UNIQUE_VIOLATION, Transactions, Tx, pgCode } from '@tripartite/database';
import { ConsultationDraftingReadModel, DraftingReadService } from '@tripartite/drafting';
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
import { EventBus } from '@tripartite/events';
import { ExtensionRow, RoundRepository, RoundRow } from './repositories';

export interface ScheduleRoundInput {
  instrumentId: string;
  versionId: string;
  closesAt: Date;
  groups?: ConstituentGroup[] | null;
  organizationIds?: string[] | null;
  visibility?: CommentVisibility | null;
  acceptLate?: boolean | null;
}

const SCHEDULABLE_STAGES = ['DRAFTING', 'CONSOLIDATION'];

/** Consultation rounds: scheduling, extending, and the reads every caller may make. Opening and closing follow stage moves (ConsultationParticipant). */
@Injectable()
export class RoundService {
  constructor(
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly rounds: RoundRepository,
    private readonly drafting: DraftingReadService,
    private readonly instruments: ConsultationDraftingReadModel,
    private readonly identity: ConsultationAuthReadModel,
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
      const instrument = await this.instruments.lockInstrument(tx, input.instrumentId);
      if (!instrument) throw AppError.notFound('Instrument', input.instrumentId);
      if (!SCHEDULABLE_STAGES.includes(instrument.stage)) {
        errors.add('instrumentId', `is in ${instrument.stage}; a round is scheduled in DRAFTING or CONSOLIDATION`);
      }
      const facts = await this.rounds.scheduleFacts(
        tx,
        input.instrumentId,
        isUuid(input.versionId) ? input.versionId : null,
        isAcceptedInstant(input.closesAt) ? input.closesAt : null,
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
        round = await this.rounds.insert(tx, {
          instrumentId: input.instrumentId,
          number: facts.nextNumber,
          versionId: input.versionId,
          closesAt: input.closesAt,
          groups,
          visibility,
          acceptLate: input.acceptLate ?? false,
          createdBy: actor.userId,
        });
      } catch (error) {
        if (pgCode(error) === PG_UNIQUE_VIOLATION) {
          throw AppError.badInput([{ field: 'instrumentId', message: 'already has a round scheduled or open; one round at a time' }]);
        }
        throw error;
      }
      const invited = orgIds ? await this.rounds.invite(tx, round.id, orgIds) : await this.rounds.inviteGroups(tx, round.id, groups);
      await this.events.raise(tx, {
        name: 'round.scheduled',
        actor,
        entityId: round.id,
        data: {
          instrumentId: round.instrumentId,
          number: round.number,
          versionId: round.versionId,
          closesAt: round.closesAt.toISOString(),
          groups: round.groups,
          visibility: round.visibility,
          acceptLate: round.acceptLate,
          invited: invited.length,
        },
      });
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
      const round = await this.rounds.lockForUpdate(tx, roundId);
      if (!round) throw AppError.notFound('Round', roundId);
      if (round.status === 'CLOSED') errors.add('roundId', 'is CLOSED; only a SCHEDULED or OPEN round can be extended');
      const { inFuture, extensions } = await this.rounds.extensionFacts(tx, roundId, isAcceptedInstant(closesAt) ? closesAt : null);
      errors.check(extensions < CAPACITY.extensionsPerRound, 'roundId', capacityMessage(CAPACITY.extensionsPerRound, 'deadline extensions'));
      if (isAcceptedInstant(closesAt)) {
        if (closesAt.getTime() <= round.closesAt.getTime()) {
          errors.add('closesAt', `must be later than the current deadline ${round.closesAt.toISOString()}`);
        } else if (!inFuture) {
          errors.add('closesAt', 'must be in the future');
        }
      }
      errors.throwIfAny();
      const updated = await this.rounds.setClosesAt(tx, roundId, closesAt);
      const extension = await this.rounds.insertExtension(tx, { roundId, fromAt: round.closesAt, toAt: closesAt, reason: cleanReason!, actorId: actor.userId });
      // The jobs of the old deadline stay queued and do nothing when they fire.
      await this.events.raise(tx, {
        name: 'round.extended',
        actor,
        entityId: updated.id,
        data: { from: extension.fromAt.toISOString(), to: extension.toAt.toISOString(), reason: extension.reason },
      });
      return updated;
    });
  }

  /**
   * SECRETARIAT. Invites more organizations to a SCHEDULED or OPEN round (of the groups it invites; those invited
   * already are left as they are): a round scheduled before its groups had organizations, or a latecomer.
   */
  async invite(actor: Actor, roundId: string, organizationIds: readonly string[]): Promise<RoundRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat invites organizations');
    const ids = [...new Set(organizationIds)];
    const errors = new FieldErrors()
      .check(ids.length > 0, 'organizationIds', 'must name at least one organization')
      .check(ids.length <= CAPACITY.organizations, 'organizationIds', capacityMessage(CAPACITY.organizations, 'organizations'));
    ids.forEach((id, i) => errors.check(isUuid(id), `organizationIds[${i}]`, 'is not an organization'));
    if (!isUuid(roundId)) throw AppError.notFound('Round', roundId);
    return this.tx.run(async (tx) => {
      const round = await this.rounds.lockForUpdate(tx, roundId);
      if (!round) throw AppError.notFound('Round', roundId);
      if (round.status === 'CLOSED') errors.add('roundId', 'is CLOSED; organizations are invited to a SCHEDULED or OPEN round');
      if (ids.every(isUuid)) await this.checkOrganizations(tx, ids, round.groups, errors);
      errors.throwIfAny();
      const added = await this.rounds.inviteMore(tx, roundId, ids);
      if (added.length > 0) await this.events.raise(tx, { name: 'round.invited', actor, entityId: round.id, data: { organizationIds: added } });
      return round;
    });
  }

  /** A round, if the caller may read its instrument (NOT_FOUND otherwise). */
  async get(actor: Actor | null, id: string): Promise<RoundRow> {
    // One statement: a round is visible with its instrument.
    const round = isUuid(id) ? await this.rounds.getVisible(id, this.drafting.instrumentVisibleSql(actor, 'r.instrument_id')) : null;
    if (!round) throw AppError.notFound('Round', id);
    return round;
  }

  /** Invited organizations with no SUBMITTED comment, by group and name: who has commented is the secretariat's to know. */
  async pendingOrganizations(actor: Actor | null, roundId: string): Promise<OrganizationEntity[]> {
    if (actor !== null && !isStaff(actor)) throw AppError.forbidden('Only the secretariat sees which organizations have not commented');
    return this.identity.organizationsByIds(await this.rounds.pendingOrganizationIds(roundId));
  }

  // Batch reads for DataLoaders; callers have checked the parents' visibility.

  byIds(ids: readonly string[]): Promise<RoundRow[]> {
    return this.rounds.byIds(ids.filter(isUuid));
  }

  async byInstrumentIds(ids: readonly string[]): Promise<Map<string, RoundRow[]>> {
    return groupBy(ids, await this.rounds.byInstrumentIds(ids.filter(isUuid)), (r) => r.instrumentId);
  }

  async invitedOrganizationIdsByRoundIds(ids: readonly string[]): Promise<Map<string, string[]>> {
    const byRound = groupBy(ids, await this.rounds.invitationsByRoundIds(ids.filter(isUuid)), (r) => r.roundId);
    return new Map([...byRound].map(([id, list]) => [id, list.map((r) => r.organizationId)]));
  }

  async extensionsByRoundIds(ids: readonly string[]): Promise<Map<string, ExtensionRow[]>> {
    return groupBy(ids, await this.rounds.extensionsByRoundIds(ids.filter(isUuid)), (e) => e.roundId);
  }

  private async checkOrganizations(tx: Tx, ids: string[], groups: ConstituentGroup[], errors: FieldErrors): Promise<void> {
    const found = await this.identity.organizationGroups(tx, ids);
    const groupOf = new Map(found.map((o) => [o.id, o.group]));
    ids.forEach((id, i) => {
      const group = groupOf.get(id);
      if (!group) errors.add(`organizationIds[${i}]`, 'is not an organization');
      else if (!groups.includes(group)) errors.add(`organizationIds[${i}]`, `belongs to ${group}, which the round does not invite`);
    });
  }
}

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return map;
}
