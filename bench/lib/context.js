'use strict';
// One benchmark's world: a fresh database, its own Redis key prefix and JWT secret, and the
// processes it started; everything is removed at the end, whatever happened.
const { generateKeyPairSync, randomBytes } = require('node:crypto');
const { createDatabase, deleteRedisKeys, newPrefix, loadAverage } = require('./services');
const { log } = require('./util');

/** An Ed25519 key pair as the settings take it: base64 of the PKCS#8 and SPKI DER. */
function auditKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signing: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    verify: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

async function withContext(tag, fn) {
  const db = await createDatabase(tag);
  const ctx = {
    tag,
    db,
    prefix: newPrefix(tag),
    jwtSecret: randomBytes(32).toString('hex'),
    // The worker signs audit checkpoints in production; the api verifies them.
    auditKeys: auditKeyPair(),
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
