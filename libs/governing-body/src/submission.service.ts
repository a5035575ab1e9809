import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole, isUuid } from '@tripartite/common';
import { PG_UNIQUE_VIOLATION, Transactions, Tx, pgCode, pgConstraint } from '@tripartite/database';
import { Blocker, FINAL_GB_DECISIONS, GB_DECISIONS, GbDecision, LANGUAGES, Language, Stage, blocker, checkText, isOneOf } from '@tripartite/domain';
import { InstrumentStages } from '@tripartite/drafting';
import { EventBus } from '@tripartite/events';
import { MeetingsPaperReadModel } from '@tripartite/meetings';
import { WorkflowService } from '@tripartite/workflow';
import { PaperLoader } from './paper/paper-loader';
import { renderPaper, type RenderedPaper } from './paper/paper-render';
import { GbSessionRepository, GbSubmissionRepository, LockedSubmission, SubmissionRow } from './repositories';

export interface PrepareSubmissionInput {
  instrumentId: string;
  sessionId: string;
  symbol: string;
  /** The ordinal of the item on the session's agenda, 1..99 (absent or null: the paper has no agenda-item heading). */
  agendaItem?: number | null;
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

interface Locked extends LockedSubmission {
  instrumentStage: Stage;
}

/**
 * Papers to the Governing Body: prepared (DRAFT) while the instrument is in GB_SUBMISSION, submitted
 * (frozen, maybe late), then decided, which moves the instrument in the same transaction (through the
 * workflow). Each write raises its one domain event.
 */
@Injectable()
export class SubmissionService {
  constructor(
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly workflow: WorkflowService,
    private readonly instruments: InstrumentStages,
    private readonly meetings: MeetingsPaperReadModel,
    private readonly sessions: GbSessionRepository,
    private readonly submissions: GbSubmissionRepository,
    private readonly paper: PaperLoader,
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
    const agendaItem = input.agendaItem ?? null;
    if (agendaItem !== null && !(Number.isInteger(agendaItem) && agendaItem >= 1 && agendaItem <= 99)) {
      errors.add('agendaItem', 'must be a whole number from 1 to 99');
    }
    if (!isUuid(input.instrumentId)) throw AppError.notFound('Instrument', input.instrumentId);
    if (!isUuid(input.sessionId)) throw AppError.notFound('Session', input.sessionId);

    return this.tx.run(async (tx) => {
      // Serializes with stage moves and other preparations for this instrument (NOT_FOUND when there is none).
      const instrument = await this.instruments.read(tx, input.instrumentId, true);
      const session = await this.sessions.readWithEnded(tx, input.sessionId);
      if (!session) throw AppError.notFound('Session', input.sessionId);
      const meeting = await this.meetings.latestMeeting(tx.em, input.instrumentId);
      const facts = await this.submissions.prepareFacts(tx, input.instrumentId, symbol);
      const current = await this.submissions.current(tx, input.instrumentId);

      if (instrument.stage !== 'GB_SUBMISSION') {
        errors.add('instrumentId', `is in ${instrument.stage}; a paper is prepared once the instrument is in GB_SUBMISSION`);
      } else if (meeting?.status !== 'REPORT_ADOPTED') {
        errors.add('instrumentId', "has no experts' meeting whose report is adopted");
      }
      if (facts.openSymbol) errors.add('instrumentId', `${OPEN_SUBMISSION} (${facts.openSymbol})`);
      if (facts.symbolTaken) errors.add('symbol', SYMBOL_TAKEN);
      if (session.ended) errors.add('sessionId', `is session ${session.number}, which has ended`);
      if (current?.decision === 'DEFERRED') {
        const deferredTo = (await this.sessions.read(tx, current.sessionId))!;
        if (session.startsAt <= deferredTo.startsAt) {
          errors.add('sessionId', `must be a session later than session ${deferredTo.number}, which deferred its decision`);
        }
      }
      errors.throwIfAny();

      let submission: SubmissionRow;
      try {
        submission = await this.submissions.insert(tx, {
          instrumentId: input.instrumentId,
          sessionId: input.sessionId,
          // Adopted, so there is one (checked above).
          meetingId: meeting!.id,
          symbol,
          agendaItem,
          agendaItemTitle,
          pointForDecision,
          createdBy: actor.userId,
        });
      } catch (error) {
        if (pgCode(error) === PG_UNIQUE_VIOLATION) {
          const symbolClash = pgConstraint(error) === 'gb_submission_symbol_key';
          throw AppError.badInput([symbolClash ? { field: 'symbol', message: SYMBOL_TAKEN } : { field: 'instrumentId', message: OPEN_SUBMISSION }]);
        }
        throw error;
      }
      await this.events.raise(tx, {
        name: 'gbSubmission.prepared',
        actor,
        entityId: submission.id,
        data: {
          instrumentId: submission.instrumentId,
          sessionId: submission.sessionId,
          meetingId: submission.meetingId,
          symbol,
          agendaItem,
          agendaItemTitle,
          pointForDecision,
        },
      });
      return submission;
    });
  }

