'use strict';
// Setting up what a benchmark needs: people (SQL inserts, as test/support/people.ts does), access
// tokens signed with the api's secret, and instruments, rounds and meetings made through GraphQL.
const { randomUUID } = require('node:crypto');
const jwt = require('jsonwebtoken');
const { mapLimit } = require('./util');

const GROUPS = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];
// Nobody logs in during a benchmark; a fixed hash keeps seeding fast.
const UNUSED_HASH = `scrypt$16384$8$1$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(64).toString('base64')}`;

/** A session of the user (as a sign-in starts one) and its access token, with the claims TokensService.issue signs. */
async function token(ctx, user) {
  const [session] = await ctx.db.query(
    `INSERT INTO auth_session (user_id, idle_expires_at, expires_at) VALUES ($1, now() + interval '1 day', now() + interval '1 day') RETURNING id`,
    [user.id],
  );
  return jwt.sign({ sid: session.id }, ctx.jwtSecret, {
    algorithm: 'HS256',
    subject: user.id,
    expiresIn: '3h',
    issuer: 'tripartite',
    audience: 'tripartite-api',
  });
}

async function gql(url, query, variables = {}, bearer = null) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 1000)}`);
  return body.data;
}

async function insertUser(db, email, roles, organizationId = null, group = null) {
  const [row] = await db.query(`INSERT INTO app_user (email, display_name, password_hash, roles, organization_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
    email,
    email.split('@')[0],
    UNUSED_HASH,
    roles,
    organizationId,
  ]);
  return { id: row.id, email, roles, organizationId, group };
}

/** Staff, plus `orgsPerGroup` organizations per group with `usersPerOrg` constituents each, all with tokens. */
async function seedPeople(ctx, { orgsPerGroup = 2, usersPerOrg = 1 } = {}) {
  const { db } = ctx;
  const staff = {
    secretariat: await insertUser(db, 'secretariat@bench.org', ['SECRETARIAT']),
    moderator: await insertUser(db, 'moderator@bench.org', ['MODERATOR']),
    observer: await insertUser(db, 'observer@bench.org', ['OBSERVER']),
  };
  const constituents = [];
  const organizations = [];
  let country = 0;
  for (const group of GROUPS) {
    for (let o = 0; o < orgsPerGroup; o++) {
      // Governments carry a distinct ISO-like code (AA, AB, ...).
      const code = group === 'GOVERNMENT' ? String.fromCharCode(65 + Math.floor(country / 26), 65 + (country++ % 26)) : null;
      const [org] = await db.query(`INSERT INTO organization (name, "group", country_code) VALUES ($1, $2, $3) RETURNING id, name`, [
        `${group.toLowerCase()} organization ${o + 1}`,
        group,
        code,
      ]);
      organizations.push({ id: org.id, name: org.name, group });
      for (let u = 0; u < usersPerOrg; u++) {
        constituents.push(await insertUser(db, `${group.toLowerCase()}${o + 1}.${u + 1}@bench.org`, ['CONSTITUENT'], org.id, group));
      }
    }
  }
  for (const user of [...Object.values(staff), ...constituents]) user.token = await token(ctx, user);
  return { staff, constituents, organizations };
}

/** "## I. ..." sections of "N.N" guidelines, `count` guidelines in all. */
function markdown(count, perSection = 20) {
  const lines = ['# Guidelines under benchmark', ''];
  for (let i = 0; i < count; i++) {
    const s = Math.floor(i / perSection) + 1;
    if (i % perSection === 0) lines.push(`## ${s}. Section ${s}`, '');
    lines.push(`${s}.${(i % perSection) + 1} Everyone concerned should be heard before rule ${i + 1} is adopted, and deadlines are kept.`, '');
  }
  return lines.join('\n');
}

