import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole, isUuid } from '@tripartite/common';
import { Transactions, Tx } from '@tripartite/database';
import { STAGES, Stage, StageOption, WorkflowSnapshot, checkText, evaluateMove, givenReason, isEarlyClose, nextStages } from '@tripartite/domain';
import { EventBus } from '@tripartite/events';
import { StageTransitionRepository, StageTransitionRow } from './repositories/stage-transition.repository';
import { StagedInstrument, WorkflowHooks } from './workflow-hooks';

export type { StageTransitionRow };

export const mayAdvance = (actor: Actor | null): boolean => actor === null || hasRole(actor, 'SECRETARIAT');

/** Moves instruments between stages: one locked row, every guard checked, one transition recorded, one event raised. */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly tx: Transactions,
    private readonly hooks: WorkflowHooks,
    private readonly events: EventBus,
    private readonly transitions: StageTransitionRepository,
  ) {}

  /** Runs the move in its own transaction (actor null: the system, e.g. a deadline). */
  advance(actor: Actor | null, instrumentId: string, to: Stage, reason?: string | null, expectedRevision?: number | null): Promise<StagedInstrument> {
    return this.tx.run((tx) => this.advanceIn(tx, actor, instrumentId, to, reason, expectedRevision));
  }

  /** The move inside a caller's transaction, for capabilities whose own write implies a move (a GB decision). */
  async advanceIn(
    tx: Tx,
    actor: Actor | null,
    instrumentId: string,
    to: Stage,
    reason?: string | null,
    expectedRevision?: number | null,
  ): Promise<StagedInstrument> {
    new FieldErrors()
      .check(STAGES.includes(to), 'to', 'is not a stage')
      .addAll(checkText('reason', reason, 'reason').problems)
      .throwIfAny();
    const given = expectedRevision !== undefined && expectedRevision !== null;
    // Without expectedRevision, the revision this move read before waiting for the lock: a move that
    // committed meanwhile wins, and this one gets CONFLICT rather than a verdict on a stage it never saw.
    const seen = given ? expectedRevision : (await this.hooks.instruments.read(tx, instrumentId)).revision;
    const instrument = await this.hooks.instruments.read(tx, instrumentId, true);
    if (seen !== instrument.revision) {
      throw AppError.conflict(
        given
          ? `The instrument is at revision ${instrument.revision}, not ${expectedRevision}`
          : `Another change to the instrument came first: it is now ${instrument.stage} (revision ${instrument.revision})`,
      );
    }
    const snapshot = await this.snapshotIn(tx, instrument, actor, reason);
    const blockers = evaluateMove(snapshot, to);
    if (blockers.length) throw AppError.transitionBlocked(blockers, `Cannot move from ${instrument.stage} to ${to}`);
    const earlyClose = instrument.stage === 'CONSULTATION' && to === 'CONSOLIDATION' && isEarlyClose(snapshot);
    const cleanReason = givenReason(snapshot);
    const updated = await this.hooks.instruments.setStage(tx, instrumentId, to);
    const transitionId = await this.transitions.insert(tx, {
      instrumentId,
      from: instrument.stage,
      to,
      at: snapshot.now,
      actorId: actor?.userId ?? null,
      reason: cleanReason,
      earlyClose,
    });
    // Subscribers open or close what the move implies (a round, ...), notify, and publish stageChanged after commit.
    await this.events.raise(tx, {
      name: 'stage.changed',
      actor,
      entityId: instrumentId,
      data: { from: instrument.stage, to, reason: cleanReason, earlyClose, revision: updated.revision, transitionId, at: snapshot.now.toISOString() },
    });
    return updated;
  }

  /** Every move from the current stage, with what blocks it for this caller. */
  async options(actor: Actor | null, instrumentId: string): Promise<StageOption[]> {
    const options = await this.tx.run(async (tx) => {
      const instrument = await this.hooks.instruments.read(tx, instrumentId);
      return nextStages(await this.snapshotIn(tx, instrument, actor, null));
    });
    if (mayAdvance(actor)) return options;
    // The other blockers describe what only the secretariat may read (how many comments of the last round,
    // whatever their visibility, lack a disposition; whether a meeting is scheduled): the rest learn only that
    // they may not move the instrument.
    return options.map((o) => ({ ...o, blockers: o.blockers.filter((b) => b.code === 'NOT_PERMITTED') }));
  }

  async history(instrumentIds: readonly string[]): Promise<Map<string, StageTransitionRow[]>> {
    const rows = instrumentIds.length ? await this.transitions.byInstrumentIds(instrumentIds.filter(isUuid)) : [];
    const byInstrument = new Map<string, StageTransitionRow[]>(instrumentIds.map((id) => [id, []]));
    for (const { instrumentId, ...row } of rows) byInstrument.get(instrumentId)?.push(row);
    return byInstrument;
  }

  /** One transition by id (what a stageChanged event names); null when there is none. */
  transition(id: string): Promise<StageTransitionRow | null> {
    return isUuid(id) ? this.transitions.get(id) : Promise.resolve(null);
  }

  private async snapshotIn(tx: Tx, instrument: StagedInstrument, actor: Actor | null, reason: string | null | undefined): Promise<WorkflowSnapshot> {
    const now = await this.transitions.now(tx);
    const base: WorkflowSnapshot = {
      stage: instrument.stage,
      now,
      reason: reason ?? null,
      actorMayAdvance: mayAdvance(actor),
      latestPublishedVersionNumber: null,
      scheduledRound: null,
      openRound: null,
      lastRoundVersionNumber: null,
      undisposedComments: 0,
      scheduledMeeting: false,
      meetingReportAdopted: false,
      gbDecision: null,
    };
    return { ...base, ...(await this.hooks.snapshot(tx, instrument.id, now)) };
  }
}
