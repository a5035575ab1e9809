'use strict';
// 5. Subscription fan-out: 500 graphql-ws clients (participants of the meeting, each with its own
// token) on tallyUpdated; time from the recordPosition response to the last client's receipt,
// vs a bare `ws` broadcast of the same payload to 500 clients.
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');
const { withContext } = require('../lib/context');
const { startApi, startBaseline } = require('../lib/procs');
const { seedPeople, meetingInSession, addParticipants, gql, Q } = require('../lib/world');
const { log, mapLimit, percentile, summary, sleep, ratio } = require('../lib/util');
const { RUNS } = require('../lib/measure');
const cpuProfile = require('../lib/cpu-profile');

const PROFILE = process.env.BENCH_PROFILE !== '0';

const CLIENTS = Number(process.env.BENCH_FANOUT_CLIENTS ?? 500);
const EVENTS = Number(process.env.BENCH_FANOUT_EVENTS ?? 30);
const WARMUP_EVENTS = 5;
const TIMEOUT_MS = 10_000;
const SUBSCRIPTION = `subscription($m: ID!) { tallyUpdated(meetingId: $m) { agendaItemId outcome supporting opposing abstaining reserving pending } }`;

/** Counts receipts per event; resolves when every client has one, with the receipt times. */
class Receipts {
  constructor(expected) {
    this.expected = expected;
    this.times = [];
    this.done = null;
  }
  arm() {
    this.times = [];
    return new Promise((resolve) => (this.done = resolve));
  }
  receive() {
    this.times.push(performance.now());
    if (this.times.length === this.expected && this.done) this.done(this.times);
  }
}

