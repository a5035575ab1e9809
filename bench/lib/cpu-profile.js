'use strict';
// CPU profiles of the api under load, taken by a preloaded hook (cpu-profile-hook.js) between two
// SIGWINCH signals, so start-up is not in them. Summarised as the functions and the packages with
// the most self time.
const fs = require('node:fs');
const path = require('node:path');
const { OUT } = require('./procs');

const profileFile = (name) => path.join(OUT, 'profiles', `${name}.cpuprofile`);

/** node arguments and environment of a profiled process. */
function profiled(name) {
  const file = profileFile(name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  return { nodeArgs: ['--require', path.join(__dirname, 'cpu-profile-hook.js')], env: { BENCH_CPU_PROFILE_FILE: file } };
}

/** Profiles the process while fn runs. */
async function during(proc, name, fn) {
  proc.child.kill('SIGWINCH');
  await new Promise((r) => setTimeout(r, 200));
  const result = await fn();
  proc.child.kill('SIGWINCH');
  const file = profileFile(name);
  for (let i = 0; i < 50 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300));
  return result;
}

const SPECIAL = ['(idle)', '(program)', '(garbage collector)', '(root)'];

/** The package of a script URL (node_modules/<pkg>), the app's own code (dist/<app or lib>), or null. */
function packageOf(url) {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return `app: ${url
      .slice(dist + 6)
      .split('/')
      .slice(0, 2)
      .join('/')}`;
  return null;
}

const short = (cf) => {
  const where = cf.url ? ` ${cf.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${cf.lineNumber + 1}` : '';
  return `${cf.functionName || '(anonymous)'}${where}`;
};

/**
 * Self time per frame (a native or node-internal frame is shown with the package code that called
 * it), and time per package, counting the node and native calls a package makes as its own.
 */
function summarise(name, top = 15) {
  const file = profileFile(name);
  if (!fs.existsSync(file)) return null;
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  // The hook's own work (starting and stopping the profiler, serialising the profile) is not the app's.
  const hookFrame = new Map();
  const inHook = (id) => {
    if (id === undefined) return false;
    if (!hookFrame.has(id)) hookFrame.set(id, byId.get(id).callFrame.url.endsWith('cpu-profile-hook.js') || inHook(parent.get(id)));
    return hookFrame.get(id);
  };
  let total = 0;
  const frames = new Map();
  const packages = new Map();
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
  for (const [id, us] of selfUs) {
    if (inHook(id)) continue;
    total += us;
    const cf = byId.get(id).callFrame;
    if (SPECIAL.includes(cf.functionName)) {
      add(frames, cf.functionName, us);
      add(packages, cf.functionName, us);
      continue;
    }
    // The nearest caller in a package or the app, for frames of node itself or V8.
    let owner = packageOf(cf.url);
    let caller = null;
    for (let up = parent.get(id); !owner && up !== undefined; up = parent.get(up)) {
      const ucf = byId.get(up).callFrame;
      owner = packageOf(ucf.url);
      if (owner) caller = ucf;
    }
    add(frames, caller ? `${short(cf)} ← ${short(caller)}` : short(cf), us);
    add(packages, owner ?? (cf.url.startsWith('node:') ? 'node (internals)' : '(native / V8)'), us);
  }
  const pct = (us) => (100 * us) / total;
  const idle = frames.get('(idle)') ?? 0;
  return {
    file: path.relative(path.resolve(OUT, '..', '..'), file),
    totalMs: total / 1000,
    busyPct: pct(total - idle),
    frames: [...frames]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, us]) => ({ frame, pct: pct(us) })),
    packages: [...packages]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([pkg, us]) => ({ package: pkg, pct: pct(us) })),
  };
}

module.exports = { profiled, during, summarise };
