// People's language (issue 15): a user's own choice (setMyLanguage), their organization's default (an admin's
// setOrganizationDefaultLanguage), English last; each change audited through its one event, and in effect on the
// next request on every api instance, though each may keep what it read of a session for a minute here.
import type { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { TokensService, sessionChangesChannel } from '@tripartite/auth';
import { People, REDIS_URL, TEST_PASSWORD, TestApi, errorOf, gqlRequest, ok, seedPeople, startApi } from '@tripartite/testing';
import { createApi } from '../../apps/api/src/bootstrap';
import { waitFor } from '../ops/processes';

const ME = `{ me { id language organization { id defaultLanguage } } }`;
const SET_MINE = `mutation($l: Language!) { setMyLanguage(language: $l) { id language } }`;
const SET_DEFAULT = `mutation($o: ID!, $l: Language) { setOrganizationDefaultLanguage(organizationId: $o, language: $l) { id defaultLanguage } }`;

describe("people's language", () => {
  let api: TestApi;
  let other: INestApplication;
  let otherUrl: string;
  let people: People;
  let admin: string;
  let redis: Redis;

  beforeAll(async () => {
    const before = { ...process.env };
    try {
      api = await startApi({ SESSION_CACHE_MS: '60000' });
      // A second api instance on the same database and Redis: its own session cache, told of changes through Redis only.
      other = await createApi();
      await other.listen(0, '127.0.0.1');
      otherUrl = `http://127.0.0.1:${(other.getHttpServer().address() as { port: number }).port}`;
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
      Object.assign(process.env, before);
    }
    people = await seedPeople(api.app);
    admin = await api.login(people.admin.email);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await other?.close();
    await api?.close();
  });

  const auditOf = (entityId: string, action: string) =>
    api.db.query<{ actor_id: string; entity_type: string; data: unknown }>(
      `SELECT actor_id, entity_type, data FROM audit_event WHERE entity_id = $1 AND action = $2 ORDER BY sequence NULLS LAST, at`,
      [entityId, action],
    );
  const languageOf = async (userId: string) =>
    (await api.db.query<{ language: string | null }>(`SELECT language FROM app_user WHERE id = $1`, [userId]))[0].language;

  it('is EN for a user who never chose, and answered at sign-in so the web client can switch', async () => {
    const token = await api.login(people.observer.email);
    expect(ok(await api.gql(ME, {}, token)).me).toMatchObject({ id: people.observer.id, language: 'EN', organization: null });
    const signIn = ok(
      await api.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id language } } }`, {
        e: people.observer.email,
        p: TEST_PASSWORD,
      }),
    ).login;
    expect(signIn.user).toEqual({ id: people.observer.id, language: 'EN' });
  });

  it("setMyLanguage changes the caller's own language only, audited once, and shows on the next request on every instance", async () => {
    const me = people.constituents.WORKERS[0];
    const colleague = people.constituents.WORKERS[1];
    const token = await api.login(me.email);
    // Both instances have read (and cached) the session.
    const tokensHere = api.app.get(TokensService);
    const tokensThere = other.get(TokensService);
    expect((await tokensHere.authenticate(token)).language).toBe('EN');
    expect((await tokensThere.authenticate(token)).language).toBe('EN');
    await waitFor('both instances to listen for session changes', async () => {
      const [, n] = (await redis.pubsub('NUMSUB', sessionChangesChannel(api.prefix))) as [string, number];
      return Number(n) >= 2 ? true : undefined;
    });

    expect(ok(await api.gql(SET_MINE, { l: 'FR' }, token)).setMyLanguage).toEqual({ id: me.id, language: 'FR' });
    expect(ok(await api.gql(ME, {}, token)).me.language).toBe('FR');
    expect(ok(await gqlRequest(otherUrl, ME, {}, token)).me.language).toBe('FR');
    expect((await tokensHere.authenticate(token)).language).toBe('FR');
    // The other instance was told through Redis (its cache would keep the old reading for a minute).
    expect((await tokensThere.authenticate(token)).language).toBe('FR');

    expect(await auditOf(me.id, 'user.languageChanged')).toEqual([{ actor_id: me.id, entity_type: 'User', data: { from: null, to: 'FR' } }]);
    // Nobody else's changed.
    expect(await languageOf(colleague.id)).toBeNull();
    expect(ok(await api.gql(ME, {}, await api.login(colleague.email))).me.language).toBe('EN');

    // The same choice again changes nothing and audits nothing.
    expect(ok(await api.gql(SET_MINE, { l: 'FR' }, token)).setMyLanguage.language).toBe('FR');
    ok(await api.gql(SET_MINE, { l: 'ES' }, token));
    expect((await auditOf(me.id, 'user.languageChanged')).map((e) => e.data)).toEqual([
      { from: null, to: 'FR' },
      { from: 'FR', to: 'ES' },
    ]);
  });

  it('refuses a language that is not one, and a caller who is not signed in', async () => {
    const token = await api.login(people.moderator.email);
    const bad = await api.gql(`mutation { setMyLanguage(language: DE) { id } }`, {}, token);
    expect(bad.errors?.[0].message).toMatch(/DE/);
    expect(await languageOf(people.moderator.id)).toBeNull();
    expect(errorOf(await api.gql(SET_MINE, { l: 'FR' })).code).toBe('UNAUTHENTICATED');
  });

  it("the organization's default applies to its members who never chose, not to those who did; admins only, audited", async () => {
    const orgId = people.organizations.EMPLOYERS[0];
    const member = people.constituents.EMPLOYERS[0];
    const token = await api.login(member.email);
    expect(errorOf(await api.gql(SET_DEFAULT, { o: orgId, l: 'ES' }, token)).code).toBe('FORBIDDEN');

    expect(ok(await api.gql(SET_DEFAULT, { o: orgId, l: 'ES' }, admin)).setOrganizationDefaultLanguage).toEqual({ id: orgId, defaultLanguage: 'ES' });
    expect(ok(await api.gql(ME, {}, token)).me).toEqual({ id: member.id, language: 'ES', organization: { id: orgId, defaultLanguage: 'ES' } });
    expect((await api.app.get(TokensService).authenticate(token)).language).toBe('ES');
    expect(await auditOf(orgId, 'organization.defaultLanguageChanged')).toEqual([
      { actor_id: people.admin.id, entity_type: 'Organization', data: { from: null, to: 'ES' } },
    ]);
    // Members of other organizations keep English.
    expect(ok(await api.gql(ME, {}, await api.login(people.constituents.EMPLOYERS[1].email))).me.language).toBe('EN');

    // A member's own choice wins over the default.
    ok(await api.gql(SET_MINE, { l: 'FR' }, token));
    expect(ok(await api.gql(ME, {}, token)).me.language).toBe('FR');

    // Cleared: back to English for those who never chose.
    ok(await api.gql(SET_DEFAULT, { o: orgId, l: null }, admin));
    expect((await auditOf(orgId, 'organization.defaultLanguageChanged')).map((e) => e.data)).toEqual([
      { from: null, to: 'ES' },
      { from: 'ES', to: null },
    ]);
    const [{ n }] = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE organization_id = $1 AND language IS NULL`, [orgId]);
    expect(n).toBe(0);
    expect(errorOf(await api.gql(SET_DEFAULT, { o: '00000000-0000-4000-8000-000000000000', l: 'FR' }, admin)).code).toBe('NOT_FOUND');
  });

  it('createUser takes a language; without one the user follows their organization', async () => {
    const orgId = people.organizations.GOVERNMENT[1];
    ok(await api.gql(SET_DEFAULT, { o: orgId, l: 'FR' }, admin));
    const create = (email: string, language?: string) =>
      api.gql(
        `mutation($i: CreateUserInput!) { createUser(input: $i) { id language } }`,
        {
          i: {
            email,
            displayName: email,
            password: 'a password of some length',
            roles: ['CONSTITUENT'],
            organizationId: orgId,
            ...(language ? { language } : {}),
          },
        },
        admin,
      );
    const chose = ok(await create('lucia@gob.test', 'ES')).createUser;
    const follows = ok(await create('amelie@gob.test')).createUser;
    expect(chose.language).toBe('ES');
    expect(follows.language).toBe('FR');
    expect(await languageOf(chose.id)).toBe('ES');
    expect(await languageOf(follows.id)).toBeNull();
    expect((await auditOf(chose.id, 'user.created'))[0].data).toMatchObject({ language: 'ES' });
    expect((await auditOf(follows.id, 'user.created'))[0].data).not.toHaveProperty('language');
  });
});
