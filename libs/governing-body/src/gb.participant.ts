import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Tx } from '@tripartite/database';
import { SnapshotPart, WorkflowHooks, WorkflowParticipant } from '@tripartite/workflow';
import { CURRENT_SUBMISSION_SQL, SubmissionRow } from './sql-columns';

/** The Governing Body's part in stage moves: the decision on the instrument's current submission. */
@Injectable()
export class GbParticipant implements WorkflowParticipant, OnModuleInit {
  constructor(private readonly hooks: WorkflowHooks) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async snapshot(tx: Tx, instrumentId: string): Promise<SnapshotPart> {
    const [current]: SubmissionRow[] = await tx.em.query(CURRENT_SUBMISSION_SQL, [instrumentId]);
    return { gbDecision: current?.decision ?? null };
  }
}
