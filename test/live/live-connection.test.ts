import jwt from 'jsonwebtoken';
import { JWT_AUDIENCE, JWT_ISSUER } from '@tripartite/auth';
import { DEV_JWT_SECRET } from '@tripartite/config';
import { LivePublisher } from '@tripartite/live';
import { People, TestApi, ok, seedPeople, startApi } from '@tripartite/testing';
import { Closed, Feed, connectionOutcome, liveClient, nextClose, until } from './live-client';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken expiresAt } }`;
const ALLOWED_ORIGIN = 'https://board.example.org';

describe('live connections (graphql-ws on /graphql)', () => {
  let api: TestApi;
  let people: People;
  const clients: { dispose(): unknown }[] = [];

  beforeAll(async () => {
    api = await startApi({ JWT_TTL: '2s', CORS_ORIGINS: `${ALLOWED_ORIGIN}, http://localhost:3000`, GRAPHQL_MAX_DEPTH: '2' });
    people = await seedPeople(api.app);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(() => api.close());

  async function login(): Promise<{ accessToken: string; expiresAt: string }> {
    return ok(await api.gql(LOGIN, { e: people.observer.email, p: 'correct horse battery staple' })).login;
  }

  /** A new access token of the session `token` belongs to, signed as the api signs (what a refresh would give). */
  async function freshTokenOfSession(token: string): Promise<string> {
    const { sub, sid } = jwt.decode(token) as { sub: string; sid: string };
    return jwt.sign({ sid }, DEV_JWT_SECRET, { subject: sub, issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: 600 });
  }

  function connect(token: string | null, options: Parameters<typeof liveClient>[2] = {}) {
    const client = liveClient(api.url, token, options);
    clients.push(client);
    return { client, outcome: connectionOutcome(client) };
  }

  it('accepts a valid token in connectionParams, with an allowed Origin or none', async () => {
    const { accessToken } = await login();
    expect(await connect(accessToken).outcome).toBe('connected');
    expect(await connect(accessToken, { origin: ALLOWED_ORIGIN }).outcome).toBe('connected');
  });

  it('refuses a connection without a token with 4401', async () => {
    expect(await connect(null).outcome).toEqual<Closed>({ code: 4401, reason: 'Unauthorized' });
  });

  it.each([
    ['a token that is not a JWT', 'Bearer not-a-token'],
    ['a value without the Bearer scheme', 'Token abc'],
    [
      'a token signed with another secret',
      `Bearer ${jwt.sign({ roles: ['ADMIN'] }, 'x'.repeat(40), { subject: 'u', issuer: JWT_ISSUER, audience: JWT_AUDIENCE })}`,
    ],
  ])('refuses %s with 4401', async (_what, authorization) => {
    expect(await connect(null, { authorization }).outcome).toEqual<Closed>({ code: 4401, reason: 'Unauthorized' });
  });

  it('refuses a page from an origin outside CORS_ORIGINS with 4403, even with a valid token', async () => {
    const { accessToken } = await login();
    expect(await connect(accessToken, { origin: 'https://evil.example' }).outcome).toEqual<Closed>({ code: 4403, reason: 'Forbidden' });
  });

  it('keeps the connection past its access token while the session lives, and ends it with 4401 at sign-out', async () => {
    const { accessToken, expiresAt } = await login();
    const { client, outcome } = connect(accessToken);
    const closed = nextClose(client);
    expect(await outcome).toBe('connected');
    // Past the token's expiry (JWT_TTL is 2 s here) the socket still takes operations and delivers events.
    await until('the access token to expire', () => Date.now() > new Date(expiresAt).getTime() + 500, 10_000);
    const feed = new Feed(client, `subscription { notificationAdded { id } }`, {}, 'notificationAdded');
    const [event] = await api.db.query<{ id: string }>(`INSERT INTO notification_event (kind, data) VALUES ('consultation.opened', '{}') RETURNING id`);
    const [row] = await api.db.query<{ id: string }>(
      `INSERT INTO notification (event_id, user_id, kind, title, body) VALUES ($1, $2, 'consultation.opened', 'Opened', 'Comments are welcome.') RETURNING id`,
      [event.id, people.observer.id],
    );
    const live = api.app.get(LivePublisher);
    await until('the notification to arrive', async () => {
      await live.publish('notificationAdded', people.observer.id, { userId: people.observer.id, notificationId: row.id });
      return feed.data().length > 0;
    });
    expect(feed.data()[0]).toEqual({ id: row.id });
    // Signing out (with a new token of the same session: the expired one can no longer call logout) closes it.
    expect(ok(await api.gql(`mutation { logout }`, {}, await freshTokenOfSession(accessToken))).logout).toBe(true);
    expect(await closed).toEqual<Closed>({ code: 4401, reason: 'Session ended' });
    expect(feed.errors).toEqual([]);
  });

  it('refuses a token that has already expired', async () => {
    const { accessToken, expiresAt } = await login();
    await new Promise((r) => setTimeout(r, new Date(expiresAt).getTime() - Date.now() + 100));
    expect(await connect(accessToken).outcome).toEqual<Closed>({ code: 4401, reason: 'Unauthorized' });
  });

  it('applies the query limits and the error codes of HTTP to operations sent over the socket', async () => {
    const { accessToken } = await login();
    const { client } = connect(accessToken);
    const id = '00000000-0000-4000-8000-000000000000';
    const deep = new Feed(client, `subscription($i: ID!) { stageChanged(instrumentId: $i) { actor { organization { id } } } }`, { i: id }, 'stageChanged');
    const invalid = new Feed(client, `subscription { stageChanged(instrumentId: "x") { nope } }`, {}, 'stageChanged');
    await until('both refusals', () => deep.errors.length > 0 && invalid.errors.length > 0);
    expect(deep.errors.map((e) => e.code)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(invalid.errors.map((e) => e.code)).toEqual(['BAD_USER_INPUT']);
  });
});
