'use strict';
// bench/RESULTS.md from one run: the machine, every figure with its spread and its ratio to the
// baseline, the targets, and for each target missed what falls short and the profile that shows why.
const fs = require('node:fs');
const { fmt, spread, floorTrend } = require('./util');

const TARGETS = {
  submitRatio: 0.5,
  statements: 4,
  latenessP99: 250,
  fanoutP99: 200,
  // "Near zero" read as no growth: neither the regression over all samples nor the trend of the
  // post-collection floors rises by more than 1 MB/min (a falling RSS is memory given back).
  memorySlope: 1,
  healthUnderFloodP99: 200,
  // The issue's "sign-in usable within 3 s on a 400 kbps, 400 ms link", as measured (test/web/delivery.test.ts holds the model to it).
  slowSignInSeconds: 3,
};

const ms = (s, d = 1) => spread(s, d, ' ms');
const rps = (s) => spread(s, 0);
const pct = (n) => `${fmt(n, 1)} %`;

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function profileTable(profile, rows = 12) {
  if (!profile?.frames) return '_No profile taken (BENCH_PROFILE=0)._';
  const frames = table(
    ['self time', 'frame (native and node frames shown with the package code that called them)'],
    profile.frames.slice(0, rows).map((f) => [pct(f.pct), `\`${f.frame}\``]),
  );
  const packages = table(
    ['time', 'package (including the node and native calls it makes)'],
    profile.packages.slice(0, rows).map((p) => [pct(p.pct), p.package]),
  );
  return `Profile file: \`${profile.file}\` (${fmt(profile.totalMs / 1000, 1)} s sampled, api busy ${pct(profile.busyPct)} of it).\n\n${frames}\n\n${packages}`;
}

const findFrame = (profile, re) => (profile?.frames ?? []).filter((f) => re.test(f.frame)).reduce((a, f) => a + f.pct, 0);
const findPackage = (profile, name) => profile?.packages?.find((p) => p.package === name)?.pct ?? 0;

function statementsLine(st) {
  return `${fmt(st.perRequest, st.perRequest % 1 ? 2 : 0)} (${st.breakdown.join(', ')})`;
}

/** One row per connection count: the api against its raw baseline, measured alternately. */
function levelsTable(levels) {
  const rows = levels.map((l) => [
    l.connections,
    rps(l.system.throughput),
    rps(l.baseline.throughput),
    `**${fmt(l.throughputRatio, 2)}**`,
    ms(l.system.p50, 0),
    ms(l.baseline.p50, 0),
    ms(l.system.p99, 0),
    ms(l.baseline.p99, 0),
    fmt(l.p99Ratio, 2),
    l.system.cpuMsPerRequest ? `${fmt(l.system.cpuMsPerRequest.median, 2)} / ${fmt(l.baseline.cpuMsPerRequest.median, 2)}` : 'n/a',
  ]);
  return table(
    ['connections', 'api req/s', 'raw req/s', 'ratio api/raw', 'api p50', 'raw p50', 'api p99', 'raw p99', 'p99 ratio', 'CPU ms per request api / raw'],
    rows,
  );
}

function bench1(r) {
  const out = [
    levelsTable(r.levels),
    '',
    `- The raw route (bench/baseline/raw-comment-server.js) is the limit of this database for these writes: no GraphQL, no authentication, no validation; one transaction that share-locks the round and its instrument in one statement, then inserts the comment with the database clock checked against closes_at, then the audit event.`,
    `- Writes per submit (counted in the database): 1 comment, ${r.writes.auditPerSubmit} audit_event, ${r.writes.outboxPerSubmit} outbox row. ` +
      `The raw route writes the same rows${r.rawEnv.RAW_WITH_OUTBOX === '1' ? ', outbox included' : ' (the api writes no outbox row for a submit: it publishes the live commentSubmitted event to Redis after the commit, which the raw route does not do)'}.`,
    `- SQL statements per submit, counted on the wire: api ${statementsLine(r.statements.system)}; raw route ${statementsLine(r.statements.baseline)}.`,
    `- Every acknowledged submit is a row: ${r.acknowledged} acknowledged, ${r.comments} new rows (the difference, ${r.comments - r.acknowledged}, is the requests still in flight when each run's clock stopped, which autocannon does not count; at most ${r.inFlightBound} here).`,
  ];
  return out.join('\n');
}

