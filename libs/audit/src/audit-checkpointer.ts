import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@tripartite/config';
import { Transactions, type Tx } from '@tripartite/database';
import { AuditCheckpoint, signCheckpoint } from './audit-checkpoint';
import { AuditKeys } from './audit-keys';
import { AuditSealer } from './audit-sealer';
import { AuditCheckpointRepository, AuditEventRepository, type CheckpointReason } from './repositories';

export interface CheckpointRequest {
  reason: CheckpointReason;
  /** Wait until this transaction's audit events are sealed (the checkpoint must cover them). */
  afterTxid?: string;
}

/** Receives each checkpoint in the transaction that stores it (to raise the audit.checkpoint event). */
export type CheckpointPublisher = (tx: Tx, checkpoint: AuditCheckpoint) => Promise<unknown>;

/** Signs checkpoints of the chain's end, stores them, hands them to `publish` and logs each as one JSON line. */
@Injectable()
export class AuditCheckpointer {
  private readonly logger = new Logger('AuditCheckpoint');

  constructor(
    private readonly tx: Transactions,
    private readonly events: AuditEventRepository,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly sealer: AuditSealer,
    private readonly keys: AuditKeys,
    private readonly config: AppConfig,
  ) {}

  /**
   * Seals, then signs the chain's last event. `interval`: only when an event past the last checkpoint is older than
   * AUDIT_CHECKPOINT_INTERVAL (so an idle chain gets none). `gb.decided`: always, once afterTxid's events are sealed;
   * until then it throws, for the queue to retry. Returns the checkpoint, or null when none was due.
   */
  async checkpoint(request: CheckpointRequest, publish: CheckpointPublisher): Promise<AuditCheckpoint | null> {
    const key = this.keys.signingKey();
    await this.sealer.seal();
    if (request.afterTxid !== undefined) {
      const unsealed = await this.events.unsealedOfTransaction(request.afterTxid);
      if (unsealed > 0) throw new Error(`${unsealed} audit events of transaction ${request.afterTxid} are not sealed yet`);
    }
    const checkpoint = await this.tx.run(async (tx) => {
      await this.checkpoints.lock(tx);
      const end = await this.events.chainEnd(tx);
      if (!end) return null;
      const last = await this.checkpoints.latest(tx);
      if (last && !last.reached) {
        // Signing now would vouch for a chain cut short or rewritten below a checkpoint: that needs a person.
        this.logger.error({ checkpointSequence: last.sequence, chainEnd: end.sequence }, 'audit chain no longer reaches its last checkpoint; not signing');
        throw new Error(`the audit chain no longer reaches checkpoint ${last.sequence}`);
      }
      if (request.reason === 'interval') {
        const due = await this.events.sealedAfterAndOlderThan(tx, last?.sequence ?? 0, this.config.auditCheckpointIntervalMs);
        if (!due) return null;
      }
      const signed = signCheckpoint({ sequence: end.sequence, hash: end.hash, at: await this.checkpoints.clock(tx) }, key);
      await this.checkpoints.insert(tx, signed, request.reason);
      await publish(tx, signed);
      return signed;
    });
    if (checkpoint) this.logger.log({ checkpoint, reason: request.reason }, 'audit checkpoint');
    return checkpoint;
  }
}
