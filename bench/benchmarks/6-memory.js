'use strict';
// 6. Memory: RSS of the api while benchmark 1's submitComment load runs at half its peak rate for
// BENCH_MEMORY_SECONDS (default 300 s); slope in MB/min by least squares over samples every second.
const fs = require('node:fs');
const path = require('node:path');
const { withContext } = require('../lib/context');
const { startApi, runLoad, rssMb } = require('../lib/procs');
const { submitWorld, submitLoad } = require('../lib/submit-world');
const { describe } = require('../lib/measure');
const { floorTrend, linearRegression, log, sleep } = require('../lib/util');

const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 300);
// Long enough for the heap to reach its working size (the first full collections) before sampling.
const WARMUP_SECONDS = Math.min(60, Math.max(5, Math.round(SECONDS / 5)));
// Dense enough that each 30 s window's lowest sample is the trough after a collection.
const SAMPLE_MS = 1000;

async function run(shared) {
  return withContext('b6', async (ctx) => {
    const gcLog = path.join(__dirname, '..', 'out', `b6-gc-${process.pid}.csv`);
    fs.mkdirSync(path.dirname(gcLog), { recursive: true });
    fs.rmSync(gcLog, { force: true });
    const api = ctx.track(await startApi(ctx, { nodeArgs: ['--require', path.join(__dirname, '..', 'lib', 'gc-hook.js')], env: { BENCH_GC_LOG: gcLog } }));
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
    const fit = linearRegression(
      samples.map((s) => s.minutes),
      samples.map((s) => s.rssMb),
    );
    const half = samples.filter((s) => s.minutes >= samples.at(-1).minutes / 2);
    const secondHalf = linearRegression(
      half.map((s) => s.minutes),
      half.map((s) => s.rssMb),
    );
    const rss = samples.map((s) => s.rssMb);
    const floor = floorTrend(samples);
    // RSS and heap right after each full collection within the sampled window.
    const t1 = t0 + samples.at(-1).minutes * 60_000;
    const afterGc = (fs.existsSync(gcLog) ? fs.readFileSync(gcLog, 'utf8') : '')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(',').map(Number))
      .filter(([t]) => t >= t0 && t <= t1)
      .map(([t, rss, heap]) => ({ minutes: (t - t0) / 60_000, rssMb: rss / 1048576, heapMb: heap / 1048576 }));
    const gcRss =
      afterGc.length >= 3
        ? linearRegression(
            afterGc.map((g) => g.minutes),
            afterGc.map((g) => g.rssMb),
          )
        : null;
    const gcHeap =
      afterGc.length >= 3
        ? linearRegression(
            afterGc.map((g) => g.minutes),
            afterGc.map((g) => g.heapMb),
          )
        : null;
    log(
      `  after each of ${afterGc.length} full collections: RSS slope ${gcRss ? gcRss.slope.toFixed(2) : 'n/a'} MB/min, heap used slope ${gcHeap ? gcHeap.slope.toFixed(2) : 'n/a'} MB/min`,
    );
    log(
      `  RSS ${rss[0].toFixed(1)} → ${rss.at(-1).toFixed(1)} MB (max ${Math.max(...rss).toFixed(1)}), slope ${fit.slope.toFixed(2)} MB/min (r² ${fit.r2.toFixed(2)}), second half ${secondHalf.slope.toFixed(2)} MB/min, post-GC floors ${floor.slope.toFixed(2)} MB/min`,
    );
    return {
      sampledSeconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      sampleMs: SAMPLE_MS,
      peak,
      peakSource,
      rate,
      load: { throughput: result.throughput, p50: result.latency.p50, p99: result.latency.p99, failures: result.failures + result.errors + result.timeouts },
      samples,
      slope: fit.slope,
      r2: fit.r2,
      secondHalfSlope: secondHalf.slope,
      floorSlope: floor.slope,
      afterGc: {
        collections: afterGc.length,
        rssSlope: gcRss?.slope ?? null,
        heapSlope: gcHeap?.slope ?? null,
        rss: afterGc.map((g) => g.rssMb),
        heap: afterGc.map((g) => g.heapMb),
      },
      rssStart: rss[0],
      rssEnd: rss.at(-1),
      rssMax: Math.max(...rss),
    };
  });
}

module.exports = { id: 6, title: 'Memory: api RSS under submitComment load at half the peak rate', run };
