'use strict';
// Child processes of a benchmark: the production api and worker, the baseline servers and the load
// generator, each pinned to a core with taskset when the machine allows it.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { DIST, REDIS_URL, ROOT } = require('./services');
const { freePort, sleep } = require('./util');

const OUT = path.join(ROOT, 'bench', 'out');
const SERVER_CORE = '0';
const LOAD_CORE = '1';

let tasksetWorks;
function pinned(core, args) {
  if (tasksetWorks === undefined) {
    try {
      execFileSync('taskset', ['-c', core, 'true']);
      tasksetWorks = require('node:os').cpus().length > 1;
    } catch {
      tasksetWorks = false;
    }
  }
  return tasksetWorks ? ['taskset', ['-c', core, ...args]] : [args[0], args.slice(1)];
}

const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts `node <script>` pinned to the server core; resolves once GET readyPath answers 200. */
async function startServer(name, script, { env = {}, port, readyPath = '/health/live', nodeArgs = [], core = SERVER_CORE } = {}) {
  fs.mkdirSync(path.join(OUT, 'logs'), { recursive: true });
  const logFile = path.join(OUT, 'logs', `${name}.log`);
  const log = fs.openSync(logFile, 'a');
  const [cmd, args] = pinned(core, [process.execPath, ...nodeArgs, script]);
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  children.add(child);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    children.delete(child);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited during start-up (${JSON.stringify(exited)}); see ${logFile}`);
    try {
      const res = await fetch(url + readyPath);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${name} did not become ready; see ${logFile}`);
    await sleep(100);
  }
  return {
    name,
    url,
    port,
    pid: child.pid,
    child,
    logFile,
    /** SIGTERM (or another signal), SIGKILL after the grace period. */
    async stop(signal = 'SIGTERM', graceMs = 15_000) {
      if (exited) return exited;
      const done = new Promise((r) => child.once('exit', (code, sig) => r({ code, signal: sig })));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await done;
      clearTimeout(timer);
      return result;
    },
  };
}

/** The environment of the production build for a benchmark's database and queue prefix. */
function appEnv(ctx, extra = {}) {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: ctx.jwtSecret,
    DATABASE_URL: ctx.db.url,
    REDIS_URL,
    QUEUE_PREFIX: ctx.prefix,
    AUDIT_VERIFY_KEY: ctx.auditKeys.verify,
    ...extra,
  };
}

async function startApi(ctx, { name = 'api', env = {}, nodeArgs = [] } = {}) {
  const port = await freePort();
  const healthPort = await freePort();
  return startServer(`${ctx.tag}-${name}`, DIST.api, {
    port,
    env: appEnv(ctx, { PORT: String(port), WORKER_HEALTH_PORT: String(healthPort), ...env }),
    nodeArgs,
  });
}

async function startWorker(ctx, { env = {} } = {}) {
  const port = await freePort();
  // Shares the server core with the api: the load generator keeps the other one.
  return startServer(`${ctx.tag}-worker`, DIST.worker, {
    port,
    env: appEnv(ctx, { WORKER_HEALTH_PORT: String(port), PORT: '0', AUDIT_SIGNING_KEY: ctx.auditKeys.signing, ...env }),
  });
}

async function startBaseline(ctx, script, { env = {} } = {}) {
  const port = await freePort();
  return startServer(`${ctx.tag}-${path.basename(script, '.js')}`, path.join(ROOT, 'bench', 'baseline', script), {
    port,
    readyPath: '/health',
    env: { PORT: String(port), DATABASE_URL: ctx.db.url, ...env },
  });
}

/** Resident set size of a process in MB (Linux /proc). */
function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

let clockTicks;
/** CPU time (user + system) a process has used, in ms (Linux /proc). */
function cpuMs(pid) {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/** Runs the load generator (bench/lib/load.js) pinned to the other core; resolves with its JSON result. */
function runLoad(config) {
  return new Promise((resolve, reject) => {
    const [cmd, args] = pinned(LOAD_CORE, [process.execPath, path.join(__dirname, 'load.js')]);
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      children.delete(child);
      if (code !== 0) return reject(new Error(`load generator exited with ${code}: ${out.slice(-2000)}`));
      try {
        resolve(JSON.parse(out));
      } catch (error) {
        reject(new Error(`load generator printed no JSON: ${out.slice(-2000)}`));
      }
    });
    child.stdin.end(JSON.stringify(config));
  });
}

module.exports = { OUT, startServer, startApi, startWorker, startBaseline, appEnv, rssMb, cpuMs, runLoad, pinned, LOAD_CORE, SERVER_CORE };
