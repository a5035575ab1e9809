import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { AuditCheckpointRequests, AuditService } from '@tripartite/audit';
import { PG_UNIQUE_VIOLATION, Transactions, Tx, pgCode, pgConstraint } from '@tripartite/database';
import { Blocker, FINAL_GB_DECISIONS, GB_DECISIONS, GbDecision, Stage, blocker, checkText, isOneOf } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { WorkflowService } from '@tripartite/workflow';
import { loadPaperData } from './paper/paper-data';
import { renderPaperHtml } from './paper/paper-html';
import { renderPaperMarkdown } from './paper/paper-markdown';
import { CURRENT_SUBMISSION_SQL, SubmissionRow, isUuid, submissionColumns } from './sql-columns';

export interface PrepareSubmissionInput {
  instrumentId: string;
  sessionId: string;
  symbol: string;
  agendaItemTitle: string;
  pointForDecision: string;
}

const SYMBOL_TAKEN = 'is already the symbol of another paper';
const OPEN_SUBMISSION = 'already has a submission that the Governing Body has not decided on';

/** Where each decision takes the instrument (DEFERRED: nowhere, it waits for a later session). */
export function stageAfterDecision(decision: GbDecision): Stage | null {
  if (FINAL_GB_DECISIONS.includes(decision)) return 'DECIDED';
  return decision === 'REFERRED_BACK' ? 'CONSOLIDATION' : null;
}

interface Locked extends SubmissionRow {
  instrumentStage: Stage;
  documentDeadline: Date;
  now: Date;
}

/**
 * Papers to the Governing Body: prepared (DRAFT) while the instrument is in GB_SUBMISSION, submitted
 * (frozen, maybe late), then decided, which moves the instrument in the same transaction.
 */
