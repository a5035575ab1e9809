import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole, isUuid } from '@tripartite/common';
import { Transactions } from '@tripartite/database';
import {
  BULK_DISPOSITIONS_MAX,
  CAPACITY,
  COMMENT_TYPES,
  capacityMessage,
  CommentType,
  DISPOSITIONS,
  Disposition,
  LANGUAGES,
  Language,
  TEXT_MAX,
  charLength,
  checkText,
  dispositionRefusal,
  type DispositionRefusal,
  isOneOf,
} from '@tripartite/domain';
import { EventBus } from '@tripartite/events';
import { commentLanguage } from './comment-language';
import { CommentQueryService } from './comment-query.service';
import { CommentChanges, CommentRepository, CommentRow, RoundLockRepository } from './repositories';

export interface SubmitCommentInput {
  roundId: string;
  guidelineId?: string | null;
  type: CommentType;
  body: string;
  proposedText?: string | null;
  idempotencyKey?: string | null;
  /** Else detected from body and proposedText, else the author's language. */
  language?: Language | null;
}

/** Fields left undefined are kept; proposedText null (or blank) clears it. Without language, a changed text is detected anew. */
export interface UpdateCommentInput {
  type?: CommentType | null;
  body?: string | null;
  proposedText?: string | null;
  language?: Language | null;
}

const DISPOSING_STAGES = ['CONSULTATION', 'CONSOLIDATION'];

/** One comment of a bulk disposition: its id and, to be checked, its dispositionRevision as the caller read it. */
export interface DispositionTarget {
  commentId: string;
  expectedRevision?: number | null;
}

export interface BulkDispositionResult {
  disposed: CommentRow[];
  /** Each refused comment with why, and the comment as it is now (null when not found), in the order asked. */
  refused: (DispositionRefusal & { commentId: string; comment: CommentRow | null })[];
}

/** Writes of comments, each raising its one event. Each checks the deadline with the database clock inside its own transaction (see RoundLockRepository). */
@Injectable()
export class CommentService {
  constructor(
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly comments: CommentRepository,
    private readonly locks: RoundLockRepository,
    private readonly query: CommentQueryService,
  ) {}