function readBench(r, extra) {
  return [
    levelsTable(r.levels),
    '',
    `- SQL statements per request, counted on the wire: api ${statementsLine(r.statements.system)}; raw route ${statementsLine(r.statements.baseline)}.`,
    `- Both answer the same data: ${r.sameData ? 'yes (deep-equal JSON)' : '**no** (see the run log)'}; ${r.bytes.system} bytes of JSON.`,
    ...extra,
  ].join('\n');
}

function bench4(r) {
  const rows = r.runs.map((x, i) => [
    i + 1,
    `${x.closed} / ${x.rounds}`,
    x.closedBySystem,
    x.early,
    fmt(x.p50, 1),
    fmt(x.p99, 1),
    fmt(x.max, 1),
    `${fmt(x.load.throughput, 0)} req/s, p99 ${x.load.p99} ms${x.load.failures ? `, ${x.load.failures} failed` : ''}`,
  ]);
  return [
    table(['run', 'closed', 'by the worker', 'closed early', 'lateness p50 ms', 'p99 ms', 'max ms', 'submitComment load meanwhile (c=16)'], rows),
    '',
    `- Over the runs: lateness p50 ${ms(r.p50)}, **p99 ${ms(r.p99)}**, max ${ms(r.max)}.`,
    `- Each run: ${r.roundsPerRun} instruments with a published version inserted in SQL (setup only), then each round scheduled and opened through the api (scheduleConsultation, advanceStage to CONSULTATION), so its close job goes through the outbox and BullMQ as in production; deadlines spread evenly over ${r.spreadSeconds} s (${fmt((r.spreadSeconds * 1000) / r.roundsPerRun, 0)} ms apart), the first a few seconds after the last round opened; the worker (default concurrency) closes them while the api takes submitComment at 16 connections. Lateness is closed_at - closes_at, both written by the database clock.`,
    ...(r.warmup
      ? [
          `- Before the measured runs, a warm-up run of the same kind with ${r.warmup.rounds} rounds over ${r.warmup.spreadSeconds} s (same spacing), not counted: lateness p99 ${fmt(r.warmup.p99, 1)} ms, max ${fmt(r.warmup.max, 1)} ms.`,
        ]
      : []),
    `- Outbox rows still pending at the end: ${r.outboxPendingAtEnd}.`,
  ].join('\n');
}

function bench5(r) {
  const rows = [
    [
      'graphql-ws tallyUpdated (api)',
      ms(r.system.p50),
      `**${ms(r.system.p99)}**`,
      fmt(r.system.overall.p99, 1),
      fmt(r.system.firstP50, 1),
      fmt(r.system.endToEndP50, 1),
    ],
    ['bare ws broadcast', ms(r.baseline.p50), ms(r.baseline.p99), fmt(r.baseline.overall.p99, 1), fmt(r.baseline.firstP50, 1), fmt(r.baseline.endToEndP50, 1)],
    ['ratio api / bare', fmt(r.p50Ratio, 1), fmt(r.p99Ratio, 1), '', '', ''],
  ];
  return [
    table(
      [
        '',
        'last receipt after the response: p50 per run',
        'p99 per run',
        `p99 of all ${r.system.overall.events} events`,
        'first receipt p50',
        'request sent → last receipt p50',
      ],
      rows,
    ),
    '',
    `- ${r.clients} clients, each a participant of the meeting with its own token, subscribed over graphql-ws; ${r.eventsPerRun} recordPosition calls per run, each waiting for all ${r.clients} receipts before the next. Times in ms from the recordPosition HTTP response to the last client's receipt (negative would mean before the response).`,
    `- The baseline sends the same ${r.payloadBytes}-byte graphql-ws "next" message to ${r.clients} plain ws clients after answering POST /publish.`,
  ].join('\n');
}

const floorOf = (r) => r.floorSlope ?? floorTrend(r.samples).slope;

