import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors } from '@tripartite/common';
import { PG_UNIQUE_VIOLATION, Transactions, Tx, pgCode } from '@tripartite/database';
import {
  AMENDMENT_STATUSES,
  CAPACITY,
  capacityMessage,
  AmendmentStatus,
  Blocker,
  CONSTITUENT_GROUPS,
  ConstituentGroup,
  GroupVote,
  ITEM_STATUSES,
  ItemStatus,
  POSITIONS,
  Position,
  amendmentAcceptBlockers,
  blocker,
  checkText,
  closeItemBlockers,
  countVotingParticipants,
  isOneOf,
  validateVoteCounts,
  weighVote,
} from '@tripartite/domain';
import { EventBus } from '@tripartite/events';
import { isUuid } from './batch';
import { assertRecorder } from './meeting-access';
import { itemTallyOf } from './meeting-tally';
import {
  AgendaItemRepository,
  AgendaItemRow,
  AmendmentRepository,
  AmendmentRow,
  LockedItem,
  ParticipantRepository,
  PositionRepository,
  VoteRepository,
} from './repositories';

interface LockedAmendment extends AmendmentRow {
  item: LockedItem;
}

/**
 * What happens to agenda items in session: opening and closing them, and the positions, amendments and
 * votes recorded on them. Each write locks the item row (so concurrent recorders serialize and
 * expectedRevision is compared with the committed revision), bumps its revision, and raises its domain event
 * (audited; the item's tally goes to the live board once committed).
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly items: AgendaItemRepository,
    private readonly positions: PositionRepository,
    private readonly amendments: AmendmentRepository,
    private readonly votes: VoteRepository,
    private readonly participants: ParticipantRepository,
  ) {}

  /** PENDING -> UNDER_DISCUSSION while the meeting is IN_SESSION. */
  openItem(actor: Actor, agendaItemId: string): Promise<AgendaItemRow> {
    return this.tx.run(async (tx) => {
      const item = await this.lockItem(tx, actor, agendaItemId);
      const blockers: Blocker[] = [];
      if (item.meetingStatus !== 'IN_SESSION') blockers.push(blocker('MEETING_NOT_IN_SESSION', `The meeting is ${item.meetingStatus}, not IN_SESSION`));
      if (item.status !== 'PENDING') blockers.push(blocker('ITEM_NOT_PENDING', `The item is ${item.status}, not PENDING`));
      if (blockers.length) throw AppError.transitionBlocked(blockers, 'The item cannot be opened');
      const updated = await this.items.open(tx, item.id);
      await this.events.raise(tx, { name: 'agendaItem.opened', actor, entityId: item.id, data: { meetingId: item.meetingId, revision: updated.revision } });
      return updated;
    });
  }

  /** A group's position replaces its current one; the earlier records stay in the history. */
  async recordPosition(
    actor: Actor,
    agendaItemId: string,
    group: ConstituentGroup,
    position: Position,
    statement?: string | null,
    expectedRevision?: number | null,
  ): Promise<AgendaItemRow> {
    const errors = new FieldErrors()
      .check(isOneOf(CONSTITUENT_GROUPS, group), 'group', 'is not a constituent group')
      .check(isOneOf(POSITIONS, position), 'position', 'is not a position');
    const text = errors.take(checkText('statement', statement, 'prose'));
    return this.tx.run(async (tx) => {
      const item = await this.lockItem(tx, actor, agendaItemId);
      checkRevision(item, expectedRevision);
      checkDiscussing(item, errors);
      checkRoom(errors, 'agendaItemId', await this.positions.countOfItem(tx, item.id), CAPACITY.positionRecordsPerSubject, 'recorded positions');
      errors.throwIfAny();
      const replaced = await this.positions.replace(tx, item.id, { group, position, statement: text, recordedBy: actor.userId });
      const updated = await this.items.bump(tx, item.id);
      await this.events.raise(tx, {
        name: 'position.recorded',
        actor,
        entityId: item.id,
        data: { meetingId: item.meetingId, group, position, statement: text, replaced, revision: updated.revision },
      });
      return updated;
    });
  }

  async proposeAmendment(actor: Actor, agendaItemId: string, proposedBy: ConstituentGroup, text: string): Promise<AmendmentRow> {
    const errors = new FieldErrors().check(isOneOf(CONSTITUENT_GROUPS, proposedBy), 'proposedBy', 'is not a constituent group');
    const clean = errors.take(checkText('text', text, 'prose', { required: true }));
    return this.tx.run(async (tx) => {
      const item = await this.lockItem(tx, actor, agendaItemId);
      checkDiscussing(item, errors);
      const counts = await this.amendments.counts(tx, item.id, item.meetingId);
      errors
        .check(counts.item < CAPACITY.amendmentsPerItem, 'agendaItemId', capacityMessage(CAPACITY.amendmentsPerItem, 'amendments'))
        .check(counts.meeting < CAPACITY.amendmentsPerMeeting, 'agendaItemId', `its meeting ${capacityMessage(CAPACITY.amendmentsPerMeeting, 'amendments')}`);
      errors.throwIfAny();
      const amendment = await this.amendments.insert(tx, { agendaItemId: item.id, proposedBy, text: clean!, createdBy: actor.userId });
      const updated = await this.items.bump(tx, item.id);
      await this.events.raise(tx, {
        name: 'amendment.proposed',
        actor,
        entityId: item.id,
        data: { meetingId: item.meetingId, amendmentId: amendment.id, proposedBy, text: clean!, revision: updated.revision },
      });
      return amendment;
    });
  }

  /**
   * Like an item's positions: replaces the group's current one, keeps the history; only while the amendment is
   * PROPOSED. expectedRevision is the item's (an amendment is part of its item).
   */
  async recordAmendmentPosition(
    actor: Actor,
    amendmentId: string,
    group: ConstituentGroup,
    position: Position,
    expectedRevision?: number | null,
  ): Promise<AmendmentRow> {
    const errors = new FieldErrors()
      .check(isOneOf(CONSTITUENT_GROUPS, group), 'group', 'is not a constituent group')
      .check(isOneOf(POSITIONS, position), 'position', 'is not a position');
    return this.tx.run(async (tx) => {
      const { item, ...amendment } = await this.lockAmendment(tx, actor, amendmentId);
      checkRevision(item, expectedRevision);
      checkDiscussing(item, errors, 'amendmentId');
      errors.check(amendment.status === 'PROPOSED', 'amendmentId', `is ${amendment.status}; positions are recorded while it is PROPOSED`);
      checkRoom(errors, 'amendmentId', await this.amendments.countPositions(tx, amendment.id), CAPACITY.positionRecordsPerSubject, 'recorded positions');
      errors.throwIfAny();
      const replaced = await this.amendments.replacePosition(tx, amendment.id, { group, position, recordedBy: actor.userId });
      const updated = await this.items.bump(tx, item.id);
      await this.events.raise(tx, {
        name: 'amendment.positionRecorded',
        actor,
        entityId: item.id,
        data: { meetingId: item.meetingId, amendmentId: amendment.id, group, position, replaced, revision: updated.revision },
      });
      return amendment;
    });
  }

  /** PROPOSED -> ACCEPTED (its own positions in consensus; one accepted amendment per item), REJECTED or WITHDRAWN; expectedRevision is the item's. */
  async decideAmendment(actor: Actor, amendmentId: string, status: AmendmentStatus, expectedRevision?: number | null): Promise<AmendmentRow> {
    if (!isOneOf(AMENDMENT_STATUSES, status) || status === 'PROPOSED') {
      throw AppError.badInput([{ field: 'status', message: 'must be ACCEPTED, REJECTED or WITHDRAWN' }]);
    }
    return this.tx.run(async (tx) => {
      const { item, ...amendment } = await this.lockAmendment(tx, actor, amendmentId);
      checkRevision(item, expectedRevision);
      const blockers: Blocker[] = [];
      if (item.status !== 'UNDER_DISCUSSION') {
        blockers.push(blocker('ITEM_NOT_UNDER_DISCUSSION', `The item is ${item.status}, not under discussion`));
      }
      if (status === 'ACCEPTED') {
        const facts = await this.amendments.acceptFacts(tx, amendment.id, item.id);
        blockers.push(...amendmentAcceptBlockers(facts.positions, amendment.status));
        if (facts.otherAccepted) blockers.push(blocker('AMENDMENT_ALREADY_ACCEPTED', 'Another amendment to this item is already accepted'));
      } else if (amendment.status !== 'PROPOSED') {
        blockers.push(blocker('AMENDMENT_NOT_PROPOSED', `The amendment is already ${amendment.status}`));
      }
      if (blockers.length) throw AppError.transitionBlocked(blockers, `The amendment cannot be ${status}`);
      let decided: AmendmentRow;
      try {
        decided = await this.amendments.decide(tx, amendment.id, status, actor.userId);
      } catch (error) {
        if (pgCode(error) === PG_UNIQUE_VIOLATION) {
          throw AppError.transitionBlocked([blocker('AMENDMENT_ALREADY_ACCEPTED', 'Another amendment to this item is already accepted')]);
        }
        throw error;
      }
      const updated = await this.items.bump(tx, item.id);
      await this.events.raise(tx, {
        name: 'amendment.decided',
        actor,
        entityId: item.id,
        data: { meetingId: item.meetingId, amendmentId: amendment.id, from: amendment.status, to: status, revision: updated.revision },
      });
      return decided;
    });
  }

  /**
   * Counts per group, checked against the meeting's registered voting participants (CHAIR, VICE_CHAIR,
   * SPOKESPERSON, EXPERT). Replaces the item's current vote, which decides its tally under either rule.
   */
  recordVote(actor: Actor, agendaItemId: string, votes: GroupVote[], expectedRevision?: number | null): Promise<AgendaItemRow> {
    return this.tx.run(async (tx) => {
      const item = await this.lockItem(tx, actor, agendaItemId);
      checkRevision(item, expectedRevision);
      const errors = new FieldErrors().check(Array.isArray(votes) && votes.length > 0, 'votes', 'must give the counts of at least one group');
      checkDiscussing(item, errors);
      checkRoom(errors, 'agendaItemId', await this.votes.countOfItem(tx, item.id), CAPACITY.voteRecordsPerItem, 'recorded votes');
      errors.throwIfAny();
      const registered = countVotingParticipants(await this.participants.ofMeeting(tx, item.meetingId));
      const clean = votes.map(({ group, inFavour, against, abstentions }) => ({ group, inFavour, against, abstentions }));
      for (const problem of validateVoteCounts(clean, registered)) errors.add(problem.field, problem.message);
      errors.throwIfAny({ registered });
      const result = weighVote(clean, registered);
      await this.votes.replace(tx, item.id, { votes: result.votes, registered }, actor.userId);
      const updated = await this.items.bump(tx, item.id);
      await this.events.raise(tx, {
        name: 'vote.recorded',
        actor,
        entityId: item.id,
        data: {
          meetingId: item.meetingId,
          votes: result.votes,
          registered,
          weightedInFavour: result.weightedInFavour,
          weightedAgainst: result.weightedAgainst,
          quorumMet: result.quorumMet,
          carried: result.carried,
          revision: updated.revision,
        },
      });
      return updated;
    });
  }

  /**
   * UNDER_DISCUSSION -> ADOPTED (tally CONSENSUS or VOTE_CARRIED; final text: the guideline's),
   * ADOPTED_AS_AMENDED (an ACCEPTED amendment; final text: its text), NOT_ADOPTED or DEFERRED.
   * The final text is derived, never typed: a finalText given must match it.
   */
  closeItem(actor: Actor, agendaItemId: string, status: ItemStatus, finalText?: string | null, expectedRevision?: number | null): Promise<AgendaItemRow> {
    new FieldErrors()
      .check(isOneOf(ITEM_STATUSES, status), 'status', 'is not an item status')
      .addAll(checkText('finalText', finalText, 'prose').problems)
      .throwIfAny();
    return this.tx.run(async (tx) => {
      const item = await this.lockItem(tx, actor, agendaItemId);
      checkRevision(item, expectedRevision);
      const tally = itemTallyOf(await this.items.tallySource(tx, item.id));
      const facts = await this.items.closingTexts(tx, item.id);
      const blockers = closeItemBlockers(status, { outcome: tally.outcome, hasAcceptedAmendment: facts.amendedText !== null, itemStatus: item.status });
      if (blockers.length) throw AppError.transitionBlocked(blockers, `The item cannot be closed as ${status}`);

      const derived: string | null = status === 'ADOPTED' ? facts.guidelineText : status === 'ADOPTED_AS_AMENDED' ? facts.amendedText : null;
      const given = finalText ?? null;
      if (given !== null && derived === null) {
        throw AppError.badInput([{ field: 'finalText', message: `an item closed as ${status} has no final text` }]);
      }
      if (given !== null && given.trim() !== derived!.trim()) {
        const origin = status === 'ADOPTED' ? "the guideline's text" : "the accepted amendment's text";
        throw AppError.badInput([{ field: 'finalText', message: `must be ${origin} (or be left out)` }]);
      }
      const updated = await this.items.close(tx, item.id, status, derived);
      await this.events.raise(tx, {
        name: 'agendaItem.closed',
        actor,
        entityId: item.id,
        data: { meetingId: item.meetingId, status, outcome: tally.outcome, finalText: derived, revision: updated.revision },
      });
      return updated;
    });
  }

  /** Locks the item (and its meeting for share, so the meeting cannot close or reopen under it); FORBIDDEN unless a recorder of it. */
  private async lockItem(tx: Tx, actor: Actor, agendaItemId: string): Promise<LockedItem> {
    const item = isUuid(agendaItemId) ? await this.items.lock(tx, agendaItemId, actor.userId) : null;
    if (!item) throw AppError.notFound('Agenda item', agendaItemId);
    assertRecorder(actor, item.isModerator);
    return item;
  }

  private async lockAmendment(tx: Tx, actor: Actor, amendmentId: string): Promise<LockedAmendment> {
    const agendaItemId = isUuid(amendmentId) ? await this.amendments.itemOf(tx, amendmentId) : null;
    if (!agendaItemId) throw AppError.notFound('Amendment', amendmentId);
    // The item first, as every other item write does.
    const item = await this.lockItem(tx, actor, agendaItemId);
    const amendment = await this.amendments.lock(tx, amendmentId);
    return { ...amendment, item };
  }
}

/** Refuses a record past its cap (CAPACITY): `count`, read under the item's lock. */
function checkRoom(errors: FieldErrors, field: string, count: number, limit: number, what: string): void {
  errors.check(count < limit, field, capacityMessage(limit, what));
}

function checkRevision(item: LockedItem, expectedRevision: number | null | undefined): void {
  if (expectedRevision !== undefined && expectedRevision !== null && expectedRevision !== item.revision) {
    throw AppError.conflict(`The agenda item is at revision ${item.revision}, not ${expectedRevision}; reload and try again`);
  }
}

function checkDiscussing(item: LockedItem, errors: FieldErrors, field = 'agendaItemId'): void {
  const what = field === 'agendaItemId' ? 'is' : 'belongs to an item that is';
  errors.check(item.status === 'UNDER_DISCUSSION', field, `${what} ${item.status}; this is recorded while the item is UNDER_DISCUSSION`);
}
