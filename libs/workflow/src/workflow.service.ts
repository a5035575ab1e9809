import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole, isUuid } from '@tripartite/common';
import { AuditService } from '@tripartite/audit';
import { Transactions, Tx } from '@tripartite/database';
import { LivePublisher } from '@tripartite/live';
import { NotificationsService } from '@tripartite/notifications';
import { STAGES, Stage, StageOption, WorkflowSnapshot, checkText, evaluateMove, givenReason, isEarlyClose, nextStages } from '@tripartite/domain';
import { WorkflowHooks } from './workflow-hooks';

export interface InstrumentRow {
  id: string;
  reference: string;
  title: string;
  summary: string | null;
  stage: Stage;
  revision: number;
  createdAt: Date;
}

export interface StageTransitionRow {
  from: Stage;
  to: Stage;
  at: Date;
  actorId: string | null;
  reason: string | null;
}

const INSTRUMENT_COLUMNS = `id, reference, title, summary, stage, revision, created_at AS "createdAt"`;

export const mayAdvance = (actor: Actor | null): boolean => actor === null || hasRole(actor, 'SECRETARIAT');

/** Moves instruments between stages: one locked row, every guard checked, one transition recorded. */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly tx: Transactions,
    private readonly hooks: WorkflowHooks,
    private readonly audit: AuditService,
    private readonly live: LivePublisher,
    private readonly notifications: NotificationsService,
  ) {}

  /** Runs the move in its own transaction (actor null: the system, e.g. a deadline). */
  advance(actor: Actor | null, instrumentId: string, to: Stage, reason?: string | null, expectedRevision?: number | null): Promise<InstrumentRow> {
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
  ): Promise<InstrumentRow> {
    new FieldErrors()
      .check(STAGES.includes(to), 'to', 'is not a stage')
      .addAll(checkText('reason', reason, 'reason').problems)
      .throwIfAny();
    const given = expectedRevision !== undefined && expectedRevision !== null;
    // Without expectedRevision, the revision this move read before waiting for the lock: a move that
    // committed meanwhile wins, and this one gets CONFLICT rather than a verdict on a stage it never saw.
    const seen = given ? expectedRevision : (await this.read(tx, instrumentId)).revision;
    const instrument = await this.lock(tx, instrumentId);
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
    await this.hooks.onMove(tx, { instrumentId, from: instrument.stage, to, actor, reason: cleanReason, earlyClose, at: snapshot.now });
    const [[updated]] = await tx.em.query(`UPDATE instrument SET stage = $2, revision = revision + 1 WHERE id = $1 RETURNING ${INSTRUMENT_COLUMNS}`, [
      instrumentId,
      to,
    ]);
    const [transition]: { id: string }[] = await tx.em.query(
      `INSERT INTO stage_transition (instrument_id, from_stage, to_stage, at, actor_id, reason, early_close) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [instrumentId, instrument.stage, to, snapshot.now, actor?.userId ?? null, cleanReason, earlyClose],
    );
    tx.afterCommit(() => this.live.publish('stageChanged', instrumentId, { instrumentId, transitionId: transition.id }));
    await this.audit.record(tx.em, actor, 'stage.changed', 'Instrument', instrumentId, {
      from: instrument.stage,
      to,
      reason: cleanReason,
      earlyClose,
      revision: updated.revision,
    });
    await this.notifications.emit(tx.em, { kind: 'stage.changed', instrumentId, subjectId: instrumentId, data: { from: instrument.stage, to } });
    return updated as InstrumentRow;
  }

  /** Every move from the current stage, with what blocks it for this caller. */
  async options(actor: Actor | null, instrumentId: string): Promise<StageOption[]> {
    const options = await this.tx.run(async (tx) => {
      const instrument = await this.read(tx, instrumentId);
      return nextStages(await this.snapshotIn(tx, instrument, actor, null));
    });
    if (mayAdvance(actor)) return options;
    // The other blockers describe what only the secretariat may read (how many comments of the last round,
    // whatever their visibility, lack a disposition; whether a meeting is scheduled): the rest learn only that
    // they may not move the instrument.
    return options.map((o) => ({ ...o, blockers: o.blockers.filter((b) => b.code === 'NOT_PERMITTED') }));
  }

  async history(instrumentIds: readonly string[]): Promise<Map<string, StageTransitionRow[]>> {
    const rows: (StageTransitionRow & { instrumentId: string })[] = await this.tx.dataSource.query(
      `SELECT instrument_id AS "instrumentId", from_stage AS "from", to_stage AS "to", at, actor_id AS "actorId", reason
         FROM stage_transition WHERE instrument_id = ANY($1::uuid[]) ORDER BY at, id`,
      [instrumentIds],
    );
    const byInstrument = new Map<string, StageTransitionRow[]>(instrumentIds.map((id) => [id, []]));
    for (const { instrumentId, ...row } of rows) byInstrument.get(instrumentId)?.push(row);
    return byInstrument;
  }

  /** One transition by id (what a stageChanged event names); null when there is none. */
  async transition(id: string): Promise<StageTransitionRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.tx.dataSource.query(
      `SELECT from_stage AS "from", to_stage AS "to", at, actor_id AS "actorId", reason FROM stage_transition WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  private async snapshotIn(tx: Tx, instrument: InstrumentRow, actor: Actor | null, reason: string | null | undefined): Promise<WorkflowSnapshot> {
    const [{ now, latest }] = await tx.em.query(
      `SELECT clock_timestamp() AS now,
              (SELECT max(number) FROM draft_version WHERE instrument_id = $1 AND status = 'PUBLISHED') AS latest`,
      [instrument.id],
    );
    const base: WorkflowSnapshot = {
      stage: instrument.stage,
      now,
      reason: reason ?? null,
      actorMayAdvance: mayAdvance(actor),
      latestPublishedVersionNumber: latest,
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

  private async lock(tx: Tx, id: string): Promise<InstrumentRow> {
    return this.read(tx, id, 'FOR UPDATE');
  }

  private async read(tx: Tx, id: string, lock = ''): Promise<InstrumentRow> {
    const rows = isUuid(id) ? await tx.em.query(`SELECT ${INSTRUMENT_COLUMNS} FROM instrument WHERE id = $1 ${lock}`, [id]) : [];
    if (!rows.length) throw AppError.notFound('Instrument', id);
    return rows[0];
  }
}
