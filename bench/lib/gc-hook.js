'use strict';
// Preloaded into the api of benchmark 6 (node --require): after each major (mark-sweep-compact) garbage
// collection, appends "epoch ms, RSS bytes, heap used bytes" to BENCH_GC_LOG. RSS right after a full
// collection is the same phase of the sawtooth every time, so its trend is what grows when something is
// retained. The app itself is unchanged; the observer costs one line per full collection.
const fs = require('node:fs');
const { constants } = require('node:perf_hooks');

const file = process.env.BENCH_GC_LOG;
if (file) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      const { rss, heapUsed } = process.memoryUsage();
      fs.appendFileSync(file, `${Date.now()},${rss},${heapUsed}\n`);
    }
  }).observe({ entryTypes: ['gc'] });
}
