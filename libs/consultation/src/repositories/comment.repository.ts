import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { CommentType, ConstituentGroup, Disposition, Language, Stage } from '@tripartite/domain';
import { ConsultationDraftingReadModel } from '@tripartite/drafting';
import { CommentEntity } from '../comment.entity';
import { DispositionRecordEntity } from '../disposition-record.entity';
import { RoundLockRepository, type HeldRound } from './round-lock.repository';

/** A comment as read back (the idempotency key stays with its author's requests). */
export type CommentRow = Omit<CommentEntity, 'idempotencyKey'>;

/** A disposition of the history (recordedById: who recorded it). */
export type DispositionRecordRow = DispositionRecordEntity;

/** What submit asks of the round it holds, besides the round. */
export interface SubmitChecks {
  earlierId: string | null;
  invited: boolean;
  guidelineOfVersion: boolean;
}

export interface NewComment {
  roundId: string;
  guidelineId: string | null;
  organizationId: string;
  group: ConstituentGroup;
  authorId: string;
  type: CommentType;
  body: string;
  proposedText: string | null;
  idempotencyKey: string | null;
  language: Language | null;
}

/** Fields left undefined are kept. */
export interface CommentChanges {
  type?: CommentType;
  body?: string;
  proposedText?: string | null;
  language?: Language | null;
  status?: 'WITHDRAWN';
}

/** A SUBMITTED comment as the CSV export lists it, before its organization's name and its guideline's number are added. */
export interface ExportedComment {
  id: string;
  organizationId: string;
  guidelineId: string | null;
  group: ConstituentGroup;
  type: CommentType;
  body: string;
  proposedText: string | null;
  disposition: Disposition | null;
  dispositionNote: string | null;
  late: boolean;
  submittedAt: Date;
}

