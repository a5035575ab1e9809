'use strict';
// npm run bench [-- --only=1,4]: runs the benchmarks one after another against the production
// build (dist/), prints every figure and writes bench/RESULTS.md.
// Environment: BENCH_DURATION (s per run, default 5), BENCH_RUNS (default 3), BENCH_MEMORY_SECONDS
// (default 300), BENCH_PROFILE=0 to skip CPU profiles, BENCH_RESULTS (output file).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const BENCHMARKS = [
  require('./benchmarks/1-submit-comment'),
  require('./benchmarks/2-comment-page'),
  require('./benchmarks/3-meeting-tally'),
  require('./benchmarks/4-deadline-precision'),
  require('./benchmarks/5-subscription-fanout'),
  require('./benchmarks/6-memory'),
  require('./benchmarks/7-health-under-flood'),
  require('./benchmarks/8-slow-signin'),
];

function only() {
  const arg = process.argv.find((a) => a.startsWith('--only='));
  if (!arg) return BENCHMARKS.map((b) => b.id);
  const ids = arg.slice('--only='.length).split(',').map(Number);
  for (const id of ids) if (!BENCHMARKS.some((b) => b.id === id)) throw new Error(`no benchmark ${id} (1 to ${BENCHMARKS.length})`);
  return ids;
}

/** The settings of this run, as the report states them. */
function settings() {
  return {
    duration: Number(process.env.BENCH_DURATION ?? 5),
    runs: Math.max(3, Number(process.env.BENCH_RUNS ?? 3)),
    memorySeconds: Number(process.env.BENCH_MEMORY_SECONDS ?? 300),
  };
}

/** The runner itself (ws clients, proxy) keeps to the load generator's core, away from the servers'. */
function repinned() {
  if (process.env.BENCH_PINNED) return false;
  const probe = spawnSync('taskset', ['-c', '1', 'true']);
  if (probe.status !== 0 || require('node:os').cpus().length < 2) return false;
  const r = spawnSync('taskset', ['-c', '1', process.execPath, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PINNED: '1' },
  });
  process.exit(r.status ?? 1);
}

async function main() {
  // --report-only: write RESULTS.md again from the last run's figures (bench/out/results.json).
  if (process.argv.includes('--report-only')) {
    const saved = JSON.parse(fs.readFileSync(path.join(__dirname, 'out', 'results.json'), 'utf8'));
    const file = process.env.BENCH_RESULTS ?? path.join(__dirname, 'RESULTS.md');
    require('./lib/report').writeResults(file, saved);
    console.log(`wrote ${path.relative(process.cwd(), file)} from bench/out/results.json`);
    return;
  }
  repinned();
  const { systemInfo, dropStaleDatabases, DIST } = require('./lib/services');
  const { log } = require('./lib/util');
  const { writeResults } = require('./lib/report');
  for (const file of Object.values(DIST)) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: build first (npm run build)`);
  }
  const ids = only();
  await dropStaleDatabases();
  const system = await systemInfo();
  log(`node ${system.node}, PostgreSQL ${system.postgres}, Redis ${system.redis}, ${system.cpu} x${system.cores}, taskset ${system.taskset ? 'yes' : 'no'}`);
  const started = Date.now();
  const shared = {};
  const results = {};
  for (const bench of BENCHMARKS.filter((b) => ids.includes(b.id))) {
    log(`== ${bench.id}. ${bench.title}`);
    const t0 = Date.now();
    try {
      results[bench.id] = { ...(await bench.run(shared)), seconds: (Date.now() - t0) / 1000 };
    } catch (error) {
      log(`benchmark ${bench.id} failed: ${error.stack}`);
      results[bench.id] = { error: error.message, seconds: (Date.now() - t0) / 1000 };
    }
    log(`== ${bench.id} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const file = process.env.BENCH_RESULTS ?? path.join(__dirname, 'RESULTS.md');
  const run = {
    system,
    results,
    ids,
    seconds: (Date.now() - started) / 1000,
    argv: process.argv.slice(2),
    finishedAt: new Date().toISOString(),
    settings: settings(),
  };
  fs.mkdirSync(path.join(__dirname, 'out'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'out', 'results.json'), JSON.stringify(run, null, 1));
  const markdown = writeResults(file, run);
  console.log(`\n${markdown}`);
  log(`wrote ${path.relative(process.cwd(), file)}`);
  if (Object.values(results).some((r) => r.error)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
