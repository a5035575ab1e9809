'use strict';
// 4. Deadline precision: 1,000 rounds whose deadlines are spread over 60 seconds, closed by the
// worker while benchmark 1's submitComment load runs against the api. Lateness of each close
// (closed_at - closes_at, both from the database) p50/p99/max.
const { randomUUID } = require('node:crypto');
const { withContext } = require('../lib/context');
const { startApi, startWorker, runLoad } = require('../lib/procs');
const { submitWorld, submitLoad } = require('../lib/submit-world');
const { gql, Q } = require('../lib/world');
const { log, mapLimit, percentile, summary, sleep } = require('../lib/util');
const { describe } = require('../lib/measure');

const ROUNDS = Number(process.env.BENCH_DEADLINE_ROUNDS ?? 1000);
const SPREAD_MS = 60_000;
const RUNS = Math.max(1, Number(process.env.BENCH_DEADLINE_RUNS ?? 3));
const OPEN_CONCURRENCY = 12;
// The close path (workflow move, audit, stage.changed fan-out) warmed before the measured runs, as the submit path is.
const WARMUP = { rounds: 100, spreadMs: 6_000 };

/**
 * Published instruments straight in SQL (setup only: an instrument, version 1 PUBLISHED, one section,
 * one guideline — the rows createInstrument, importDraftMarkdown and publishVersion leave).
 */
async function publishedInstruments(ctx, count, createdBy) {
  return ctx.db.query(
    `WITH i AS (
       INSERT INTO instrument (reference, title, created_by)
       SELECT 'DL/' || $1 || '/' || n, 'Guidelines under deadline benchmark', $2 FROM generate_series(1, $3) n RETURNING id),
     v AS (
       INSERT INTO draft_version (instrument_id, number, status, published_at, change_summary)
       SELECT id, 1, 'PUBLISHED', clock_timestamp(), 'for consultation' FROM i RETURNING id, instrument_id),
     s AS (
       INSERT INTO section (version_id, position, number, heading) SELECT id, 1, 'I', 'Deadlines' FROM v RETURNING id, version_id),
     g AS (
       INSERT INTO guideline (version_id, section_id, position, key, number, text)
       SELECT version_id, id, 1, '1.1', '1.1', 'Deadlines are announced in advance and kept.' FROM s RETURNING id)
     SELECT v.instrument_id AS "instrumentId", v.id AS "versionId" FROM v`,
    [randomUUID().slice(0, 8), createdBy, count],
  );
}

/** Schedules and opens (advanceStage to CONSULTATION, as the secretariat) each round through the api. */
async function openAll(api, secretariat, instruments, closesAt, organizationIds) {
  return mapLimit(instruments, OPEN_CONCURRENCY, async (inst, i) => {
    const input = { instrumentId: inst.instrumentId, versionId: inst.versionId, closesAt: closesAt(i).toISOString(), organizationIds };
    const round = (await gql(api.url, Q.schedule, { in: input }, secretariat.token)).scheduleConsultation;
    await gql(api.url, Q.advance, { i: inst.instrumentId, to: 'CONSULTATION' }, secretariat.token);
    return round.id;
  });
}

