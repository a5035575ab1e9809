import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHAINED_COLUMNS, ChainedEvent, GENESIS_HASH, chainHash } from './audit-chain';

const SEALER_LOCK = 7_246_311; // advisory lock key shared by all sealers
const BATCH = 5000;

/**
 * Gives finished events their gapless sequence and chained hash. Only events whose
 * transactions are all finished (txid below the snapshot's xmin) are sealed, so no
 * in-flight event can later land before a sealed one.
 */
@Injectable()
export class AuditSealer {
  constructor(private readonly dataSource: DataSource) {}

  /** Seals what can be sealed; returns how many events it sealed. */
  async seal(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.sealBatch();
      total += sealed;
      if (sealed < BATCH) return total;
    }
  }

  private async sealBatch(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      // Waits for a running sealer rather than skipping, so a reader that seals first sees a complete chain.
      await em.query('SELECT pg_advisory_xact_lock($1)', [SEALER_LOCK]);
      const [last] = await em.query(`SELECT sequence::int AS sequence, hash FROM audit_event WHERE sequence IS NOT NULL ORDER BY sequence DESC LIMIT 1`);
      const rows: { id: string; at: string; actorId: string | null; action: string; entityType: string; entityId: string; data: unknown }[] = await em.query(
        `SELECT id, ${CHAINED_COLUMNS.replace('sequence::int AS sequence,', '')}
             FROM audit_event
            WHERE sequence IS NULL AND txid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY txid, at, id
            LIMIT ${BATCH}`,
      );
      if (rows.length === 0) return 0;
      let sequence: number = last?.sequence ?? 0;
      let previous: string = last?.hash ?? GENESIS_HASH;
      const ids: string[] = [];
      const sequences: number[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        sequence += 1;
        const event: ChainedEvent = {
          sequence,
          at: row.at,
          actorId: row.actorId,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          data: row.data,
        };
        previous = chainHash(previous, event);
        ids.push(row.id);
        sequences.push(sequence);
        hashes.push(previous);
      }
      await em.query(
        `UPDATE audit_event e SET sequence = s.sequence, hash = s.hash
           FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS s(id, sequence, hash)
          WHERE e.id = s.id`,
        [ids, sequences, hashes],
      );
      return rows.length;
    });
  }
}
