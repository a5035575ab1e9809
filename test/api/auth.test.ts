import Redis from 'ioredis';
import jwt from 'jsonwebtoken';
import { DEV_JWT_SECRET } from '@tripartite/config';
import { People, REDIS_URL, TEST_PASSWORD, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken expiresAt user { id email roles organization { id group } } } }`;
const ME = `{ me { id email roles } }`;

describe('login and tokens', () => {
  let api: TestApi;
  let people: People;

  beforeAll(async () => {
    api = await startApi({ LOGIN_MAX_FAILURES_PER_EMAIL: '3', LOGIN_MAX_ATTEMPTS_PER_CLIENT: '40' });
    people = await seedPeople(api.app);
  });
  afterAll(() => api.close());

  it('signs a user in and returns a token that works for `me`', async () => {
    const res = ok(await api.gql(LOGIN, { e: people.constituents.WORKERS[0].email, p: TEST_PASSWORD }));
    expect(res.login.user.email).toBe(people.constituents.WORKERS[0].email);
    expect(res.login.user.organization.group).toBe('WORKERS');
    expect(new Date(res.login.expiresAt).getTime()).toBeGreaterThan(Date.now() + 3500_000);
    const me = ok(await api.gql(ME, {}, res.login.accessToken));
    expect(me.me).toEqual({ id: people.constituents.WORKERS[0].id, email: people.constituents.WORKERS[0].email, roles: ['CONSTITUENT'] });
  });

  it('accepts the email in any case', async () => {
    ok(await api.gql(LOGIN, { e: people.observer.email.toUpperCase(), p: TEST_PASSWORD }));
  });

  it('answers an unknown email and a wrong password alike', async () => {
    const unknown = errorOf(await api.gql(LOGIN, { e: 'nobody@test.org', p: TEST_PASSWORD }));
    const wrong = errorOf(await api.gql(LOGIN, { e: people.secretariat.email, p: 'wrong password!!' }));
    expect(unknown.code).toBe('UNAUTHENTICATED');
    expect(wrong.code).toBe('UNAUTHENTICATED');
    expect(unknown.message).toBe(wrong.message);
  });

  it('takes similar time for an unknown email and a wrong password', async () => {
    const time = async (email: string) => {
      const start = process.hrtime.bigint();
      await api.gql(LOGIN, { e: email, p: 'not the password' });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    // Different emails, so the per-email failure limit is not reached.
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 2; i++) {
      unknown.push(await time(`ghost${i}@test.org`));
      wrong.push(await time([people.moderator.email, people.otherModerator.email][i]));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Both paths run scrypt; without the dummy hash an unknown email answers in ~1 ms.
    expect(median(unknown)).toBeGreaterThan(median(wrong) / 4);
  });

  it('refuses `me` without a token, with a malformed header, and with a bad token', async () => {
    expect(errorOf(await api.gql(ME)).code).toBe('UNAUTHENTICATED');
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: ME }),
    });
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(errorOf(await api.gql(ME, {}, 'not-a-jwt')).code).toBe('UNAUTHENTICATED');
  });

  describe('token attacks', () => {
    let valid: string;
    let sid: string;
    beforeAll(async () => {
      valid = await api.login(people.admin.email);
      sid = (jwt.decode(valid) as { sid: string }).sid;
    });
    // What the api signs: whose token, of which session (roles are read from the database on each request).
    const claims = () => ({ sub: people.admin.id, sid });
    const sign = (payload: object, options: jwt.SignOptions, secret = DEV_JWT_SECRET) => jwt.sign(payload, secret, options);

    it('refuses alg none', async () => {
      const [, body] = valid.split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      expect(errorOf(await api.gql(ME, {}, `${header}.${body}.`)).code).toBe('UNAUTHENTICATED');
    });

    it('refuses a tampered payload', async () => {
      const [header, , signature] = valid.split('.');
      const body = Buffer.from(
        JSON.stringify({ ...claims(), sub: people.secretariat.id, iss: 'tripartite', aud: 'tripartite-api', exp: Math.floor(Date.now() / 1000) + 600 }),
      ).toString('base64url');
      expect(errorOf(await api.gql(ME, {}, `${header}.${body}.${signature}`)).code).toBe('UNAUTHENTICATED');
    });

    it('refuses a token signed with another secret', async () => {
      const token = sign(
        claims(),
        { algorithm: 'HS256', issuer: 'tripartite', audience: 'tripartite-api', expiresIn: 600 },
        'another secret that is long enough!!',
      );
      expect(errorOf(await api.gql(ME, {}, token)).code).toBe('UNAUTHENTICATED');
    });

    it('refuses an expired token', async () => {
      const token = sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 10 }, { algorithm: 'HS256', issuer: 'tripartite', audience: 'tripartite-api' });
      const error = errorOf(await api.gql(ME, {}, token));
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toMatch(/expired/);
    });

    it('refuses a wrong issuer or audience', async () => {
      const wrongIssuer = sign(claims(), { algorithm: 'HS256', issuer: 'someone-else', audience: 'tripartite-api', expiresIn: 600 });
      const wrongAudience = sign(claims(), { algorithm: 'HS256', issuer: 'tripartite', audience: 'another-api', expiresIn: 600 });
      expect(errorOf(await api.gql(ME, {}, wrongIssuer)).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await api.gql(ME, {}, wrongAudience)).code).toBe('UNAUTHENTICATED');
    });

    it('refuses HS384 even with the right secret (algorithm pinned)', async () => {
      const token = sign(claims(), { algorithm: 'HS384', issuer: 'tripartite', audience: 'tripartite-api', expiresIn: 600 });
      expect(errorOf(await api.gql(ME, {}, token)).code).toBe('UNAUTHENTICATED');
    });

    it('accepts a correctly signed token', async () => {
      const token = sign(claims(), { algorithm: 'HS256', issuer: 'tripartite', audience: 'tripartite-api', expiresIn: 600 });
      expect(ok(await api.gql(ME, {}, token)).me.id).toBe(people.admin.id);
    });

    it('refuses a token without exp, which would never expire (correctly signed otherwise)', async () => {
      // With the role claims earlier versions signed too: nothing but the missing exp is wrong with it.
      const token = sign({ ...claims(), roles: ['ADMIN'], org: null, grp: null }, { algorithm: 'HS256', issuer: 'tripartite', audience: 'tripartite-api' });
      expect((jwt.decode(token) as Record<string, unknown>).exp).toBeUndefined();
      const error = errorOf(await api.gql(ME, {}, token));
      expect(error.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a token that names no session, or the session of someone else', async () => {
      const { sid: _sid, ...noSession } = claims();
      const options: jwt.SignOptions = { algorithm: 'HS256', issuer: 'tripartite', audience: 'tripartite-api', expiresIn: 600 };
      expect(errorOf(await api.gql(ME, {}, sign(noSession, options))).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await api.gql(ME, {}, sign({ ...claims(), sid: '00000000-0000-4000-8000-000000000000' }, options))).code).toBe('UNAUTHENTICATED');
      // The admin's session does not make a secretariat's token.
      expect(errorOf(await api.gql(ME, {}, sign({ ...claims(), sub: people.secretariat.id }, options))).code).toBe('UNAUTHENTICATED');
    });

    it('gives the roles the database holds, whatever a token says', async () => {
      const token = sign({ ...claims(), roles: ['OBSERVER'] }, { algorithm: 'HS256', issuer: 'tripartite', audience: 'tripartite-api', expiresIn: 600 });
      expect(ok(await api.gql(ME, {}, token)).me.roles).toEqual(['ADMIN']);
      expect(ok(await api.gql(`{ webhooks { id } }`, {}, token)).webhooks).toEqual([]);
    });
  });

  describe('rate limiting', () => {
    it('refuses a client after too many failures for an email, with retryAfterSeconds, even with the right password', async () => {
      const email = people.constituents.EMPLOYERS[1].email;
      for (let i = 0; i < 3; i++) expect(errorOf(await api.gql(LOGIN, { e: email, p: 'wrong password!!' })).code).toBe('UNAUTHENTICATED');
      const limited = errorOf(await api.gql(LOGIN, { e: email, p: TEST_PASSWORD }));
      expect(limited.code).toBe('RATE_LIMITED');
      expect(limited.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      expect(limited.extensions?.retryAfterSeconds).toBeLessThanOrEqual(900);
      // Another email is not affected.
      ok(await api.gql(LOGIN, { e: people.constituents.EMPLOYERS[0].email, p: TEST_PASSWORD }));
    });

    it('limits attempts per client address, shared through Redis', async () => {
      let limited: any = null;
      for (let i = 0; i < 45 && !limited; i++) {
        const res = await api.gql(LOGIN, { e: `flood${i}@test.org`, p: 'whatever password' });
        if (res.errors?.[0]?.extensions?.code === 'RATE_LIMITED') limited = res.errors[0];
      }
      expect(limited).not.toBeNull();
      expect(limited.extensions.retryAfterSeconds).toBeGreaterThan(0);
      // The counter lives in Redis under this app's prefix, where every API instance reads it.
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${api.prefix}:rl:login-client*`);
      redis.disconnect();
      expect(keys.length).toBeGreaterThan(0);
    });
  });
});
