// The worker SIGKILLed in the middle of its jobs (webhook deliveries, round closes): after each restart every
// job completes, and its effects happen exactly once, as counted at the receiver and in the database.
import { Queue } from 'bullmq';
import { waitFor } from '../ops/processes';
import { QUEUE_NAMES, bullConnection } from '@tripartite/queue';
import { halfWrites } from './support/invariants';
import { Arrival, Receiver } from './support/receiver';
import { World, sleep } from './support/world';

const ROUNDS = 8;

export function workerKillScenario(world: () => World): void {
  describe('worker SIGKILLed during jobs', () => {
    const receiver = new Receiver(300);

    beforeAll(async () => {
      world().history.scenario = 'worker';
      await receiver.start();
    });
    afterAll(() => receiver.stop());

    it('completes every job after restart, with every effect exactly once', async () => {
      const w = world();
      const scenarioStart = Date.now();
      const hook = (
        await w.must('registerWebhook', { u: receiver.url, e: ['stage.changed', 'consultation.closed'], s: 'fault-suite-webhook-secret' }, w.admin.token)
      ).registerWebhook;
      const start = (await w.dbNow()).getTime() + 3000;
      const rounds = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await w.scheduled(new Date(start + 1500 + i * 1500)));
      for (const r of rounds) await w.must('advanceStage', { i: r.instrumentId, to: 'CONSULTATION' }, w.secretariat.token);

      // A delivery held open at the receiver and the worker killed under it; then the same delivery's next try
      // held and killed again (a crash loop: its job stalls twice); then a different delivery.
      const kills: string[] = [];
      const holds: ((arrival: Arrival, nth: number) => boolean)[] = [
        (_a, nth) => nth === 1,
        (a) => a.deliveryId === receiver.held[0].deliveryId,
        (a, nth) => nth === 1 && a.deliveryId !== receiver.held[0].deliveryId,
      ];
      for (const [k, hold] of holds.entries()) {
        receiver.holdNext = hold;
        await waitFor('a delivery in flight', async () => (receiver.held.length > k ? true : undefined), 15_000, 20);
        await w.killWorker();
        kills.push(`during delivery ${receiver.held[k].deliveryId}`);
        await w.startWorker();
      }
      // Once more, at the next round's deadline, when its close job is due.
      const next = rounds.find((r) => r.closesAt.getTime() > Date.now() + 300);
      expect(next).toBeDefined();
      await sleep(next!.closesAt.getTime() - Date.now());
      await w.killWorker();
      kills.push(`at the deadline of round ${rounds.indexOf(next!) + 1} of ${ROUNDS}`);
      await sleep(500);
      await w.startWorker();

      const ids = rounds.map((r) => r.roundId);
      const instruments = rounds.map((r) => r.instrumentId);
      await waitFor(
        'every round closed',
        async () => {
          const [{ open }] = await w.db.query<{ open: number }>(
            `SELECT count(*)::int AS open FROM consultation_round WHERE id = ANY($1::uuid[]) AND status <> 'CLOSED'`,
            [ids],
          );
          return open === 0 ? true : undefined;
        },
        30_000,
        200,
      );
      // Each round closed once: one system transition, one audit event, one event for people.
      const [closes] = await w.db.query<{ transitions: number; audited: number; events: number }>(
        `SELECT (SELECT count(*)::int FROM stage_transition WHERE instrument_id = ANY($1::uuid[]) AND from_stage = 'CONSULTATION' AND actor_id IS NULL) AS transitions,
                (SELECT count(*)::int FROM audit_event WHERE entity_id = ANY($2::text[]) AND action = 'round.closed') AS audited,
                (SELECT count(*)::int FROM notification_event WHERE subject_id = ANY($2::uuid[]) AND kind = 'consultation.closed') AS events`,
        [instruments, ids],
      );
      expect(closes).toEqual({ transitions: ROUNDS, audited: ROUNDS, events: ROUNDS });

      // Every webhook delivery arrives; one delivery id per event, however often a try was cut short.
      const deliveries = await waitFor(
        'every delivery delivered',
        async () => {
          const rows = await w.db.query<{ id: string; status: string; instrumentId: string; kind: string }>(
            `SELECT d.id, d.status, e.instrument_id AS "instrumentId", e.kind FROM webhook_delivery d JOIN notification_event e ON e.id = d.event_id WHERE d.webhook_id = $1`,
            [hook.id],
          );
          const ours = rows.filter((r) => instruments.includes(r.instrumentId));
          return ours.length === 3 * ROUNDS && rows.every((r) => r.status === 'DELIVERED') ? rows : undefined;
        },
        40_000,
        200,
      ).catch(async (error: Error) => {
        const stuck = await w.db.query(`SELECT id, status, attempts, last_error FROM webhook_delivery WHERE webhook_id = $1 AND status <> 'DELIVERED'`, [
          hook.id,
        ]);
        const queue = new Queue('webhooks', { connection: bullConnection(w.redis.url), prefix: w.prefix });
        const failed = (await queue.getFailed()).map((j) => `${j.name} ${JSON.stringify(j.data)}: ${j.failedReason}`);
        await queue.close();
        throw new Error(`${error.message}; not delivered: ${JSON.stringify(stuck)}; failed jobs: ${JSON.stringify(failed)}`);
      });
      const events = await w.db.query<{ id: string }>(
        `SELECT id FROM notification_event WHERE instrument_id = ANY($1::uuid[]) AND kind IN ('stage.changed', 'consultation.closed')`,
        [instruments],
      );
      expect(events).toHaveLength(3 * ROUNDS);
      expect([...receiver.distinctIds()].sort()).toEqual(deliveries.map((d) => d.id).sort());
      for (const held of receiver.held) {
        expect(receiver.arrivals.filter((a) => a.deliveryId === held.deliveryId).length).toBeGreaterThanOrEqual(2);
      }

      // Nothing left behind in the queues: none waiting or running, and no job failed, except a repeatable
      // maintenance run that lost its database connection in the PostgreSQL scenario (the next run, a second later, does its work).
      const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: bullConnection(w.redis.url), prefix: w.prefix }));
      try {
        await waitFor(
          'the queues to settle',
          async () => {
            const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active')));
            return counts.every((c) => c.waiting === 0 && c.active === 0) ? true : undefined;
          },
          20_000,
          200,
        );
        const failed = (await Promise.all(queues.map((q) => q.getFailed()))).flat().map((j) => ({
          job: `${j.queueName}/${j.name}`,
          reason: j.failedReason,
          duringThisScenario: (j.finishedOn ?? 0) >= scenarioStart,
        }));
        const repeatable = ['maintenance/audit.seal', 'maintenance/deadlines.reconcile'];
        const lostConnection = /terminat|Connection|ECONNRESET|administrator command|Query runner already released/i;
        expect(failed.filter((f) => f.duringThisScenario || !repeatable.includes(f.job) || !lostConnection.test(f.reason))).toEqual([]);
      } finally {
        await Promise.all(queues.map((q) => q.close()));
      }
      expect(await halfWrites(w.db)).toEqual([]);
      process.stdout.write(`worker: killed ${kills.join(', ')}; ${receiver.arrivals.length} requests for ${receiver.distinctIds().size} deliveries\n`);
    }, 120_000);
  });
}