function bench6(r) {
  const rows = [
    [
      `${r.sampledSeconds} s`,
      `${r.rate} req/s (peak ${fmt(r.peak, 0)})`,
      `${fmt(r.load.throughput, 0)} req/s, p99 ${r.load.p99} ms`,
      fmt(r.rssStart, 1),
      fmt(r.rssEnd, 1),
      fmt(r.rssMax, 1),
      `**${fmt(r.slope, 2)}**`,
      fmt(r.r2, 2),
      fmt(r.secondHalfSlope, 2),
      fmt(floorOf(r), 2),
    ],
  ];
  const gc = r.afterGc;
  if (gc?.rssSlope != null) {
    rows[0].push(`**${fmt(gc.rssSlope, 2)}** (${gc.collections})`, fmt(gc.heapSlope, 2));
  }
  // Every fifth second listed.
  const samples = r.samples
    .filter((_, i) => i % 5 === 0)
    .map((s) => `${fmt(s.minutes, 2)} min ${fmt(s.rssMb, 0)} MB`)
    .join(', ');
  const end = r.samples.at(-1).minutes;
  const lastThird = r.samples.filter((s) => s.minutes >= (2 * end) / 3).map((s) => s.rssMb);
  const firstThird = r.samples.filter((s) => s.minutes <= end / 3).map((s) => s.rssMb);
  return [
    table(
      [
        'sampled',
        'target rate',
        'achieved',
        'RSS start MB',
        'end MB',
        'max MB',
        'slope MB/min',
        'r²',
        'slope, second half',
        'slope of 30 s floors',
        ...(gc?.rssSlope != null ? ['RSS after full GCs: slope (collections)', 'heap used after full GCs: slope'] : []),
      ],
      rows,
    ),
    '',
    `- Peak from ${r.peakSource}; ${r.warmupSeconds} s warm-up at the same rate before sampling; RSS from /proc every ${r.sampleMs ? r.sampleMs / 1000 : 5} s; slope by least squares over all samples (as asked), over the second half, and over the lowest sample of each 30 s window (RSS under a garbage collector is a sawtooth: the floors after each collection are what grows when something leaks).`,
    `- RSS in the first third of the window ${fmt(Math.min(...firstThird), 0)}–${fmt(Math.max(...firstThird), 0)} MB, in the last third ${fmt(Math.min(...lastThird), 0)}–${fmt(Math.max(...lastThird), 0)} MB.` +
      (r.slope < -TARGETS.memorySlope
        ? ' The negative slope is memory given back, not a measuring fault: V8 let the heap grow in wide saw-teeth during the first minutes, then settled on a smaller one.'
        : ''),
    ...(gc?.rssSlope != null
      ? [
          `- The verdict uses what a leak moves: the JavaScript heap still in use right after each full (mark-sweep-compact) collection, read by a preloaded observer (bench/lib/gc-hook.js), and the lowest RSS of each 30 s window (the trough after a collection; native memory included). Least squares over all RSS samples, as asked, is reported too, but it mixes phases of a sawtooth ${fmt(Math.min(...r.samples.map((x) => x.rssMb)), 0)}–${fmt(r.rssMax, 0)} MB wide: its r² is ${fmt(r.r2, 2)} (the line explains ${fmt(100 * r.r2, 0)} % of the variation) and its sign changes between runs. RSS read right after a collection is not a floor either: V8 gives pages back to the system later.`,
          `- RSS after each full collection (MB): ${gc.rss.map((x) => fmt(x, 0)).join(', ')}; heap used after each: ${gc.heap.map((x) => fmt(x, 0)).join(', ')}.`,
        ]
      : []),
    `- Samples${r.sampleMs === 1000 ? ' (every fifth)' : ''}: ${samples}.`,
  ].join('\n');
}

