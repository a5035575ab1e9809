import { Injectable } from '@nestjs/common';
import { GENESIS_HASH, chainHash } from './audit-chain';
import { VerifyKeys } from './audit-checkpoint';
import { CheckpointReach, CheckpointReport, CheckpointToCheck } from './checkpoint-reach';
import { AuditEventRepository } from './repositories';

export interface AuditVerification extends CheckpointReport {
  /** The chain recomputes, and reaches every validly signed checkpoint, and no checkpoint fails its signature. */
  valid: boolean;
  checked: number;
  firstBrokenSequence: number | null;
}

const PAGE = 10000;

/**
 * Recomputes the chain from the first sealed event and reports the first sequence that does not match; and
 * whether the chain still reaches each signed checkpoint given (the chain alone cannot show that its end was cut).
 */
@Injectable()
export class AuditVerifier {
  constructor(private readonly events: AuditEventRepository) {}

  async verify(checkpoints: CheckpointToCheck[] = [], keys: VerifyKeys = new Map()): Promise<AuditVerification> {
    const reach = new CheckpointReach(checkpoints, keys);
    let previous = GENESIS_HASH;
    let expectedSequence = 1;
    let checked = 0;
    let brokenAt: number | null = null;
    walk: for (;;) {
      const rows = await this.events.chain(expectedSequence, PAGE);
      for (const row of rows) {
        const { hash, ...event } = row;
        if (event.sequence !== expectedSequence || chainHash(previous, event) !== hash) {
          brokenAt = expectedSequence;
          break walk;
        }
        reach.event(event.sequence, hash);
        previous = hash;
        expectedSequence += 1;
        checked += 1;
      }
      if (rows.length < PAGE) break;
    }
    const report = reach.finish(checked, brokenAt);
    const valid = brokenAt === null && report.firstUnreachedCheckpoint === null && report.unverifiedCheckpoints === 0;
    if (brokenAt !== null) report.problems.unshift(`event ${brokenAt} does not follow from the chain before it (altered, removed or out of order)`);
    return { valid, checked, firstBrokenSequence: brokenAt, ...report };
  }
}