/** The tables comment and disposition_record: every write of comments, and the reads the writes make. */
@Injectable()
export class CommentRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly locks: RoundLockRepository,
    private readonly drafting: ConsultationDraftingReadModel,
  ) {}

  columns(alias: string): string {
    return selectList(this.dataSource, CommentEntity, alias, ['idempotencyKey']);
  }

  /**
   * The round held for a submit (RoundLockRepository.hold) with every check the submit makes, in the one statement:
   * an earlier comment of this author with this key, the invitation of the author's organization, the guideline.
   */
  holdForSubmit(
    tx: Tx,
    roundId: string | null,
    q: { authorId: string; idempotencyKey: string | null; organizationId: string; guidelineId: string | null },
  ): Promise<HeldRound<SubmitChecks> | null> {
    return this.locks.hold<SubmitChecks>(
      tx,
      roundId,
      `(SELECT c.id FROM comment c WHERE c.author_id = $2 AND c.idempotency_key = $3) AS "earlierId",
         EXISTS (SELECT 1 FROM round_invitation ri WHERE ri.round_id = r.id AND ri.organization_id = $4) AS invited,
         ${this.drafting.guidelineOfVersionSql('$5', 'r.version_id')} AS "guidelineOfVersion"`,
      [q.authorId, q.idempotencyKey, q.organizationId, q.guidelineId],
    );
  }

  /**
   * The clock is read inside the insert, after the locks are held, and is the comment's submittedAt: the row is
   * written iff that instant is before closesAt (or `acceptsLate`, marked late). No comment back when the deadline
   * refused it, or when a concurrent submit with the same key won.
   */
  async insertAtClock(tx: Tx, row: NewComment, acceptsLate: boolean): Promise<{ inTime: boolean; comment: CommentRow | null }> {
    const [result]: (Partial<CommentRow> & { inTime: boolean })[] = await tx.em.query(
      `WITH c AS MATERIALIZED (SELECT clock_timestamp() AS at),
            t AS MATERIALIZED (SELECT c.at, r.status = 'OPEN' AND c.at < r.closes_at AS "inTime" FROM c, consultation_round r WHERE r.id = $1),
            ins AS (
              INSERT INTO comment (round_id, guideline_id, organization_id, "group", author_id, type, body, proposed_text, late,
                                   submitted_at, updated_at, idempotency_key, language)
              SELECT $1, $2, $3, $4, $5, $6, $7, $8, NOT t."inTime", t.at, t.at, $9, $11 FROM t WHERE t."inTime" OR $10
              ON CONFLICT (author_id, idempotency_key) DO NOTHING
              RETURNING ${this.columns('comment')})
       SELECT t."inTime", ins.* FROM t LEFT JOIN ins ON true`,
      [
        row.roundId,
        row.guidelineId,
        row.organizationId,
        row.group,
        row.authorId,
        row.type,
        row.body,
        row.proposedText,
        row.idempotencyKey,
        acceptsLate,
        row.language,
      ],
    );
    const { inTime, ...inserted } = result;
    return { inTime, comment: inserted.id ? (inserted as CommentRow) : null };
  }

  async byIdempotencyKey(authorId: string, key: string, tx?: Tx): Promise<CommentRow | null> {
    const run = tx ? tx.em : this.dataSource;
    const [found]: CommentRow[] = await run.query(`SELECT ${this.columns('c')} FROM comment c WHERE c.author_id = $1 AND c.idempotency_key = $2`, [
      authorId,
      key,
    ]);
    return found ?? null;
  }

  async lockForUpdate(tx: Tx, id: string): Promise<CommentRow | null> {
    const [current]: CommentRow[] = await tx.em.query(`SELECT ${this.columns('c')} FROM comment c WHERE c.id = $1 FOR UPDATE`, [id]);
    return current ?? null;
  }

  /** An edit by the author's organization at `at` (the instant its round lock read): the revisions move. */
  async change(tx: Tx, id: string, changes: CommentChanges, at: string): Promise<CommentRow> {
    // UPDATE ... RETURNING answers [rows, rowCount].
    const [[updated]]: [CommentRow[]] = await tx.em.query(
      `UPDATE comment c
          SET type = coalesce($2, type), body = coalesce($3, body),
              proposed_text = CASE WHEN $4 THEN $5 ELSE proposed_text END,
              language = CASE WHEN $8 THEN $9 ELSE language END,
              status = coalesce($6, status), revision = revision + 1, disposition_revision = disposition_revision + 1, updated_at = $7
        WHERE c.id = $1 RETURNING ${this.columns('c')}`,
      [
        id,
        changes.type ?? null,
        changes.body ?? null,
        'proposedText' in changes,
        changes.proposedText ?? null,
        changes.status ?? null,
        at,
        'language' in changes,
        changes.language ?? null,
      ],
    );
    return updated;
  }

  /** The stage of the comment's instrument, held FOR SHARE: first, as stage moves lock it, so a move and a disposition never wait on each other in a circle. */
  stageOfCommentHeld(tx: Tx, commentId: string): Promise<Stage | null> {
    return this.drafting.stageHeldForShare(tx, `SELECT r.instrument_id FROM comment c JOIN consultation_round r ON r.id = c.round_id WHERE c.id = $1`, [
      commentId,
    ]);
  }

  /** The comment locked FOR UPDATE, with the number of dispositions recorded on it. */
  async lockForDisposition(tx: Tx, commentId: string): Promise<(CommentRow & { dispositions: number }) | null> {
    const [held]: (CommentRow & { dispositions: number })[] = await tx.em.query(
      `SELECT ${this.columns('c')}, (SELECT count(*)::int FROM disposition_record d WHERE d.comment_id = c.id) AS dispositions
         FROM comment c WHERE c.id = $1 FOR UPDATE`,
      [commentId],
    );
    return held ?? null;
  }

  /** The stage of the round's instrument, the instrument held FOR SHARE (as stage moves lock it: first). */
  stageOfRoundHeld(tx: Tx, roundId: string): Promise<Stage | null> {
    return this.drafting.stageHeldForShare(tx, `SELECT r.instrument_id FROM consultation_round r WHERE r.id = $1`, [roundId]);
  }

  /** These comments locked FOR UPDATE in id order (two bulk writes never wait on each other in a circle), each with its number of dispositions. */
  lockManyForDisposition(tx: Tx, ids: readonly string[]): Promise<(CommentRow & { dispositions: number })[]> {
    return tx.em.query(
      `SELECT ${this.columns('c')}, (SELECT count(*)::int FROM disposition_record d WHERE d.comment_id = c.id) AS dispositions
         FROM comment c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE OF c`,
      [ids],
    );
  }

  /** Replaces the comment's disposition and adds it to the history, at the database clock. */
  async dispose(tx: Tx, commentId: string, disposition: Disposition, note: string | null, recordedById: string): Promise<CommentRow> {
    const [[updated]]: [CommentRow[]] = await tx.em.query(
      `UPDATE comment c SET disposition = $2, disposition_note = $3, disposed_at = clock_timestamp(), disposed_by = $4,
              disposition_revision = disposition_revision + 1
        WHERE c.id = $1 RETURNING ${this.columns('c')}`,
      [commentId, disposition, note, recordedById],
    );
    await tx.em.query(`INSERT INTO disposition_record (comment_id, disposition, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)`, [
      commentId,
      disposition,
      note,
      recordedById,
      updated.disposedAt,
    ]);
    return updated;
  }

  async roundIdOf(tx: Tx, commentId: string): Promise<string | null> {
    const [row]: { roundId: string }[] = await tx.em.query(`SELECT round_id AS "roundId" FROM comment WHERE id = $1`, [commentId]);
    return row?.roundId ?? null;
  }

  dispositionRecordsByCommentIds(ids: readonly string[]): Promise<DispositionRecordRow[]> {
    return this.dataSource.query(
      `SELECT ${selectList(this.dataSource, DispositionRecordEntity, 'd')} FROM disposition_record d WHERE d.comment_id = ANY($1::uuid[]) ORDER BY d.comment_id, d.recorded_at, d.id`,
      [ids],
    );
  }

  /** The SUBMITTED comments of a round in the order they were submitted. */
  submittedForExport(roundId: string): Promise<ExportedComment[]> {
    return this.dataSource.query(
      `SELECT c.id, c.organization_id AS "organizationId", c.guideline_id AS "guidelineId", c."group", c.type, c.body, c.proposed_text AS "proposedText",
              c.disposition, c.disposition_note AS "dispositionNote", c.late, c.submitted_at AS "submittedAt"
         FROM comment c
        WHERE c.round_id = $1 AND c.status = 'SUBMITTED'
        ORDER BY c.submitted_at, c.id`,
      [roundId],
    );
  }
}