@Injectable()
export class SubmissionService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly workflow: WorkflowService,
    private readonly notifications: NotificationsService,
    private readonly checkpoints: AuditCheckpointRequests,
  ) {}

  /**
   * SECRETARIAT. The instrument must be in GB_SUBMISSION (so its latest meeting's report is adopted: that
   * meeting is what the paper reports), with no undecided submission; after a DEFERRED decision the new
   * paper goes to a later session.
   */
  async prepare(actor: Actor, input: PrepareSubmissionInput): Promise<SubmissionRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat prepares Governing Body papers');
    const errors = new FieldErrors();
    const symbol = errors.take(checkText('symbol', input.symbol, 'code', { required: true, oneLine: true }));
    const agendaItemTitle = errors.take(checkText('agendaItemTitle', input.agendaItemTitle, 'title', { required: true, oneLine: true }));
    const pointForDecision = errors.take(checkText('pointForDecision', input.pointForDecision, 'point', { required: true }));
    if (!isUuid(input.instrumentId)) throw AppError.notFound('Instrument', input.instrumentId);
    if (!isUuid(input.sessionId)) throw AppError.notFound('Session', input.sessionId);

    return this.tx.run(async (tx) => {
      // Serializes with stage moves and other preparations for this instrument.
      const [instrument] = await tx.em.query(`SELECT id, stage FROM instrument WHERE id = $1 FOR UPDATE`, [input.instrumentId]);
      if (!instrument) throw AppError.notFound('Instrument', input.instrumentId);
      const [session] = await tx.em.query(`SELECT id, number, starts_at AS "startsAt", ends_at <= clock_timestamp() AS ended FROM gb_session WHERE id = $1`, [
        input.sessionId,
      ]);
      if (!session) throw AppError.notFound('Session', input.sessionId);
      const [facts] = await tx.em.query(
        `SELECT (SELECT row_to_json(m) FROM (SELECT id, status FROM experts_meeting WHERE instrument_id = $1
                                               ORDER BY created_at DESC, id DESC LIMIT 1) m) AS meeting,
                (SELECT symbol FROM gb_submission WHERE instrument_id = $1 AND status <> 'DECIDED' LIMIT 1) AS "openSymbol",
                EXISTS (SELECT 1 FROM gb_submission WHERE lower(symbol) = lower($2)) AS "symbolTaken"`,
        [input.instrumentId, symbol],
      );
      const [current]: SubmissionRow[] = await tx.em.query(CURRENT_SUBMISSION_SQL, [input.instrumentId]);

      if (instrument.stage !== 'GB_SUBMISSION') {
        errors.add('instrumentId', `is in ${instrument.stage}; a paper is prepared once the instrument is in GB_SUBMISSION`);
      } else if (facts.meeting?.status !== 'REPORT_ADOPTED') {
        errors.add('instrumentId', "has no experts' meeting whose report is adopted");
      }
      if (facts.openSymbol) errors.add('instrumentId', `${OPEN_SUBMISSION} (${facts.openSymbol})`);
      if (facts.symbolTaken) errors.add('symbol', SYMBOL_TAKEN);
      if (session.ended) errors.add('sessionId', `is session ${session.number}, which has ended`);
      if (current?.decision === 'DEFERRED') {
        const [deferredTo] = await tx.em.query(`SELECT number, starts_at AS "startsAt" FROM gb_session WHERE id = $1`, [current.sessionId]);
        if (session.startsAt <= deferredTo.startsAt) {
          errors.add('sessionId', `must be a session later than session ${deferredTo.number}, which deferred its decision`);
        }
      }
      errors.throwIfAny();

      let submission: SubmissionRow;
      try {
        [submission] = await tx.em.query(
          `INSERT INTO gb_submission (instrument_id, session_id, meeting_id, symbol, agenda_item_title, point_for_decision, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${submissionColumns('gb_submission')}`,
          [input.instrumentId, input.sessionId, facts.meeting.id, symbol, agendaItemTitle, pointForDecision, actor.userId],
        );
      } catch (error) {
        if (pgCode(error) === PG_UNIQUE_VIOLATION) {
          const symbolClash = pgConstraint(error) === 'gb_submission_symbol_key';
          throw AppError.badInput([symbolClash ? { field: 'symbol', message: SYMBOL_TAKEN } : { field: 'instrumentId', message: OPEN_SUBMISSION }]);
        }
        throw error;
      }
      await this.audit.record(tx.em, actor, 'gbSubmission.prepared', 'GoverningBodySubmission', submission.id, {
        instrumentId: submission.instrumentId,
        sessionId: submission.sessionId,
        meetingId: submission.meetingId,
        symbol,
        agendaItemTitle,
        pointForDecision,
      });
      return submission;
    });
  }

  /**
   * SECRETARIAT. DRAFT -> SUBMITTED at the database clock, late when after the session's document
   * deadline (accepted all the same). The paper is rendered now and stored: it reads the same thereafter.
   */
  async submit(actor: Actor, submissionId: string): Promise<SubmissionRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat submits Governing Body papers');
    return this.tx.run(async (tx) => {
      const locked = await this.lock(tx, submissionId);
      const blockers = this.stateBlockers(locked, 'DRAFT', 'it has been submitted already');
      if (blockers.length) throw AppError.transitionBlocked(blockers, 'The paper cannot be submitted');

      const data = await loadPaperData(tx.em, submissionId);
      if (!data) throw AppError.notFound('Submission', submissionId);
      const markdown = renderPaperMarkdown({ ...data, date: locked.now });
      const html = renderPaperHtml(markdown, `${locked.symbol}: ${locked.agendaItemTitle}`);
      const late = locked.now.getTime() > locked.documentDeadline.getTime();
      const [[submitted]]: [SubmissionRow[]] = await tx.em.query(
        `UPDATE gb_submission s SET status = 'SUBMITTED', submitted_at = $2, submitted_by = $3, late = $4,
                document_markdown = $5, document_html = $6
          WHERE s.id = $1 RETURNING ${submissionColumns('s')}`,
        [submissionId, locked.now, actor.userId, late, markdown, html],
      );
      await this.audit.record(tx.em, actor, 'gbSubmission.submitted', 'GoverningBodySubmission', submissionId, {
        instrumentId: submitted.instrumentId,
        sessionId: submitted.sessionId,
        symbol: submitted.symbol,
        submittedAt: locked.now.toISOString(),
        documentDeadline: locked.documentDeadline.toISOString(),
        late,
      });
      return submitted;
    });
  }

  /**
   * SECRETARIAT, on a SUBMITTED paper. Records the decision and moves the instrument in the same
   * transaction: to DECIDED, back to CONSOLIDATION (REFERRED_BACK), or nowhere (DEFERRED).
   */
  async decide(actor: Actor, submissionId: string, decision: GbDecision, text?: string | null): Promise<SubmissionRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat records Governing Body decisions');
    const errors = new FieldErrors().check(isOneOf(GB_DECISIONS, decision), 'decision', 'is not a Governing Body decision');
    const decisionText = errors.take(checkText('text', text, 'prose'));
    errors.check(decision !== 'APPROVED_WITH_AMENDMENTS' || decisionText !== null, 'text', 'is required: say what the Governing Body amended').throwIfAny();

    return this.tx.run(async (tx) => {
      const locked = await this.lock(tx, submissionId);
      const blockers = this.stateBlockers(locked, 'SUBMITTED', locked.status === 'DRAFT' ? 'submit it first' : 'it has been decided already');
      if (blockers.length) throw AppError.transitionBlocked(blockers, 'The decision cannot be recorded');

      const [[decided]]: [SubmissionRow[]] = await tx.em.query(
        `UPDATE gb_submission s SET status = 'DECIDED', decision = $2, decision_text = $3, decided_at = clock_timestamp(), decided_by = $4
          WHERE s.id = $1 RETURNING ${submissionColumns('s')}`,
        [submissionId, decision, decisionText, actor.userId],
      );
      await this.audit.record(tx.em, actor, 'gbSubmission.decided', 'GoverningBodySubmission', submissionId, {
        instrumentId: decided.instrumentId,
        sessionId: decided.sessionId,
        symbol: decided.symbol,
        decision,
        text: decisionText,
      });
      const to = stageAfterDecision(decision);
      if (to) await this.workflow.advanceIn(tx, actor, decided.instrumentId, to, `Governing Body decision ${decision} on ${decided.symbol}`);
      await this.notifications.emit(tx.em, {
        kind: 'gb.decided',
        instrumentId: decided.instrumentId,
        subjectId: submissionId,
        data: { decision, submissionId, symbol: decided.symbol },
      });
      // A decision is what someone might want undone: a signed checkpoint anchors the chain right after it.
      await this.checkpoints.afterThisTransaction(tx.em, 'gb.decided');
      return decided;
    });
  }

  /** Locks the instrument, then the submission (the order stage moves use), reading the DB clock after both. */
  private async lock(tx: Tx, submissionId: string): Promise<Locked> {
    const [found] = isUuid(submissionId) ? await tx.em.query(`SELECT instrument_id AS "instrumentId" FROM gb_submission WHERE id = $1`, [submissionId]) : [];
    if (!found) throw AppError.notFound('Submission', submissionId);
    const [instrument] = await tx.em.query(`SELECT stage FROM instrument WHERE id = $1 FOR UPDATE`, [found.instrumentId]);
    const [locked] = await tx.em.query(
      `SELECT ${submissionColumns('s')}, gs.document_deadline AS "documentDeadline", clock_timestamp() AS now
         FROM gb_submission s JOIN gb_session gs ON gs.id = s.session_id WHERE s.id = $1 FOR UPDATE OF s`,
      [submissionId],
    );
    return { ...locked, instrumentStage: instrument.stage };
  }

  private stateBlockers(s: Locked, required: SubmissionRow['status'], why: string): Blocker[] {
    const blockers: Blocker[] = [];
    if (s.status !== required) blockers.push(blocker(`SUBMISSION_NOT_${required}`, `The paper is ${s.status}, not ${required}: ${why}`));
    if (s.instrumentStage !== 'GB_SUBMISSION') {
      blockers.push(blocker('INSTRUMENT_NOT_IN_GB_SUBMISSION', `The instrument is in ${s.instrumentStage}, not GB_SUBMISSION`));
    }
    return blockers;
  }
}
