// Sign-in throttling as OWASP's authentication guidance has it: an attacker guessing one person's password
// locks out only the addresses it guesses from, never the person; an attack spread over many addresses slows
// every address that has failed, still never one that has not. Clients are told apart by their address:
// each test client connects from its own loopback address (127.0.0.x), and X-Forwarded-For counts only from
// the proxy TRUST_PROXY names (a real haproxy in front of the api).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { People, REDIS_URL, TEST_PASSWORD, TestApi, seedPeople, startApi } from '@tripartite/testing';
import { freePort, waitFor } from '../ops/processes';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`;
const WRONG = 'not the right password';

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

/** The login's outcome as the client at `from` (a loopback address) sees it: 'ok' or the error code. */
function loginFrom(url: string, from: string, email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const body = JSON.stringify({ query: LOGIN, variables: { e: email, p: password } });
  const target = new URL(`${url}/graphql`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => {
          try {
            const parsed = JSON.parse(text) as { data?: { login?: unknown }; errors?: { extensions?: { code?: string } }[] };
            resolve(parsed.errors?.length ? String(parsed.errors[0].extensions?.code) : 'ok');
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function redisKeys(prefix: string): Promise<string[]> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    return (await redis.keys(`${prefix}:rl:*`)).sort();
  } finally {
    redis.disconnect();
  }
}

/** Every limiter key with its count. */
async function redisSnapshot(prefix: string): Promise<Record<string, string | null>> {
  const keys = await redisKeys(prefix);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    return Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await redis.get(k)] as const)));
  } finally {
    redis.disconnect();
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('sign-in throttling (TRUST_PROXY unset: the peer address is the client)', () => {
  let api: TestApi;
  let people: People;

  beforeAll(async () => {
    api = await startWith({ LOGIN_MAX_FAILURES_PER_EMAIL: '3', LOGIN_GLOBAL_FAILURES_PER_EMAIL: '6', LOGIN_MAX_ATTEMPTS_PER_CLIENT: '30' });
    people = await seedPeople(api.app);
  });
  afterAll(() => api.close());

  it('refuses a client that failed too often for an email, even with the right password, and only that client', async () => {
    const email = people.constituents.WORKERS[0].email;
    const attacker = '127.0.0.2';
    for (let i = 0; i < 3; i++) expect(await loginFrom(api.url, attacker, email, WRONG)).toBe('UNAUTHENTICATED');
    expect(await loginFrom(api.url, attacker, email, TEST_PASSWORD)).toBe('RATE_LIMITED');
    // The person, from where they are, gets in: five wrong guesses elsewhere lock nobody out.
    expect(await loginFrom(api.url, '127.0.0.3', email, TEST_PASSWORD)).toBe('ok');
    // And the attacker may still try other emails (within its overall budget).
    expect(await loginFrom(api.url, attacker, people.constituents.WORKERS[1].email, TEST_PASSWORD)).toBe('ok');
  });

  it('once an email failed often from many clients, refuses every client that failed for it, never one that did not', async () => {
    const email = people.constituents.EMPLOYERS[0].email;
    // Three addresses, two failures each (under the per-client limit of 3): six in all, the email's limit.
    for (const from of ['127.0.0.11', '127.0.0.12', '127.0.0.13']) {
      for (let i = 0; i < 2; i++) expect(await loginFrom(api.url, from, email, WRONG)).toBe('UNAUTHENTICATED');
    }
    expect(await loginFrom(api.url, '127.0.0.11', email, TEST_PASSWORD)).toBe('RATE_LIMITED');
    expect(await loginFrom(api.url, '127.0.0.13', email, WRONG)).toBe('RATE_LIMITED');
    // A client that has not failed for this email signs in with the right password, during the attack.
    expect(await loginFrom(api.url, '127.0.0.14', email, TEST_PASSWORD)).toBe('ok');
    // One that has not failed may still fail once; then it is one of the failed.
    expect(await loginFrom(api.url, '127.0.0.15', email, WRONG)).toBe('UNAUTHENTICATED');
    expect(await loginFrom(api.url, '127.0.0.15', email, TEST_PASSWORD)).toBe('RATE_LIMITED');
  });

  it('keeps the SHA-256 of the lower-cased email in its Redis keys, never what was submitted', async () => {
    const email = people.constituents.GOVERNMENT[0].email;
    const before = new Set(await redisKeys(api.prefix));
    expect(await loginFrom(api.url, '127.0.0.21', `  ${email.toUpperCase()} `, WRONG)).toBe('UNAUTHENTICATED');
    const added = (await redisKeys(api.prefix)).filter((k) => !before.has(k));
    expect(added).toEqual(
      [
        `${api.prefix}:rl:login-email-client:${sha256(email)}:127.0.0.21`,
        `${api.prefix}:rl:login-email:${sha256(email)}`,
        `${api.prefix}:rl:login-client:127.0.0.21`,
      ].sort(),
    );
    const all = (await redisKeys(api.prefix)).join('\n');
    expect(all).not.toContain(email);
    expect(all.toLowerCase()).not.toContain('@test.org');
  });

  it('refuses an oversized email or password as BAD_USER_INPUT before any Redis or password work', async () => {
    const before = await redisSnapshot(api.prefix);
    const huge = `${'a'.repeat(500_000)}@test.org`;
    const answer = await api.gql(LOGIN, { e: huge, p: TEST_PASSWORD });
    expect(answer.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'email', message: 'must be at most 320 characters' }] });
    const longPassword = await api.gql(LOGIN, { e: people.observer.email, p: 'p'.repeat(1025) });
    expect(longPassword.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'password', message: 'must be at most 1024 characters' }],
    });
    // No key written, none counted up (not even the client's attempts): the limiter was never reached.
    expect(await redisSnapshot(api.prefix)).toEqual(before);
  });

  it('does not believe X-Forwarded-For from a client: varying it does not escape the per-client limit', async () => {
    const flood = await startWith({ LOGIN_MAX_ATTEMPTS_PER_CLIENT: '5' });
    try {
      const answers: string[] = [];
      for (let i = 0; i < 7; i++)
        answers.push(await loginFrom(flood.url, '127.0.0.31', `nobody${i}@test.org`, WRONG, { 'x-forwarded-for': `203.0.113.${i + 1}` }));
      expect(answers).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
      // Counted under its own address, not under any it claimed.
      const keys = await redisKeys(flood.prefix);
      expect(keys.filter((k) => k.includes('login-client:'))).toEqual([`${flood.prefix}:rl:login-client:127.0.0.31`]);
    } finally {
      await flood.close();
    }
  });
});

describe('sign-in throttling behind a proxy (TRUST_PROXY names it)', () => {
  let api: TestApi;
  let people: People;
  let haproxy: ChildProcess;
  let proxyUrl: string;
  let dir: string;

  beforeAll(async () => {
    // haproxy connects to the api from 127.0.0.1: the one address trusted to say who the client is.
    api = await startWith({ TRUST_PROXY: '127.0.0.1', LOGIN_MAX_ATTEMPTS_PER_CLIENT: '4' });
    people = await seedPeople(api.app);
    const port = await freePort();
    const apiPort = new URL(api.url).port;
    dir = mkdtempSync(join(tmpdir(), 'tt-haproxy-'));
    const config = join(dir, 'haproxy.cfg');
    writeFileSync(
      config,
      [
        'global',
        '  maxconn 200',
        'defaults',
        '  mode http',
        '  timeout connect 5s',
        '  timeout client 30s',
        '  timeout server 30s',
        'frontend in',
        `  bind 127.0.0.1:${port}`,
        '  option forwardfor',
        '  default_backend api',
        'backend api',
        `  server api 127.0.0.1:${apiPort}`,
        '',
      ].join('\n'),
    );
    haproxy = spawn('haproxy', ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    proxyUrl = `http://127.0.0.1:${port}`;
    await waitFor('haproxy to answer', async () => {
      if (haproxy.exitCode !== null) throw new Error(`haproxy exited with ${haproxy.exitCode}`);
      const res = await fetch(`${proxyUrl}/health/live`).catch(() => null);
      return res?.status === 200 ? true : undefined;
    });
  });
  afterAll(async () => {
    haproxy?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  it('counts each client behind the proxy under its own address, whatever X-Forwarded-For it sends itself', async () => {
    const attempts = async (from: string, n: number, headers: Record<string, string> = {}) => {
      const answers: string[] = [];
      for (let i = 0; i < n; i++) answers.push(await loginFrom(proxyUrl, from, `ghost${i}@test.org`, WRONG, headers));
      return answers;
    };
    // A spoofed header goes in front of the one haproxy adds; the api takes the address haproxy saw.
    expect(await attempts('127.0.0.41', 5, { 'x-forwarded-for': '198.51.100.7' })).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
    ]);
    // Another client through the same proxy is not the first one.
    expect(await loginFrom(proxyUrl, '127.0.0.42', people.observer.email, TEST_PASSWORD)).toBe('ok');
    const keys = await redisKeys(api.prefix);
    expect(keys.filter((k) => k.includes('login-client:'))).toEqual([`${api.prefix}:rl:login-client:127.0.0.41`, `${api.prefix}:rl:login-client:127.0.0.42`]);
  });

  it('ignores X-Forwarded-For from anyone but the proxy', async () => {
    // Straight to the api from 127.0.0.43, claiming to be 127.0.0.42's neighbour: counted as 127.0.0.43.
    expect(await loginFrom(api.url, '127.0.0.43', 'nobody@test.org', WRONG, { 'x-forwarded-for': '127.0.0.44' })).toBe('UNAUTHENTICATED');
    const keys = await redisKeys(api.prefix);
    expect(keys.filter((k) => k.includes('login-client:127.0.0.4'))).toEqual([
      `${api.prefix}:rl:login-client:127.0.0.41`,
      `${api.prefix}:rl:login-client:127.0.0.42`,
      `${api.prefix}:rl:login-client:127.0.0.43`,
    ]);
  });
});
