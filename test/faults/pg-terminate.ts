// PostgreSQL connections terminated again and again under load: requests fail cleanly, nothing is half written,
// and the pools recover.
import type { Entry } from './support/history';
import { halfWrites, lostWrites, uncleanAnswers } from './support/invariants';
import { Move, runLoad } from './support/load';
import { OPS } from './support/operations';
import { World, sleep } from './support/world';

const LOAD_MS = 8000;
const KILL_EVERY_MS = 600;

export function pgTerminateScenario(world: () => World): void {
  describe('PostgreSQL connections terminated during load', () => {
    beforeAll(() => {
      world().history.scenario = 'postgres';
    });

    it('fails requests cleanly, writes nothing by halves, and recovers', async () => {
      const w = world();
      const round = await w.openConsultation();
      const meeting = await w.meetingInSession(6);
      const consultations = [];
      const closesAt = new Date((await w.dbNow()).getTime() + 3_600_000);
      for (let i = 0; i < 6; i++) consultations.push(await w.scheduled(closesAt));
      const moves: Move[] = consultations.flatMap((c, i) => [
        { at: 200 + i * 1100, instrument: c.instrumentId, to: 'CONSULTATION' },
        { at: 700 + i * 1100, instrument: c.instrumentId, to: 'CONSOLIDATION', reason: 'Closed early under fault' },
      ]);

      let terminated = 0;
      let killing = true;
      const killer = (async () => {
        for (let i = 0; killing && i < Math.ceil(LOAD_MS / KILL_EVERY_MS); i++) {
          await sleep(KILL_EVERY_MS * (0.5 + Math.random()));
          terminated += await w.db.terminateAppConnections();
        }
      })();
      const entries = await runLoad(w, { durationMs: LOAD_MS, round, meeting, moderators: 4, moves, pauseMs: 20 });
      killing = false;
      await killer;
      expect(terminated).toBeGreaterThan(0);

      expect(w.crashes).toEqual([]);
      // Clean failures only: contract codes, the generic message for the unexpected, no stack, no SQL, always an answer.
      expect(uncleanAnswers(entries)).toEqual([]);
      const failed = entries.filter((e) => !e.ok);
      const allowed = new Set(['INTERNAL_SERVER_ERROR', 'CONFLICT', 'TRANSITION_BLOCKED']);
      expect(failed.filter((e) => !allowed.has(String(e.code))).map((e) => `${e.op} ${e.code} ${e.message}`)).toEqual([]);
      expect(await lostWrites(w.db, entries)).toEqual([]);
      expect(await halfWrites(w.db)).toEqual([]);

      // The pools recover: a burst right after succeeds in full.
      await sleep(300);
      const burst: Promise<Entry>[] = [];
      for (const c of w.constituents) {
        const input = { roundId: round.roundId, type: 'TECHNICAL', body: `After the storm ${c.id}` };
        burst.push(w.history.call('submitComment', OPS.submitComment, { in: input }, c.token, { round: round.roundId, author: c.id, body: input.body }));
      }
      for (const [k, m] of w.moderators.slice(0, 6).entries()) {
        const vars = { item: meeting.items[k % meeting.items.length], group: 'WORKERS', position: 'SUPPORT', statement: `after the storm ${k}` };
        burst.push(w.history.call('recordPosition', OPS.recordPosition, { i: vars.item, g: vars.group, p: vars.position, s: vars.statement }, m.token, vars));
      }
      const after = await Promise.all(burst);
      expect(after.filter((e) => !e.ok).map((e) => `${e.op} ${e.code}`)).toEqual([]);

      // A client retrying a failed submit with its key gets exactly one comment, whether or not the first try had committed.
      const retried: Entry[] = [];
      for (const e of failed.filter((f) => f.op === 'submitComment')) {
        const c = w.constituents.find((x) => x.id === e.vars.author)!;
        const input = { roundId: round.roundId, type: 'GENERAL', body: e.vars.body, idempotencyKey: e.vars.key };
        retried.push(await w.history.call('submitComment', OPS.submitComment, { in: input }, c.token, e.vars));
      }
      expect(retried.filter((e) => !e.ok).map((e) => `${e.op} ${e.code}`)).toEqual([]);
      const keys = entries.filter((e) => e.op === 'submitComment').map((e) => e.vars.key as string);
      const [{ comments, distinct }] = await w.db.query<{ comments: number; distinct: number }>(
        `SELECT count(*)::int AS comments, count(DISTINCT idempotency_key)::int AS distinct FROM comment WHERE idempotency_key = ANY($1::text[])`,
        [keys],
      );
      expect({ comments, distinct }).toEqual({ comments: keys.length, distinct: keys.length });
      expect(await lostWrites(w.db, [...after, ...retried])).toEqual([]);
      expect(await halfWrites(w.db)).toEqual([]);
      process.stdout.write(`postgres: ${terminated} connections terminated; ${failed.length} of ${entries.length} requests failed cleanly\n`);
    }, 120_000);
  });
}
