'use strict';
// Preloaded into a profiled api (node --require): SIGWINCH starts the V8 CPU profiler, the next
// SIGWINCH stops it and writes BENCH_CPU_PROFILE_FILE, so the profile covers the load window only
// (not start-up). The app itself is unchanged. Not SIGUSR2: Nest's enableShutdownHooks() closes the
// app on it; SIGWINCH is ignored by default, so nothing else reacts to it.
const fs = require('node:fs');
const inspector = require('node:inspector');

const session = new inspector.Session();
session.connect();
let profiling = false;
const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));

process.on('SIGWINCH', () => {
  if (!profiling) {
    profiling = true;
    post('Profiler.enable')
      .then(() => post('Profiler.setSamplingInterval', { interval: 500 }))
      .then(() => post('Profiler.start'))
      .catch((e) => process.stderr.write(`profiler: ${e.message}\n`));
    return;
  }
  profiling = false;
  post('Profiler.stop')
    .then(({ profile }) => fs.writeFileSync(process.env.BENCH_CPU_PROFILE_FILE, JSON.stringify(profile)))
    .catch((e) => process.stderr.write(`profiler: ${e.message}\n`));
});