/** Targets: [label, measured text, met?]. */
function targets(results) {
  const rows = [];
  const b1 = results[1];
  if (b1 && !b1.error) {
    const l16 = b1.levels.find((l) => l.connections === 16);
    rows.push([
      '1. submitComment ≥ 0.5 of the raw route at 16 connections',
      `${fmt(l16.throughputRatio, 2)} (${fmt(l16.system.throughput.median, 0)} vs ${fmt(l16.baseline.throughput.median, 0)} req/s)`,
      l16.throughputRatio >= TARGETS.submitRatio,
    ]);
  }
  const b2 = results[2];
  if (b2 && !b2.error)
    rows.push([
      '2. comments page ≤ 4 SQL statements per request',
      `${fmt(b2.statements.system.perRequest, 0)}`,
      b2.statements.system.perRequest <= TARGETS.statements,
    ]);
  const b4 = results[4];
  if (b4 && !b4.error)
    rows.push([
      '4. deadline lateness p99 < 250 ms',
      `${fmt(b4.p99.median, 1)} ms (runs ${fmt(b4.p99.min, 1)}–${fmt(b4.p99.max, 1)})`,
      b4.p99.max < TARGETS.latenessP99,
    ]);
  const b5 = results[5];
  if (b5 && !b5.error)
    rows.push([
      `5. fan-out p99 < 200 ms for ${b5.clients} clients`,
      `${fmt(b5.system.p99.median, 1)} ms (runs ${fmt(b5.system.p99.min, 1)}–${fmt(b5.system.p99.max, 1)})`,
      b5.system.p99.median < TARGETS.fanoutP99,
    ]);
  const b6 = results[6];
  if (b6 && !b6.error) {
    const gc = b6.afterGc;
    rows.push(
      gc?.rssSlope != null
        ? [
            '6. memory slope near zero (no growth: heap used after each full collection and the RSS floors, each ≤ +1 MB/min)',
            `heap after ${gc.collections} full collections ${fmt(gc.heapSlope, 2)} MB/min, RSS floors ${fmt(floorOf(b6), 2)} MB/min over ${b6.sampledSeconds} s; least squares over all RSS samples ${fmt(b6.slope, 2)} MB/min (r² ${fmt(b6.r2, 2)}); RSS ${fmt(b6.rssStart, 0)} → ${fmt(b6.rssEnd, 0)} MB`,
            gc.heapSlope <= TARGETS.memorySlope && floorOf(b6) <= TARGETS.memorySlope,
          ]
        : [
            '6. memory slope near zero (no growth: slope and post-GC floor slope ≤ +1 MB/min)',
            `${fmt(b6.slope, 2)} MB/min over ${b6.sampledSeconds} s (r² ${fmt(b6.r2, 2)}); floors ${fmt(floorOf(b6), 2)} MB/min; RSS ${fmt(b6.rssStart, 0)} → ${fmt(b6.rssEnd, 0)} MB`,
            b6.slope <= TARGETS.memorySlope && floorOf(b6) <= TARGETS.memorySlope,
          ],
    );
  }
  const b7 = results[7];
  if (b7 && !b7.error) {
    rows.push([
      `7. GET /health/live p99 < ${TARGETS.healthUnderFloodP99} ms during a flood of the largest allowed queries`,
      `${fmt(b7.flood.p99, 1)} ms (max ${fmt(b7.flood.max, 1)}; idle ${fmt(b7.idle.p99, 1)} ms, ratio ${fmt(b7.p99Ratio, 1)}); ${b7.floodRequests.done} flood requests, ${b7.floodRequests.errors} errors`,
      b7.flood.p99 < TARGETS.healthUnderFloodP99 && b7.floodRequests.errors === 0,
    ]);
  }
  const b8 = results[8];
  if (b8 && !b8.error) {
    const en = b8.languages.EN;
    rows.push([
      `8. sign-in form usable ≤ ${TARGETS.slowSignInSeconds} s on a 400 kbit/s, 400 ms link (first visit, English)`,
      `${fmt(en.formMs.median / 1000, 2)} s (runs ${fmt(en.formMs.min / 1000, 2)}–${fmt(en.formMs.max / 1000, 2)}); modelled ${fmt(en.modelMs / 1000, 2)} s, ratio ${fmt(en.ratio, 2)}`,
      en.formMs.median <= TARGETS.slowSignInSeconds * 1000,
    ]);
  }
  return rows;
}

function bench8(r) {
  const rows = Object.entries(r.languages).map(([language, x]) => [
    language,
    `${x.requests} (${x.roundTrips} in sequence)`,
    `${fmt(x.bytes / 1000, 1)} kB`,
    `${fmt(x.modelMs / 1000, 2)} s`,
    `${spread({ median: x.formMs.median / 1000, min: x.formMs.min / 1000, max: x.formMs.max / 1000 }, 2, ' s')}`,
    fmt(x.ratio, 2),
    `${spread({ median: x.homeMs.median / 1000, min: x.homeMs.min / 1000, max: x.homeMs.max / 1000 }, 2, ' s')}`,
  ]);
  return [
    `- Chromium's network emulation (DevTools protocol): ${r.link.bytesPerSecond * 8} bit/s each way, ${r.link.latencyMs} ms from each request to its answer; a fresh browser context per run (nothing cached), ${r.runs} runs per language after a warm-up. The form is usable when the script has rendered it in the reader's language with its button enabled; the home page when its heading shows after the sign-in.`,
    `- Modelled: round trips in sequence × ${r.link.latencyMs} ms + bytes received (headers included) / ${r.link.bytesPerSecond} B/s, from the requests the page made before the form was usable; test/web/delivery.test.ts holds it to ${r.budgetSeconds} s. The ratio is the measured median over the model: above 1 is what the model leaves out (parsing, running and rendering the scripts on this machine, the emulator's own scheduling).`,
    '',
    table(['language', 'requests', 'bytes', 'modelled', 'form usable (measured)', 'measured / modelled', 'home page shown'], rows),
  ].join('\n');
}

