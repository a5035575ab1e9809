// Sessions: sign-out, refresh-token rotation (and what a stolen token's reuse does), idle and absolute ends,
// deactivation and role changes, each taking effect on the next request. In one api; the cross-instance
// version is test/security/sessions-cross-instance.test.ts.
import jwt from 'jsonwebtoken';
import { People, TEST_PASSWORD, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken expiresAt sessionExpiresAt user { id email } } }`;
const ME = `{ me { id roles } }`;
const AUDIT = `{ auditLog(first: 1) { edges { cursor } } }`;
const DEACTIVATE = `mutation($u: ID!, $r: String!) { deactivateUser(userId: $u, reason: $r) { id active roles } }`;
const SET_ROLES = `mutation($u: ID!, $r: [Role!]!) { setUserRoles(userId: $u, roles: $r) { id roles active } }`;

interface SignedIn {
  accessToken: string;
  expiresAt: string;
  sessionExpiresAt: string;
  /** The refresh cookie's value, as a browser would hold it. */
  refresh: string;
  setCookie: string;
}

/** startApi leaves its variables in process.env; the next API of this file must not inherit them. */
async function startWith(env: Record<string, string>): Promise<TestApi> {
  const before = { ...process.env };
  try {
    return await startApi(env);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
    Object.assign(process.env, before);
  }
}

const refreshCookieOf = (setCookie: string[]) => setCookie.find((c) => c.startsWith('tripartite_refresh='));

async function signIn(api: TestApi, email: string): Promise<SignedIn> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { e: email, p: TEST_PASSWORD } }),
  });
  const body = (await res.json()) as { data: { login: Omit<SignedIn, 'refresh' | 'setCookie'> } };
  const setCookie = refreshCookieOf(res.headers.getSetCookie())!;
  const refresh = /^tripartite_refresh=([^;]*)/.exec(setCookie)![1];
  return { ...body.data.login, refresh, setCookie };
}

async function refresh(api: TestApi, cookie: string | null, headers: Record<string, string> = { 'x-requested-with': 'test' }) {
  const res = await fetch(`${api.url}/auth/refresh`, {
    method: 'POST',
    headers: { ...headers, ...(cookie ? { cookie: `tripartite_refresh=${cookie}` } : {}) },
  });
  const text = await res.text();
  const setCookie = refreshCookieOf(res.headers.getSetCookie()) ?? null;
  return { status: res.status, body: text ? JSON.parse(text) : null, setCookie, next: setCookie ? /^tripartite_refresh=([^;]*)/.exec(setCookie)![1] : null };
}

describe('sessions', () => {
  let api: TestApi;
  let people: People;

  beforeAll(async () => {
    api = await startWith({ JWT_TTL: '10m' });
    people = await seedPeople(api.app);
  });
  afterAll(() => api.close());

  describe('the refresh cookie', () => {
    it('is set by login: HttpOnly, SameSite=Strict, only for /auth, without Secure over plain http', async () => {
      const s = await signIn(api, people.observer.email);
      const attributes = s.setCookie
        .split(';')
        .slice(1)
        .map((a) => a.trim().toLowerCase());
      expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/auth']));
      expect(attributes).not.toContain('secure');
      // A browser-session cookie; the server keeps the session's ends.
      expect(attributes.some((a) => a.startsWith('max-age') || a.startsWith('expires'))).toBe(false);
      expect(s.refresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // The token is a digest in the database, never the value.
      const rows = await api.db.query<{ hex: string }>(`SELECT encode(token_hash, 'hex') AS hex FROM auth_refresh_token`);
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain(Buffer.from(s.refresh).toString('hex'));
    });

    it('is Secure when the request came over https (through a trusted proxy)', async () => {
      const behindTls = await startWith({ TRUST_PROXY: 'loopback' });
      try {
        const p = await seedPeople(behindTls.app);
        const res = await fetch(`${behindTls.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
          body: JSON.stringify({ query: LOGIN, variables: { e: p.observer.email, p: TEST_PASSWORD } }),
        });
        expect(refreshCookieOf(res.headers.getSetCookie())!.toLowerCase()).toContain('; secure');
      } finally {
        await behindTls.close();
      }
    });

    it('is refused without X-Requested-With (403), answers 204 when absent, and 401 (clearing it) when unknown', async () => {
      const s = await signIn(api, people.observer.email);
      const noHeader = await refresh(api, s.refresh, {});
      expect(noHeader.status).toBe(403);
      expect(noHeader.body.error.code).toBe('FORBIDDEN');
      expect((await refresh(api, null)).status).toBe(204);
      const unknown = await refresh(api, 'A'.repeat(43));
      expect(unknown.status).toBe(401);
      expect(unknown.body.error.code).toBe('UNAUTHENTICATED');
      expect(unknown.setCookie).toMatch(/^tripartite_refresh=;/);
      // The 403 used nothing up: the cookie still refreshes.
      expect((await refresh(api, s.refresh)).status).toBe(200);
    });
  });

  describe('refreshing', () => {
    it('trades the cookie for a new access token of the same session and a new cookie', async () => {
      const s = await signIn(api, people.secretariat.email);
      const r = await refresh(api, s.refresh);
      expect(r.status).toBe(200);
      expect(r.next).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(r.next).not.toBe(s.refresh);
      expect(r.body.user).toEqual({
        id: people.secretariat.id,
        email: people.secretariat.email,
        displayName: 'secretariat',
        roles: ['SECRETARIAT'],
        organization: null,
        // So the web client switches to the user's language on reload too.
        language: 'EN',
      });
      expect(r.body.sessionExpiresAt).toBe(s.sessionExpiresAt);
      expect((jwt.decode(r.body.accessToken) as { sid: string }).sid).toBe((jwt.decode(s.accessToken) as { sid: string }).sid);
      expect(ok(await api.gql(ME, {}, r.body.accessToken)).me.id).toBe(people.secretariat.id);
      // The new cookie refreshes again.
      expect((await refresh(api, r.next)).status).toBe(200);
    });

    it('takes a rotated token presented again at once as another tab racing: a token, no new cookie', async () => {
      const s = await signIn(api, people.moderator.email);
      const first = await refresh(api, s.refresh);
      const racing = await refresh(api, s.refresh);
      expect(racing.status).toBe(200);
      expect(racing.setCookie).toBeNull();
      expect(ok(await api.gql(ME, {}, racing.body.accessToken)).me.id).toBe(people.moderator.id);
      // The cookie the first refresh set goes on.
      expect((await refresh(api, first.next)).status).toBe(200);
    });

    it('ends the session when a token rotated before is presented again (a copy): every token of it refused', async () => {
      const s = await signIn(api, people.otherModerator.email);
      const r1 = await refresh(api, s.refresh);
      const r2 = await refresh(api, r1.next);
      expect(r2.status).toBe(200);
      // The first token again, after its successor was used: someone else holds a copy.
      const reused = await refresh(api, s.refresh);
      expect(reused.status).toBe(401);
      expect((await refresh(api, r2.next)).status).toBe(401);
      expect(errorOf(await api.gql(ME, {}, r2.body.accessToken)).code).toBe('UNAUTHENTICATED');
      const [row] = await api.db.query<{ revoked_reason: string }>(`SELECT revoked_reason FROM auth_session WHERE id = $1`, [
        (jwt.decode(s.accessToken) as { sid: string }).sid,
      ]);
      expect(row.revoked_reason).toBe('refresh-reuse');
      const audit = await api.db.query(`SELECT action, entity_id FROM audit_event WHERE action = 'session.refreshTokenReused'`);
      expect(audit).toEqual([{ action: 'session.refreshTokenReused', entity_id: people.otherModerator.id }]);
    });
  });

  describe('signing out', () => {
    it('logout refuses the access token and the refresh cookie from then on', async () => {
      const s = await signIn(api, people.constituents.WORKERS[0].email);
      expect(ok(await api.gql(ME, {}, s.accessToken)).me.id).toBe(people.constituents.WORKERS[0].id);
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.accessToken}` },
        body: JSON.stringify({ query: `mutation { logout }` }),
      });
      expect(((await res.json()) as any).data).toEqual({ logout: true });
      expect(refreshCookieOf(res.headers.getSetCookie())).toMatch(/^tripartite_refresh=;/);
      const error = errorOf(await api.gql(ME, {}, s.accessToken));
      expect(error.code).toBe('UNAUTHENTICATED');
      expect((await refresh(api, s.refresh)).status).toBe(401);
      // Another session of the same user is not affected.
      const other = await signIn(api, people.constituents.WORKERS[0].email);
      expect(ok(await api.gql(ME, {}, other.accessToken)).me.id).toBe(people.constituents.WORKERS[0].id);
    });

    it('POST /auth/logout ends the session of the cookie, with or without a (possibly expired) bearer token', async () => {
      const s = await signIn(api, people.constituents.WORKERS[1].email);
      expect((await fetch(`${api.url}/auth/logout`, { method: 'POST', headers: { cookie: `tripartite_refresh=${s.refresh}` } })).status).toBe(403);
      const res = await fetch(`${api.url}/auth/logout`, { method: 'POST', headers: { 'x-requested-with': 'test', cookie: `tripartite_refresh=${s.refresh}` } });
      expect(res.status).toBe(204);
      expect(refreshCookieOf(res.headers.getSetCookie())).toMatch(/^tripartite_refresh=;/);
      expect(errorOf(await api.gql(ME, {}, s.accessToken)).code).toBe('UNAUTHENTICATED');
      expect((await refresh(api, s.refresh)).status).toBe(401);

      // Only an access token, already expired: it still names its session, which ends.
      const t = await signIn(api, people.constituents.EMPLOYERS[1].email);
      const { sub, sid } = jwt.decode(t.accessToken) as { sub: string; sid: string };
      const expired = jwt.sign({ sid, exp: Math.floor(Date.now() / 1000) - 60 }, 'tripartite-development-secret-do-not-use-in-production', {
        subject: sub,
        issuer: 'tripartite',
        audience: 'tripartite-api',
      });
      expect(
        (await fetch(`${api.url}/auth/logout`, { method: 'POST', headers: { 'x-requested-with': 'test', authorization: `Bearer ${expired}` } })).status,
      ).toBe(204);
      expect(errorOf(await api.gql(ME, {}, t.accessToken)).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('deactivating a user', () => {
    it('refuses their tokens at once, their refresh, and their sign-in with the answer a wrong password gets; audited', async () => {
      const admin = await api.login(people.admin.email);
      const victim = people.constituents.GOVERNMENT[1];
      const s = await signIn(api, victim.email);
      expect(ok(await api.gql(ME, {}, s.accessToken)).me.id).toBe(victim.id);

      const done = ok(await api.gql(DEACTIVATE, { u: victim.id, r: '  Left the ministry  ' }, admin)).deactivateUser;
      expect(done).toEqual({ id: victim.id, active: false, roles: ['CONSTITUENT'] });
      expect(errorOf(await api.gql(ME, {}, s.accessToken)).code).toBe('UNAUTHENTICATED');
      expect((await refresh(api, s.refresh)).status).toBe(401);
      const refused = errorOf(await api.gql(LOGIN, { e: victim.email, p: TEST_PASSWORD }));
      const wrong = errorOf(await api.gql(LOGIN, { e: people.constituents.GOVERNMENT[0].email, p: 'not the password at all' }));
      expect({ code: refused.code, message: refused.message }).toEqual({ code: wrong.code, message: wrong.message });

      const audit = await api.db.query<{ action: string; actor_id: string; data: Record<string, unknown> }>(
        `SELECT action, actor_id, data FROM audit_event WHERE entity_id = $1 AND action = 'user.deactivated'`,
        [victim.id],
      );
      expect(audit).toEqual([{ action: 'user.deactivated', actor_id: people.admin.id, data: { reason: 'Left the ministry', sessionsEnded: 1 } }]);
      // Again: nothing changes, nothing more is audited.
      expect(ok(await api.gql(DEACTIVATE, { u: victim.id, r: 'Twice' }, admin)).deactivateUser.active).toBe(false);
      expect(await api.db.query(`SELECT 1 FROM audit_event WHERE entity_id = $1 AND action = 'user.deactivated'`, [victim.id])).toHaveLength(1);
    });

    it('needs a reason of 1 to 500 characters, a user that exists, and someone else than the caller', async () => {
      const admin = await api.login(people.admin.email);
      const target = people.constituents.EMPLOYERS[0].id;
      const fields = async (u: string, r: string) => errorOf(await api.gql(DEACTIVATE, { u, r }, admin));
      expect((await fields(target, '   ')).extensions?.fields).toEqual([{ field: 'reason', message: 'must be 1 to 500 characters' }]);
      expect((await fields(target, 'x'.repeat(501))).extensions?.fields).toEqual([{ field: 'reason', message: 'must be 1 to 500 characters' }]);
      expect((await fields(target, 'a\u0007b')).extensions?.fields).toEqual([{ field: 'reason', message: 'may not contain control characters' }]);
      expect((await fields(people.admin.id, 'Tired')).extensions?.fields).toEqual([{ field: 'userId', message: 'you cannot deactivate yourself' }]);
      expect((await fields('00000000-0000-4000-8000-000000000000', 'Gone')).code).toBe('NOT_FOUND');
      expect((await fields('not-an-id', 'Gone')).code).toBe('NOT_FOUND');
      expect(ok(await api.gql(ME, {}, await api.login(people.constituents.EMPLOYERS[0].email))).me.id).toBe(target);
    });
  });

  describe('changing roles', () => {
    it('applies to the next request of every session of the user, without signing in again; audited', async () => {
      const admin = await api.login(people.admin.email);
      const u = await api.db.query<{ id: string }>(
        `INSERT INTO app_user (email, display_name, password_hash, roles) SELECT 'promoted@test.org', 'Promoted', password_hash, '{OBSERVER}' FROM app_user WHERE id = $1 RETURNING id`,
        [people.observer.id],
      );
      const userId = u[0].id;
      const token = await api.login('promoted@test.org');
      expect(errorOf(await api.gql(AUDIT, {}, token)).code).toBe('FORBIDDEN');
      expect(ok(await api.gql(SET_ROLES, { u: userId, r: ['SECRETARIAT', 'OBSERVER'] }, admin)).setUserRoles).toEqual({
        id: userId,
        roles: ['SECRETARIAT', 'OBSERVER'],
        active: true,
      });
      ok(await api.gql(AUDIT, {}, token));
      expect(ok(await api.gql(ME, {}, token)).me.roles).toEqual(['SECRETARIAT', 'OBSERVER']);
      ok(await api.gql(SET_ROLES, { u: userId, r: ['OBSERVER'] }, admin));
      expect(errorOf(await api.gql(AUDIT, {}, token)).code).toBe('FORBIDDEN');
      // The same roles again: nothing written.
      ok(await api.gql(SET_ROLES, { u: userId, r: ['OBSERVER', 'OBSERVER'] }, admin));
      const audit = await api.db.query<{ data: unknown }>(`SELECT data FROM audit_event WHERE entity_id = $1 AND action = 'user.rolesChanged' ORDER BY at`, [
        userId,
      ]);
      expect(audit.map((a) => a.data)).toEqual([
        { from: ['OBSERVER'], to: ['SECRETARIAT', 'OBSERVER'] },
        { from: ['SECRETARIAT', 'OBSERVER'], to: ['OBSERVER'] },
      ]);
    });

    it('refuses no roles, CONSTITUENT without an organization, and leaving no active admin', async () => {
      const admin = await api.login(people.admin.email);
      const fieldsOf = async (u: string, r: string[]) => errorOf(await api.gql(SET_ROLES, { u, r }, admin)).extensions?.fields;
      expect(await fieldsOf(people.moderator.id, [])).toEqual([{ field: 'roles', message: 'must name at least one role' }]);
      expect(await fieldsOf(people.moderator.id, ['CONSTITUENT'])).toEqual([
        { field: 'roles', message: 'CONSTITUENT needs the user to belong to an organization' },
      ]);
      // The only admin may not drop ADMIN: nobody could manage users any more.
      expect(await fieldsOf(people.admin.id, ['SECRETARIAT'])).toEqual([{ field: 'roles', message: 'would leave no active administrator' }]);
      expect(ok(await api.gql(ME, {}, admin)).me.roles).toEqual(['ADMIN']);
    });

    it('of two admins demoting each other at once, lets exactly one through', async () => {
      const first = await api.login(people.admin.email);
      ok(await api.gql(SET_ROLES, { u: people.secretariat.id, r: ['ADMIN', 'SECRETARIAT'] }, first));
      const second = await api.login(people.secretariat.email);
      const answers = await Promise.all([
        api.gql(SET_ROLES, { u: people.secretariat.id, r: ['SECRETARIAT'] }, first),
        api.gql(SET_ROLES, { u: people.admin.id, r: ['OBSERVER'] }, second),
      ]);
      const refused = answers.filter((a) => a.errors?.length);
      expect(refused).toHaveLength(1);
      // Refused by the service (both passed the guard, the second saw the first's change under the lock), or by the guard.
      expect([{ code: 'BAD_USER_INPUT', fields: [{ field: 'roles', message: 'would leave no active administrator' }] }, { code: 'FORBIDDEN' }]).toContainEqual(
        refused[0].errors![0].extensions,
      );
      const admins = await api.db.query(`SELECT id FROM app_user WHERE 'ADMIN' = ANY(roles) AND deactivated_at IS NULL`);
      expect(admins).toHaveLength(1);
    });
  });
});

describe('session lifetimes', () => {
  it('ends a session nobody refreshed for SESSION_IDLE_TTL, whatever its access token says', async () => {
    const api = await startWith({ JWT_TTL: '1h', SESSION_IDLE_TTL: '3s', SESSION_CACHE_MS: '0' });
    try {
      const people = await seedPeople(api.app);
      const s = await signIn(api, people.observer.email);
      expect(new Date(s.expiresAt).getTime()).toBeGreaterThan(Date.now() + 3000_000);
      ok(await api.gql(ME, {}, s.accessToken));
      const [row] = await api.db.query<{ idle: Date }>(`SELECT idle_expires_at AS idle FROM auth_session`);
      await waitUntil(new Date(row.idle).getTime() + 200);
      expect(errorOf(await api.gql(ME, {}, s.accessToken)).code).toBe('UNAUTHENTICATED');
      expect((await refresh(api, s.refresh)).status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it('never issues an access token past the session’s absolute end, and refuses to refresh after it', async () => {
    const api = await startWith({ JWT_TTL: '1h', SESSION_MAX_TTL: '4s' });
    try {
      const people = await seedPeople(api.app);
      const s = await signIn(api, people.observer.email);
      // Whole seconds in a JWT: the end, rounded down.
      const end = new Date(s.sessionExpiresAt).getTime();
      const capped = (at: string) => end - new Date(at).getTime();
      expect(capped(s.expiresAt)).toBeGreaterThanOrEqual(0);
      expect(capped(s.expiresAt)).toBeLessThan(1000);
      const r = await refresh(api, s.refresh);
      expect(r.body.sessionExpiresAt).toBe(s.sessionExpiresAt);
      expect(capped(r.body.expiresAt)).toBeGreaterThanOrEqual(0);
      expect(capped(r.body.expiresAt)).toBeLessThan(1000);
      await waitUntil(new Date(s.sessionExpiresAt).getTime() + 200);
      expect((await refresh(api, r.next)).status).toBe(401);
    } finally {
      await api.close();
    }
  });
});

/** Resolves once the wall clock has passed `at` (what these tests are about is time passing). */
async function waitUntil(at: number): Promise<void> {
  while (Date.now() < at) await new Promise((r) => setTimeout(r, Math.min(100, at - Date.now() + 1)));
}