  /** `authorLanguage`: the author's own language (User.language), the comment's when neither given nor detected. */
  async submit(actor: Actor, input: SubmitCommentInput, authorLanguage: Language | null = null): Promise<CommentRow> {
    if (!hasRole(actor, 'CONSTITUENT') || !actor.organizationId || !actor.group) {
      throw AppError.forbidden('Only constituents comment, for their own organization');
    }
    const key = input.idempotencyKey ?? null;
    if (key !== null && (key.length < 1 || charLength(key) > TEXT_MAX.key)) {
      throw AppError.badInput([{ field: 'idempotencyKey', message: `must be 1 to ${TEXT_MAX.key} characters` }]);
    }
    const errors = new FieldErrors().check(isOneOf(COMMENT_TYPES, input.type), 'type', 'is not a comment type');
    const body = errors.take(checkText('body', input.body, 'prose', { required: true }));
    const proposedText = errors.take(checkText('proposedText', input.proposedText, 'prose'));
    errors.check(input.language == null || isOneOf(LANGUAGES, input.language), 'language', 'is not a language');
    // Decided here, before the transaction: the submit stays at its five statements.
    const language = errors.any ? null : commentLanguage(input.language, { body: body!, proposedText }, authorLanguage);

    // Five statements in all: BEGIN, the held round with every check, the insert with the clock, the audit event, COMMIT.
    return this.tx.run(async (tx) => {
      const held = await this.comments.holdForSubmit(tx, isUuid(input.roundId) ? input.roundId : null, {
        authorId: actor.userId,
        idempotencyKey: key,
        organizationId: actor.organizationId!,
        guidelineId: isUuid(input.guidelineId) ? input.guidelineId : null,
      });
      if (!held) throw AppError.notFound('Round', input.roundId);
      const { round, acceptsLate } = held;
      // A retry: the first comment back, nothing written, whatever the clock says now.
      if (round.earlierId) return (await this.comments.byIdempotencyKey(actor.userId, key!, tx))!;
      if (!round.invited) throw AppError.forbidden('Your organization is not invited to this consultation round');
      errors.check(input.guidelineId == null || round.guidelineOfVersion, 'guidelineId', "is not a guideline of the round's version").throwIfAny();
      if (round.status === 'SCHEDULED') {
        throw AppError.badInput([{ field: 'roundId', message: 'is not open for comments yet' }], 'The consultation round is not open yet', {
          reason: 'ROUND_NOT_OPEN',
        });
      }

      // The clock is read inside the insert, after the locks are held, and is the comment's submittedAt.
      const { inTime, comment } = await this.comments.insertAtClock(
        tx,
        {
          roundId: round.id,
          guidelineId: input.guidelineId ?? null,
          organizationId: actor.organizationId!,
          group: actor.group!,
          authorId: actor.userId,
          type: input.type,
          body: body!,
          proposedText,
          idempotencyKey: key,
          language,
        },
        acceptsLate,
      );
      if (!inTime && !acceptsLate) throw AppError.deadlinePassed(`The comment period closed at ${round.closesAt.toISOString()}`);
      // Lost a race with the same key: the winner's comment, and nothing of ours.
      if (!comment) return (await this.comments.byIdempotencyKey(actor.userId, key!, tx))!;
      await this.events.raise(tx, {
        name: 'comment.submitted',
        actor,
        entityId: comment.id,
        data: {
          roundId: comment.roundId,
          guidelineId: comment.guidelineId,
          organizationId: comment.organizationId,
          group: comment.group,
          type: comment.type,
          late: comment.late,
        },
      });
      return comment;
    });
  }

  async update(actor: Actor, id: string, input: UpdateCommentInput, expectedRevision?: number | null): Promise<CommentRow> {
    const changes: CommentChanges = {};
    const errors = new FieldErrors();
    if (input.type != null) {
      errors.check(isOneOf(COMMENT_TYPES, input.type), 'input.type', 'is not a comment type');
      changes.type = input.type;
    }
    if (input.body != null) {
      const body = checkText('input.body', input.body, 'prose');
      errors.check(body.value !== null, 'input.body', 'must not be blank').addAll(body.problems);
      changes.body = body.value ?? '';
    }
    if (input.proposedText !== undefined) {
      changes.proposedText = errors.take(checkText('input.proposedText', input.proposedText, 'prose'));
    }
    if (input.language != null) {
      errors.check(isOneOf(LANGUAGES, input.language), 'input.language', 'is not a language');
      changes.language = input.language;
    }
    errors.check(Object.keys(changes).length > 0, 'input', 'must change type, body, proposedText or language');
    const current = await this.ownComment(actor, id);
    errors.throwIfAny();

    const textChanged = changes.body !== undefined || 'proposedText' in changes;
    return this.changeOwn(actor, current, expectedRevision, 'updated', (locked) => {
      if (!textChanged || changes.language !== undefined) return changes;
      // Detected anew from the text as it will be; kept when the new text cannot tell.
      const text = { body: changes.body ?? locked.body, proposedText: 'proposedText' in changes ? changes.proposedText : locked.proposedText };
      const language = commentLanguage(null, text, locked.language);
      return language === locked.language ? changes : { ...changes, language };
    });
  }

  async withdraw(actor: Actor, id: string): Promise<CommentRow> {
    const current = await this.ownComment(actor, id);
    return this.changeOwn(actor, current, null, 'withdrawn', { status: 'WITHDRAWN' });
  }