async function connectGraphqlWs(api, users, meetingId, receipts) {
  const url = `${api.url.replace('http', 'ws')}/graphql`;
  const clients = [];
  await mapLimit(users, 25, async (user) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user.token}` },
      lazy: false,
      retryAttempts: 0,
    });
    clients.push(client);
    await new Promise((resolve, reject) => {
      const off = client.on('connected', () => {
        off();
        resolve();
      });
      client.on('closed', (e) => reject(new Error(`graphql-ws client closed: ${e?.code} ${e?.reason}`)));
    });
    client.subscribe(
      { query: SUBSCRIPTION, variables: { m: meetingId } },
      {
        next: (msg) => (msg.errors ? log(`  subscription error: ${JSON.stringify(msg.errors)}`) : receipts.receive(msg)),
        error: (e) => log(`  subscription failed: ${JSON.stringify(e).slice(0, 300)}`),
        complete: () => undefined,
      },
    );
  });
  return { close: () => Promise.all(clients.map((c) => c.dispose())) };
}

async function connectPlainWs(server, count, receipts) {
  const url = server.url.replace('http', 'ws');
  const sockets = [];
  await mapLimit([...Array(count).keys()], 25, async () => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.on('message', (data) => receipts.receive(JSON.parse(data)));
  });
  return { close: () => sockets.forEach((s) => s.terminate()) };
}

/** One event: trigger() resolves when its HTTP response arrives; then wait for every client's receipt. */
async function measureEvent(receipts, trigger) {
  const all = receipts.arm();
  const sent = performance.now();
  await trigger();
  const responded = performance.now();
  const times = await Promise.race([all, sleep(TIMEOUT_MS).then(() => null)]);
  if (!times) throw new Error(`only ${receipts.times.length} of ${receipts.expected} clients received the event within ${TIMEOUT_MS} ms`);
  return { last: Math.max(...times) - responded, first: Math.min(...times) - responded, endToEnd: Math.max(...times) - sent };
}

async function series(name, receipts, trigger) {
  for (let i = 0; i < WARMUP_EVENTS; i++) {
    await measureEvent(receipts, () => trigger(i));
    await sleep(50);
  }
  const runs = [];
  let n = WARMUP_EVENTS;
  for (let r = 0; r < RUNS; r++) {
    const events = [];
    for (let i = 0; i < EVENTS; i++) {
      events.push(await measureEvent(receipts, () => trigger(n++)));
      await sleep(50);
    }
    const lasts = events.map((e) => e.last);
    const run = { p50: percentile(lasts, 50), p99: percentile(lasts, 99), max: Math.max(...lasts), events };
    log(`  ${name} run ${r + 1}: last receipt after the response p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms`);
    runs.push(run);
  }
  const all = runs.flatMap((r) => r.events.map((e) => e.last));
  return {
    p50: summary(runs.map((r) => r.p50)),
    p99: summary(runs.map((r) => r.p99)),
    overall: { events: all.length, p50: percentile(all, 50), p99: percentile(all, 99), max: Math.max(...all) },
    firstP50: percentile(
      runs.flatMap((r) => r.events.map((e) => e.first)),
      50,
    ),
    endToEndP50: percentile(
      runs.flatMap((r) => r.events.map((e) => e.endToEnd)),
      50,
    ),
  };
}

async function run() {
  return withContext('b5', async (ctx) => {
    // The profiling hook is inert until signalled (after the measured events).
    const hook = PROFILE ? cpuProfile.profiled('b5-api') : { nodeArgs: [], env: {} };
    const api = ctx.track(await startApi(ctx, { nodeArgs: hook.nodeArgs, env: hook.env }));
    const people = await seedPeople(ctx, { orgsPerGroup: Math.ceil(CLIENTS / 30), usersPerOrg: 10 });
    const secretariat = people.staff.secretariat;
    const meeting = await meetingInSession(api.url, secretariat, { guidelines: 3 });
    const readers = people.constituents.slice(0, CLIENTS);
    await addParticipants(api.url, secretariat, meeting.meetingId, readers);
    const item = meeting.itemIds[0];
    await gql(api.url, Q.openItem, { i: item }, secretariat.token);
    await gql(api.url, Q.recordPosition, { i: item, g: 'GOVERNMENT', p: 'SUPPORT' }, secretariat.token);
    await gql(api.url, Q.recordPosition, { i: item, g: 'EMPLOYERS', p: 'SUPPORT' }, secretariat.token);
    log(`  ${readers.length} participants registered; connecting ${CLIENTS} graphql-ws clients`);

    // The api: a moderator's recordPosition (WORKERS alternating SUPPORT / OPPOSE) to 500 subscribers.
    const apiReceipts = new Receipts(readers.length);
    const subscribers = await connectGraphqlWs(api, readers, meeting.meetingId, apiReceipts);
    let payload = null;
    const record = async (n) => {
      await gql(api.url, Q.recordPosition, { i: item, g: 'WORKERS', p: n % 2 ? 'OPPOSE' : 'SUPPORT' }, secretariat.token);
    };
    // Subscriptions become active asynchronously: the first events are the warm-up.
    const firstEvent = apiReceipts.arm();
    await record(1);
    const ok = await Promise.race([firstEvent, sleep(TIMEOUT_MS).then(() => null)]);
    if (!ok) throw new Error(`only ${apiReceipts.times.length} of ${readers.length} subscribers got the first event`);
    const system = await series('graphql-ws tallyUpdated', apiReceipts, record);
    let profile = null;
    if (PROFILE) {
      let n = 1000;
      const events = await cpuProfile.during(api, 'b5-api', async () => {
        const out = [];
        for (let i = 0; i < 10; i++) out.push(await measureEvent(apiReceipts, () => record(n++)));
        return out;
      });
      profile = {
        events: events.length,
        lastP50: percentile(
          events.map((e) => e.last),
          50,
        ),
        ...cpuProfile.summarise('b5-api'),
      };
    }
    await subscribers.close();

    // The same payload, broadcast by a bare ws server.
    const tally = {
      agendaItemId: item,
      outcome: 'CONSENSUS',
      supporting: ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'],
      opposing: [],
      abstaining: [],
      reserving: [],
      pending: [],
    };
    payload = JSON.stringify({ id: '8c3f0a4e-3c1f-4a53-9d0e-5e8f8f2f3d11', type: 'next', payload: { data: { tallyUpdated: tally } } });
    const broadcast = ctx.track(await startBaseline(ctx, 'ws-broadcast.js'));
    const baseReceipts = new Receipts(readers.length);
    const sockets = await connectPlainWs(broadcast, readers.length, baseReceipts);
    const baseline = await series('bare ws broadcast', baseReceipts, () =>
      fetch(`${broadcast.url}/publish`, { method: 'POST', body: payload }).then((r) => r.text()),
    );
    sockets.close();

    return {
      clients: readers.length,
      eventsPerRun: EVENTS,
      payloadBytes: Buffer.byteLength(payload),
      system,
      baseline,
      p50Ratio: ratio(system.p50.median, baseline.p50.median),
      p99Ratio: ratio(system.p99.median, baseline.p99.median),
      profile,
    };
  });
}

module.exports = { id: 5, title: 'Subscription fan-out: 500 graphql-ws clients on tallyUpdated vs a bare ws broadcast', run };
