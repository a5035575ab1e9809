import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppError, isUuid } from '@tripartite/common';
import type { Tx } from '@tripartite/database';
import type { Stage } from '@tripartite/domain';
import { InstrumentStore, WorkflowHooks } from '@tripartite/workflow';
import { InstrumentRepository, InstrumentRow, VersionRepository } from './repositories';

/**
 * The instrument's stage, for the workflow: drafting owns the instrument row, and lends the workflow the three
 * statements a move needs (read, lock, set) plus its facts for the guards (the latest published version).
 */
@Injectable()
export class InstrumentStages implements InstrumentStore, OnModuleInit {
  constructor(
    private readonly hooks: WorkflowHooks,
    private readonly instruments: InstrumentRepository,
    private readonly versions: VersionRepository,
  ) {}

  onModuleInit(): void {
    this.hooks.useInstruments(this);
    this.hooks.register({
      snapshot: async (tx, instrumentId) => ({ latestPublishedVersionNumber: await this.versions.latestPublishedNumber(tx, instrumentId) }),
    });
  }

  async read(tx: Tx, id: string, lock = false): Promise<InstrumentRow> {
    const row = isUuid(id) ? await this.instruments.read(tx, id, lock ? 'FOR UPDATE' : '') : null;
    if (!row) throw AppError.notFound('Instrument', id);
    return row;
  }

  setStage(tx: Tx, id: string, stage: Stage): Promise<InstrumentRow> {
    return this.instruments.setStage(tx, id, stage);
  }
}
