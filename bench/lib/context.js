'use strict';
// One benchmark's world: a fresh database, its own Redis key prefix and JWT secret, and the
// processes it started; everything is removed at the end, whatever happened.
const { randomBytes } = require('node:crypto');
const { createDatabase, deleteRedisKeys, newPrefix, loadAverage } = require('./services');
const { log } = require('./util');

async function withContext(tag, fn) {
  const db = await createDatabase(tag);
  const ctx = {
    tag,
    db,
    prefix: newPrefix(tag),
    jwtSecret: randomBytes(32).toString('hex'),
    processes: [],
    loadBefore: loadAverage(),
    /** Registers a started process for the final clean-up; returns it. */
    track(proc) {
      ctx.processes.push(proc);
      return proc;
    },
  };
  log(`[${tag}] database ${db.name}, queue prefix ${ctx.prefix}`);
  try {
    const result = await fn(ctx);
    return { ...result, machineLoad: { before: ctx.loadBefore, after: loadAverage() } };
  } finally {
    for (const proc of ctx.processes.reverse()) await proc.stop().catch(() => undefined);
    await db.drop().catch((e) => log(`[${tag}] could not drop ${db.name}: ${e.message}`));
    const deleted = await deleteRedisKeys(ctx.prefix).catch(() => 0);
    log(`[${tag}] dropped ${db.name}; deleted ${deleted} Redis keys under ${ctx.prefix}:`);
  }
}

module.exports = { withContext };