async function oneRun(ctx, api, world, r, { rounds = ROUNDS, spreadMs = SPREAD_MS } = {}) {
  const secretariat = world.people.staff.secretariat;
  // Invitations kept to one organization: each open and close also fans out notifications.
  const invited = [world.people.organizations[0].id];

  // How fast rounds open here, to start the deadlines just after the last one has opened.
  const pilot = await publishedInstruments(ctx, 40, secretariat.id);
  const t = Date.now();
  await openAll(api, secretariat, pilot, () => new Date(Date.now() + 3 * 3600_000), invited);
  const perOpenMs = (Date.now() - t) / pilot.length;

  const instruments = await publishedInstruments(ctx, rounds, secretariat.id);
  const [{ now }] = await ctx.db.query(`SELECT clock_timestamp() AS now`);
  const start = new Date(now.getTime() + Math.ceil(rounds * perOpenMs * 1.25) + 3000);
  const closesAt = (i) => new Date(start.getTime() + Math.round((i * spreadMs) / rounds));
  const opening = Date.now();
  const roundIds = await openAll(api, secretariat, instruments, closesAt, invited);
  log(
    `  run ${r}: ${roundIds.length} rounds opened in ${((Date.now() - opening) / 1000).toFixed(1)} s; deadlines from ${start.toISOString()} over ${spreadMs / 1000} s`,
  );

  // Benchmark 1's load from now until 5 s after the last deadline.
  const [{ now: dbNow }] = await ctx.db.query(`SELECT clock_timestamp() AS now`);
  const loadSeconds = Math.ceil((start.getTime() + spreadMs + 5000 - dbNow.getTime()) / 1000);
  const load = await runLoad({ ...submitLoad(world, api, 'api', { connections: 16 }), duration: loadSeconds });
  log(`  run ${r}: submitComment load during the deadlines (c=16, ${loadSeconds} s): ${describe(load)}`);

  // Closes still in flight get up to a minute.
  let rows = [];
  for (let waited = 0; waited < 60_000; waited += 1000) {
    rows = await ctx.db.query(
      `SELECT r.status, extract(epoch FROM r.closed_at - r.closes_at) * 1000 AS late_ms,
              (SELECT t.actor_id IS NULL FROM stage_transition t WHERE t.instrument_id = r.instrument_id AND t.to_stage = 'CONSOLIDATION' ORDER BY t.at DESC LIMIT 1) AS by_system
         FROM consultation_round r WHERE r.id = ANY($1::uuid[])`,
      [roundIds],
    );
    if (rows.every((x) => x.status === 'CLOSED')) break;
    await sleep(1000);
  }
  const closed = rows.filter((x) => x.status === 'CLOSED');
  const lateness = closed.map((x) => Number(x.late_ms));
  const result = {
    rounds: roundIds.length,
    closed: closed.length,
    closedBySystem: closed.filter((x) => x.by_system).length,
    early: lateness.filter((ms) => ms < 0).length,
    p50: percentile(lateness, 50),
    p99: percentile(lateness, 99),
    max: Math.max(...lateness),
    load: {
      throughput: load.throughput,
      p50: load.latency.p50,
      p99: load.latency.p99,
      failures: load.failures + load.errors + load.timeouts,
      seconds: loadSeconds,
    },
    openSeconds: (start.getTime() - opening) / 1000,
  };
  log(
    `  run ${r}: ${result.closed}/${result.rounds} closed (${result.closedBySystem} by the worker), lateness p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(1)} ms`,
  );
  return result;
}

async function run() {
  return withContext('b4', async (ctx) => {
    const api = ctx.track(await startApi(ctx));
    const worker = ctx.track(await startWorker(ctx));
    const world = await submitWorld(ctx, api);
    await runLoad({ ...submitLoad(world, api, 'api', { connections: 16 }), duration: 3 }); // warm-up
    const warmup = await oneRun(ctx, api, world, 'warm-up', WARMUP);
    const runs = [];
    for (let r = 1; r <= RUNS; r++) runs.push(await oneRun(ctx, api, world, r));
    const [{ pending }] = await ctx.db.query(`SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL`);
    return {
      roundsPerRun: ROUNDS,
      warmup: { rounds: WARMUP.rounds, spreadSeconds: WARMUP.spreadMs / 1000, p99: warmup.p99, max: warmup.max },
      spreadSeconds: SPREAD_MS / 1000,
      workerPid: worker.pid,
      runs,
      p50: summary(runs.map((x) => x.p50)),
      p99: summary(runs.map((x) => x.p99)),
      max: summary(runs.map((x) => x.max)),
      loadThroughput: summary(runs.map((x) => x.load.throughput)),
      outboxPendingAtEnd: pending,
    };
  });
}

module.exports = { id: 4, title: 'Deadline precision: 1,000 round closes over 60 s under submitComment load', run };