  /**
   * SECRETARIAT. DRAFT -> SUBMITTED at the database clock, late when after the session's document
   * deadline (accepted all the same). The paper is rendered now in each language and stored: it reads the same thereafter.
   */
  async submit(actor: Actor, submissionId: string): Promise<SubmissionRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat submits Governing Body papers');
    return this.tx.run(async (tx) => {
      const locked = await this.lock(tx, submissionId);
      const blockers = this.stateBlockers(locked, 'DRAFT', 'it has been submitted already');
      if (blockers.length) throw AppError.transitionBlocked(blockers, 'The paper cannot be submitted');

      const data = await this.paper.load(tx.em, submissionId);
      if (!data) throw AppError.notFound('Submission', submissionId);
      // Frozen in every language from the same data, so the three papers say the same.
      const frozen = { ...data, date: locked.now };
      const title = `${locked.symbol}: ${locked.agendaItemTitle}`;
      const papers = Object.fromEntries(LANGUAGES.map((l) => [l, renderPaper(frozen, title, l)])) as Record<Language, RenderedPaper>;
      const late = locked.now.getTime() > locked.documentDeadline.getTime();
      const submitted = await this.submissions.markSubmitted(tx, submissionId, { at: locked.now, by: actor.userId, late, papers });
      await this.events.raise(tx, {
        name: 'gbSubmission.submitted',
        actor,
        entityId: submissionId,
        data: {
          instrumentId: submitted.instrumentId,
          sessionId: submitted.sessionId,
          symbol: submitted.symbol,
          submittedAt: locked.now.toISOString(),
          documentDeadline: locked.documentDeadline.toISOString(),
          late,
        },
      });
      return submitted;
    });
  }

  /**
   * SECRETARIAT, on a SUBMITTED paper. Records the decision and moves the instrument in the same
   * transaction: to DECIDED, back to CONSOLIDATION (REFERRED_BACK), or nowhere (DEFERRED). Its event's
   * subscribers tell the secretariat and the consulted constituents, and ask for an audit checkpoint.
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

      const decided = await this.submissions.markDecided(tx, submissionId, { decision, text: decisionText, by: actor.userId });
      await this.events.raise(tx, {
        name: 'gbSubmission.decided',
        actor,
        entityId: submissionId,
        data: { instrumentId: decided.instrumentId, sessionId: decided.sessionId, symbol: decided.symbol, decision, text: decisionText },
      });
      const to = stageAfterDecision(decision);
      if (to) await this.workflow.advanceIn(tx, actor, decided.instrumentId, to, `Governing Body decision ${decision} on ${decided.symbol}`);
      return decided;
    });
  }

  /** Locks the instrument, then the submission (the order stage moves use), reading the DB clock after both. */
  private async lock(tx: Tx, submissionId: string): Promise<Locked> {
    const instrumentId = isUuid(submissionId) ? await this.submissions.instrumentOf(tx, submissionId) : null;
    if (!instrumentId) throw AppError.notFound('Submission', submissionId);
    const instrument = await this.instruments.read(tx, instrumentId, true);
    const locked = await this.submissions.lock(tx, submissionId);
    if (!locked) throw AppError.notFound('Submission', submissionId);
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
