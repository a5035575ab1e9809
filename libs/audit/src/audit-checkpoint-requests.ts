import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '@tripartite/outbox';

/** Asks, inside a write transaction, for a checkpoint that covers that transaction's audit events. */
@Injectable()
export class AuditCheckpointRequests {
  constructor(private readonly outbox: OutboxService) {}

  /** An outbox job, so the checkpoint is asked for if and only if the transaction commits. */
  async afterThisTransaction(em: EntityManager, reason: 'gb.decided'): Promise<void> {
    const [{ txid }]: { txid: string }[] = await em.query(`SELECT pg_current_xact_id()::text AS txid`);
    await this.outbox.add(em, { queue: 'maintenance', name: 'audit.checkpoint', payload: { reason, afterTxid: txid } });
  }
}
