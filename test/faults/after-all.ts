// After every fault: the audit chain verifies, the outbox is drained, and the whole history holds.
import { waitFor } from '../ops/processes';
import { halfWrites, lostWrites, uncleanAnswers } from './support/invariants';
import { OPS } from './support/operations';
import { SWEEP_MS, World } from './support/world';

export function afterAllScenario(world: () => World): void {
  describe('after all of it', () => {
    beforeAll(() => {
      world().history.scenario = 'final';
    });

    it('verifies the audit chain, leaves nothing pending in the outbox, and the whole history holds', async () => {
      const w = world();
      expect(w.crashes).toEqual([]);
      await waitFor(
        'every audit event sealed',
        async () => {
          const [{ n }] = await w.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE sequence IS NULL`);
          return n === 0 ? true : undefined;
        },
        20_000,
        200,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await w.diagnosis()}`);
      });
      const { verifyAuditChain } = await w.history.must('verifyAuditChain', OPS.verifyAuditChain, {}, w.secretariat.token);
      const [{ events }] = await w.db.query<{ events: number }>(`SELECT count(*)::int AS events FROM audit_event`);
      expect(verifyAuditChain).toEqual({ valid: true, checked: events, firstBrokenSequence: null });

      // Give the relay one more sweep, then nothing may be older than a sweep.
      await new Promise((r) => setTimeout(r, 2 * SWEEP_MS));
      const [{ stale }] = await w.db.query<{ stale: number }>(
        `SELECT count(*)::int AS stale FROM outbox WHERE dispatched_at IS NULL AND created_at < clock_timestamp() - make_interval(secs => $1 / 1000.0)`,
        [SWEEP_MS],
      );
      expect(stale).toBe(0);

      expect(uncleanAnswers(w.history.entries)).toEqual([]);
      expect(await lostWrites(w.db, w.history.entries)).toEqual([]);
      expect(await halfWrites(w.db)).toEqual([]);
      const summary = ['concurrency', 'redis', 'postgres', 'worker'].map((s) => `${s}: ${JSON.stringify(w.history.summary(s))}`);
      process.stdout.write(`history (${w.history.entries.length} requests, ${w.history.file}):\n  ${summary.join('\n  ')}\n`);
    }, 60_000);
  });
}