function bench7(r) {
  return [
    `- The largest world the caps allow: one version of ${r.guidelines} guidelines, its meeting of ${r.guidelines} agenda items in session. ${r.clients} clients send, one after another, the moderator console's query, the board's and the whole draft (the web client's own documents); the probe asks GET /health/live every 20 ms, idle and during the flood, alternately, twice each.`,
    '',
    table(
      ['probe', 'p50', 'p99', 'max', 'probes'],
      [
        ['idle', `${fmt(r.idle.p50, 1)} ms`, `${fmt(r.idle.p99, 1)} ms`, `${fmt(r.idle.max, 1)} ms`, r.idle.n],
        ['during the flood', `${fmt(r.flood.p50, 1)} ms`, `${fmt(r.flood.p99, 1)} ms`, `${fmt(r.flood.max, 1)} ms`, r.flood.n],
      ],
    ),
    '',
    `- Flood: ${r.floodRequests.done} requests answered, ${r.floodRequests.errors} with errors${r.floodRequests.samples.length ? ` (${r.floodRequests.samples.join(' | ')})` : ''}.`,
  ].join('\n');
}

// ---------------------------------------------------------------- why targets are missed

function whySubmit(r) {
  const l16 = r.levels.find((l) => l.connections === 16);
  const cpu = l16.system.cpuMsPerRequest && l16.baseline.cpuMsPerRequest;
  const lines = [`**1. submitComment at 16 connections: ${fmt(l16.throughputRatio, 2)} of the raw route (target 0.5).**`, ''];
  if (cpu) {
    lines.push(
      `Both sides write the same rows under the same locks; the difference is in the api process. It spends ${fmt(l16.system.cpuMsPerRequest.median, 2)} ms of CPU per submit against ${fmt(l16.baseline.cpuMsPerRequest.median, 2)} ms for the raw route (${fmt(l16.system.cpuMsPerRequest.median / l16.baseline.cpuMsPerRequest.median, 1)}×): at ${fmt(l16.system.throughput.median, 0)} req/s that is ${fmt((l16.system.cpuMsPerRequest.median * l16.system.throughput.median) / 10, 0)} % of a core, the core it shares with PostgreSQL's backends (and, in this run, with whatever else the machine was doing: see the load average). ` +
        `It also sends ${fmt(r.statements.system.perRequest, 0)} statements per submit where the raw route sends ${fmt(r.statements.baseline.perRequest, 0)}, each one a round trip and a socket write. ` +
        (r.levels[0]?.connections === 1
          ? `At one connection, where a request mostly waits on those round trips, the ratio is ${fmt(r.levels[0].throughputRatio, 2)}.`
          : ''),
    );
  }
  const p = r.profile;
  if (p?.frames) {
    const jwt = findPackage(p, 'jsonwebtoken');
    const pg = findPackage(p, 'pg') + findPackage(p, 'pg-protocol') + findPackage(p, 'typeorm');
    const http = ['express', 'router', 'body-parser', 'raw-body', 'helmet', 'cors', 'pino-http', 'pino', 'negotiator', 'content-type'].reduce(
      (a, n) => a + findPackage(p, n),
      0,
    );
    const gql = [
      'graphql',
      '@apollo/server',
      '@nestjs/core',
      '@nestjs/graphql',
      '@nestjs/apollo',
      'graphql-query-complexity',
      '@as-integrations/express5',
    ].reduce((a, n) => a + findPackage(p, n), 0);
    lines.push('', `CPU profile of an api under the same load (c=16, ${fmt(p.load.throughput, 0)} req/s while profiled):`, '');
    if (jwt > 3) {
      lines.push(`- ${pct(jwt)} in **jsonwebtoken**'s verify (HMAC-SHA256 with a KeyObject made once from the secret; libs/auth/src/tokens.service.ts).`);
    }
    lines.push(
      `- ${pct(pg)} in pg, pg-protocol and TypeORM: ${fmt(r.statements.system.perRequest, 0)} statements, each parsed, described and written separately (the \`writev ← pg\` frame is one socket write per statement), as many as the raw route's: BEGIN; one statement that share-locks the instrument and the round (in the order stage moves take them, so a close at the deadline and a submit never deadlock) and answers the idempotency key, the invitation and the guideline; the INSERT, which reads the database clock after the locks are held and writes the row only if it is before closesAt (DESIGN.md section 3); the audit event; COMMIT.`,
      `- ${pct(gql)} in GraphQL execution (parse, validation, the depth/cost plugin, Apollo's request pipeline, Nest's resolver wrapping) and ${pct(http)} in the Express stack (body parsing, helmet, CORS, pino-http's per-request logger even at LOG_LEVEL=warn).`,
      `- ${pct(findFrame(p, /^\(garbage collector\)$/))} in garbage collection.`,
    );
  }
  const c64 = r.levels.find((l) => l.connections === 64);
  if (c64 && c64.system.throughput.median < l16.system.throughput.median) {
    lines.push(
      '',
      `At 64 connections the api does less (${fmt(c64.system.throughput.median, 0)} req/s) than at 16: requests queue for TypeORM's pool of 20 connections while the event loop is already saturated, so p99 grows to ${fmt(c64.system.p99.median, 0)} ms.`,
    );
  }
  lines.push(
    '',
    "Express is not the main cost in this profile, so the Fastify adapter alone would not close the gap; what is left is GraphQL and Nest's per-request work, and the statements the deadline rule needs.",
    '',
    profileTable(p),
  );
  return lines.join('\n');
}

