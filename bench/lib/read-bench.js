'use strict';
// A read benchmark: one GraphQL query through the api vs one hand-written SQL statement in a
// Fastify route answering the same JSON. Checks both answer the same data, counts statements per
// request on the wire, then measures throughput and latency, interleaved.
const assert = require('node:assert');
const { startApi, startBaseline } = require('./procs');
const { startProxy, viaProxy } = require('./pg-count-proxy');
const { interleaved, statementsPerRequest, DURATION, describe } = require('./measure');
const { runLoad } = require('./procs');
const cpuProfile = require('./cpu-profile');
const { log, ratio } = require('./util');

async function getJson(url, init) {
  const res = await fetch(url, init);
  const body = await res.json();
  if (!res.ok || body.errors) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

/**
 * spec: { name, query, variables, token, rawScript, rawPath, connections: [..] }
 * api: the measured api process (started by the caller, which seeded the data).
 */
async function readBench(ctx, api, spec) {
  const gqlBody = JSON.stringify({ query: spec.query, variables: spec.variables });
  const gqlInit = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${spec.token}` }, body: gqlBody };
  const raw = ctx.track(await startBaseline(ctx, spec.rawScript));

  const fromApi = await getJson(`${api.url}/graphql`, gqlInit);
  const fromRaw = await getJson(`${raw.url}${spec.rawPath}`);
  let sameData = true;
  try {
    assert.deepStrictEqual(fromRaw, fromApi);
  } catch (error) {
    sameData = false;
    log(`  WARNING: the raw route's answer differs from the api's: ${error.message.slice(0, 800)}`);
  }
  const bytes = { system: Buffer.byteLength(JSON.stringify(fromApi)), baseline: Buffer.byteLength(JSON.stringify(fromRaw)) };

  const proxy = await startProxy();
  const countedApi = await startApi(ctx, { name: 'api-counted', env: { DATABASE_URL: viaProxy(ctx.db.url, proxy.port) } });
  const countedRaw = await startBaseline(ctx, spec.rawScript, { env: { DATABASE_URL: viaProxy(ctx.db.url, proxy.port) } });
  const statements = {
    system: await statementsPerRequest(proxy, () => getJson(`${countedApi.url}/graphql`, gqlInit)),
    baseline: await statementsPerRequest(proxy, () => getJson(`${countedRaw.url}${spec.rawPath}`)),
  };
  await countedApi.stop();
  await countedRaw.stop();
  await proxy.close();
  log(`  statements per request: api ${statements.system.perRequest} (${statements.system.breakdown.join(', ')}); raw ${statements.baseline.perRequest}`);

  const systemLoad = (server, connections) => ({
    kind: 'fixed',
    graphql: true,
    url: server.url,
    path: '/graphql',
    method: 'POST',
    headers: gqlInit.headers,
    body: gqlBody,
    connections,
  });
  const levels = [];
  for (const connections of spec.connections ?? [16]) {
    const r = await interleaved(
      `${spec.name} c=${connections}`,
      {
        system: () => systemLoad(api, connections),
        baseline: () => ({ kind: 'fixed', url: raw.url, path: spec.rawPath, method: 'GET', connections }),
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

  let profile = null;
  if (process.env.BENCH_PROFILE !== '0') {
    const name = `${ctx.tag}-api`;
    const hook = cpuProfile.profiled(name);
    const profiled = ctx.track(await startApi(ctx, { name: 'api-profiled', nodeArgs: hook.nodeArgs, env: hook.env }));
    const connections = spec.connections?.at(-1) ?? 16;
    await runLoad({ ...systemLoad(profiled, connections), duration: 2 });
    const r = await cpuProfile.during(profiled, name, () => runLoad({ ...systemLoad(profiled, connections), duration: DURATION }));
    log(`  profiled api (c=${connections}): ${describe(r)}`);
    await profiled.stop();
    profile = { load: r, ...cpuProfile.summarise(name) };
  }
  return { sameData, bytes, statements, levels, profile };
}

module.exports = { readBench, getJson };
