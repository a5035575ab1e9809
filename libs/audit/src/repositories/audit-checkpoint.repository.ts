import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@tripartite/database';
import type { AuditCheckpoint } from '../audit-checkpoint';
import type { CheckpointToCheck } from '../checkpoint-reach';

export type CheckpointReason = 'interval' | 'gb.decided';

const CHECKPOINT_LOCK = 7_246_312; // advisory lock key shared by all checkpoint writers

/** The latest stored checkpoint, and whether the chain still has its event with its hash. */
export interface LatestCheckpointRow {
  sequence: number;
  hash: string;
  reached: boolean;
}

/** The audit_checkpoint table: the database's copy of every signed checkpoint. */
@Injectable()
export class AuditCheckpointRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Checkpoint writers take turns. */
  async lock(tx: Tx): Promise<void> {
    await tx.em.query('SELECT pg_advisory_xact_lock($1)', [CHECKPOINT_LOCK]);
  }

  async latest(tx: Tx): Promise<LatestCheckpointRow | null> {
    const [last]: LatestCheckpointRow[] = await tx.em.query(
      `SELECT c.sequence::int AS sequence, c.hash, EXISTS (SELECT 1 FROM audit_event e WHERE e.sequence = c.sequence AND e.hash = c.hash) AS reached
           FROM audit_checkpoint c ORDER BY c.sequence DESC, c.at DESC LIMIT 1`,
    );
    return last ?? null;
  }

  /** The database's clock, at this instant (what a checkpoint is signed at). */
  async clock(tx: Tx): Promise<Date> {
    const [{ now }]: { now: Date }[] = await tx.em.query(`SELECT clock_timestamp() AS now`);
    return now;
  }

  async insert(tx: Tx, cp: AuditCheckpoint, reason: CheckpointReason): Promise<void> {
    await tx.em.query(`INSERT INTO audit_checkpoint (sequence, hash, at, key_id, signature, reason) VALUES ($1, $2, $3, $4, $5, $6)`, [
      cp.sequence,
      cp.hash,
      cp.at,
      cp.keyId,
      cp.signature,
      reason,
    ]);
  }

  /** The database's copy of every checkpoint, oldest first: only as trustworthy as the database, hence signed. */
  async stored(): Promise<CheckpointToCheck[]> {
    const rows: { sequence: number; hash: string; at: Date; keyId: string; signature: string }[] = await this.dataSource.query(
      `SELECT sequence::int AS sequence, hash, at, key_id AS "keyId", signature FROM audit_checkpoint ORDER BY sequence, at`,
    );
    return rows.map((r) => ({
      source: 'stored',
      checkpoint: { v: 1, sequence: r.sequence, hash: r.hash, at: r.at.toISOString(), keyId: r.keyId, signature: r.signature },
    }));
  }
}