function whyStatements(r) {
  const st = r.statements.system;
  const l = r.levels.at(-1);
  return [
    `**2. comments(first: 100): ${fmt(st.perRequest, 0)} SQL statements per request (target ≤ 4).**`,
    '',
    `They are: ${st.breakdown.join(', ')}.` +
      (st.breakdown.some((b) => b.endsWith('SELECT instrument')) && st.breakdown.some((b) => b.endsWith('SELECT consultation_round'))
        ? ' The round is read, then its instrument, to check the caller may see it (RoundService.get: two statements where one join would do); the page is one statement; organization, author and guideline are one DataLoader batch each. The organization and the author are one-to-one with the comment, so joining them into the page statement, or reading the round with its instrument in one statement, brings it to 4 or fewer.'
        : ''),
    '',
    `Statements are not what limits throughput here, though: the api spends ${l.system.cpuMsPerRequest ? fmt(l.system.cpuMsPerRequest.median, 1) : 'n/a'} ms of CPU per page against ${l.baseline.cpuMsPerRequest ? fmt(l.baseline.cpuMsPerRequest.median, 2) : 'n/a'} ms for the raw route. GraphQL resolves about 20 fields for each of 100 comments, each through Nest's resolver wrapper with a promise per field (and the promise hooks that nestjs-pino's AsyncLocalStorage turns on), which shows as ${pct(findFrame(r.profile, /^\(garbage collector\)$/))} garbage collection and ${pct(findPackage(r.profile, 'graphql') + findPackage(r.profile, '@apollo/server') + findPackage(r.profile, '@nestjs/core'))} in graphql, Apollo and Nest below.` +
      (findFrame(r.profile, /cacheControl/) > 0.5
        ? ` Apollo's cache-control plugin, installed by default, also instruments every field (\`willResolveField … cacheControl\`); nothing here uses cache hints, so ApolloServerPluginCacheControlDisabled() would save that.`
        : ''),
    '',
    profileTable(r.profile),
  ].join('\n');
}

function whyFanout(r) {
  const lines = [
    `**5. Fan-out to ${r.clients} clients: p99 ${fmt(r.system.p99.median, 1)} ms from the recordPosition response to the last receipt (target 200 ms; a bare ws broadcast of the same payload: ${fmt(r.baseline.p99.median, 1)} ms).**`,
    '',
    `The api reads the item's tally once per event in each instance, with the meeting's participants and moderators, so each subscriber's right to read is checked in memory (TallyUpdatedResolver, perEvent → MeetingReadService.itemTallyWithReaders: one SQL statement per event). What remains per subscriber is graphql-ws: a GraphQL execution of the subscription's selection and a JSON serialisation for each of the ${r.clients} subscriptions, each a frame of its own. The bare broadcast serialises one payload and writes it ${r.clients} times.`,
  ];
  if (r.profile?.frames)
    lines.push(
      '',
      `CPU profile of the api during ${r.profile.events} further events (last receipt p50 ${fmt(r.profile.lastP50, 1)} ms while profiled):`,
      '',
      profileTable(r.profile),
    );
  return lines.join('\n');
}

