import { People, TestApi, ok, seedPeople, startApi } from '@tripartite/testing';
import { Feed, liveClient, until } from '../live/live-client';

const ALLOWED_ORIGIN = 'https://board.example.org';

/** What helmet sets by default (CSP is added in production only: the development landing page needs Apollo's CDN). */
const HELMET: Record<string, string | RegExp> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'strict-transport-security': /^max-age=\d{7,}; includeSubDomains$/,
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/** Nothing that tells a client how the server is built: stack frames, file paths, SQL, driver or table names. */
const INTERNALS = /\bat \S+ \(|\.(ts|js):\d+|node_modules|\/work\/|dist\/|stack|QueryFailedError|relation "|SELECT |INSERT |UPDATE |typeorm|postgres/i;

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

async function send(api: TestApi, path: string, init: RequestInit = {}) {
  const res = await fetch(`${api.url}${path}`, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const json = { 'content-type': 'application/json' };

describe('security headers and CORS', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startWith({ CORS_ORIGINS: `${ALLOWED_ORIGIN},http://localhost:3000` });
  });
  afterAll(() => api.close());

  it('sends helmet’s headers on every kind of response, and no X-Powered-By', async () => {
    const responses = {
      graphql: await send(api, '/graphql', { method: 'POST', headers: json, body: JSON.stringify({ query: '{ __typename }' }) }),
      'graphql error': await send(api, '/graphql', { method: 'POST', headers: json, body: JSON.stringify({ query: '{ me { id } }' }) }),
      health: await send(api, '/health/live'),
      'unknown route': await send(api, '/nope'),
      'malformed JSON': await send(api, '/graphql', { method: 'POST', headers: json, body: '{"query": ' }),
      'body too large': await send(api, '/graphql', { method: 'POST', headers: json, body: JSON.stringify({ query: 'x'.repeat(1_100_000) }) }),
      'CSV export': await send(api, '/exports/rounds/00000000-0000-4000-8000-000000000000/comments.csv'),
      'queue dashboard': await send(api, '/admin/queues'),
      'one-click unsubscribe': await send(api, '/email/unsubscribe?token=forged', { method: 'POST' }),
      'unsubscribe page': await send(api, '/email/unsubscribe?token=forged'),
    };
    for (const [name, res] of Object.entries(responses)) {
      const got = Object.fromEntries(Object.keys(HELMET).map((h) => [h, res.headers.get(h)]));
      for (const [header, want] of Object.entries(HELMET)) {
        if (typeof want === 'string') expect({ name, header, value: got[header] }).toEqual({ name, header, value: want });
        else expect({ name, header, value: got[header] }).toEqual({ name, header, value: expect.stringMatching(want) });
      }
      expect({ name, poweredBy: res.headers.get('x-powered-by') }).toEqual({ name, poweredBy: null });
      expect({ name, body: res.text }).toEqual({ name, body: expect.not.stringMatching(INTERNALS) });
    }
  });

  it('grants cross-origin reads to the allowed origins only, never with credentials', async () => {
    const preflight = (origin: string) =>
      send(api, '/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const simple = (origin: string) =>
      send(api, '/graphql', { method: 'POST', headers: { ...json, origin }, body: JSON.stringify({ query: '{ __typename }' }) });

    for (const origin of [ALLOWED_ORIGIN, 'http://localhost:3000']) {
      const pre = await preflight(origin);
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
      expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
      expect((await simple(origin)).headers.get('access-control-allow-origin')).toBe(origin);
    }
    for (const origin of [
      'https://evil.example',
      `${ALLOWED_ORIGIN}.evil.example`,
      ALLOWED_ORIGIN.replace('https:', 'http:'),
      `${ALLOWED_ORIGIN}:8443`,
      'null',
    ]) {
      expect({ origin, preflight: (await preflight(origin)).headers.get('access-control-allow-origin') }).toEqual({ origin, preflight: null });
      expect({ origin, simple: (await simple(origin)).headers.get('access-control-allow-origin') }).toEqual({ origin, simple: null });
    }
    for (const origin of [ALLOWED_ORIGIN, 'https://evil.example']) {
      expect((await preflight(origin)).headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});

describe('in production', () => {
  let api: TestApi;
  let people: People;
  let secretariat: string;
  let roundId: string;

  beforeAll(async () => {
    api = await startWith({ NODE_ENV: 'production', JWT_SECRET: 'a production secret of forty characters!!', CORS_ORIGINS: ALLOWED_ORIGIN });
    people = await seedPeople(api.app);
    secretariat = await api.login(people.secretariat.email);
    const staff = async (query: string, variables: Record<string, unknown>) => ok(await api.gql(query, variables, secretariat));
    const created = (await staff(`mutation { createInstrument(input: { reference: "PROD/1", title: "In production" }) { id versions { id } } }`, {}))
      .createInstrument;
    const versionId = created.versions[0].id;
    await staff(`mutation($v: ID!) { importDraftMarkdown(versionId: $v, markdown: "## I. Voice\\n\\n1.1 Everyone concerned should be heard.\\n") { id } }`, {
      v: versionId,
    });
    await staff(`mutation($v: ID!) { publishVersion(versionId: $v) { id } }`, { v: versionId });
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    roundId = (
      await staff(`mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id } }`, {
        in: { instrumentId: created.id, versionId, closesAt },
      })
    ).scheduleConsultation.id;
  });
  afterAll(() => api.close());

  /** Runs `fn` while a table is renamed away: every statement touching it fails in the database. */
  async function withoutTable<T>(table: string, fn: () => Promise<T>): Promise<T> {
    await api.db.query(`ALTER TABLE ${table} RENAME TO ${table}_gone`);
    try {
      return await fn();
    } finally {
      await api.db.query(`ALTER TABLE ${table}_gone RENAME TO ${table}`);
    }
  }

  it('adds a Content-Security-Policy to helmet’s defaults', async () => {
    const res = await send(api, '/graphql', { method: 'POST', headers: json, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown routes and malformed requests without stack traces', async () => {
    const responses = [
      await send(api, '/nope'),
      await send(api, '/nope', { method: 'POST', headers: json, body: '{}' }),
      await send(api, '/graphql', { method: 'POST', headers: json, body: '{"query": ' }),
      await send(api, '/graphql', { method: 'POST', headers: json, body: JSON.stringify({ query: 'x'.repeat(1_100_000) }) }),
      await send(api, '/graphql', { method: 'PUT', headers: json, body: '{}' }),
      await send(api, '/exports/rounds/not-a-round/comments.csv', { headers: { authorization: `Bearer ${secretariat}` } }),
      await send(api, `/admin/queues?token=${'x'.repeat(40)}`),
      await send(api, `/email/unsubscribe?token=${'x'.repeat(40)}.${'y'.repeat(43)}`, { method: 'POST' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([404, 404, 400, 413, 405, 404, 401, 400]);
    for (const r of responses) expect(r.text).not.toMatch(INTERNALS);
  });

  it('masks an internal error of a REST route as a bare 500', async () => {
    const res = await withoutTable('comment', () =>
      send(api, `/exports/rounds/${roundId}/comments.csv`, { headers: { authorization: `Bearer ${secretariat}` } }),
    );
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text)).toEqual({ statusCode: 500, message: 'Internal server error' });
  });

  it('masks an internal error of a GraphQL write, and of a subscription over the WebSocket', async () => {
    const write = await withoutTable('audit_event', () =>
      send(api, '/graphql', {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${secretariat}` },
        body: JSON.stringify({
          query: `mutation($r: ID!, $at: DateTime!) { extendConsultation(roundId: $r, closesAt: $at, reason: "later") { id } }`,
          variables: { r: roundId, at: new Date(Date.now() + 7_200_000).toISOString() },
        }),
      }),
    );
    expect(JSON.parse(write.text).errors).toEqual([
      { message: 'Internal server error', path: ['extendConsultation'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(write.text).not.toMatch(INTERNALS);

    const client = liveClient(api.url, secretariat);
    try {
      const feed = await withoutTable('consultation_round', async () => {
        const f = new Feed(client, `subscription($r: ID!) { commentSubmitted(roundId: $r) { id } }`, { r: roundId }, 'commentSubmitted');
        await until('the refusal', () => f.errors.length > 0);
        return f;
      });
      expect(feed.errors).toEqual([{ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' }]);
    } finally {
      await client.dispose();
    }
  });
});
