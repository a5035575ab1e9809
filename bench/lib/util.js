'use strict';
// Small helpers shared by the benchmarks: statistics, waiting, free ports, formatting.
const net = require('node:net');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
function percentile(values, p) {
  if (!values.length) return NaN;
  const s = sorted(values);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1];
}

const median = (values) => {
  if (!values.length) return NaN;
  const s = sorted(values);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Median and spread of repeated runs. */
function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** Least-squares line y = a + b x; returns slope b, intercept a and r². */
function linearRegression(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxx ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx, r2: sxx && syy ? (sxy * sxy) / (sxx * syy) : 0 };
}

/**
 * The trend of a sawtooth (RSS under a garbage collector): the lowest sample of each full window,
 * regressed on time. Windows with fewer than minSamples samples (the last, partial one) are left out.
 */
function floorTrend(samples, windowMinutes = 0.5, minSamples = 4) {
  const windows = new Map();
  for (const s of samples) {
    const k = Math.floor(s.minutes / windowMinutes);
    const w = windows.get(k) ?? { n: 0, low: null };
    w.n += 1;
    if (!w.low || s.rssMb < w.low.rssMb) w.low = s;
    windows.set(k, w);
  }
  const floors = [...windows.values()].filter((w) => w.n >= minSamples).map((w) => w.low);
  return {
    floors,
    ...linearRegression(
      floors.map((f) => f.minutes),
      floors.map((f) => f.rssMb),
    ),
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs fn over items with at most `limit` in flight; results in input order. */
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
/** "median (min–max)" */
const spread = (s, digits = 1, unit = '') => `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
const ratio = (a, b) => (b ? a / b : NaN);

function log(...args) {
  const t = new Date().toISOString().slice(11, 19);
  console.log(`[${t}]`, ...args);
}

module.exports = { sleep, percentile, median, summary, linearRegression, floorTrend, freePort, mapLimit, fmt, spread, ratio, log };
