import { AuditCheckpoint, VerifyKeys, checkSignature } from './audit-checkpoint';

export interface CheckpointToCheck {
  checkpoint: AuditCheckpoint;
  /** Where it came from, for messages: "stored", "line 3", ... */
  source: string;
}

export interface CheckpointReport {
  checkpointsChecked: number;
  /** Checkpoints whose signature does not verify with the verification keys: forged, altered, or another key's. */
  unverifiedCheckpoints: number;
  /** The lowest sequence of a validly signed checkpoint that the chain no longer reaches (cut short or rewritten). */
  firstUnreachedCheckpoint: number | null;
  /** The highest validly signed checkpoint that the chain reaches. */
  latestCheckpoint: AuditCheckpoint | null;
  problems: string[];
}

const MAX_PROBLEMS = 20;

/**
 * Follows a chain walk and tells which checkpoints it reaches: a checkpoint is reached when the verified chain
 * has an event at its sequence with its hash. Only validly signed checkpoints count; the others are refused.
 */
export class CheckpointReach {
  private readonly signed: CheckpointToCheck[];
  private next = 0;
  private unreached: number | null = null;
  private latest: AuditCheckpoint | null = null;
  private readonly problems: string[] = [];
  private extraProblems = 0;
  private readonly unverified: number;

  constructor(
    private readonly checkpoints: CheckpointToCheck[],
    keys: VerifyKeys,
  ) {
    const signed: CheckpointToCheck[] = [];
    if (checkpoints.length && keys.size === 0) this.problem('no key to verify checkpoints with: set AUDIT_VERIFY_KEY (or AUDIT_SIGNING_KEY)');
    for (const c of checkpoints) {
      const check = checkSignature(c.checkpoint, keys);
      if (check === 'valid') signed.push(c);
      else if (check === 'bad-signature') this.problem(`${describe(c)}: bad signature (forged or altered)`);
      else if (keys.size) this.problem(`${describe(c)}: signed by key ${c.checkpoint.keyId}, which is not a verification key`);
    }
    this.unverified = checkpoints.length - signed.length;
    this.signed = signed.sort((a, b) => a.checkpoint.sequence - b.checkpoint.sequence);
  }

  /** One verified event of the chain; called in sequence order from 1. */
  event(sequence: number, hash: string): void {
    while (this.next < this.signed.length && this.signed[this.next].checkpoint.sequence <= sequence) {
      const c = this.signed[this.next++];
      if (c.checkpoint.sequence === sequence && c.checkpoint.hash === hash) {
        this.latest = c.checkpoint;
      } else {
        this.miss(c, `event ${c.checkpoint.sequence} has another hash now (the chain was rewritten)`);
      }
    }
  }

  /** After the walk: `end` is the last verified sequence (0: none), `brokenAt` the first that failed, if any. */
  finish(end: number, brokenAt: number | null): CheckpointReport {
    for (; this.next < this.signed.length; this.next++) {
      const c = this.signed[this.next];
      this.miss(c, brokenAt !== null ? `the chain is broken at ${brokenAt}, before it` : `the chain ends at ${end} (events after it were deleted)`);
    }
    const problems = this.extraProblems ? [...this.problems, `and ${this.extraProblems} more`] : this.problems;
    return {
      checkpointsChecked: this.checkpoints.length,
      unverifiedCheckpoints: this.unverified,
      firstUnreachedCheckpoint: this.unreached,
      latestCheckpoint: this.latest,
      problems,
    };
  }

  private miss(c: CheckpointToCheck, why: string): void {
    this.unreached = Math.min(this.unreached ?? Infinity, c.checkpoint.sequence);
    this.problem(`${describe(c)} is not reached: ${why}`);
  }

  private problem(text: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(text);
    else this.extraProblems += 1;
  }
}

const describe = (c: CheckpointToCheck) => `checkpoint at sequence ${c.checkpoint.sequence} of ${c.checkpoint.at} (${c.source})`;
