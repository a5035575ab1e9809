'use strict';
// 3. meeting { tally, agenda { tally } } for a meeting of 200 agenda items, as a participant reads
// the live board, vs one SQL statement in a Fastify route. Throughput and latency.
const { withContext } = require('../lib/context');
const { startApi } = require('../lib/procs');
const { readBench } = require('../lib/read-bench');
const { seedPeople, meetingInSession, addParticipants, gql, Q } = require('../lib/world');
const { log } = require('../lib/util');

const ITEMS = 200;
const TALLY = 'agendaItemId outcome supporting opposing abstaining reserving pending';
const QUERY = `query($m: ID!) { meeting(id: $m) { id
  tally { meetingId adopted notAdopted deferred open items { ${TALLY} } }
  agenda { id order status tally { ${TALLY} } } } }`;
const CLOSE = `mutation($i: ID!, $s: ItemStatus!) { closeAgendaItem(agendaItemId: $i, status: $s) { id status } }`;

async function run() {
  return withContext('b3', async (ctx) => {
    const api = ctx.track(await startApi(ctx));
    const people = await seedPeople(ctx, { orgsPerGroup: 1, usersPerOrg: 1 });
    const secretariat = people.staff.secretariat;
    // Through the api: 200 guidelines imported from Markdown and published, a round opened and closed
    // early with a reason, the meeting scheduled, the instrument moved to EXPERTS_MEETING, the meeting opened.
    const meeting = await meetingInSession(api.url, secretariat, { guidelines: ITEMS });
    const reader = people.constituents[0];
    await addParticipants(api.url, secretariat, meeting.meetingId, [reader]);
    // A board in mid-session: 60 items discussed (consensus, opposition, incomplete), 20 of them closed.
    for (let i = 0; i < 60; i++) {
      const item = meeting.itemIds[i];
      await gql(api.url, Q.openItem, { i: item }, secretariat.token);
      const positions =
        i % 3 === 0
          ? { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'ABSTAIN' }
          : i % 3 === 1
            ? { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'OPPOSE', WORKERS: 'SUPPORT' }
            : { GOVERNMENT: 'RESERVATION' };
      for (const [g, p] of Object.entries(positions)) await gql(api.url, Q.recordPosition, { i: item, g, p }, secretariat.token);
      if (i < 30 && i % 3 !== 2) await gql(api.url, CLOSE, { i: item, s: i % 3 === 0 ? 'ADOPTED' : 'NOT_ADOPTED' }, secretariat.token);
    }
    log(`  meeting of ${meeting.itemIds.length} agenda items in session`);
    const result = await readBench(ctx, api, {
      name: 'meeting tally',
      query: QUERY,
      variables: { m: meeting.meetingId },
      token: reader.token,
      rawScript: 'raw-meeting-tally-server.js',
      rawPath: `/meeting-tally?meetingId=${meeting.meetingId}&userId=${reader.id}`,
      connections: [1, 16],
    });
    return { items: meeting.itemIds.length, viewer: 'a participant (CONSTITUENT)', ...result };
  });
}

module.exports = { id: 3, title: 'meeting { tally, agenda { tally } } for 200 agenda items vs one SQL statement', run };