const Q = {
  create: `mutation($r: String!) { createInstrument(input: { reference: $r, title: "Guidelines under benchmark" }) { id versions { id } } }`,
  import: `mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`,
  publish: `mutation($v: ID!) { publishVersion(versionId: $v, changeSummary: "for consultation") { id guidelines { id key } } }`,
  schedule: `mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id closesAt } }`,
  advance: `mutation($i: ID!, $to: Stage!, $reason: String) { advanceStage(instrumentId: $i, to: $to, reason: $reason) { id stage } }`,
  scheduleMeeting: `mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { id agenda { id } } }`,
  openMeeting: `mutation($m: ID!) { openMeeting(meetingId: $m) { id status } }`,
  openItem: `mutation($i: ID!) { openAgendaItem(agendaItemId: $i) { id status } }`,
  recordPosition: `mutation($i: ID!, $g: ConstituentGroup!, $p: Position!) { recordPosition(agendaItemId: $i, group: $g, position: $p) { id revision } }`,
  addParticipant: `mutation($m: ID!, $u: ID!, $g: ConstituentGroup!, $r: ParticipantRole!) { addParticipant(meetingId: $m, userId: $u, group: $g, role: $r) { id } }`,
};

/** An instrument with version 1 published, made through the API as the secretariat. */
async function publishedInstrument(url, secretariat, { guidelines = 5, reference } = {}) {
  const created = (await gql(url, Q.create, { r: reference ?? `BENCH/${randomUUID()}` }, secretariat.token)).createInstrument;
  const versionId = created.versions[0].id;
  await gql(url, Q.import, { v: versionId, md: markdown(guidelines) }, secretariat.token);
  const published = (await gql(url, Q.publish, { v: versionId }, secretariat.token)).publishVersion;
  return { instrumentId: created.id, versionId, guidelineIds: published.guidelines.map((g) => g.id) };
}

/** Scheduled and opened (advanceStage to CONSULTATION): the honest way a round opens. */
async function openRound(url, secretariat, instrument, { closesAt, organizationIds, visibility } = {}) {
  const input = { instrumentId: instrument.instrumentId, versionId: instrument.versionId, closesAt: closesAt.toISOString() };
  if (organizationIds) input.organizationIds = organizationIds;
  if (visibility) input.visibility = visibility;
  const round = (await gql(url, Q.schedule, { in: input }, secretariat.token)).scheduleConsultation;
  await gql(url, Q.advance, { i: instrument.instrumentId, to: 'CONSULTATION' }, secretariat.token);
  return round;
}

/**
 * An instrument of `guidelines` guidelines in EXPERTS_MEETING with its meeting IN_SESSION: a round
 * opened and closed early with a reason, the meeting scheduled, the stage moved, the meeting opened.
 */
async function meetingInSession(url, secretariat, { guidelines }) {
  const instrument = await publishedInstrument(url, secretariat, { guidelines });
  await openRound(url, secretariat, instrument, { closesAt: new Date(Date.now() + 3600_000) });
  await gql(url, Q.advance, { i: instrument.instrumentId, to: 'CONSOLIDATION', reason: 'Closed early for the benchmark' }, secretariat.token);
  const startsAt = new Date(Date.now() + 2 * 86400_000);
  const meeting = (
    await gql(
      url,
      Q.scheduleMeeting,
      {
        in: {
          instrumentId: instrument.instrumentId,
          versionId: instrument.versionId,
          title: 'Meeting of experts (benchmark)',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3 * 86400_000).toISOString(),
        },
      },
      secretariat.token,
    )
  ).scheduleMeeting;
  await gql(url, Q.advance, { i: instrument.instrumentId, to: 'EXPERTS_MEETING' }, secretariat.token);
  await gql(url, Q.openMeeting, { m: meeting.id }, secretariat.token);
  return { instrument, meetingId: meeting.id, itemIds: meeting.agenda.map((i) => i.id) };
}

/** Participants through addParticipant, as the secretariat registers them. */
async function addParticipants(url, secretariat, meetingId, users, concurrency = 8) {
  await mapLimit(users, concurrency, (u) => gql(url, Q.addParticipant, { m: meetingId, u: u.id, g: u.group, r: 'EXPERT' }, secretariat.token));
}

module.exports = { GROUPS, token, gql, insertUser, seedPeople, markdown, Q, publishedInstrument, openRound, meetingInSession, addParticipants };
