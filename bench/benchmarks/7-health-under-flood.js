'use strict';
// 7. GET /health/live while the api serves a flood of the largest queries it allows (issue 13: an
// observer's nested lists held the api for seconds). The world is the largest one the caps allow:
// a version of 2,000 guidelines with its meeting of 2,000 agenda items. The flood: 8 clients each
// sending, one after another, the moderator console's query (priced near the cost limit), the
// board's, and the whole draft. The baseline is the same probe of the same api with no flood, in the
// same run. Figures: the probe's latency (p50, p99, max) and its ratio to the idle baseline; the
// flood's requests and their errors.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { withContext } = require('../lib/context');
const { startApi } = require('../lib/procs');
const { seedPeople, meetingInSession, addParticipants } = require('../lib/world');
const { log, percentile, sleep, fmt } = require('../lib/util');

const GUIDELINES = 2000;
const FLOOD_CLIENTS = 8;
const SECONDS = Number(process.env.BENCH_DURATION ?? 5) * 2;
const PROBE_EVERY_MS = 20;

/** The web client's own documents (apps/web/src), with the fragments they spread. */
function webOperation(name) {
  const sources = ['apps/web/src/pages/meeting/moderate-operations.ts', 'apps/web/src/pages/meeting/use-board.ts'].map((f) =>
    readFileSync(path.join(__dirname, '..', '..', f), 'utf8'),
  );
  const blocks = sources.flatMap((s) => [...s.matchAll(/graphql\(\s*`([^`]*)`\s*\)/g)].map((m) => m[1]));
  const fragments = new Map(blocks.filter((b) => /^\s*fragment /.test(b)).map((b) => [/fragment (\w+)/.exec(b)[1], b]));
  const operation = blocks.find((b) => new RegExp(`^\\s*query ${name}\\b`).test(b));
  if (!operation) throw new Error(`no query ${name} in the web client`);
  // Only the fragments it spreads, directly or through others (GraphQL refuses unused ones).
  const used = [];
  let text = operation;
  for (let grew = true; grew;) {
    grew = false;
    for (const [fragment, body] of fragments) {
      if (!used.includes(fragment) && text.includes(`...${fragment}`)) {
        used.push(fragment);
        text += `\n${body}`;
        grew = true;
      }
    }
  }
  return text;
}

const DRAFT = `query($i: ID!) { instrument(id: $i) { latestPublishedVersion { sections { id number heading guidelines { id key number title text } } } } }`;

async function probe(url, until) {
  const latencies = [];
  let failed = 0;
  while (Date.now() < until) {
    const t = performance.now();
    try {
      const res = await fetch(`${url}/health/live`);
      await res.arrayBuffer();
      if (!res.ok) failed += 1;
    } catch {
      failed += 1;
    }
    latencies.push(performance.now() - t);
    await sleep(PROBE_EVERY_MS);
  }
  return { latencies, failed };
}

async function flood(url, requests, until) {
  let done = 0;
  let errors = 0;
  const samples = [];
  await Promise.all(
    Array.from({ length: FLOOD_CLIENTS }, async (_, c) => {
      for (let i = c; Date.now() < until; i++) {
        const { query, variables, token } = requests[i % requests.length];
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
        const body = await res.json();
        done += 1;
        if (body.errors?.length) {
          errors += 1;
          if (samples.length < 3) samples.push(body.errors[0].message);
        }
      }
    }),
  );
  return { done, errors, samples };
}

const stats = (xs) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99), max: Math.max(...xs), n: xs.length });

async function run() {
  return withContext('b7', async (ctx) => {
    const api = ctx.track(await startApi(ctx));
    const people = await seedPeople(ctx, { orgsPerGroup: 1, usersPerOrg: 1 });
    const secretariat = people.staff.secretariat;
    const meeting = await meetingInSession(api.url, secretariat, { guidelines: GUIDELINES });
    await addParticipants(api.url, secretariat, meeting.meetingId, people.constituents);
    log(`  meeting of ${meeting.itemIds.length} agenda items in session`);
    const requests = [
      { query: webOperation('ModerateMeeting'), variables: { id: meeting.meetingId }, token: secretariat.token },
      { query: webOperation('BoardMeeting'), variables: { id: meeting.meetingId }, token: people.staff.observer.token },
      { query: DRAFT, variables: { i: meeting.instrument.instrumentId }, token: people.staff.observer.token },
    ];
    // Warm-up, then the idle baseline and the flood, twice, alternating.
    await flood(api.url, requests, Date.now() + 2000);
    const idle = [];
    const busy = [];
    let floodTotals = { done: 0, errors: 0, samples: [] };
    for (let i = 0; i < 2; i++) {
      idle.push(...(await probe(api.url, Date.now() + SECONDS * 500)).latencies);
      const until = Date.now() + SECONDS * 1000;
      const [p, f] = await Promise.all([probe(api.url, until), flood(api.url, requests, until)]);
      busy.push(...p.latencies);
      floodTotals = { done: floodTotals.done + f.done, errors: floodTotals.errors + f.errors, samples: [...floodTotals.samples, ...f.samples].slice(0, 3) };
      log(`  run ${i + 1}: health p99 ${fmt(percentile(p.latencies, 99), 1)} ms during ${f.done} flood requests (${f.errors} errors)`);
    }
    const result = { guidelines: GUIDELINES, clients: FLOOD_CLIENTS, idle: stats(idle), flood: stats(busy), floodRequests: floodTotals };
    result.p99Ratio = result.flood.p99 / result.idle.p99;
    log(
      `  /health/live p99 idle ${fmt(result.idle.p99, 1)} ms, under flood ${fmt(result.flood.p99, 1)} ms (max ${fmt(result.flood.max, 1)}), ratio ${fmt(result.p99Ratio, 1)}`,
    );
    return result;
  });
}

module.exports = { id: 7, title: 'GET /health/live during a flood of the largest allowed queries vs the same probe idle', run };
