'use strict';
// The real services every benchmark runs against: a fresh PostgreSQL database per benchmark
// (migrated by the production CLI) and its own Redis key prefix, both removed at the end.
const { spawnSync, execFileSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { Client, Pool } = require('pg');
const Redis = require('ioredis');

const ROOT = path.resolve(__dirname, '..', '..');
const PG_SERVER = process.env.BENCH_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DIST = {
  api: path.join(ROOT, 'dist/apps/api/src/main.js'),
  worker: path.join(ROOT, 'dist/apps/worker/src/main.js'),
  migrate: path.join(ROOT, 'dist/apps/cli/src/migrate.js'),
};

async function adminQuery(sql, params) {
  const client = new Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh database, migrated by the production CLI (dist/apps/cli/src/migrate.js). */
async function createDatabase(tag) {
  const name = `bench_${tag}_${Date.now()}_${process.pid}`;
  const url = `${PG_SERVER}/${name}`;
  const result = spawnSync(process.execPath, [DIST.migrate], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`migrating ${name} failed:\n${result.stdout}\n${result.stderr}`);
  const pool = new Pool({ connectionString: url, max: 4 });
  return {
    name,
    url,
    pool,
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    async drop() {
      await pool.end().catch(() => undefined);
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Databases left by killed bench runs (older than an hour). */
async function dropStaleDatabases() {
  const rows = await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_%'`);
  for (const { datname } of rows) {
    const started = Number(datname.split('_').at(-2));
    if (Number.isFinite(started) && started < Date.now() - 3600_000) {
      await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}

async function deleteRedisKeys(prefix) {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

const newPrefix = (tag) => `bench${tag}x${process.pid}x${Date.now().toString(36)}`;

async function systemInfo() {
  const [{ version }] = await adminQuery('SHOW server_version').then((r) => [{ version: r[0].server_version }]);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const info = await redis.info('server');
  redis.disconnect();
  const cpus = os.cpus();
  let taskset = false;
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    taskset = true;
  } catch {
    taskset = false;
  }
  return {
    node: process.version,
    postgres: version,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    autocannon: require('autocannon/package.json').version,
    fastify: require('fastify/package.json').version,
    taskset,
  };
}

/** 1-minute load average of the machine, to show when something else competed for the CPU. */
const loadAverage = () => os.loadavg()[0];

module.exports = { ROOT, PG_SERVER, REDIS_URL, DIST, createDatabase, dropStaleDatabases, deleteRedisKeys, newPrefix, systemInfo, loadAverage, adminQuery };
