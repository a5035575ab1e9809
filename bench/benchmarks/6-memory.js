'use strict';
// 6. Memory: RSS of the api while benchmark 1's submitComment load runs at half its peak rate for
// BENCH_MEMORY_SECONDS (default 300 s); slope in MB/min by least squares over samples every 5 s.
const { withContext } = require('../lib/context');
const { startApi, runLoad, rssMb } = require('../lib/procs');
const { submitWorld, submitLoad } = require('../lib/submit-world');
const { describe } = require('../lib/measure');
const { floorTrend, linearRegression, log, sleep } = require('../lib/util');

const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 300);
// Long enough for the heap to reach its working size (the first full collections) before sampling.
const WARMUP_SECONDS = Math.min(60, Math.max(5, Math.round(SECONDS / 5)));
const SAMPLE_MS = 5000;

async function run(shared) {
  return withContext('b6', async (ctx) => {
    const api = ctx.track(await startApi(ctx));
    const world = await submitWorld(ctx, api);
    let peak = shared.submitPeak;
    let peakSource = 'benchmark 1 (best median throughput)';
    if (!peak) {
      const r = await runLoad({ ...submitLoad(world, api, 'api', { connections: 16 }), duration: 5 });
      peak = r.throughput;
      peakSource = 'a 5 s run at 16 connections (benchmark 1 not run)';
    }
    const rate = Math.max(1, Math.round(peak / 2));
    log(`  peak ${peak.toFixed(0)} req/s from ${peakSource}; load at ${rate} req/s: ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s sampled`);
    const warm = await runLoad({ ...submitLoad(world, api, 'api', { connections: 16, overallRate: rate }), duration: WARMUP_SECONDS });
    log(`  warm-up: ${describe(warm)}`);

    const samples = [];
    const t0 = Date.now();
    let loading = true;
    const load = runLoad({ ...submitLoad(world, api, 'api', { connections: 16, overallRate: rate }), duration: SECONDS }).finally(() => (loading = false));
    while (loading) {
      samples.push({ minutes: (Date.now() - t0) / 60_000, rssMb: rssMb(api.pid) });
      await Promise.race([sleep(SAMPLE_MS), load.catch(() => undefined)]);
    }
    const result = await load;
    samples.push({ minutes: (Date.now() - t0) / 60_000, rssMb: rssMb(api.pid) });
    log(`  sampled load: ${describe(result)}`);
    const fit = linearRegression(samples.map((s) => s.minutes), samples.map((s) => s.rssMb));
    const half = samples.filter((s) => s.minutes >= samples.at(-1).minutes / 2);
    const secondHalf = linearRegression(half.map((s) => s.minutes), half.map((s) => s.rssMb));
    const rss = samples.map((s) => s.rssMb);
    const floor = floorTrend(samples);
    log(`  RSS ${rss[0].toFixed(1)} → ${rss.at(-1).toFixed(1)} MB (max ${Math.max(...rss).toFixed(1)}), slope ${fit.slope.toFixed(2)} MB/min (r² ${fit.r2.toFixed(2)}), second half ${secondHalf.slope.toFixed(2)} MB/min, post-GC floors ${floor.slope.toFixed(2)} MB/min`);
    return {
      sampledSeconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      peak,
      peakSource,
      rate,
      load: { throughput: result.throughput, p50: result.latency.p50, p99: result.latency.p99, failures: result.failures + result.errors + result.timeouts },
      samples,
      slope: fit.slope,
      r2: fit.r2,
      secondHalfSlope: secondHalf.slope,
      floorSlope: floor.slope,
      rssStart: rss[0],
      rssEnd: rss.at(-1),
      rssMax: Math.max(...rss),
    };
  });
}

module.exports = { id: 6, title: 'Memory: api RSS under submitComment load at half the peak rate', run };
