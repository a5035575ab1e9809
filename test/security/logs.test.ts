// What the built api writes to its log (stdout, JSON lines) must not hold what requests carried: tokens in
// query strings, GraphQL variables, SQL parameters, cookies. One api process at LOG_LEVEL=info, driven over HTTP.
import { hashPassword } from '@tripartite/auth';
import { REDIS_URL, TEST_PASSWORD, TestDatabase, createTestDatabase, deleteRedisKeys, gqlRequest, ok } from '@tripartite/testing';
import { AppProcess, freePort, health, startProcess, waitFor } from '../ops/processes';

const SECRETS = {
  query: 'QUERY-TOKEN-3f9a',
  access: 'ACCESS-TOKEN-77c1',
  variable: 'GET-VARIABLE-5d20',
  marker: 'ORGANIZATION-NAME-9e44',
  password: 'WRONG-PASSWORD-a1b2',
};

describe('the api log', () => {
  let db: TestDatabase;
  let api: AppProcess;
  let url: string;
  const prefix = `ttlogs${process.pid}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.query(`INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ('admin@logs.test', 'Admin', $1, '{ADMIN}')`, [
      await hashPassword(TEST_PASSWORD),
    ]);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = startProcess('api', { NODE_ENV: 'test', DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'info', PORT: String(port) });
    await waitFor(
      'the api to be ready',
      async () => {
        if (api.child.exitCode !== null) throw new Error(`the api exited: ${api.stderr()}`);
        return (await health(url, 'ready')).status === 200 ? true : undefined;
      },
      30_000,
    );
  }, 60_000);
  afterAll(async () => {
    await api?.kill();
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  it('redacts query strings, and keeps request data, cookies and tokens out of request and error lines', async () => {
    const signIn = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
        variables: { e: 'admin@logs.test', p: TEST_PASSWORD },
      }),
    });
    const accessToken = ((await signIn.json()) as any).data.login.accessToken as string;
    // The refresh cookie's value (login sets it), when there is one: it must not reach the log either.
    const refreshToken = /tripartite_refresh=([^;]+)/.exec(signIn.headers.getSetCookie().join('\n'))?.[1] ?? accessToken;
    await gqlRequest(url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
      e: 'admin@logs.test',
      p: SECRETS.password,
    });

    // A Nest route with tokens in its query string.
    await fetch(`${url}/exports/rounds/00000000-0000-4000-8000-000000000000/comments.csv?token=${SECRETS.query}&access_token=${SECRETS.access}`, {
      headers: { authorization: `Bearer ${accessToken}`, cookie: `tripartite_refresh=${refreshToken}` },
    });
    // GraphQL over GET: its variables are in the URL.
    const variables = encodeURIComponent(JSON.stringify({ x: SECRETS.variable }));
    await fetch(`${url}/graphql?query=${encodeURIComponent('query($x: String) { __typename }')}&variables=${variables}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    // An unexpected failure in a write whose SQL parameters hold a GraphQL variable.
    await db.query(`ALTER TABLE audit_event RENAME TO audit_event_gone`);
    let failed;
    try {
      failed = await gqlRequest(url, `mutation($n: String!) { createOrganization(name: $n, group: WORKERS) { id } }`, { n: SECRETS.marker }, accessToken);
    } finally {
      await db.query(`ALTER TABLE audit_event_gone RENAME TO audit_event`);
    }
    expect(failed.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    ok(await gqlRequest(url, `{ me { id } }`, {}, accessToken));

    // Five requests logged as completed (health checks are not logged), and the failure's error lines.
    const completed = () => api.logs().filter((l) => l.msg === 'request completed' || l.msg === 'request errored');
    await waitFor('the request lines', async () => (completed().length >= 6 ? true : undefined), 10_000);
    const text = api.stdout();
    for (const [what, secret] of Object.entries({ ...SECRETS, accessToken, refreshToken }))
      expect({ what, logged: text.includes(secret) }).toEqual({ what, logged: false });

    const urls = completed().map((l) => (l.req as { url: string }).url);
    expect(urls).toContain('/exports/rounds/00000000-0000-4000-8000-000000000000/comments.csv?token=[redacted]&access_token=[redacted]');
    expect(urls).toContain('/graphql?query=[redacted]&variables=[redacted]');
    for (const line of completed()) expect(Object.keys(line.req as object).sort()).toEqual(['headers', 'id', 'method', 'remoteAddress', 'remotePort', 'url']);

    // The failure is logged (so a person can look at it), with its SQL but without its parameters.
    const errors = api.logs().filter((l) => Number(l.level) >= 50);
    expect(errors.length).toBeGreaterThan(0);
    for (const line of errors) {
      const err = line.err as Record<string, unknown>;
      expect(err.message).toMatch(/audit_event/);
      expect(Object.keys(err)).not.toContain('parameters');
      expect(JSON.stringify(line)).not.toMatch(/"parameters"|"variables"/);
    }
    expect(errors.some((l) => String((l.err as Record<string, unknown>).query).startsWith('INSERT INTO audit_event'))).toBe(true);
  });
});
