import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { AuditService } from '@tripartite/audit';
import { Transactions, Tx } from '@tripartite/database';
import { LivePublisher } from '@tripartite/live';
import { NotificationsService } from '@tripartite/notifications';
import { CAPACITY, COMMENT_TYPES, capacityMessage, CommentType, DISPOSITIONS, Disposition, TEXT_MAX, charLength, checkText, isOneOf } from '@tripartite/domain';
import { CommentQueryService } from './comment-query.service';
import { holdRound, lockRoundForWrite } from './round-lock';
import { CommentRow, commentColumns, isUuid } from './sql-columns';

export interface SubmitCommentInput {
  roundId: string;
  guidelineId?: string | null;
  type: CommentType;
  body: string;
  proposedText?: string | null;
  idempotencyKey?: string | null;
}

/** Fields left undefined are kept; proposedText null (or blank) clears it. */
export interface UpdateCommentInput {
  type?: CommentType | null;
  body?: string | null;
  proposedText?: string | null;
}

const DISPOSING_STAGES = ['CONSULTATION', 'CONSOLIDATION'];

/** What submit asks of the round it holds, besides the round. */
interface SubmitChecks {
  earlierId: string | null;
  invited: boolean;
  guidelineOfVersion: boolean;
}

/** Writes of comments. Each checks the deadline with the database clock inside its own transaction (see round-lock.ts). */
@Injectable()
export class CommentService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly query: CommentQueryService,
    private readonly live: LivePublisher,
    private readonly notifications: NotificationsService,
  ) {}

  async submit(actor: Actor, input: SubmitCommentInput): Promise<CommentRow> {
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

    // Five statements in all: BEGIN, the held round with every check, the insert with the clock, the audit event, COMMIT.
    return this.tx.run(async (tx) => {
      const held = await holdRound<SubmitChecks>(
        tx,
        isUuid(input.roundId) ? input.roundId : null,
        `(SELECT c.id FROM comment c WHERE c.author_id = $2 AND c.idempotency_key = $3) AS "earlierId",
         EXISTS (SELECT 1 FROM round_invitation ri WHERE ri.round_id = r.id AND ri.organization_id = $4) AS invited,
         EXISTS (SELECT 1 FROM guideline g WHERE g.id = $5 AND g.version_id = r.version_id) AS "guidelineOfVersion"`,
        [actor.userId, key, actor.organizationId, isUuid(input.guidelineId) ? input.guidelineId : null],
      );
      if (!held) throw AppError.notFound('Round', input.roundId);
      const { round, acceptsLate } = held;
      // A retry: the first comment back, nothing written, whatever the clock says now.
      if (round.earlierId) return (await this.byIdempotencyKey(actor.userId, key!, tx))!;
      if (!round.invited) throw AppError.forbidden('Your organization is not invited to this consultation round');
      errors.check(input.guidelineId == null || round.guidelineOfVersion, 'guidelineId', "is not a guideline of the round's version").throwIfAny();
      if (round.status === 'SCHEDULED') {
        throw AppError.badInput([{ field: 'roundId', message: 'is not open for comments yet' }], 'The consultation round is not open yet', {
          reason: 'ROUND_NOT_OPEN',
        });
      }

      // The clock is read inside the insert, after the locks are held, and is the comment's submittedAt: the row is
      // written iff that instant is before closesAt (or the round keeps late comments, marked late).
      const [result]: (Partial<CommentRow> & { inTime: boolean })[] = await tx.em.query(
        `WITH c AS MATERIALIZED (SELECT clock_timestamp() AS at),
              t AS MATERIALIZED (SELECT c.at, r.status = 'OPEN' AND c.at < r.closes_at AS "inTime" FROM c, consultation_round r WHERE r.id = $1),
              ins AS (
                INSERT INTO comment (round_id, guideline_id, organization_id, "group", author_id, type, body, proposed_text, late,
                                     submitted_at, updated_at, idempotency_key)
                SELECT $1, $2, $3, $4, $5, $6, $7, $8, NOT t."inTime", t.at, t.at, $9 FROM t WHERE t."inTime" OR $10
                ON CONFLICT (author_id, idempotency_key) DO NOTHING
                RETURNING ${commentColumns('comment')})
         SELECT t."inTime", ins.* FROM t LEFT JOIN ins ON true`,
        [round.id, input.guidelineId ?? null, actor.organizationId, actor.group, actor.userId, input.type, body, proposedText, key, acceptsLate],
      );
      if (!result.inTime && !acceptsLate) throw AppError.deadlinePassed(`The comment period closed at ${round.closesAt.toISOString()}`);
      const { inTime: _inTime, ...inserted } = result;
      // Lost a race with the same key: the winner's comment, and nothing of ours.
      if (!inserted.id) return (await this.byIdempotencyKey(actor.userId, key!, tx))!;
      await this.submitted(tx, actor, inserted as CommentRow);
      return inserted as CommentRow;
    });
  }

  async update(actor: Actor, id: string, input: UpdateCommentInput, expectedRevision?: number | null): Promise<CommentRow> {
    const changes: Record<string, unknown> = {};
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
    errors.check(Object.keys(changes).length > 0, 'input', 'must change type, body or proposedText');
    const current = await this.ownComment(actor, id);
    errors.throwIfAny();

    return this.changeOwn(actor, current, expectedRevision, 'updated', changes);
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
      const [instrument] = await tx.em.query(
        `SELECT i.stage FROM instrument i
          WHERE i.id = (SELECT r.instrument_id FROM comment c JOIN consultation_round r ON r.id = c.round_id WHERE c.id = $1)
          FOR SHARE`,
        [commentId],
      );
      const [held]: (CommentRow & { dispositions: number })[] = await tx.em.query(
        `SELECT ${commentColumns('c')}, (SELECT count(*)::int FROM disposition_record d WHERE d.comment_id = c.id) AS dispositions
           FROM comment c WHERE c.id = $1 FOR UPDATE`,
        [commentId],
      );
      if (!instrument || !held) throw AppError.notFound('Comment', commentId);
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
      if (!DISPOSING_STAGES.includes(instrument.stage)) {
        throw AppError.badInput(
          [{ field: 'commentId', message: `belongs to an instrument in ${instrument.stage}; dispositions are recorded in CONSULTATION or CONSOLIDATION` }],
          `Dispositions are recorded while the instrument is in CONSULTATION or CONSOLIDATION, not ${instrument.stage}`,
        );
      }
      // UPDATE ... RETURNING answers [rows, rowCount].
      const [[updated]]: [CommentRow[]] = await tx.em.query(
        `UPDATE comment c SET disposition = $2, disposition_note = $3, disposed_at = clock_timestamp(), disposed_by = $4,
                disposition_revision = disposition_revision + 1
          WHERE c.id = $1 RETURNING ${commentColumns('c')}`,
        [commentId, disposition, cleanNote, actor.userId],
      );
      await tx.em.query(`INSERT INTO disposition_record (comment_id, disposition, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)`, [
        commentId,
        disposition,
        cleanNote,
        actor.userId,
        updated.disposedAt,
      ]);
      await this.disposed(tx, actor, updated, current);
      return updated;
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
    changes: Record<string, unknown>,
  ): Promise<CommentRow> {
    return this.tx.run(async (tx) => {
      const locked = await lockRoundForWrite(tx, comment.roundId);
      if (!locked || locked.round.status !== 'OPEN' || !locked.inTime) {
        throw AppError.deadlinePassed('The comment period is over: comments can no longer be changed');
      }
      const [current]: CommentRow[] = await tx.em.query(`SELECT ${commentColumns('c')} FROM comment c WHERE c.id = $1 FOR UPDATE`, [comment.id]);
      if (current.status === 'WITHDRAWN') {
        throw AppError.badInput([{ field: 'id', message: 'is a withdrawn comment, which cannot be changed' }]);
      }
      if (expectedRevision != null && expectedRevision !== current.revision) {
        throw AppError.conflict(`The comment is at revision ${current.revision}, not ${expectedRevision}; reload and try again`);
      }
      // UPDATE ... RETURNING answers [rows, rowCount].
      const [[updated]]: [CommentRow[]] = await tx.em.query(
        `UPDATE comment c
            SET type = coalesce($2, type), body = coalesce($3, body),
                proposed_text = CASE WHEN $4 THEN $5 ELSE proposed_text END,
                status = coalesce($6, status), revision = revision + 1, disposition_revision = disposition_revision + 1, updated_at = $7
          WHERE c.id = $1 RETURNING ${commentColumns('c')}`,
        [comment.id, changes.type ?? null, changes.body ?? null, 'proposedText' in changes, changes.proposedText ?? null, changes.status ?? null, locked.at],
      );
      if (what === 'updated') await this.updated(tx, actor, updated, current, Object.keys(changes));
      else await this.withdrawn(tx, actor, updated);
      return updated;
    });
  }

  private async byIdempotencyKey(authorId: string, key: string, tx?: Tx): Promise<CommentRow | null> {
    const run = tx ? tx.em : this.tx.dataSource;
    const [found] = await run.query(`SELECT ${commentColumns('c')} FROM comment c WHERE c.author_id = $1 AND c.idempotency_key = $2`, [authorId, key]);
    return found ?? null;
  }

  // What happened, once per write (issue 5 adds the outbox rows for notifications here).

  private async submitted(tx: Tx, actor: Actor, comment: CommentRow): Promise<void> {
    await this.audit.record(tx.em, actor, 'comment.submitted', 'Comment', comment.id, {
      roundId: comment.roundId,
      guidelineId: comment.guidelineId,
      organizationId: comment.organizationId,
      group: comment.group,
      type: comment.type,
      late: comment.late,
    });
    tx.afterCommit(() => this.live.publish('commentSubmitted', comment.roundId, { roundId: comment.roundId, commentId: comment.id }));
  }

  private async updated(tx: Tx, actor: Actor, comment: CommentRow, before: CommentRow, changed: string[]): Promise<void> {
    const previous = Object.fromEntries(changed.map((f) => [f, before[f as keyof CommentRow]]));
    await this.audit.record(tx.em, actor, 'comment.updated', 'Comment', comment.id, { revision: comment.revision, changed, previous });
  }

  private async withdrawn(tx: Tx, actor: Actor, comment: CommentRow): Promise<void> {
    await this.audit.record(tx.em, actor, 'comment.withdrawn', 'Comment', comment.id, { revision: comment.revision, roundId: comment.roundId });
  }

  private async disposed(tx: Tx, actor: Actor, comment: CommentRow, before: CommentRow): Promise<void> {
    await this.audit.record(tx.em, actor, 'comment.disposed', 'Comment', comment.id, {
      disposition: comment.disposition,
      note: comment.dispositionNote,
      previous: before.disposition ? { disposition: before.disposition, note: before.dispositionNote } : null,
    });
    await this.notifications.emit(tx.em, { kind: 'comment.disposed', subjectId: comment.id, data: { roundId: comment.roundId, commentId: comment.id } });
  }
}
