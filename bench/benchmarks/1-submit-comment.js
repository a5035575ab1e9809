'use strict';
// 1. submitComment through the full api (auth, validation, transaction, audit, live event) vs the
// raw Fastify + pg route doing the same writes. Throughput and p50/p99 at 1, 16 and 64 connections.
const { withContext } = require('../lib/context');
const { startApi, startBaseline, runLoad } = require('../lib/procs');
const { startProxy, viaProxy } = require('../lib/pg-count-proxy');
const { submitWorld, submitLoad } = require('../lib/submit-world');
const { interleaved, statementsPerRequest, DURATION, describe } = require('../lib/measure');
const cpuProfile = require('../lib/cpu-profile');
const { gql } = require('../lib/world');
const { log, ratio } = require('../lib/util');

const CONNECTIONS = [1, 16, 64];
const SUBMIT = `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id submittedAt } }`;

async function run(shared) {
  return withContext('b1', async (ctx) => {
    const api = ctx.track(await startApi(ctx));
    const world = await submitWorld(ctx, api);
    const user = world.people.constituents[0];
    let n = 0;
    const submitOnce = (url, target) =>
      target === 'api'
        ? gql(url, SUBMIT, { in: { roundId: world.round.id, type: 'GENERAL', body: 'Counted comment.', idempotencyKey: `count-${n++}` } }, user.token)
        : fetch(`${url}/comments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              roundId: world.round.id,
              type: 'GENERAL',
              body: 'Counted comment.',
              idempotencyKey: `count-${n++}`,
              userId: user.id,
              organizationId: user.organizationId,
              group: user.group,
            }),
          }).then((r) => {
            if (!r.ok) throw new Error(`raw route answered ${r.status}`);
          });

    // What one submit writes, so the raw route writes the same rows.
    const before = await ctx.db.query(`SELECT (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM audit_event)::int AS audit`);
    for (let i = 0; i < 10; i++) await submitOnce(api.url, 'api');
    const after = await ctx.db.query(`SELECT (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM audit_event)::int AS audit`);
    const writes = { outboxPerSubmit: (after[0].outbox - before[0].outbox) / 10, auditPerSubmit: (after[0].audit - before[0].audit) / 10 };
    log(`  api writes per submit: 1 comment, ${writes.auditPerSubmit} audit_event, ${writes.outboxPerSubmit} outbox`);
    const rawEnv = { RAW_WITH_OUTBOX: writes.outboxPerSubmit >= 1 ? '1' : '0' };
    const raw = ctx.track(await startBaseline(ctx, 'raw-comment-server.js', { env: rawEnv }));

    // Statements per request, counted on the wire by a proxy (separate instances, not the measured ones).
    const proxy = await startProxy();
    const countedApi = await startApi(ctx, { name: 'api-counted', env: { DATABASE_URL: viaProxy(ctx.db.url, proxy.port) } });
    const countedRaw = await startBaseline(ctx, 'raw-comment-server.js', { env: { ...rawEnv, DATABASE_URL: viaProxy(ctx.db.url, proxy.port) } });
    const statements = {
      system: await statementsPerRequest(proxy, () => submitOnce(countedApi.url, 'api')),
      baseline: await statementsPerRequest(proxy, () => submitOnce(countedRaw.url, 'raw')),
    };
    await countedApi.stop();
    await countedRaw.stop();
    await proxy.close();
    log(`  statements per submit: api ${statements.system.perRequest} (${statements.system.breakdown.join(', ')}); raw ${statements.baseline.perRequest}`);

    const [{ n: commentsBefore }] = await ctx.db.query(`SELECT count(*)::int AS n FROM comment`);
    const levels = [];
    for (const connections of CONNECTIONS) {
      const r = await interleaved(
        `submitComment c=${connections}`,
        {
          system: () => submitLoad(world, api, 'api', { connections }),
          baseline: () => submitLoad(world, raw, 'raw', { connections }),
        },
        { pids: { system: api.pid, baseline: raw.pid } },
      );
      levels.push({
        connections,
        ...r,
        throughputRatio: ratio(r.system.throughput.median, r.baseline.throughput.median),
        p99Ratio: ratio(r.system.p99.median, r.baseline.p99.median),
      });
    }
    shared.submitPeak = Math.max(...levels.map((l) => l.system.throughput.median));

    // Every acknowledged submit is a row.
    const [{ n: commentsAfter }] = await ctx.db.query(`SELECT count(*)::int AS n FROM comment`);
    const acknowledged = levels.reduce((n, l) => n + l.acknowledged, 0);
    const comments = commentsAfter - commentsBefore;
    const inFlightBound = levels.reduce((n, l) => n + l.inFlightBound, 0);
    log(`  acknowledged submits ${acknowledged}, new comment rows ${comments}`);

    // Where the api's time goes at 16 connections: a CPU profile of another instance under the same load.
    let profile = null;
    if (process.env.BENCH_PROFILE !== '0') {
      const hook = cpuProfile.profiled('b1-api');
      const profiled = ctx.track(await startApi(ctx, { name: 'api-profiled', nodeArgs: hook.nodeArgs, env: hook.env }));
      await runLoad({ ...submitLoad(world, profiled, 'api', { connections: 16 }), duration: 3 });
      const r = await cpuProfile.during(profiled, 'b1-api', () => runLoad({ ...submitLoad(world, profiled, 'api', { connections: 16 }), duration: DURATION }));
      log(`  profiled api (c=16): ${describe(r)}`);
      await profiled.stop();
      profile = { load: r, ...cpuProfile.summarise('b1-api') };
    }
    return { levels, statements, writes, rawEnv, acknowledged, comments, inFlightBound, profile };
  });
}

module.exports = { id: 1, title: 'submitComment: full api vs raw Fastify + pg route', run };
