// Redis crashes (and comes back empty) under load: nothing acknowledged is lost, every round still closes,
// readiness says so while it lasts, the worker resumes by itself, and webhook deliveries whose jobs Redis lost
// while they waited for a retry are still delivered, exactly once.
import { waitFor } from '../ops/processes';
import { halfWrites, lostWrites, uncleanAnswers } from './support/invariants';
import { Move, runLoad } from './support/load';
import { Receiver } from './support/receiver';
import { RECONCILE_MS, World, sleep } from './support/world';

const OUTAGE_AT = 3000;
const OUTAGE_MS = 4000;
const LOAD_MS = 11_000;

interface Probe {
  t: number;
  api: number;
  worker: number;
}

export function redisRestartScenario(world: () => World): void {
  describe('Redis restarted and flushed during load', () => {
    // Down (503) until Redis is back, so deliveries are waiting for a retry, in Redis only, when it dies.
    const receiver = new Receiver();

    beforeAll(async () => {
      world().history.scenario = 'redis';
      await receiver.start();
    });
    afterAll(() => receiver.stop());

    it('loses no acknowledged write, closes every round, fails readiness while down and recovers by itself', async () => {
      const w = world();
      const round = await w.openConsultation();
      const meeting = await w.meetingInSession(6);
      const hook = (
        await w.must(
          'registerWebhook',
          { u: receiver.url, e: ['stage.changed', 'consultation.opened', 'consultation.closed'], s: 'fault-suite-redis-webhook' },
          w.admin.token,
        )
      ).registerWebhook;
      receiver.status = () => 503;

      // Rounds whose deadlines fall before, during and after the outage; some opened while Redis is away.
      const start = (await w.dbNow()).getTime() + 4000;
      const plan = [
        { openAt: 0, closeAt: 2500 },
        { openAt: 300, closeAt: 3600 },
        { openAt: 600, closeAt: 4800 },
        { openAt: 900, closeAt: 6200 },
        { openAt: 1200, closeAt: 7300 },
        { openAt: 1500, closeAt: 8500 },
        { openAt: 4000, closeAt: 6500 },
        { openAt: 5000, closeAt: 9800 },
      ];
      const rounds = [];
      for (const p of plan) rounds.push({ ...p, ...(await w.scheduled(new Date(start + p.closeAt))) });
      const moves: Move[] = rounds.map((r) => ({ at: r.openAt, instrument: r.instrumentId, to: 'CONSULTATION' }));
      await sleep(start - Date.now());

      const probes: Probe[] = [];
      let probing = true;
      const prober = (async () => {
        for (let i = 0; probing && i < 200; i++) {
          probes.push({ t: Date.now() - start, ...(await w.readiness()) });
          await sleep(200);
        }
      })();
      let restartedAt = 0;
      let killedAt = 0;
      // What the database says each delivery still owes, read while Redis is down (tries in flight have ended by then).
      let owed: { id: string; due: Date }[] = [];
      let owedAt = 0;
      const outage = (async () => {
        await sleep(start + OUTAGE_AT - Date.now());
        await w.redis.kill();
        killedAt = Date.now();
        await sleep(1000);
        owed = await w.db.query(`SELECT id, next_attempt_at AS due FROM webhook_delivery WHERE webhook_id = $1 AND status = 'PENDING'`, [hook.id]);
        owedAt = Date.now();
        await sleep(OUTAGE_MS - 1000);
        await w.redis.start();
        receiver.status = () => 200;
        restartedAt = Date.now() - start;
      })();
      const entries = await runLoad(w, { durationMs: LOAD_MS, round, meeting, moderators: 4, moves, pauseMs: 30 });
      await outage;

      // Both apps come back to ready by themselves.
      await waitFor(
        'api and worker ready again',
        async () => {
          const r = await w.readiness();
          return r.api === 200 && r.worker === 200 ? true : undefined;
        },
        20_000,
        200,
      );
      probing = false;
      await prober;

      const before = probes.filter((p) => p.t < OUTAGE_AT);
      const during = probes.filter((p) => p.t > OUTAGE_AT + 1000 && p.t < OUTAGE_AT + OUTAGE_MS - 200);
      expect(before.some((p) => p.api === 200 && p.worker === 200)).toBe(true);
      expect(during.length).toBeGreaterThan(0);
      expect(during.every((p) => p.api === 503 && p.worker === 503)).toBe(true);

      expect(w.crashes).toEqual([]);
      // Redis being away is no reason to refuse a write the database can take.
      expect(uncleanAnswers(entries)).toEqual([]);
      expect(entries.filter((e) => !e.ok).map((e) => `${e.op} ${e.code} ${e.message}`)).toEqual([]);
      expect(entries.filter((e) => e.op === 'submitComment').length).toBeGreaterThan(50);
      expect(await lostWrites(w.db, entries)).toEqual([]);

      // Every round closes: at its deadline, or once Redis is back, within the reconcile interval and some slack.
      const ids = rounds.map((r) => r.roundId);
      const closed = await waitFor(
        'every round to close',
        async () => {
          const rows = await w.db.query<{ id: string; status: string; closesAt: Date; closedAt: Date | null }>(
            `SELECT id, status, closes_at AS "closesAt", closed_at AS "closedAt" FROM consultation_round WHERE id = ANY($1::uuid[])`,
            [ids],
          );
          return rows.every((r) => r.status === 'CLOSED') ? rows : undefined;
        },
        30_000,
        200,
      );
      for (const r of closed) {
        const waitedForRedis = Math.max(0, start + restartedAt - r.closesAt.getTime());
        expect({ round: r.id, late: r.closedAt!.getTime() - r.closesAt.getTime() <= waitedForRedis + RECONCILE_MS + 3000 }).toEqual({
          round: r.id,
          late: true,
        });
      }
      const transitions = await w.db.query<{ instrumentId: string; n: number; system: number }>(
        `SELECT instrument_id AS "instrumentId", count(*)::int AS n, count(*) FILTER (WHERE actor_id IS NULL)::int AS system
           FROM stage_transition WHERE instrument_id = ANY($1::uuid[]) AND to_stage = 'CONSOLIDATION' GROUP BY 1`,
        [rounds.map((r) => r.instrumentId)],
      );
      expect(transitions).toHaveLength(rounds.length);
      expect(transitions.every((t) => t.n === 1 && t.system === 1)).toBe(true);

      // The worker works again: it seals the audit log and fans out what was written while Redis was away.
      await waitFor(
        'every audit event sealed',
        async () => {
          const [{ n }] = await w.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE sequence IS NULL`);
          return n === 0 ? true : undefined;
        },
        20_000,
        200,
      );
      await waitFor(
        'every notification event fanned out',
        async () => {
          const [{ n }] = await w.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_event WHERE fanned_out_at IS NULL`);
          return n === 0 ? true : undefined;
        },
        20_000,
        200,
      );
      // Deliveries tried (and refused) before the crash had their retry waiting in Redis, which lost it: the reconcile
      // queues them again for the due time the database recorded. Every delivery arrives once, none twice, none dead.
      const lost = [...new Set(receiver.arrivals.filter((a) => a.at < killedAt).map((a) => a.deliveryId))];
      expect(lost.length).toBeGreaterThan(0);
      const deliveries = await waitFor(
        'every webhook delivery delivered',
        async () => {
          const rows = await w.db.query<{ id: string; status: string }>(`SELECT id, status FROM webhook_delivery WHERE webhook_id = $1`, [hook.id]);
          return rows.every((r) => r.status === 'DELIVERED') ? rows : undefined;
        },
        40_000,
        200,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await w.diagnosis()}`);
      });
      const deliveryIds = deliveries.map((d) => d.id).sort();
      expect(deliveryIds).toEqual(expect.arrayContaining(lost));
      expect([...receiver.distinctIds()].sort()).toEqual(deliveryIds);
      const delivered = (id: string) => receiver.arrivals.filter((a) => a.deliveryId === id && a.status === 200).length;
      expect(deliveryIds.filter((id) => delivered(id) !== 1).map((id) => `${id}: ${delivered(id)}`)).toEqual([]);
      // (A try already on its way when Redis died may arrive just after; it is the one the database recorded.)
      for (const { id, due } of owed) {
        const next = receiver.arrivals.find((a) => a.deliveryId === id && a.at > owedAt);
        expect({ id, early: next!.at < due.getTime() - 50 }).toEqual({ id, early: false });
      }
      const [{ letters }] = await w.db.query<{ letters: number }>(`SELECT count(*)::int AS letters FROM webhook_dead_letter WHERE webhook_id = $1`, [hook.id]);
      expect(letters).toBe(0);
      // Later scenarios should not deliver to this receiver.
      await w.must('setWebhookActive', { w: hook.id, a: false }, w.admin.token);

      expect(await halfWrites(w.db)).toEqual([]);
      const lateness = closed.map((r) => r.closedAt!.getTime() - r.closesAt.getTime()).sort((a, b) => a - b);
      process.stdout.write(
        `redis: down ${OUTAGE_AT}-${restartedAt} ms; ${during.length} probes not ready during it; ${entries.length} requests, all ok; round close lateness ms ${lateness.join(', ')}; ` +
          `${deliveryIds.length} webhook deliveries, ${lost.length} lost with Redis while waiting for a retry, each delivered once\n`,
      );
    }, 180_000);
  });
}
