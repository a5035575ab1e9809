import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Tx } from '@tripartite/database';
import { SnapshotPart, WorkflowHooks, WorkflowParticipant } from '@tripartite/workflow';
import { GbSubmissionRepository } from './repositories';

/** The Governing Body's part in stage moves: the decision on the instrument's current submission. */
@Injectable()
export class GbParticipant implements WorkflowParticipant, OnModuleInit {
  constructor(
    private readonly hooks: WorkflowHooks,
    private readonly submissions: GbSubmissionRepository,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async snapshot(tx: Tx, instrumentId: string): Promise<SnapshotPart> {
    const current = await this.submissions.current(tx, instrumentId);
    return { gbDecision: current?.decision ?? null };
  }
}
