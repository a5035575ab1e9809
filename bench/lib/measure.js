'use strict';
// Repeated, interleaved runs of the system and its baseline, and statement counts per request.
const { runLoad, cpuMs } = require('./procs');
const { label } = require('./pg-count-proxy');
const { summary, log, fmt, sleep } = require('./util');

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);

function describe(r) {
  const failed = r.failures + r.errors + r.timeouts;
  const cpu = r.cpuMsPerRequest === undefined ? '' : `, ${fmt(r.cpuMsPerRequest, 2)} ms CPU/req`;
  return `${fmt(r.throughput, 0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms${cpu}${failed ? `, ${failed} FAILED ${r.failureSamples.join(' | ')}` : ''}`;
}

/**
 * Warms both sides up, then alternates system and baseline runs (A B A B A B) so that anything
 * else happening on the machine weighs on both alike. configs: { system(), baseline() } → load configs.
 */
async function interleaved(name, configs, { runs = RUNS, duration = DURATION, warmup = WARMUP, pids = {} } = {}) {
  const out = { system: [], baseline: [] };
  let acknowledged = 0;
  // Requests in flight when a run's clock stops may still complete on the server, uncounted.
  let inFlightBound = 0;
  for (const side of ['system', 'baseline']) {
    if (warmup > 0) {
      const r = await runLoad({ ...configs[side](), duration: warmup });
      acknowledged += r.ok;
      inFlightBound += r.connections;
      log(`  ${name} ${side} warm-up: ${describe(r)}`);
    }
  }
  for (let i = 0; i < runs; i++) {
    for (const side of ['system', 'baseline']) {
      const cpuBefore = pids[side] ? cpuMs(pids[side]) : null;
      const r = await runLoad({ ...configs[side](), duration });
      if (cpuBefore !== null) r.cpuMsPerRequest = (cpuMs(pids[side]) - cpuBefore) / (r.total || 1);
      log(`  ${name} ${side} run ${i + 1}: ${describe(r)}`);
      out[side].push(r);
      acknowledged += r.ok;
      inFlightBound += r.connections;
      await sleep(300);
    }
  }
  return { system: summarise(out.system), baseline: summarise(out.baseline), raw: out, acknowledged, inFlightBound };
}

function summarise(results) {
  return {
    throughput: summary(results.map((r) => r.throughput)),
    p50: summary(results.map((r) => r.latency.p50)),
    p99: summary(results.map((r) => r.latency.p99)),
    cpuMsPerRequest: results[0].cpuMsPerRequest === undefined ? null : summary(results.map((r) => r.cpuMsPerRequest)),
    failures: results.reduce((n, r) => n + r.failures + r.errors + r.timeouts, 0),
    requests: results.reduce((n, r) => n + r.ok, 0),
  };
}

/** Statements per request through the counting proxy: n requests one after another. */
async function statementsPerRequest(proxy, request, n = 30) {
  await request(); // first use: pools, prepared caches
  await sleep(200);
  proxy.take();
  for (let i = 0; i < n; i++) await request();
  await sleep(200);
  const { statements, texts } = proxy.take();
  const kinds = new Map();
  for (const t of texts) kinds.set(label(t), (kinds.get(label(t)) ?? 0) + 1);
  return {
    perRequest: statements / n,
    breakdown: [...kinds].map(([k, c]) => `${fmt(c / n, c % n ? 2 : 0)} × ${k}`),
  };
}

module.exports = { interleaved, statementsPerRequest, DURATION, RUNS, describe };
