import type { EntityManager } from 'typeorm';
import { AuditCheckpoint } from './audit-checkpoint';
import { CheckpointToCheck } from './checkpoint-reach';

export type CheckpointReason = 'interval' | 'gb.decided';

type Querier = Pick<EntityManager, 'query'>;

export async function insertCheckpoint(em: Querier, cp: AuditCheckpoint, reason: CheckpointReason): Promise<void> {
  await em.query(`INSERT INTO audit_checkpoint (sequence, hash, at, key_id, signature, reason) VALUES ($1, $2, $3, $4, $5, $6)`, [
    cp.sequence,
    cp.hash,
    cp.at,
    cp.keyId,
    cp.signature,
    reason,
  ]);
}

/** The database's copy of every checkpoint, oldest first: only as trustworthy as the database, hence signed. */
export async function storedCheckpoints(em: Querier): Promise<CheckpointToCheck[]> {
  const rows: { sequence: number; hash: string; at: Date; keyId: string; signature: string }[] = await em.query(
    `SELECT sequence::int AS sequence, hash, at, key_id AS "keyId", signature FROM audit_checkpoint ORDER BY sequence, at`,
  );
  return rows.map((r) => ({
    source: 'stored',
    checkpoint: { v: 1, sequence: r.sequence, hash: r.hash, at: r.at.toISOString(), keyId: r.keyId, signature: r.signature },
  }));
}
