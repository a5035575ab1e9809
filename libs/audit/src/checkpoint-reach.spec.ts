import { generateKeyPairSync } from 'node:crypto';
import { signCheckpoint, verifyKeys } from './audit-checkpoint';
import { CheckpointReach, CheckpointToCheck } from './checkpoint-reach';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const keys = verifyKeys([publicKey]);
const hashOf = (sequence: number) => sequence.toString(16).padStart(64, '0');
const at = new Date('2025-06-30T17:00:00.000Z');
const cp = (sequence: number, hash = hashOf(sequence), source = 'stored'): CheckpointToCheck => ({
  checkpoint: signCheckpoint({ sequence, hash, at }, privateKey),
  source,
});

/** Walks a chain of `end` verified events (hash i at sequence i), then finishes. */
function walk(checkpoints: CheckpointToCheck[], end: number, brokenAt: number | null = null, k = keys) {
  const reach = new CheckpointReach(checkpoints, k);
  for (let s = 1; s <= end; s++) reach.event(s, hashOf(s));
  return reach.finish(end, brokenAt);
}

describe('CheckpointReach', () => {
  it('a chain that still holds every checkpoint reaches them all; the latest is reported', () => {
    const report = walk([cp(7), cp(3), cp(10)], 12);
    expect(report).toEqual({
      checkpointsChecked: 3,
      unverifiedCheckpoints: 0,
      firstUnreachedCheckpoint: null,
      latestCheckpoint: cp(10).checkpoint,
      problems: [],
    });
  });

  it('a chain cut short below a checkpoint does not reach it (the last two events deleted)', () => {
    const report = walk([cp(3), cp(10, hashOf(10), 'cps.jsonl line 2')], 8);
    expect(report.firstUnreachedCheckpoint).toBe(10);
    expect(report.latestCheckpoint?.sequence).toBe(3);
    expect(report.problems).toEqual([
      'checkpoint at sequence 10 of 2025-06-30T17:00:00.000Z (cps.jsonl line 2) is not reached: the chain ends at 8 (events after it were deleted)',
    ]);
  });

  it('a chain rewritten at or below a checkpoint does not reach it, though it has an event at that sequence', () => {
    const report = walk([cp(5, 'f'.repeat(64))], 9);
    expect(report.firstUnreachedCheckpoint).toBe(5);
    expect(report.problems[0]).toMatch(/event 5 has another hash now \(the chain was rewritten\)$/);
  });

  it('checkpoints past a break are not reached', () => {
    const report = walk([cp(2), cp(6)], 4, 5);
    expect(report.firstUnreachedCheckpoint).toBe(6);
    expect(report.problems[0]).toMatch(/the chain is broken at 5, before it$/);
  });

  it('refuses forged checkpoints and does not count them as reached', () => {
    const forged = cp(4);
    forged.checkpoint = { ...forged.checkpoint, sequence: 99 };
    const stranger = { checkpoint: signCheckpoint({ sequence: 4, hash: hashOf(4), at }, generateKeyPairSync('ed25519').privateKey), source: 'stored' };
    const report = walk([forged, stranger, cp(2)], 10);
    expect(report).toMatchObject({ checkpointsChecked: 3, unverifiedCheckpoints: 2, firstUnreachedCheckpoint: null, latestCheckpoint: cp(2).checkpoint });
    expect(report.problems).toEqual([
      expect.stringMatching(/^checkpoint at sequence 99 .*: bad signature \(forged or altered\)$/),
      expect.stringMatching(/^checkpoint at sequence 4 .*: signed by key [0-9a-f]{16}, which is not a verification key$/),
    ]);
  });

  it('without a verification key no checkpoint is trusted, and it says why', () => {
    const report = walk([cp(2)], 3, null, new Map());
    expect(report).toMatchObject({ unverifiedCheckpoints: 1, latestCheckpoint: null });
    expect(report.problems).toEqual(['no key to verify checkpoints with: set AUDIT_VERIFY_KEY (or AUDIT_SIGNING_KEY)']);
  });

  it('keeps its list of problems short', () => {
    const report = walk(
      Array.from({ length: 30 }, (_, i) => cp(100 + i)),
      5,
    );
    expect(report.problems).toHaveLength(21);
    expect(report.problems[20]).toBe('and 10 more');
    expect(report.firstUnreachedCheckpoint).toBe(100);
  });

  it('with no checkpoints there is nothing to reach', () => {
    expect(walk([], 0)).toEqual({ checkpointsChecked: 0, unverifiedCheckpoints: 0, firstUnreachedCheckpoint: null, latestCheckpoint: null, problems: [] });
  });
});
