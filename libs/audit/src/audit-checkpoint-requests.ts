import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '@tripartite/outbox';
import { AuditEventRepository } from './repositories';

/** Asks, inside a write transaction, for a checkpoint that covers that transaction's audit events. */
@Injectable()
export class AuditCheckpointRequests {
  constructor(
    private readonly outbox: OutboxService,
    private readonly events: AuditEventRepository,
  ) {}

  /** An outbox job, so the checkpoint is asked for if and only if the transaction commits. */
  async afterThisTransaction(em: EntityManager, reason: 'gb.decided'): Promise<void> {
    const txid = await this.events.currentTxid(em);
    await this.outbox.add(em, { queue: 'maintenance', name: 'audit.checkpoint', payload: { reason, afterTxid: txid } });
  }
}