  /**
   * SECRETARIAT. Replaces the comment's disposition and adds it to the history. With expectedRevision (the
   * comment's dispositionRevision as the caller read it), CONFLICT when another disposition or an edit came first.
   */
  async setDisposition(actor: Actor, commentId: string, disposition: Disposition, note?: string | null, expectedRevision?: number | null): Promise<CommentRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat records dispositions');
    const errors = new FieldErrors().check(isOneOf(DISPOSITIONS, disposition), 'disposition', 'is not a disposition');
    const cleanNote = errors.take(checkText('note', note, 'prose'));
    errors.throwIfAny();
    if (!isUuid(commentId)) throw AppError.notFound('Comment', commentId);
    return this.tx.run(async (tx) => {
      // Instrument first, as stage moves lock it: a move and a disposition never wait on each other in a circle.
      const stage = await this.comments.stageOfCommentHeld(tx, commentId);
      const held = await this.comments.lockForDisposition(tx, commentId);
      if (!stage || !held) throw AppError.notFound('Comment', commentId);
      const { dispositions, ...current } = held;
      if (expectedRevision != null && expectedRevision !== current.dispositionRevision) {
        throw AppError.conflict(
          `The comment's disposition revision is ${current.dispositionRevision}, not ${expectedRevision}: its disposition or its text changed; reload and try again`,
        );
      }
      if (current.status !== 'SUBMITTED') {
        throw AppError.badInput([{ field: 'commentId', message: 'is WITHDRAWN; only SUBMITTED comments get a disposition' }]);
      }
      if (dispositions >= CAPACITY.dispositionRecordsPerComment) {
        throw AppError.badInput([{ field: 'commentId', message: capacityMessage(CAPACITY.dispositionRecordsPerComment, 'recorded dispositions') }]);
      }
      if (!DISPOSING_STAGES.includes(stage)) {
        throw AppError.badInput(
          [{ field: 'commentId', message: `belongs to an instrument in ${stage}; dispositions are recorded in CONSULTATION or CONSOLIDATION` }],
          `Dispositions are recorded while the instrument is in CONSULTATION or CONSOLIDATION, not ${stage}`,
        );
      }
      const updated = await this.comments.dispose(tx, commentId, disposition, cleanNote, actor.userId);
      await this.events.raise(tx, {
        name: 'comment.disposed',
        actor,
        entityId: updated.id,
        data: {
          disposition: updated.disposition,
          note: updated.dispositionNote,
          previous: current.disposition ? { disposition: current.disposition, note: current.dispositionNote } : null,
        },
      });
      return updated;
    });
  }

  /**
   * SECRETARIAT. One disposition and one note for several comments of one round, in one transaction, item by item:
   * each comment whose check passes (dispositionRefusal: found, of the round, on its expectedRevision, SUBMITTED,
   * under the cap, the instrument in CONSULTATION or CONSOLIDATION) is disposed of; the others are refused, each
   * with its code and reason and the comment as it is now, and nothing of theirs is written.
   */
  async setDispositions(
    actor: Actor,
    roundId: string,
    targets: readonly DispositionTarget[],
    disposition: Disposition,
    note?: string | null,
  ): Promise<BulkDispositionResult> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat records dispositions');
    const errors = new FieldErrors().check(isOneOf(DISPOSITIONS, disposition), 'disposition', 'is not a disposition');
    const cleanNote = errors.take(checkText('note', note, 'prose'));
    errors.check(targets.length > 0, 'items', 'must name at least one comment');
    errors.check(targets.length <= BULK_DISPOSITIONS_MAX, 'items', `may name at most ${BULK_DISPOSITIONS_MAX} comments`);
    errors.check(new Set(targets.map((t) => t.commentId)).size === targets.length, 'items', 'must name each comment once');
    targets.forEach((t, i) =>
      errors.check(
        t.expectedRevision == null || (Number.isInteger(t.expectedRevision) && t.expectedRevision >= 0),
        `items[${i}].expectedRevision`,
        'is not a revision',
      ),
    );
    errors.throwIfAny();
    if (!isUuid(roundId)) throw AppError.notFound('Round', roundId);
    return this.tx.run(async (tx) => {
      // Instrument first, as stage moves and single dispositions lock it: never a wait in a circle.
      const stage = await this.comments.stageOfRoundHeld(tx, roundId);
      if (!stage) throw AppError.notFound('Round', roundId);
      const held = new Map((await this.comments.lockManyForDisposition(tx, targets.map((t) => t.commentId).filter(isUuid))).map((c) => [c.id, c]));
      const result: BulkDispositionResult = { disposed: [], refused: [] };
      for (const target of targets) {
        const found = held.get(target.commentId) ?? null;
        const refusal = dispositionRefusal({
          comment: found && { roundId: found.roundId, status: found.status, dispositionRevision: found.dispositionRevision, dispositions: found.dispositions },
          roundId,
          expectedRevision: target.expectedRevision ?? null,
          stage,
        });
        if (refusal) {
          const { dispositions: _count, ...now } = found ?? { dispositions: 0 };
          result.refused.push({ ...refusal, commentId: target.commentId, comment: found ? (now as CommentRow) : null });
          continue;
        }
        const { dispositions: _n, ...current } = found!;
        const updated = await this.comments.dispose(tx, current.id, disposition, cleanNote, actor.userId);
        await this.events.raise(tx, {
          name: 'comment.disposed',
          actor,
          entityId: updated.id,
          data: {
            disposition: updated.disposition,
            note: updated.dispositionNote,
            previous: current.disposition ? { disposition: current.disposition, note: current.dispositionNote } : null,
          },
        });
        result.disposed.push(updated);
      }
      return result;
    });
  }

  /** The comment, if the actor is a constituent of its organization (NOT_FOUND when it may not even see it). */
  private async ownComment(actor: Actor, id: string): Promise<CommentRow> {
    if (!hasRole(actor, 'CONSTITUENT') || !actor.organizationId) throw AppError.forbidden('Only constituents change comments');
    const comment = await this.query.get(actor, id);
    if (comment.organizationId !== actor.organizationId) throw AppError.forbidden("Only the author's organization may change a comment");
    return comment;
  }

  /** An update or a withdrawal: while the round is OPEN and before its deadline, on the current revision. */
  private changeOwn(
    actor: Actor,
    comment: CommentRow,
    expectedRevision: number | null | undefined,
    what: 'updated' | 'withdrawn',
    changesOf: CommentChanges | ((current: CommentRow) => CommentChanges),
  ): Promise<CommentRow> {
    return this.tx.run(async (tx) => {
      const locked = await this.locks.lockForWrite(tx, comment.roundId);
      if (!locked || locked.round.status !== 'OPEN' || !locked.inTime) {
        throw AppError.deadlinePassed('The comment period is over: comments can no longer be changed');
      }
      const current = (await this.comments.lockForUpdate(tx, comment.id))!;
      if (current.status === 'WITHDRAWN') {
        throw AppError.badInput([{ field: 'id', message: 'is a withdrawn comment, which cannot be changed' }]);
      }
      if (expectedRevision != null && expectedRevision !== current.revision) {
        throw AppError.conflict(`The comment is at revision ${current.revision}, not ${expectedRevision}; reload and try again`);
      }
      const changes = typeof changesOf === 'function' ? changesOf(current) : changesOf;
      const updated = await this.comments.change(tx, comment.id, changes, locked.at);
      if (what === 'updated') {
        const changed = Object.keys(changes);
        const previous = Object.fromEntries(changed.map((f) => [f, current[f as keyof CommentRow]]));
        await this.events.raise(tx, { name: 'comment.updated', actor, entityId: updated.id, data: { revision: updated.revision, changed, previous } });
      } else {
        await this.events.raise(tx, { name: 'comment.withdrawn', actor, entityId: updated.id, data: { revision: updated.revision, roundId: updated.roundId } });
      }
      return updated;
    });
  }
}
