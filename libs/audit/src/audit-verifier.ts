import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHAINED_COLUMNS, ChainedEvent, GENESIS_HASH, chainHash } from './audit-chain';

export interface AuditVerification {
  valid: boolean;
  checked: number;
  firstBrokenSequence: number | null;
}

const PAGE = 10000;

/** Recomputes the chain from the first sealed event and reports the first sequence that does not match. */
@Injectable()
export class AuditVerifier {
  constructor(private readonly dataSource: DataSource) {}

  async verify(): Promise<AuditVerification> {
    let previous = GENESIS_HASH;
    let expectedSequence = 1;
    let checked = 0;
    for (;;) {
      const rows: (ChainedEvent & { hash: string })[] = await this.dataSource.query(
        `SELECT ${CHAINED_COLUMNS}, hash FROM audit_event
          WHERE sequence IS NOT NULL AND sequence >= $1 ORDER BY sequence LIMIT ${PAGE}`,
        [expectedSequence],
      );
      for (const row of rows) {
        const { hash, ...event } = row;
        if (event.sequence !== expectedSequence || chainHash(previous, event) !== hash) {
          return { valid: false, checked, firstBrokenSequence: expectedSequence };
        }
        previous = hash;
        expectedSequence += 1;
        checked += 1;
      }
      if (rows.length < PAGE) return { valid: true, checked, firstBrokenSequence: null };
    }
  }
}
