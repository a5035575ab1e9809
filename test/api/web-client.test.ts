// The api serves the built web client (dist/web) at /, with index.html for the client's routes, and
// keeps its own endpoints. Run in production mode: the Content-Security-Policy the client lives under.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApi, ok, seedPeople, startApi } from '@tripartite/testing';
import { connectionOutcome, liveClient } from '../live/live-client';

const INDEX = join(__dirname, '..', '..', 'dist', 'web', 'index.html');

async function get(api: TestApi, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.url}${path}`, { headers });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    cache: res.headers.get('cache-control'),
    headers: res.headers,
    text: await res.text(),
  };
}

describe('the web client, served by the api', () => {
  let api: TestApi;
  let token: string;
  const before = { ...process.env };

  beforeAll(async () => {
    if (!existsSync(INDEX)) throw new Error(`${INDEX} is missing: run the tests with \`npm test\` (or \`npm run build:web\`), which builds the client`);
    api = await startApi({ NODE_ENV: 'production', JWT_SECRET: 'a production secret of forty characters!!', CORS_ORIGINS: 'https://board.example.org' });
    token = await api.login((await seedPeople(api.app)).observer.email);
  });
  afterAll(async () => {
    await api.close();
    for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
    Object.assign(process.env, before);
  });

  it('answers / and every client route with index.html, never cached', async () => {
    const index = readFileSync(INDEX, 'utf8');
    for (const path of [
      '/',
      '/signin',
      '/signin?next=%2Fdesk',
      '/rounds',
      '/rounds/4b0d7b5e-9a43-4a57-9a0e-3c1f4f1f6a10',
      '/meetings/m1/board',
      '/meetings/m1/moderate',
      '/desk',
      '/desk/instruments/i1',
      '/desk/anything/else',
    ]) {
      const res = await get(api, path, { accept: 'text/html' });
      expect({ path, status: res.status, type: res.type, cache: res.cache, same: res.text === index }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
        cache: 'no-cache',
        same: true,
      });
    }
  });

  it('serves the hashed assets index.html names, cached for a year', async () => {
    const index = readFileSync(INDEX, 'utf8');
    const assets = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const res = await get(api, asset);
      expect({ asset, status: res.status, cache: res.cache }).toEqual({ asset, status: 200, cache: 'public, max-age=31536000, immutable' });
      expect(res.type).toMatch(asset.endsWith('.js') ? /^(text|application)\/javascript/ : /^text\/css/);
    }
    expect((await get(api, '/assets/no-such-file.js')).status).toBe(404);
  });

  it('leaves other paths to the api: unknown ones stay 404, and its endpoints answer as before', async () => {
    for (const path of ['/nope', '/index', '/graphqlx', '/signinx', '/api'])
      expect({ path, status: (await get(api, path, { accept: 'text/html' })).status }).toEqual({ path, status: 404 });
    const graphql = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(graphql.status).toBe(200);
    expect(await graphql.json()).toEqual({ data: { me: { email: 'observer@test.org' } } });
    expect(ok(await api.gql('{ __typename }')).__typename).toBe('Query');
    const live = await get(api, '/health/live');
    expect([live.status, live.type]).toEqual([200, 'application/json; charset=utf-8']);
    expect((await get(api, '/health/ready')).status).toBe(200);
    const metrics = await get(api, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('# TYPE');
    const admin = await get(api, '/admin/queues', { accept: 'text/html' });
    expect([admin.status, JSON.parse(admin.text).error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('sends a CSP that lets the client run: scripts and connections from its own origin only, no inline script', async () => {
    const res = await get(api, '/');
    const csp = Object.fromEntries(
      (res.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src'] ?? csp['default-src']).toEqual(["'self'"]);
    // Every script of the page is a file of the build: an inline one would be refused.
    const scripts = [...res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(body.trim()).toBe('');
    }
  });

  it('accepts a WebSocket from its own pages (same origin), not from other sites', async () => {
    const own = liveClient(api.url, token, { origin: api.url });
    const foreign = liveClient(api.url, token, { origin: 'https://evil.example' });
    const allowed = liveClient(api.url, token, { origin: 'https://board.example.org' });
    try {
      expect(await connectionOutcome(own)).toBe('connected');
      expect(await connectionOutcome(allowed)).toBe('connected');
      expect(await connectionOutcome(foreign)).toEqual({ code: 4403, reason: 'Forbidden' });
      // The api's host under another port or scheme is another origin.
      const port = Number(new URL(api.url).port);
      const otherPort = liveClient(api.url, token, { origin: `http://127.0.0.1:${port + 1}` });
      const otherScheme = liveClient(api.url, token, { origin: `ftp://127.0.0.1:${port}` });
      expect(await connectionOutcome(otherPort)).toEqual({ code: 4403, reason: 'Forbidden' });
      expect(await connectionOutcome(otherScheme)).toEqual({ code: 4403, reason: 'Forbidden' });
      await Promise.all([otherPort.dispose(), otherScheme.dispose()]);
    } finally {
      await Promise.all([own.dispose(), foreign.dispose(), allowed.dispose()]);
    }
  });
});
