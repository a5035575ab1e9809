// Delegates' email addresses are personal data (DESIGN §3): only the user, the secretariat and admins read
// them. Every path of the schema that yields a User is read here by every kind of caller, over HTTP and over
// the WebSocket; a test below keeps that list complete as the schema grows.
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLObjectType, getNamedType, isObjectType } from 'graphql';
import { AuditSealer } from '@tripartite/audit';
import { LivePublisher } from '@tripartite/live';
import { TEST_PASSWORD, gqlRequest } from '@tripartite/testing';
import { MeetingWorld } from '../meetings/meeting-fixtures';
import { Feed, liveClient, until } from '../live/live-client';
import { CALLERS, Caller, Fixture, buildFixture } from './security-world';

interface SeenUser {
  id: string;
  email: string | null;
}

/** A read that yields users, and the schema fields (Type.field) it goes through. */
interface UserPath {
  covers: string[];
  document: string;
  variables: (f: Fixture) => Record<string, unknown>;
  /** Only the secretariat and admins may read it: everyone else is refused (FORBIDDEN, or NOT_FOUND where the caller may not see what it hangs on) and sees nobody. */
  staffOnly?: boolean;
}

const user = `{ id email }`;
const PATHS: Record<string, UserPath> = {
  'comment authors': {
    covers: ['Comment.author'],
    // A closed AFTER_CLOSE round: everyone reads its comments, authors included.
    document: `query($r: ID!) { comments(filter: { roundId: $r }) { edges { node { author ${user} } } } }`,
    variables: (f) => ({ r: f.meeting.closedRoundId }),
  },
  'stage history actors': {
    covers: ['StageTransition.actor'],
    document: `query($i: ID!) { instrument(id: $i) { stageHistory { actor ${user} } } }`,
    variables: (f) => ({ i: f.consultation.instrumentId }),
  },
  'meeting moderators, participants and who recorded positions': {
    covers: ['ExpertsMeeting.moderators', 'Participant.user', 'GroupPosition.recordedBy'],
    document: `query($m: ID!) { meeting(id: $m) { moderators ${user} participants { user ${user} } agenda { positions { recordedBy ${user} } amendments { positions { recordedBy ${user} } } } } }`,
    variables: (f) => ({ m: f.gb.meetingId }),
  },
  "who recorded an item's positions and votes": {
    covers: ['GroupPosition.recordedBy', 'VoteRecord.recordedBy'],
    document: `query($i: ID!) { agendaItem(id: $i) { positionHistory { recordedBy ${user} } voteHistory { recordedBy ${user} } } }`,
    variables: (f) => ({ i: f.meeting.items[0] }),
  },
  'who recorded dispositions': {
    covers: ['DispositionRecord.recordedBy'],
    document: `query($r: ID!) { comments(filter: { roundId: $r }) { edges { node { dispositionHistory { recordedBy ${user} } } } } }`,
    variables: (f) => ({ r: f.meeting.closedRoundId }),
    staffOnly: true,
  },
  'recipients of undelivered emails': {
    covers: ['UndeliveredEmail.recipient'],
    document: `{ undeliveredEmails { recipient ${user} } }`,
    variables: () => ({}),
    staffOnly: true,
  },
  'audit actors': {
    covers: ['AuditEvent.actor'],
    document: `{ auditLog(first: 200) { edges { node { actor ${user} } } } }`,
    variables: () => ({}),
  },
  me: { covers: ['Query.me'], document: `{ me ${user} }`, variables: () => ({}) },
  'email preferences': {
    covers: ['Mutation.setEmailPreferences'],
    document: `mutation { setEmailPreferences(disabledKinds: []) ${user} }`,
    variables: () => ({}),
  },
  'who translated a guideline': {
    covers: ['GuidelineTranslation.translatedBy'],
    // Through one agenda item's guideline (a version's whole list of guidelines would cost too much).
    document: `query($i: ID!) { agendaItem(id: $i) { guideline { translationHistory(language: FR) { translatedBy ${user} } } } }`,
    variables: (f) => ({ i: f.meeting.items[0] }),
    staffOnly: true,
  },
  'users (administration and the secretariat)': {
    covers: ['UserEdge.node'],
    document: `{ users(first: 200) { edges { node ${user} } } }`,
    variables: () => ({}),
    staffOnly: true,
  },
  'meeting candidates (the secretariat)': {
    covers: ['Query.meetingCandidates'],
    document: `{ meetingCandidates(first: 200) ${user} }`,
    variables: () => ({}),
    staffOnly: true,
  },
  'own language': {
    covers: ['Mutation.setMyLanguage'],
    document: `mutation { setMyLanguage(language: EN) ${user} }`,
    variables: () => ({}),
  },
};

