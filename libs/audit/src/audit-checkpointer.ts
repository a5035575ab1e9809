import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@tripartite/config';
import { AuditCheckpoint, signCheckpoint } from './audit-checkpoint';
import { AuditKeys } from './audit-keys';
import { AuditSealer } from './audit-sealer';
import { CheckpointReason, insertCheckpoint } from './checkpoint-store';

const CHECKPOINT_LOCK = 7_246_312; // advisory lock key shared by all checkpoint writers

export interface CheckpointRequest {
  reason: CheckpointReason;
  /** Wait until this transaction's audit events are sealed (the checkpoint must cover them). */
  afterTxid?: string;
}

/** Receives each checkpoint in the transaction that stores it (to raise the audit.checkpoint event). */
export type CheckpointPublisher = (em: EntityManager, checkpoint: AuditCheckpoint) => Promise<unknown>;

/** Signs checkpoints of the chain's end, stores them, hands them to `publish` and logs each as one JSON line. */
@Injectable()
export class AuditCheckpointer {
  private readonly logger = new Logger('AuditCheckpoint');

  constructor(
    private readonly dataSource: DataSource,
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
      const [{ unsealed }] = await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE sequence IS NULL)::int AS unsealed FROM audit_event WHERE txid = $1::text::xid8`,
        [request.afterTxid],
      );
      if (unsealed > 0) throw new Error(`${unsealed} audit events of transaction ${request.afterTxid} are not sealed yet`);
    }
    const checkpoint = await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [CHECKPOINT_LOCK]);
      const [end]: { sequence: number; hash: string }[] = await em.query(
        `SELECT sequence::int AS sequence, hash FROM audit_event WHERE sequence IS NOT NULL ORDER BY sequence DESC LIMIT 1`,
      );
      if (!end) return null;
      const [last]: { sequence: number; hash: string; reached: boolean }[] = await em.query(
        `SELECT c.sequence::int AS sequence, c.hash, EXISTS (SELECT 1 FROM audit_event e WHERE e.sequence = c.sequence AND e.hash = c.hash) AS reached
           FROM audit_checkpoint c ORDER BY c.sequence DESC, c.at DESC LIMIT 1`,
      );
      if (last && !last.reached) {
        // Signing now would vouch for a chain cut short or rewritten below a checkpoint: that needs a person.
        this.logger.error({ checkpointSequence: last.sequence, chainEnd: end.sequence }, 'audit chain no longer reaches its last checkpoint; not signing');
        throw new Error(`the audit chain no longer reaches checkpoint ${last.sequence}`);
      }
      if (request.reason === 'interval') {
        const [{ due }] = await em.query(
          `SELECT EXISTS (SELECT 1 FROM audit_event WHERE sequence > $1 AND at <= clock_timestamp() - make_interval(secs => $2 / 1000.0)) AS due`,
          [last?.sequence ?? 0, this.config.auditCheckpointIntervalMs],
        );
        if (!due) return null;
      }
      const [{ now }]: { now: Date }[] = await em.query(`SELECT clock_timestamp() AS now`);
      const signed = signCheckpoint({ sequence: end.sequence, hash: end.hash, at: now }, key);
      await insertCheckpoint(em, signed, request.reason);
      await publish(em, signed);
      return signed;
    });
    if (checkpoint) this.logger.log({ checkpoint, reason: request.reason }, 'audit checkpoint');
    return checkpoint;
  }
}
