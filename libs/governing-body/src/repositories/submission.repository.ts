import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { GbDecision, Language } from '@tripartite/domain';
import { MeetingsPaperReadModel } from '@tripartite/meetings';
import { GbSessionEntity } from '../gb-session.entity';
import { GbSubmissionEntity, type FrozenTranslations } from '../gb-submission.entity';
import type { RenderedPaper } from '../paper/paper-render';

/** A submission as read back: the frozen paper is read only when asked for. */
export type SubmissionRow = Omit<GbSubmissionEntity, 'documentMarkdown' | 'documentHtml' | 'documentTranslations'>;

export interface NewSubmission {
  instrumentId: string;
  sessionId: string;
  meetingId: string;
  symbol: string;
  agendaItem: number | null;
  agendaItemTitle: string;
  pointForDecision: string;
  createdBy: string | null;
}

/** A submission locked for a write, with its session's document deadline and the database clock. */
export interface LockedSubmission extends SubmissionRow {
  documentDeadline: Date;
  now: Date;
}

/** What the paper says of the submission and its session; `date` is when it was submitted, or now. */
export interface PaperHeadRow extends Pick<SubmissionRow, 'symbol' | 'agendaItem' | 'agendaItemTitle' | 'pointForDecision' | 'instrumentId' | 'meetingId'> {
  date: Date;
  sessionNumber: GbSessionEntity['number'];
  sessionStartsAt: Date;
  sessionEndsAt: Date;
}

