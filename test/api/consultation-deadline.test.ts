import { Client } from 'pg';
import { errorOf, ok } from '@tripartite/testing';
import { ConsultationWorld, Q, sleep } from './consultation-fixtures';

// No deadline job runs in these tests: the database clock alone decides.
describe('consultation deadlines', () => {
  let w: ConsultationWorld;
  let gov1: string;
  let wrk1: string;

  beforeAll(async () => {
    w = await ConsultationWorld.start();
    gov1 = w.tokens.constituents.GOVERNMENT[0];
    wrk1 = w.tokens.constituents.WORKERS[0];
  });
  afterAll(() => w.stop());

  it('refuses writes with DEADLINE_PASSED once closesAt has passed, though the round is still OPEN', async () => {
    const { p, round } = await w.openRound({ closesInMs: 1500 });
    const before = await w.comment(gov1, { roundId: round.id, body: 'Just in time' });
    const retried = { roundId: round.id, body: 'Keyed', idempotencyKey: 'retry-after-deadline' };
    const keyed = await w.comment(wrk1, retried);
    await sleep(1700);
    expect((await w.round(round.id)).status).toBe('OPEN');
    const late = errorOf(await w.submit(gov1, { roundId: round.id, body: 'Too late' }));
    expect(late.code).toBe('DEADLINE_PASSED');
    expect(late.message).toContain(round.closesAt);
    expect(errorOf(await w.gql(Q.update, { id: before.id, in: { body: 'Edited too late' } }, gov1)).code).toBe('DEADLINE_PASSED');
    expect(errorOf(await w.gql(Q.withdraw, { id: before.id }, gov1)).code).toBe('DEADLINE_PASSED');
    // A retry of a comment accepted in time gets it back, whatever the clock says now.
    expect((await w.comment(wrk1, retried)).id).toBe(keyed.id);
    const rows = await w.api.db.query<any>(`SELECT body, revision, status FROM comment WHERE round_id = $1 ORDER BY submitted_at`, [round.id]);
    expect(rows).toEqual([
      { body: 'Just in time', revision: 1, status: 'SUBMITTED' },
      { body: 'Keyed', revision: 1, status: 'SUBMITTED' },
    ]);
    expect((await w.round(round.id)).instrument.stage).toBe('CONSULTATION');
    await w.close(p.instrumentId);
  });

  it('keeps a write after the deadline as late when the round accepts late comments', async () => {
    const { p, round } = await w.openRound({ closesInMs: 1200, acceptLate: true });
    const inTime = await w.comment(gov1, { roundId: round.id, body: 'On time' });
    expect(inTime.late).toBe(false);
    await sleep(1400);
    const late = await w.comment(gov1, { roundId: round.id, body: 'Late but kept' });
    expect(late.late).toBe(true);
    expect(new Date(late.submittedAt).getTime()).toBeGreaterThanOrEqual(new Date(round.closesAt).getTime());
    // Editing is for the comment period only, late rounds or not.
    expect(errorOf(await w.gql(Q.update, { id: late.id, in: { body: 'x' } }, gov1)).code).toBe('DEADLINE_PASSED');
    // Closed, the round still takes late comments while the instrument is in consolidation...
    await w.close(p.instrumentId);
    expect((await w.comment(wrk1, { roundId: round.id, body: 'After the close' })).late).toBe(true);
    const [audit] = await w.api.db.query<any>(`SELECT data FROM audit_event WHERE entity_id = $1 AND action = 'comment.submitted'`, [late.id]);
    expect(audit.data.late).toBe(true);
    // ...but not once it has moved on.
    await w.advance(p.instrumentId, 'WITHDRAWN', 'Dropped');
    expect(errorOf(await w.submit(wrk1, { roundId: round.id, body: 'Far too late' })).code).toBe('DEADLINE_PASSED');
  });

  it('takes late comments only in the latest round of an instrument', async () => {
    const { p, round } = await w.openRound({ acceptLate: true });
    await w.close(p.instrumentId);
    const v2 = await w.revised(p.instrumentId);
    await w.schedule(v2);
    await w.advance(p.instrumentId, 'CONSULTATION');
    expect(errorOf(await w.submit(gov1, { roundId: round.id })).code).toBe('DEADLINE_PASSED');
  });

  it('refuses comments after an early close, before closesAt', async () => {
    const { p, round } = await w.openRound();
    await w.close(p.instrumentId, 'Closed early');
    expect(errorOf(await w.submit(gov1, { roundId: round.id })).code).toBe('DEADLINE_PASSED');
  });

  it('judges each of many writes racing the deadline by the database clock, once, inside its transaction', async () => {
    const { p, round } = await w.openRound({ closesInMs: 1200 });
    const closesAt = new Date(round.closesAt).getTime();
    const tokens = [...w.tokens.constituents.GOVERNMENT, ...w.tokens.constituents.EMPLOYERS, ...w.tokens.constituents.WORKERS];
    // Fired every 10 ms from 300 ms before the deadline to 300 ms after it.
    const results = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        await sleep(Math.max(0, closesAt - 300 + i * 10 - Date.now()));
        return w.submit(tokens[i % tokens.length], { roundId: round.id, body: `Racing ${i}` });
      }),
    );
    const accepted = results.filter((r) => !r.errors).map((r) => r.data.submitComment);
    const refused = results.filter((r) => r.errors).map((r) => errorOf(r).code);
    expect(refused.every((code) => code === 'DEADLINE_PASSED')).toBe(true);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(accepted.every((c) => !c.late)).toBe(true);
    // Compared in the database, to the microsecond.
    const [check] = await w.api.db.query<any>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE c.submitted_at < r.closes_at)::int AS in_time
         FROM comment c JOIN consultation_round r ON r.id = c.round_id WHERE c.round_id = $1`,
      [round.id],
    );
    expect(check).toEqual({ n: accepted.length, in_time: accepted.length });
    await w.close(p.instrumentId);
  });

  it('follows an extension made while writes race the old deadline', async () => {
    const { p, round } = await w.openRound({ closesInMs: 1000 });
    const closesAt = new Date(round.closesAt).getTime();
    const results = await Promise.all([
      ...Array.from({ length: 30 }, async (_, i) => {
        await sleep(Math.max(0, closesAt - 150 + i * 10 - Date.now()));
        return w.submit(i % 2 ? gov1 : wrk1, { roundId: round.id, body: `Around the extension ${i}` });
      }),
      (async () => {
        await sleep(Math.max(0, closesAt - 20 - Date.now()));
        return w.gql(Q.extend, { id: round.id, at: new Date(closesAt + 60_000).toISOString(), reason: 'Server trouble' }, w.tokens.secretariat);
      })(),
    ]);
    ok(results.pop()!);
    for (const r of results) if (r.errors) expect(errorOf(r).code).toBe('DEADLINE_PASSED');
    // Each write was judged by the deadline in force when it held the round: the old one before the
    // extension was recorded, the new one after it.
    const [check] = await w.api.db.query<any>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE c.submitted_at < e.from_at OR c.submitted_at > e.at)::int AS judged_right
         FROM comment c JOIN deadline_extension e ON e.round_id = c.round_id WHERE c.round_id = $1`,
      [round.id],
    );
    expect(check.n).toBe(results.filter((r) => !r.errors).length);
    expect(check.judged_right).toBe(check.n);
    expect((await w.comment(gov1, { roundId: round.id, body: 'Under the new deadline' })).late).toBe(false);
    await w.close(p.instrumentId, 'done');
  });

  it('takes the instrument before the round, as a stage move does: a write waiting on a move holds nothing the move needs', async () => {
    const { p, round } = await w.openRound({ closesInMs: 60_000 });
    const mover = new Client({ connectionString: w.api.db.url });
    await mover.connect();
    try {
      // A stage move in progress: it holds the instrument and will update the round next.
      await mover.query('BEGIN');
      await mover.query('SELECT 1 FROM instrument WHERE id = $1 FOR UPDATE', [p.instrumentId]);
      const write = w.submit(gov1, { roundId: round.id, body: 'Waits for the move' });
      for (let i = 0; ; i++) {
        const [waiting] = await w.api.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (waiting.n > 0) break;
        if (i > 200) throw new Error('the write never waited for the instrument');
        await sleep(10);
      }
      // The round is free for the move (NOWAIT fails at once if the waiting write had share-locked it).
      await mover.query('SELECT 1 FROM consultation_round WHERE id = $1 FOR UPDATE NOWAIT', [round.id]);
      await mover.query('UPDATE consultation_round SET accept_late = accept_late WHERE id = $1', [round.id]);
      await mover.query('COMMIT');
      expect((ok(await write) as any).submitComment.body).toBe('Waits for the move');
    } finally {
      await mover.end();
    }
    await w.close(p.instrumentId);
  });
});