/** Every User object anywhere in a response. */
function usersIn(value: unknown, out: SeenUser[] = []): SeenUser[] {
  if (Array.isArray(value)) for (const v of value) usersIn(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.id === 'string' && 'email' in o) out.push({ id: o.id, email: o.email as string | null });
    for (const v of Object.values(o)) usersIn(v, out);
  }
  return out;
}

describe('email addresses reach only the user, the secretariat and admins', () => {
  let w: MeetingWorld;
  let f: Fixture;
  let emails: Map<string, string>;

  beforeAll(async () => {
    w = await MeetingWorld.start();
    f = await buildFixture(w);
    // The audit log shows sealed events (the worker seals them; there is no worker here).
    await w.api.app.get(AuditSealer).seal();
    // A vote on the item under discussion, for the vote history's recorder.
    const votes = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'].map((group) => ({ group, inFavour: 1, against: 0, abstentions: 0 }));
    const voted = await w.gql(
      `mutation($i: ID!, $v: [GroupVoteInput!]!) { recordVote(agendaItemId: $i, votes: $v) { id } }`,
      { i: f.meeting.items[0], v: votes },
      f.tokens.MODERATOR,
    );
    expect(voted.errors).toBeUndefined();
    // A translation of the first agenda item's guideline, for the translation history's translator.
    const [commented] = await w.api.db.query<{ id: string }>(`SELECT guideline_id AS id FROM agenda_item WHERE id = $1`, [f.meeting.items[0]]);
    const translated = await w.gql(
      `mutation($g: ID!) { setGuidelineTranslation(guidelineId: $g, language: FR, text: "Texte traduit.") { id } }`,
      { g: commented.id },
      f.tokens.SECRETARIAT,
    );
    expect(translated.errors).toBeUndefined();
    const rows = await w.api.db.query<{ id: string; email: string }>(`SELECT id, email FROM app_user`);
    emails = new Map(rows.map((r) => [r.id, r.email]));
  }, 120_000);
  afterAll(() => w.stop());

  const staff = (c: Caller) => c === 'ADMIN' || c === 'SECRETARIAT';
  /** What caller c must see as `id`'s email. */
  const expected = (c: Caller, id: string) => (staff(c) || f.userIds[c] === id ? emails.get(id)! : null);

  it.each(Object.entries(PATHS))('%s', async (_name, path) => {
    const others: Record<string, number> = {};
    for (const caller of CALLERS.filter((c) => c !== 'anonymous')) {
      const res = await w.gql(path.document, path.variables(f), f.tokens[caller]);
      const code = res.errors?.[0]?.extensions?.code;
      if (path.staffOnly && !staff(caller)) {
        expect({ caller, code, users: usersIn(res.data) }).toEqual({ caller, code: code === 'NOT_FOUND' ? code : 'FORBIDDEN', users: [] });
        continue;
      }
      // A path closed to the caller shows nobody (audit log: staff only; a meeting: who may see it).
      if (code === 'FORBIDDEN' || code === 'NOT_FOUND') {
        expect({ caller, data: res.data }).toEqual({ caller, data: null });
        continue;
      }
      expect({ caller, errors: res.errors }).toEqual({ caller, errors: undefined });
      const seen = usersIn(res.data);
      expect(seen.length).toBeGreaterThan(0);
      const wrong = seen.filter((u) => u.email !== expected(caller, u.id));
      expect({ caller, wrong }).toEqual({ caller, wrong: [] });
      others[caller] = seen.filter((u) => u.id !== f.userIds[caller]).length;
    }
    // Where someone who is not staff saw other people, the test has shown something (their emails were null).
    if (!path.staffOnly && !path.covers.every((c) => c.startsWith('Query.') || c.startsWith('Mutation.') || c === 'AuditEvent.actor')) {
      const nonStaff = Object.entries(others).filter(([c]) => !staff(c as Caller));
      expect(nonStaff.some(([, n]) => n > 0)).toBe(true);
    }
  });

  it('gives the signed-in user their own email in login’s payload (before any token is in the request)', async () => {
    const res = await gqlRequest(w.api.url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user ${user} } }`, {
      e: w.people.observer.email,
      p: TEST_PASSWORD,
    });
    expect(res.data.login.user).toEqual({ id: w.people.observer.id, email: w.people.observer.email });
  });

  it('gives admins the email in what updateUser and reactivateUser return', async () => {
    const updated = (
      await w.gql(`mutation($u: ID!) { updateUser(userId: $u, input: { displayName: "Renamed" }) ${user} }`, { u: f.spareUserId }, f.tokens.ADMIN)
    ).data.updateUser;
    const back = (await w.gql(`mutation($u: ID!) { reactivateUser(userId: $u) ${user} }`, { u: f.spareUserId }, f.tokens.ADMIN)).data.reactivateUser;
    expect([updated.email, back.email]).toEqual([emails.get(f.spareUserId), emails.get(f.spareUserId)]);
  });

  it('gives admins the email in what createUser, setUserRoles and deactivateUser return', async () => {
    const created = (
      await w.gql(
        `mutation($i: CreateUserInput!) { createUser(input: $i) ${user} }`,
        { i: { email: `visible-${process.pid}@test.org`, displayName: 'Visible', password: 'long enough password', roles: ['OBSERVER'] } },
        f.tokens.ADMIN,
      )
    ).data.createUser;
    expect(created.email).toBe(`visible-${process.pid}@test.org`);
    const roles = (await w.gql(`mutation($u: ID!) { setUserRoles(userId: $u, roles: [MODERATOR]) ${user} }`, { u: created.id }, f.tokens.ADMIN)).data
      .setUserRoles;
    const gone = (await w.gql(`mutation($u: ID!) { deactivateUser(userId: $u, reason: "Test") ${user} }`, { u: created.id }, f.tokens.ADMIN)).data
      .deactivateUser;
    expect([roles.email, gone.email]).toEqual([created.email, created.email]);
  });

  it('hides other people’s emails in subscription events too (stageChanged’s actor)', async () => {
    const live = w.api.app.get(LivePublisher);
    const callers = ['OBSERVER', 'GOVERNMENT', 'SECRETARIAT'] as const;
    const clients = callers.map((c) => liveClient(w.api.url, f.tokens[c]));
    try {
      const feeds = clients.map(
        (c) => new Feed(c, `subscription($i: ID!) { stageChanged(instrumentId: $i) { actor ${user} } }`, { i: f.consultation.instrumentId }, 'stageChanged'),
      );
      await until(
        'every subscriber to get the event',
        async () => {
          await live.publish('stageChanged', f.consultation.instrumentId, {
            instrumentId: f.consultation.instrumentId,
            transitionId: f.consultation.transitionId,
          });
          return feeds.every((feed) => feed.events.length > 0);
        },
        15_000,
      );
      const actors = feeds.map((feed) => feed.data()[0].actor as SeenUser);
      expect(actors.map((a) => a.id)).toEqual(callers.map(() => f.userIds.SECRETARIAT));
      expect(actors.map((a) => a.email)).toEqual([null, null, emails.get(f.userIds.SECRETARIAT!)]);
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  it('covers every field of the schema that yields a User (a new one needs a path above)', () => {
    const schema = w.api.app.get(GraphQLSchemaHost).schema;
    const yielding: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values((type as GraphQLObjectType).getFields())) {
        if (getNamedType(field.type).name === 'User') yielding.push(`${type.name}.${field.name}`);
      }
    }
    const covered = new Set([
      ...Object.values(PATHS).flatMap((p) => p.covers),
      // The tests above: login's payload, the admin mutations, and the subscription (the StageTransition.actor path again).
      'AuthPayload.user',
      'Mutation.createUser',
      'Mutation.setUserRoles',
      'Mutation.deactivateUser',
      'Mutation.updateUser',
      'Mutation.reactivateUser',
    ]);
    expect(yielding.filter((field) => !covered.has(field)).sort()).toEqual([]);
  });
});