/** The gb_submission table (and its session, where a statement reads both). */
@Injectable()
export class GbSubmissionRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsPaperReadModel,
  ) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, GbSubmissionEntity, alias);
  }

  /**
   * The instrument's current submission: the latest one reporting on its latest meeting. After a referral back
   * the instrument needs a new meeting, so the earlier decision no longer counts for its guards. One statement:
   * stage moves read it for their guards.
   */
  async current(tx: Tx, instrumentId: string): Promise<SubmissionRow | null> {
    const [row]: SubmissionRow[] = await tx.em.query(
      `SELECT ${this.columns('s')} FROM gb_submission s
        WHERE s.instrument_id = $1 AND s.meeting_id = ${this.meetings.latestMeetingIdSql('$1')}
        ORDER BY s.created_at DESC, s.id DESC LIMIT 1`,
      [instrumentId],
    );
    return row ?? null;
  }

  /** The symbol of the instrument's open (undecided) submission, and whether the symbol is taken whatever its case. */
  async prepareFacts(tx: Tx, instrumentId: string, symbol: string): Promise<{ openSymbol: string | null; symbolTaken: boolean }> {
    const [facts]: { openSymbol: string | null; symbolTaken: boolean }[] = await tx.em.query(
      `SELECT (SELECT symbol FROM gb_submission WHERE instrument_id = $1 AND status <> 'DECIDED' LIMIT 1) AS "openSymbol",
              EXISTS (SELECT 1 FROM gb_submission WHERE lower(symbol) = lower($2)) AS "symbolTaken"`,
      [instrumentId, symbol],
    );
    return facts;
  }

  async insert(tx: Tx, row: NewSubmission): Promise<SubmissionRow> {
    const [submission]: SubmissionRow[] = await tx.em.query(
      `INSERT INTO gb_submission (instrument_id, session_id, meeting_id, symbol, agenda_item, agenda_item_title, point_for_decision, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${this.columns('gb_submission')}`,
      [row.instrumentId, row.sessionId, row.meetingId, row.symbol, row.agendaItem, row.agendaItemTitle, row.pointForDecision, row.createdBy],
    );
    return submission;
  }

  /** The instrument a submission is of (read before locking the instrument, the order stage moves use); null when there is none. */
  async instrumentOf(tx: Tx, submissionId: string): Promise<string | null> {
    const [found]: { instrumentId: string }[] = await tx.em.query(`SELECT instrument_id AS "instrumentId" FROM gb_submission WHERE id = $1`, [submissionId]);
    return found?.instrumentId ?? null;
  }

  /** Locks the submission, reading the database clock after the lock. */
  async lock(tx: Tx, submissionId: string): Promise<LockedSubmission | null> {
    const [locked]: LockedSubmission[] = await tx.em.query(
      `SELECT ${this.columns('s')}, gs.document_deadline AS "documentDeadline", clock_timestamp() AS now
         FROM gb_submission s JOIN gb_session gs ON gs.id = s.session_id WHERE s.id = $1 FOR UPDATE OF s`,
      [submissionId],
    );
    return locked ?? null;
  }

  /** Submits, freezing the paper as rendered in each language. */
  async markSubmitted(tx: Tx, id: string, s: { at: Date; by: string | null; late: boolean; papers: Record<Language, RenderedPaper> }): Promise<SubmissionRow> {
    const { EN, ...translations } = s.papers;
    const [[submitted]]: [SubmissionRow[]] = await tx.em.query(
      `UPDATE gb_submission s SET status = 'SUBMITTED', submitted_at = $2, submitted_by = $3, late = $4,
              document_markdown = $5, document_html = $6, document_translations = $7::jsonb
        WHERE s.id = $1 RETURNING ${this.columns('s')}`,
      [id, s.at, s.by, s.late, EN.markdown, EN.html, JSON.stringify(translations satisfies FrozenTranslations)],
    );
    return submitted;
  }

  async markDecided(tx: Tx, id: string, d: { decision: GbDecision; text: string | null; by: string | null }): Promise<SubmissionRow> {
    const [[decided]]: [SubmissionRow[]] = await tx.em.query(
      `UPDATE gb_submission s SET status = 'DECIDED', decision = $2, decision_text = $3, decided_at = clock_timestamp(), decided_by = $4
        WHERE s.id = $1 RETURNING ${this.columns('s')}`,
      [id, d.decision, d.text, d.by],
    );
    return decided;
  }

  /** One submission by id (any status); null when there is none. */
  async byId(id: string): Promise<SubmissionRow | null> {
    const [row]: SubmissionRow[] = await this.dataSource.query(`SELECT ${this.columns('s')} FROM gb_submission s WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  /** The latest submission of each instrument, DRAFTs left out unless `withDrafts`. */
  latestByInstrumentIds(ids: readonly string[], withDrafts: boolean): Promise<SubmissionRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (s.instrument_id) ${this.columns('s')} FROM gb_submission s
        WHERE s.instrument_id = ANY($1::uuid[]) AND ($2 OR s.status <> 'DRAFT')
        ORDER BY s.instrument_id, s.created_at DESC, s.id DESC`,
      [ids, withDrafts],
    );
  }

  /**
   * The paper in `language` as frozen at submission; null when there is no such submission, or it is still a DRAFT
   * (nothing is frozen). A paper submitted before papers had languages was frozen in English only: that is its text.
   */
  async frozenDocument(id: string, language: Language): Promise<RenderedPaper | null> {
    const [frozen]: RenderedPaper[] = await this.dataSource.query(
      `SELECT coalesce(document_translations -> $2 ->> 'markdown', document_markdown) AS markdown,
              coalesce(document_translations -> $2 ->> 'html', document_html) AS html
         FROM gb_submission WHERE id = $1 AND document_markdown IS NOT NULL`,
      [id, language],
    );
    return frozen ?? null;
  }

  /** The first statement of the paper, in the caller's transaction. */
  async paperHead(em: Pick<EntityManager, 'query'>, submissionId: string): Promise<PaperHeadRow | null> {
    const [head]: PaperHeadRow[] = await em.query(
      `SELECT s.symbol, s.agenda_item AS "agendaItem", s.agenda_item_title AS "agendaItemTitle", s.point_for_decision AS "pointForDecision",
              coalesce(s.submitted_at, clock_timestamp()) AS date, s.instrument_id AS "instrumentId", s.meeting_id AS "meetingId",
              gs.number AS "sessionNumber", gs.starts_at AS "sessionStartsAt", gs.ends_at AS "sessionEndsAt"
         FROM gb_submission s JOIN gb_session gs ON gs.id = s.session_id
        WHERE s.id = $1`,
      [submissionId],
    );
    return head ?? null;
  }
}
