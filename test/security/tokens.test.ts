import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createClient } from 'graphql-ws';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { JWT_AUDIENCE, JWT_ISSUER } from '@tripartite/auth';
import { People, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';
import { Closed, connectionOutcome, liveClient, wsUrl } from '../live/live-client';

const SECRET = 'the security suite signs its tokens with this secret';
const ALLOWED_ORIGIN = 'https://board.example.org';
const ME = `{ me { id roles } }`;

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hmac = (alg: 'sha256' | 'sha512', key: string | Buffer, input: string) => createHmac(alg, key).update(input).digest('base64url');

interface Attack {
  name: string;
  token: string;
  /** false: test/api/auth.test.ts already refuses this one over HTTP. */
  http: boolean;
}

describe('forged, stale and confused tokens are refused over HTTP and over the WebSocket', () => {
  let api: TestApi;
  let people: People;
  let attacks: Attack[];
  let genuine: string;
  /** The attackers' claims, signed as the server signs: what each attack would amount to if it got through. */
  let forgedButSigned: string;
  /** An observer's session presented as the admin's: signed as the server signs, still refused. */
  let borrowedSession: string;
  const clients: { dispose(): unknown }[] = [];

  beforeAll(async () => {
    api = await startApi({ JWT_SECRET: SECRET, CORS_ORIGINS: ALLOWED_ORIGIN });
    people = await seedPeople(api.app);
    genuine = await api.login(people.observer.email);

    // An observer who would like to be an admin: its own session, and a role claim the api never signs.
    const now = Math.floor(Date.now() / 1000);
    const { sid } = jwt.decode(genuine) as { sid: string };
    const claims = { sub: people.observer.id, sid, roles: ['ADMIN'], iss: JWT_ISSUER, aud: JWT_AUDIENCE, iat: now, exp: now + 600 };
    const signed = (header: object, payload: object, sign: (input: string) => string) => {
      const input = `${b64(header)}.${b64(payload)}`;
      return `${input}.${sign(input)}`;
    };
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    forgedButSigned = jwt.sign(claims, SECRET, { algorithm: 'HS256' });
    borrowedSession = jwt.sign({ ...claims, sub: people.admin.id }, SECRET, { algorithm: 'HS256' });
    const { aud: _aud, ...withoutAudience } = claims;
    const [gHeader, gPayload, gSignature] = genuine.split('.');
    const genuineClaims = JSON.parse(Buffer.from(gPayload, 'base64url').toString());

    attacks = [
      ...['none', 'None', 'NONE', 'nOnE'].map((alg) => ({ name: `alg ${alg}`, token: signed({ alg, typ: 'JWT' }, claims, () => ''), http: alg !== 'none' })),
      { name: 'RS256, signed with a key pair of its own', token: jwt.sign(claims, privateKey, { algorithm: 'RS256' }), http: true },
      // The classic confusion: a server that verified with "its key" whatever the header says would accept this.
      {
        name: 'HS256 keyed with an RSA public key',
        token: signed({ alg: 'HS256', typ: 'JWT' }, claims, (input) => hmac('sha256', publicPem, input)),
        http: true,
      },
      { name: 'HS512 with the right secret', token: signed({ alg: 'HS512', typ: 'JWT' }, claims, (input) => hmac('sha512', SECRET, input)), http: true },
      { name: 'signed with another secret', token: signed({ alg: 'HS256', typ: 'JWT' }, claims, (input) => hmac('sha256', `${SECRET}!`, input)), http: false },
      { name: 'a wrong issuer', token: jwt.sign({ ...claims, iss: 'someone-else' }, SECRET, { algorithm: 'HS256' }), http: false },
      { name: 'a wrong audience', token: jwt.sign({ ...claims, aud: 'another-api' }, SECRET, { algorithm: 'HS256' }), http: false },
      { name: 'no audience', token: jwt.sign(withoutAudience, SECRET, { algorithm: 'HS256' }), http: true },
      { name: 'expired', token: jwt.sign({ ...claims, iat: now - 7200, exp: now - 3600 }, SECRET, { algorithm: 'HS256' }), http: false },
      { name: 'no expiry', token: jwt.sign((({ exp: _exp, ...rest }) => rest)(claims), SECRET, { algorithm: 'HS256' }), http: false },
      { name: "another user's session", token: borrowedSession, http: false },
      { name: 'not valid yet', token: jwt.sign({ ...claims, nbf: now + 3600 }, SECRET, { algorithm: 'HS256' }), http: true },
      { name: 'a tampered payload under a genuine signature', token: `${gHeader}.${b64({ ...genuineClaims, roles: ['ADMIN'] })}.${gSignature}`, http: false },
      { name: 'a tampered header under a genuine signature', token: `${b64({ alg: 'HS512', typ: 'JWT' })}.${gPayload}.${gSignature}`, http: true },
      { name: 'a genuine token with its signature cut off', token: `${gHeader}.${gPayload}.`, http: true },
      { name: 'a genuine token with its signature truncated', token: `${gHeader}.${gPayload}.${gSignature.slice(0, -2)}`, http: true },
    ];
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(() => api.close());

  function connect(authorization: string | null, origin?: string) {
    const client = liveClient(api.url, null, { ...(authorization ? { authorization } : {}), ...(origin ? { origin } : {}) });
    clients.push(client);
    return connectionOutcome(client);
  }

  it('lets genuine tokens in on both transports (the control: each attack below differs in its flaw only)', async () => {
    expect(ok(await api.gql(ME, {}, genuine)).me).toEqual({ id: people.observer.id, roles: ['OBSERVER'] });
    expect(errorOf(await api.gql(`{ webhooks { id } }`, {}, genuine)).code).toBe('FORBIDDEN');
    // Signed by the server, the attackers' claims authenticate; the role they claim grants nothing (roles are the database's).
    expect(ok(await api.gql(ME, {}, forgedButSigned)).me).toEqual({ id: people.observer.id, roles: ['OBSERVER'] });
    expect(errorOf(await api.gql(`{ webhooks { id } }`, {}, forgedButSigned)).code).toBe('FORBIDDEN');
    expect(await connect(`Bearer ${genuine}`)).toBe('connected');
    expect(await connect(`Bearer ${forgedButSigned}`)).toBe('connected');
  });

  it('refuses every forged token over HTTP with UNAUTHENTICATED', async () => {
    const answers: Record<string, string> = {};
    for (const a of attacks.filter((x) => x.http)) answers[a.name] = errorOf(await api.gql(ME, {}, a.token)).code;
    expect(answers).toEqual(Object.fromEntries(attacks.filter((x) => x.http).map((a) => [a.name, 'UNAUTHENTICATED'])));
  });

  it('refuses every forged token at connection_init with 4401', async () => {
    const answers: Record<string, 'connected' | Closed> = {};
    for (const a of attacks) answers[a.name] = await connect(`Bearer ${a.token}`);
    expect(answers).toEqual(Object.fromEntries(attacks.map((a) => [a.name, { code: 4401, reason: 'Unauthorized' }])));
  });

  it('refuses a WebSocket without a token, or with an authorization that is not a string', async () => {
    expect(await connect(null)).toEqual({ code: 4401, reason: 'Unauthorized' });
    for (const authorization of [['Bearer', genuine], { Bearer: genuine }, 42]) {
      // connectionParams as a hostile client could send them.
      const client = createClient({
        url: wsUrl(api.url),
        webSocketImpl: WebSocket,
        connectionParams: { authorization },
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => undefined,
      });
      clients.push(client);
      expect(await connectionOutcome(client)).toEqual({ code: 4401, reason: 'Unauthorized' });
    }
  });

  it.each([
    ['a foreign site', 'https://evil.example'],
    ['a look-alike host', `${ALLOWED_ORIGIN}.evil.example`],
    ['the allowed host over http', ALLOWED_ORIGIN.replace('https:', 'http:')],
    ['the allowed host on another port', `${ALLOWED_ORIGIN}:8443`],
    ['a sandboxed frame (Origin: null)', 'null'],
  ])('refuses a page from %s with 4403, token or not', async (_what, origin) => {
    expect(await connect(`Bearer ${genuine}`, origin)).toEqual({ code: 4403, reason: 'Forbidden' });
    expect(await connect(null, origin)).toEqual({ code: 4403, reason: 'Forbidden' });
  });
});
