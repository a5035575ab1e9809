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
  DecisionRule,
  GroupVote,
  ITEM_STATUSES,
  ItemStatus,
  MeetingStatus,
  POSITIONS,
  Position,
  PositionsByGroup,
  amendmentAcceptBlockers,
  blocker,
  checkText,
  closeItemBlockers,
  countVotingParticipants,
  isOneOf,
  validateVoteCounts,
  weighVote,
} from '@tripartite/domain';
import { assertRecorder } from './meeting-access';
import { MeetingEvents } from './meeting-events';
import { TallySource, itemTallyOf } from './meeting-tally';
import { AgendaItemRow, AmendmentRow, ParticipantRow, amendmentColumns, isUuid, itemColumns, participantColumns, tallySourceSql } from './sql-columns';

/** An agenda item locked for a change, with its meeting's facts. */
interface LockedItem extends AgendaItemRow {
  meetingStatus: MeetingStatus;
  decisionRule: DecisionRule;
  isModerator: boolean;
}

interface LockedAmendment extends AmendmentRow {
  item: LockedItem;
}

/**
 * What happens to agenda items in session: opening and closing them, and the positions, amendments and
 * votes recorded on them. Each write locks the item row (so concurrent recorders serialize and
 * expectedRevision is compared with the committed revision), bumps its revision, is audited, and
 * publishes the item's tally once committed.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly tx: Transactions,
    private readonly events: MeetingEvents,
  ) {}

  /** PENDING -> UNDER_DISCUSSION while the meeting is IN_SESSION. */
  openItem(actor: Actor, agendaItemId: string): Promise<AgendaItemRow> {
    return this.tx.run(async (tx) => {
      const item = await this.lockItem(tx, actor, agendaItemId);
      const blockers: Blocker[] = [];
      if (item.meetingStatus !== 'IN_SESSION') blockers.push(blocker('MEETING_NOT_IN_SESSION', `The meeting is ${item.meetingStatus}, not IN_SESSION`));
      if (item.status !== 'PENDING') blockers.push(blocker('ITEM_NOT_PENDING', `The item is ${item.status}, not PENDING`));
      if (blockers.length) throw AppError.transitionBlocked(blockers, 'The item cannot be opened');
      const updated = await this.bump(tx, item.id, `status = 'UNDER_DISCUSSION', opened_at = clock_timestamp()`);
      await this.events.itemChanged(tx, actor, 'agendaItem.opened', item.meetingId, item.id, { revision: updated.revision });
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
      await this.checkRoom(
        tx,
        errors,
        'agendaItemId',
        `SELECT count(*)::int AS n FROM position_record WHERE agenda_item_id = $1`,
        [item.id],
        CAPACITY.positionRecordsPerSubject,
        'recorded positions',
      );
      errors.throwIfAny();
      const [[replaced]] = await tx.em.query(
        `UPDATE position_record SET current = false WHERE agenda_item_id = $1 AND "group" = $2 AND current RETURNING position`,
        [item.id, group],
      );
      await tx.em.query(`INSERT INTO position_record (agenda_item_id, "group", position, statement, recorded_by) VALUES ($1, $2, $3, $4, $5)`, [
        item.id,
        group,
        position,
        text,
        actor.userId,
      ]);
      const updated = await this.bump(tx, item.id);
      await this.events.itemChanged(tx, actor, 'position.recorded', item.meetingId, item.id, {
        group,
        position,
        statement: text,
        replaced: replaced?.position ?? null,
        revision: updated.revision,
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
      const [counts] = await tx.em.query(
        `SELECT (SELECT count(*)::int FROM amendment WHERE agenda_item_id = $1) AS item,
                (SELECT count(*)::int FROM amendment a JOIN agenda_item x ON x.id = a.agenda_item_id WHERE x.meeting_id = $2) AS meeting`,
        [item.id, item.meetingId],
      );
      errors
        .check(counts.item < CAPACITY.amendmentsPerItem, 'agendaItemId', capacityMessage(CAPACITY.amendmentsPerItem, 'amendments'))
        .check(counts.meeting < CAPACITY.amendmentsPerMeeting, 'agendaItemId', `its meeting ${capacityMessage(CAPACITY.amendmentsPerMeeting, 'amendments')}`);
      errors.throwIfAny();
      const [amendment]: AmendmentRow[] = await tx.em.query(
        `INSERT INTO amendment (agenda_item_id, proposed_by, text, created_by) VALUES ($1, $2, $3, $4) RETURNING ${amendmentColumns('amendment')}`,
        [item.id, proposedBy, clean, actor.userId],
      );
      const updated = await this.bump(tx, item.id);
      await this.events.itemChanged(tx, actor, 'amendment.proposed', item.meetingId, item.id, {
        amendmentId: amendment.id,
        proposedBy,
        text: clean,
        revision: updated.revision,
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
      await this.checkRoom(
        tx,
        errors,
        'amendmentId',
        `SELECT count(*)::int AS n FROM amendment_position_record WHERE amendment_id = $1`,
        [amendment.id],
        CAPACITY.positionRecordsPerSubject,
        'recorded positions',
      );
      errors.throwIfAny();
      const [[replaced]] = await tx.em.query(
        `UPDATE amendment_position_record SET current = false WHERE amendment_id = $1 AND "group" = $2 AND current RETURNING position`,
        [amendment.id, group],
      );
      await tx.em.query(`INSERT INTO amendment_position_record (amendment_id, "group", position, recorded_by) VALUES ($1, $2, $3, $4)`, [
        amendment.id,
        group,
        position,
        actor.userId,
      ]);
      const updated = await this.bump(tx, item.id);
      await this.events.itemChanged(tx, actor, 'amendment.positionRecorded', item.meetingId, item.id, {
        amendmentId: amendment.id,
        group,
        position,
        replaced: replaced?.position ?? null,
        revision: updated.revision,
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
        const [facts] = await tx.em.query(
          `SELECT (SELECT json_object_agg("group", position) FROM amendment_position_record WHERE amendment_id = $1 AND current) AS positions,
                  EXISTS (SELECT 1 FROM amendment WHERE agenda_item_id = $2 AND status = 'ACCEPTED' AND id <> $1) AS "otherAccepted"`,
          [amendment.id, item.id],
        );
        blockers.push(...amendmentAcceptBlockers((facts.positions ?? {}) as PositionsByGroup, amendment.status));
        if (facts.otherAccepted) blockers.push(blocker('AMENDMENT_ALREADY_ACCEPTED', 'Another amendment to this item is already accepted'));
      } else if (amendment.status !== 'PROPOSED') {
        blockers.push(blocker('AMENDMENT_NOT_PROPOSED', `The amendment is already ${amendment.status}`));
      }
      if (blockers.length) throw AppError.transitionBlocked(blockers, `The amendment cannot be ${status}`);
      let decided: AmendmentRow;
      try {
        [[decided]] = await tx.em.query(
          `UPDATE amendment a SET status = $2, decided_at = clock_timestamp(), decided_by = $3 WHERE a.id = $1 RETURNING ${amendmentColumns('a')}`,
          [amendment.id, status, actor.userId],
        );
      } catch (error) {
        if (pgCode(error) === PG_UNIQUE_VIOLATION) {
          throw AppError.transitionBlocked([blocker('AMENDMENT_ALREADY_ACCEPTED', 'Another amendment to this item is already accepted')]);
        }
        throw error;
      }
      const updated = await this.bump(tx, item.id);
      await this.events.itemChanged(tx, actor, 'amendment.decided', item.meetingId, item.id, {
        amendmentId: amendment.id,
        from: amendment.status,
        to: status,
        revision: updated.revision,
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
      await this.checkRoom(
        tx,
        errors,
        'agendaItemId',
        `SELECT count(*)::int AS n FROM item_vote WHERE agenda_item_id = $1`,
        [item.id],
        CAPACITY.voteRecordsPerItem,
        'recorded votes',
      );
      errors.throwIfAny();
      const participants: ParticipantRow[] = await tx.em.query(`SELECT ${participantColumns('p')} FROM meeting_participant p WHERE p.meeting_id = $1`, [
        item.meetingId,
      ]);
      const registered = countVotingParticipants(participants);
      const clean = votes.map(({ group, inFavour, against, abstentions }) => ({ group, inFavour, against, abstentions }));
      for (const problem of validateVoteCounts(clean, registered)) errors.add(problem.field, problem.message);
      errors.throwIfAny({ registered });
      const result = weighVote(clean, registered);
      await tx.em.query(`UPDATE item_vote SET current = false WHERE agenda_item_id = $1 AND current`, [item.id]);
      await tx.em.query(`INSERT INTO item_vote (agenda_item_id, votes, registered, recorded_by) VALUES ($1, $2, $3, $4)`, [
        item.id,
        JSON.stringify(result.votes),
        JSON.stringify(registered),
        actor.userId,
      ]);
      const updated = await this.bump(tx, item.id);
      await this.events.itemChanged(tx, actor, 'vote.recorded', item.meetingId, item.id, {
        votes: result.votes,
        registered,
        weightedInFavour: result.weightedInFavour,
        weightedAgainst: result.weightedAgainst,
        quorumMet: result.quorumMet,
        carried: result.carried,
        revision: updated.revision,
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
      const [source]: TallySource[] = await tx.em.query(`${tallySourceSql} WHERE i.id = $1`, [item.id]);
      const [facts] = await tx.em.query(
        `SELECT g.text AS "guidelineText",
                (SELECT a.text FROM amendment a WHERE a.agenda_item_id = $1 AND a.status = 'ACCEPTED') AS "amendedText"
           FROM agenda_item i JOIN guideline g ON g.id = i.guideline_id WHERE i.id = $1`,
        [item.id],
      );
      const tally = itemTallyOf(source);
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
      const updated = await this.bump(tx, item.id, `status = $2, final_text = $3, closed_at = clock_timestamp()`, [status, derived]);
      await this.events.itemChanged(tx, actor, 'agendaItem.closed', item.meetingId, item.id, {
        status,
        outcome: tally.outcome,
        finalText: derived,
        revision: updated.revision,
      });
      return updated;
    });
  }

  /** Locks the item (and its meeting for share, so the meeting cannot close or reopen under it); FORBIDDEN unless a recorder of it. */
  private async lockItem(tx: Tx, actor: Actor, agendaItemId: string): Promise<LockedItem> {
    const [item]: LockedItem[] = isUuid(agendaItemId)
      ? await tx.em.query(
          `SELECT ${itemColumns('i')}, m.status AS "meetingStatus", m.decision_rule AS "decisionRule",
                  EXISTS (SELECT 1 FROM meeting_moderator mm WHERE mm.meeting_id = m.id AND mm.user_id = $2) AS "isModerator"
             FROM agenda_item i JOIN experts_meeting m ON m.id = i.meeting_id
            WHERE i.id = $1 FOR UPDATE OF i FOR SHARE OF m`,
          [agendaItemId, actor.userId],
        )
      : [];
    if (!item) throw AppError.notFound('Agenda item', agendaItemId);
    assertRecorder(actor, item.isModerator);
    return item;
  }

  private async lockAmendment(tx: Tx, actor: Actor, amendmentId: string): Promise<LockedAmendment> {
    const [found] = isUuid(amendmentId) ? await tx.em.query(`SELECT agenda_item_id AS "agendaItemId" FROM amendment WHERE id = $1`, [amendmentId]) : [];
    if (!found) throw AppError.notFound('Amendment', amendmentId);
    // The item first, as every other item write does.
    const item = await this.lockItem(tx, actor, found.agendaItemId);
    const [amendment]: AmendmentRow[] = await tx.em.query(`SELECT ${amendmentColumns('a')} FROM amendment a WHERE a.id = $1 FOR UPDATE`, [amendmentId]);
    return { ...amendment, item };
  }

  /** Refuses a record past its cap (CAPACITY): `count` is one statement answering `n`, read under the item's lock. */
  private async checkRoom(tx: Tx, errors: FieldErrors, field: string, count: string, params: unknown[], limit: number, what: string): Promise<void> {
    const [{ n }] = await tx.em.query(count, params);
    errors.check(n < limit, field, capacityMessage(limit, what));
  }

  /** Every change to an item bumps its revision. */
  private async bump(tx: Tx, agendaItemId: string, set = '', params: unknown[] = []): Promise<AgendaItemRow> {
    const [[updated]]: [AgendaItemRow[]] = await tx.em.query(
      `UPDATE agenda_item i SET ${set ? `${set}, ` : ''}revision = revision + 1, updated_at = clock_timestamp()
        WHERE i.id = $1 RETURNING ${itemColumns('i')}`,
      [agendaItemId, ...params],
    );
    return updated;
  }
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
