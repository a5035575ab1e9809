import { Injectable } from '@nestjs/common';
import { Transactions } from '@tripartite/database';
import { ChainedEvent, GENESIS_HASH, chainHash } from './audit-chain';
import { AuditEventRepository } from './repositories';

const BATCH = 5000;

/**
 * Gives finished events their gapless sequence and chained hash. Only events whose
 * transactions are all finished (txid below the snapshot's xmin) are sealed, so no
 * in-flight event can later land before a sealed one.
 */
@Injectable()
export class AuditSealer {
  constructor(
    private readonly tx: Transactions,
    private readonly events: AuditEventRepository,
  ) {}

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
    return this.tx.run(async (tx) => {
      await this.events.lockSealer(tx);
      const last = await this.events.chainEnd(tx);
      const rows = await this.events.unsealed(tx, BATCH);
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
      await this.events.seal(tx, ids, sequences, hashes);
      return rows.length;
    });
  }
}
