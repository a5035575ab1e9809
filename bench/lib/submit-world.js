'use strict';
// What submitComment load needs: many constituents of many invited organizations (so rows and
// idempotency keys never collide), one round OPEN for hours, and the load generator's request spec.
const { randomUUID } = require('node:crypto');
const { seedPeople, publishedInstrument, openRound } = require('./world');

async function submitWorld(ctx, api, { orgsPerGroup = 30, usersPerOrg = 2 } = {}) {
  const people = await seedPeople(ctx, { orgsPerGroup, usersPerOrg });
  const instrument = await publishedInstrument(api.url, people.staff.secretariat, { guidelines: 10 });
  const round = await openRound(api.url, people.staff.secretariat, instrument, { closesAt: new Date(Date.now() + 4 * 3600_000) });
  return { people, instrument, round };
}

/** The load generator's configuration of a submitComment run against the api or the raw route. */
function submitLoad(world, server, target, { connections, duration, overallRate } = {}) {
  return {
    kind: 'submit',
    graphql: target === 'api',
    url: server.url,
    connections,
    duration,
    overallRate,
    submit: {
      target,
      roundId: world.round.id,
      guidelineIds: world.instrument.guidelineIds,
      keyPrefix: randomUUID(),
      users: world.people.constituents.map((u) => ({ id: u.id, token: u.token, organizationId: u.organizationId, group: u.group })),
    },
  };
}

module.exports = { submitWorld, submitLoad };