function whyLateness(r) {
  return [
    `**4. Deadline lateness p99 ${fmt(r.p99.median, 1)} ms (target < 250 ms).**`,
    '',
    'A close is a BullMQ delayed job (promoted when due), then the worker reads the clock, waits for the database clock if the job fired early, and moves the stage in a transaction that locks the instrument. With deadlines 60 ms apart and a worker concurrency of 5 per queue, closes queue behind each other when the api load slows the transactions.',
  ].join('\n');
}

function whyMemory(r) {
  return [
    `**6. Memory: slope ${fmt(r.slope, 2)} MB/min, post-GC floors ${fmt(floorOf(r), 2)} MB/min${r.afterGc?.rssSlope != null ? `, RSS after full collections ${fmt(r.afterGc.rssSlope, 2)} MB/min (heap used ${fmt(r.afterGc.heapSlope, 2)})` : ''} (target: no growth beyond ${TARGETS.memorySlope} MB/min).**`,
    '',
    `RSS went from ${fmt(r.rssStart, 1)} MB to ${fmt(r.rssEnd, 1)} MB (max ${fmt(r.rssMax, 1)} MB); the second half's slope is ${fmt(r.secondHalfSlope, 2)} MB/min. Floors that keep rising after each collection point to retained objects (a heap snapshot of the api, node --heapsnapshot-signal, taken a few minutes apart, shows which); a rise in the first minutes only is the heap growing to its working size.`,
  ].join('\n');
}

function writeResults(file, { system, results, ids, seconds, argv, finishedAt, settings }) {
  const lines = [];
  const started = new Date(new Date(finishedAt).getTime() - seconds * 1000).toISOString().replace('T', ' ').slice(0, 16);
  lines.push(
    '# Benchmarks: results',
    '',
    `Run with \`npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}\` on ${started} UTC, ${fmt(seconds / 60, 1)} minutes in all. Written by bench/run.js; every figure below comes from that run.`,
    '',
    'Each benchmark starts the production build (`dist/`, NODE_ENV=production, LOG_LEVEL=warn) as child processes against a database it creates and drops, with a Redis key prefix of its own that it deletes at the end. ' +
      `Servers (api, worker, baselines) run on core 0 and the load generator (autocannon ${system.autocannon}) and the runner on core 1 (taskset${system.taskset ? '' : ': not available, so not pinned'}); PostgreSQL and Redis are shared by both cores. ` +
      `Figures are the median of ${settings.runs} runs of ${settings.duration} s with the spread (min–max) in brackets, after a warm-up; system and baseline runs alternate so that anything else on the machine weighs on both alike. Ratios compare medians measured in the same run.`,
    '',
    '## Machine',
    '',
    table(
      ['', ''],
      [
        ['CPU', `${system.cpu}, ${system.cores} cores`],
        ['memory', `${system.memoryGb} GB`],
        ['OS', system.os],
        ['Node.js', system.node],
        ['PostgreSQL', system.postgres],
        ['Redis', system.redis],
        ['load generator', `autocannon ${system.autocannon}; baselines on Fastify ${system.fastify}, pg pools of 20 like the api's TypeORM pool`],
        [
          'load average (1 min) before → after each benchmark',
          ids
            .map((id) =>
              results[id]?.machineLoad ? `${id}: ${fmt(results[id].machineLoad.before, 2)} → ${fmt(results[id].machineLoad.after, 2)}` : `${id}: n/a`,
            )
            .join('; '),
        ],
      ],
    ),
    '',
    'The load average shows whether other work shared the machine during the run (on 2 cores, anything well above 2 means the benchmarks competed for CPU); ratios are less affected than absolute figures because both sides ran alternately under the same conditions.',
    '',
    '## Targets',
    '',
  );
  const t = targets(results);
  lines.push(
    table(
      ['target (reported, not asserted)', 'measured', 'met'],
      t.map(([a, b, met]) => [a, b, met ? 'yes' : '**no**']),
    ),
    '',
  );

  const section = (id, title, body) => {
    lines.push(`## ${id}. ${title}`, '');
    const r = results[id];
    if (!ids.includes(id)) lines.push('_Not run (--only)._', '');
    else if (r.error) lines.push(`**Failed:** ${r.error}`, '');
    else lines.push(body(r), '', `_${fmt(r.seconds, 0)} s._`, '');
  };
  section(1, 'submitComment: full api vs raw Fastify + pg route', bench1);
  section(2, 'A page of 100 comments with organization, author and guideline', (r) =>
    readBench(r, [`- ${r.comments} comments in the round, submitted through the api by 60 constituents; read as the ${r.viewer} (first page, no totalCount).`]),
  );
  section(3, `meeting { tally, agenda { tally } } for a meeting of 200 agenda items`, (r) =>
    readBench(r, [
      `- ${r.items} agenda items (instrument of 200 guidelines imported from Markdown, round closed early with a reason, meeting scheduled and opened through the api); 60 items discussed, 20 closed; read as ${r.viewer}. The raw route tallies with the same domain functions (dist/libs/domain).`,
    ]),
  );
  section(4, 'Deadline precision: 1,000 rounds closing over 60 s during benchmark 1', bench4);
  section(5, 'Subscription fan-out: 500 graphql-ws clients on tallyUpdated', bench5);
  section(6, 'Memory: api RSS under benchmark 1 at half its peak rate', bench6);
  section(7, 'GET /health/live during a flood of the largest allowed queries', bench7);
  section(8, 'The sign-in page on a 400 kbit/s, 400 ms link', bench8);

  const missed = [];
  if (results[1] && !results[1].error && !t.find((x) => x[0].startsWith('1.'))[2]) missed.push(whySubmit(results[1]));
  if (results[2] && !results[2].error && !t.find((x) => x[0].startsWith('2.'))[2]) missed.push(whyStatements(results[2]));
  if (results[4] && !results[4].error && !t.find((x) => x[0].startsWith('4.'))[2]) missed.push(whyLateness(results[4]));
  if (results[5] && !results[5].error && !t.find((x) => x[0].startsWith('5.'))[2]) missed.push(whyFanout(results[5]));
  if (results[6] && !results[6].error && !t.find((x) => x[0].startsWith('6.'))[2]) missed.push(whyMemory(results[6]));
  lines.push('## What falls short, and why', '');
  lines.push(missed.length ? missed.join('\n\n') : 'Every target measured in this run was met.', '');
  if (results[3] && !results[3].error) {
    lines.push(
      '## Profile of benchmark 3 (no target; for reference)',
      '',
      `The api answers the 200-item board with ${fmt(results[3].statements.system.perRequest, 0)} statements; its cost is CPU (${fmt(results[3].levels.at(-1).system.cpuMsPerRequest?.median, 1)} ms per request against ${fmt(results[3].levels.at(-1).baseline.cpuMsPerRequest?.median, 2)} ms for the raw route): about 200 × 2 tallies resolved field by field.`,
      '',
      profileTable(results[3].profile, 10),
      '',
    );
  }
  lines.push(
    '## How figures are taken',
    '',
    '- Throughput counts only answers that are HTTP 200 without GraphQL `errors`; any other answer is counted as a failure and printed by the run (none unless a table says so).',
    "- Latency percentiles are autocannon's (per request, whole milliseconds). CPU ms per request is the server process's user + system CPU time (/proc) over the run divided by the requests answered.",
    '- SQL statements per request are counted by a TCP proxy between a separate api instance and PostgreSQL that reads the frontend protocol (a simple Query or an extended-protocol Execute is one statement; BEGIN and COMMIT count), over 30 sequential requests after one warm-up request. pg_stat_statements is not preloaded on this server, and the proxy needs no change to the app.',
    '- CPU profiles are V8 sampling profiles of a separate api instance (or of the measured one after its measured runs, for benchmark 5), started and stopped around the load window by a preloaded hook (bench/lib/cpu-profile-hook.js) so start-up is not in them. Profiles and logs are in bench/out/ (ignored by git).',
    '',
  );
  const markdown = lines.join('\n');
  fs.writeFileSync(file, markdown);
  return markdown;
}

module.exports = { writeResults };
