import { createServer, type Server } from 'node:http';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { People, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';
import { PinoLogger } from 'nestjs-pino';
import { AppError } from '@tripartite/common';
import { makeFormatError, wsErrorHooks } from '../../apps/api/src/graphql/format-error';
import { Feed, liveClient, until } from '../live/live-client';
import { QueryLimits, checkQueryLimits, limitsOnSubscribe } from '../../apps/api/src/graphql/query-limits.plugin';

const CREATE_ORG = `mutation($n: String!) { createOrganization(name: $n, group: WORKERS) { id } }`;
const CREATE_USER = `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`;
const newUser = (email: string) => ({ email, displayName: 'New', password: 'long enough password', roles: ['OBSERVER'] });

/** startApi leaves its variables in process.env; the next API of this file must not inherit them. */
async function startWith(env: Record<string, string> = {}): Promise<TestApi> {
  const before = { ...process.env };
  try {
    return await startApi(env);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
    Object.assign(process.env, before);
  }
}

async function post(api: TestApi, body: string, headers: Record<string, string>, token?: string) {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: res.status, text: await res.text() };
}

const count = async (api: TestApi, table: string) => Number((await api.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

/** Nothing a client could use to learn the internals: no stack, no SQL, no table or driver names. */
function expectNoInternals(raw: string): void {
  expect(raw).not.toMatch(/stacktrace|\bat \S+ \(|SELECT|INSERT|relation|constraint|QueryFailedError|typeorm|organization_gone|node_modules/i);
}

describe('GraphQL conventions', () => {
  describe('access by role and errors', () => {
    let api: TestApi;
    let people: People;
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      api = await startWith();
      people = await seedPeople(api.app);
      tokens.admin = await api.login(people.admin.email);
      tokens.SECRETARIAT = await api.login(people.secretariat.email);
      tokens.CONSTITUENT = await api.login(people.constituents.GOVERNMENT[0].email);
      tokens.OBSERVER = await api.login(people.observer.email);
      tokens.MODERATOR = await api.login(people.moderator.email);
    });
    afterAll(() => api.close());

    it.each(['SECRETARIAT', 'CONSTITUENT', 'OBSERVER', 'MODERATOR'])('refuses administration to %s with FORBIDDEN, writing nothing', async (role) => {
      const [orgs, users] = [await count(api, 'organization'), await count(api, 'app_user')];
      expect(errorOf(await api.gql(CREATE_ORG, { n: `by ${role}` }, tokens[role])).code).toBe('FORBIDDEN');
      expect(errorOf(await api.gql(CREATE_USER, { i: newUser(`${role.toLowerCase()}-made@test.org`) }, tokens[role])).code).toBe('FORBIDDEN');
      expect([await count(api, 'organization'), await count(api, 'app_user')]).toEqual([orgs, users]);
    });

    it('answers UNAUTHENTICATED to anyone without a token', async () => {
      expect(errorOf(await api.gql(CREATE_ORG, { n: 'anonymous' })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await api.gql(CREATE_USER, { i: newUser('anon-made@test.org') })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await api.gql(`{ organizations { id } }`)).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await api.gql(`{ me { id } }`)).code).toBe('UNAUTHENTICATED');
    });

    it('lets every signed-in role read the organizations', async () => {
      for (const role of ['SECRETARIAT', 'CONSTITUENT', 'OBSERVER', 'MODERATOR']) {
        expect(ok(await api.gql(`{ organizations { id } }`, {}, tokens[role])).organizations).toHaveLength(6);
      }
    });

    it('answers a malformed query, an unknown field and a bad variable with BAD_USER_INPUT', async () => {
      const parse = await api.gql(`{ me { id `, {}, tokens.OBSERVER);
      expect(parse.status).toBe(400);
      expect(errorOf(parse).code).toBe('BAD_USER_INPUT');
      expect(errorOf(parse).extensions?.fields).toEqual([]);
      expect(errorOf(await api.gql(`{ me { shoeSize } }`, {}, tokens.OBSERVER)).code).toBe('BAD_USER_INPUT');
      const variable = await api.gql(`query($g: ConstituentGroup) { organizations(group: $g) { id } }`, { g: 'NOBODY' }, tokens.OBSERVER);
      expect(variable.status).toBe(400);
      expect(errorOf(variable).code).toBe('BAD_USER_INPUT');
      expect(errorOf(await api.gql(`query($n: String!) { createOrganization(name: $n, group: WORKERS) { id } }`, {}, tokens.admin)).code).toBe(
        'BAD_USER_INPUT',
      );
      const persisted = await post(api, JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }), {
        'content-type': 'application/json',
      });
      expect(JSON.parse(persisted.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('masks a database failure while reading as INTERNAL_SERVER_ERROR, without SQL or stack', async () => {
      await api.db.query(`ALTER TABLE organization RENAME TO organization_gone`);
      try {
        const res = await post(api, JSON.stringify({ query: `{ organizations { id name } }` }), { 'content-type': 'application/json' }, tokens.OBSERVER);
        const body = JSON.parse(res.text);
        expect(body.errors).toEqual([{ message: 'Internal server error', path: ['organizations'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
        expectNoInternals(res.text);
      } finally {
        await api.db.query(`ALTER TABLE organization_gone RENAME TO organization`);
      }
    });

    it('masks a database failure while writing, and the transaction leaves nothing behind', async () => {
      await api.db.query(`ALTER TABLE organization ADD CONSTRAINT refuse_boom CHECK (name <> 'boom')`);
      try {
        const [orgs, events] = [await count(api, 'organization'), await count(api, 'audit_event')];
        const res = await post(api, JSON.stringify({ query: CREATE_ORG, variables: { n: 'boom' } }), { 'content-type': 'application/json' }, tokens.admin);
        expect(JSON.parse(res.text).errors[0]).toEqual({
          message: 'Internal server error',
          path: ['createOrganization'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
        expectNoInternals(res.text);
        expect([await count(api, 'organization'), await count(api, 'audit_event')]).toEqual([orgs, events]);
      } finally {
        await api.db.query(`ALTER TABLE organization DROP CONSTRAINT refuse_boom`);
      }
    });

    it('keeps introspection outside production', async () => {
      expect(ok(await api.gql(`{ __type(name: "Organization") { name } }`)).__type.name).toBe('Organization');
    });
  });

  describe('depth and cost limits', () => {
    let api: TestApi;
    let token: string;
    let people: People;

    beforeAll(async () => {
      api = await startWith({ GRAPHQL_MAX_DEPTH: '1', GRAPHQL_MAX_COST: '500' });
      people = await seedPeople(api.app);
      token = await api.login(people.admin.email);
    });
    afterAll(() => api.close());

    it('refuses a query deeper than the limit with QUERY_TOO_COMPLEX, limit and actual', async () => {
      ok(await api.gql(`{ me { id } }`, {}, token));
      const res = await api.gql(`{ me { organization { id } } }`, {}, token);
      expect(res.status).toBe(400);
      expect(res.data).toBeNull();
      expect(errorOf(res)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { limit: 1, actual: 2 } });
    });

    it('counts depth through fragments', async () => {
      const res = await api.gql(`{ me { ...F } } fragment F on User { ... on User { organization { id } } }`, {}, token);
      expect(errorOf(res)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { limit: 1, actual: 2 } });
    });

    it('counts aliases and list sizes into the cost', async () => {
      const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
      ok(await api.gql(`{ ${aliases(100, 'me { id displayName }')} }`, {}, token));
      // A list is priced at its bound: at most 1,000 organizations, of 2 fields each.
      const res = await api.gql(`{ ${aliases(2, 'organizations { id name }')} }`, {}, token);
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { limit: 500, actual: 2 * (1 + 1000 * 2) } });
    });

    it('refuses a costly mutation before any resolver runs', async () => {
      const [orgs, events] = [await count(api, 'organization'), await count(api, 'audit_event')];
      const mutations = Array.from({ length: 120 }, (_, i) => `m${i}: createOrganization(name: "costly ${i}", group: EMPLOYERS) { id name group countryCode }`);
      expect(errorOf(await api.gql(`mutation { ${mutations.join(' ')} }`, {}, token)).code).toBe('QUERY_TOO_COMPLEX');
      expect([await count(api, 'organization'), await count(api, 'audit_event')]).toEqual([orgs, events]);
    });

    it('measures a fragment bomb in linear time and refuses it', async () => {
      let fragments = 'fragment O0 on Organization { id }';
      for (let i = 1; i <= 40; i++) fragments += ` fragment O${i} on Organization { ...O${i - 1} ...O${i - 1} }`;
      // 2^40 spreads: expanded naively this would never finish (the test would time out).
      const res = await api.gql(`{ organizations { ...O40 } } ${fragments}`, {}, token);
      expect(errorOf(res).code).toBe('QUERY_TOO_COMPLEX');
    });
  });

  describe('the cost model', () => {
    const schema = buildSchema(`
      type Comment { id: ID! body: String! }
      type CommentEdge { cursor: String! node: Comment! }
      type CommentConnection { edges: [CommentEdge!]! totalCount: Int! }
      type Query { comments(first: Int = 50): CommentConnection! latest(first: Int): [Comment!]! all: [Comment!]! }
    `);
    const limits: QueryLimits = { maxDepth: 12, maxCost: 1_000_000, maxFirst: 200, listBounds: { 'CommentConnection.edges': 1, 'Query.all': 30 } };
    const costOf = (query: string, variables: Record<string, unknown> = {}) => {
      const document = parse(query);
      const error = checkQueryLimits({ ...limits, maxCost: 1 }, schema, document, document.definitions[0] as OperationDefinitionNode, variables);
      return error?.extensions.actual;
    };

    it('multiplies a connection by `first` (its default when omitted), and its edges only once', () => {
      // comments (1) + first x edges (1 + node (1 + 2 fields))
      expect(costOf(`{ comments(first: 10) { edges { node { id body } } } }`)).toBe(1 + 10 * (1 + (1 + 2)));
      expect(costOf(`{ comments { edges { node { id body } } } }`)).toBe(1 + 50 * 4);
      expect(costOf(`query($n: Int) { comments(first: $n) { edges { node { id } } } }`, { n: 100 })).toBe(1 + 100 * 3);
    });

    it('prices a null `first` at the cap, a list at its bound, and a list without a bound as very long', () => {
      expect(costOf(`{ latest { id } }`)).toBe(1 + 200 * 1);
      expect(costOf(`{ all { id } }`)).toBe(1 + 30 * 1);
      const unbounded = parse(`{ all { id } }`);
      const error = checkQueryLimits({ ...limits, maxCost: 1, listBounds: {} }, schema, unbounded, unbounded.definitions[0] as OperationDefinitionNode, {});
      expect(error?.extensions.actual).toBe(1 + 10_000 * 1);
    });

    it('passes an operation within the limits', () => {
      const document = parse(`{ comments(first: 10) { totalCount } }`);
      expect(checkQueryLimits(limits, schema, document, document.definitions[0] as OperationDefinitionNode, {})).toBeNull();
    });
  });

  describe('operations over graphql-ws', () => {
    const schema = buildSchema(`
      type Tally { outcome: String! groups: [String!]! }
      type Query { hello: String! denied: String broken: String }
      type Subscription { tallies(first: Int = 10): [Tally!]! }
    `);
    let server: Server;
    let client: Client;

    beforeAll(async () => {
      server = createServer();
      const wss = new WebSocketServer({ server, path: '/graphql' });
      useServer(
        {
          schema,
          roots: {
            query: {
              hello: () => 'hi',
              denied: () => Promise.reject(AppError.forbidden()),
              broken: () => Promise.reject(new Error('relation "secret_table" does not exist')),
            },
            subscription: {
              tallies: async function* () {
                yield { tallies: [{ outcome: 'CONSENSUS', groups: [] }] };
              },
            },
          },
          onSubscribe: limitsOnSubscribe({ maxDepth: 1, maxCost: 100, maxFirst: 200 }, () => schema),
          ...wsErrorHooks(makeFormatError(new PinoLogger({ pinoHttp: { level: 'silent' } }))),
        },
        wss,
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    });
    afterAll(async () => {
      await client.dispose();
      await new Promise((resolve) => server.close(resolve));
    });

    const run = (query: string, variables: Record<string, unknown> = {}) =>
      new Promise<{ data?: any; errors?: any[] }>((resolve) => {
        let last: { data?: any; errors?: any[] } = {};
        client.subscribe(
          { query, variables },
          { next: (value) => void (last = value as typeof last), error: (e) => resolve({ errors: Array.isArray(e) ? e : [e] }), complete: () => resolve(last) },
        );
      });

    const errorOfWs = (result: { errors?: any[] }) => result.errors?.[0]?.extensions?.code;

    it('applies the same limits to subscriptions and queries sent over the socket', async () => {
      expect((await run(`subscription { tallies(first: 3) { outcome } }`)).data).toEqual({ tallies: [{ outcome: 'CONSENSUS' }] });
      const costly = await run(`subscription { tallies(first: 150) { outcome } }`);
      expect(costly.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 100, actual: 151 });
      const aliased = await run(`{ ${Array.from({ length: 101 }, (_, i) => `h${i}: hello`).join(' ')} }`);
      expect(aliased.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', actual: 101 });
      expect((await run(`{ hello }`)).data).toEqual({ hello: 'hi' });
    });

    it('refuses introspection over the socket when told to, as in production', () => {
      const check = limitsOnSubscribe({ maxDepth: 5, maxCost: 100, maxFirst: 200 }, () => schema, { introspection: false });
      const errors = check(null, '1', { query: `{ __schema { types { name } } }` });
      expect(errors?.length).toBeGreaterThan(0);
      expect(errors?.every((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED' && /introspection/.test(e.message))).toBe(true);
      expect(check(null, '2', { query: `{ hello }` })).toBeUndefined();
    });

    it('formats errors as over HTTP: contract codes kept, anything unexpected masked', async () => {
      expect((await run(`{ denied }`)).errors?.[0]).toMatchObject({ message: 'You may not do this', extensions: { code: 'FORBIDDEN' } });
      const broken = await run(`{ broken }`);
      expect(broken.errors).toEqual([{ message: 'Internal server error', path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expect(errorOfWs(await run(`{ nothing }`))).toBe('BAD_USER_INPUT');
      expect(errorOfWs(await run(`{ hello `))).toBe('BAD_USER_INPUT');
      expect(errorOfWs(await run(`subscription($n: Int) { tallies(first: $n) { outcome } }`, { n: 'many' }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('in production', () => {
    let api: TestApi;
    let token: string;

    beforeAll(async () => {
      api = await startWith({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
      const people = await seedPeople(api.app);
      token = await api.login(people.admin.email);
    });
    afterAll(() => api.close());

    it('refuses introspection', async () => {
      for (const query of [`{ __schema { types { name } } }`, `{ __type(name: "User") { name fields { name } } }`]) {
        const res = await api.gql(query, {}, token);
        expect(res.data).toBeNull();
        expect(errorOf(res).code).toBe('BAD_USER_INPUT');
      }
    });

    it('does not suggest field names', async () => {
      const error = errorOf(await api.gql(`{ organisations { id } }`, {}, token));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.message).not.toMatch(/organizations|Did you mean/);
    });

    it('does not suggest names in errors about variables', async () => {
      // An input field and an enum value spelled wrong: graphql-js would name the right ones.
      const res = await api.gql(
        `mutation($in: CreateInstrumentInput!) { createInstrument(input: $in) { id } }`,
        { in: { reference: 'R/1', title: 'T', summery: 'S' } },
        token,
      );
      expect(errorOf(res).code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean|summary/);
      const group = await api.gql(`query($g: ConstituentGroup) { organizations(group: $g) { id } }`, { g: 'WORKER' }, token);
      expect(errorOf(group).code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(group.errors)).not.toMatch(/Did you mean|WORKERS/);
    });

    it('does not suggest names over the WebSocket either', async () => {
      const client = liveClient(api.url, token);
      try {
        const feeds = [
          new Feed(client, `subscription { notificationAdded { titel } }`, {}, 'misspelt field'),
          new Feed(client, `subscription($m: ID!) { tallyUpdated(meetingID: $m) { outcome } }`, { m: 'x' }, 'misspelt argument'),
          new Feed(client, `subscription($r: ID!) { commentSubmitted(roundId: $r) { id, gruop } }`, { r: 'x' }, 'another field'),
        ];
        await until('every refusal', () => feeds.every((f) => f.errors.length > 0));
        for (const feed of feeds) {
          expect(feed.errors[0].code).toBe('BAD_USER_INPUT');
          expect(JSON.stringify(feed.errors)).not.toMatch(/Did you mean|"title"|"group"/);
        }
      } finally {
        await client.dispose();
      }
    });

    it('serves no landing page', async () => {
      // The preflight header gets past CSRF prevention, to where Apollo would render its page.
      const res = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html', 'apollo-require-preflight': 'true' } });
      expect(res.headers.get('content-type')).not.toMatch(/html/);
      expect(await res.text()).not.toMatch(/<html|<!doctype|sandbox|playground|graphiql/i);
    });

    it('refuses requests a browser could send cross-site without a preflight', async () => {
      const viaGet = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ organizations { id } }')}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(viaGet.status).toBe(400);
      expect(await viaGet.text()).toMatch(/CSRF/);
      const orgs = await count(api, 'organization');
      const plain = await post(api, JSON.stringify({ query: CREATE_ORG, variables: { n: 'cross-site' } }), { 'content-type': 'text/plain' }, token);
      expect(plain.status).toBe(400);
      expect(plain.text).toMatch(/CSRF/);
      expect(await count(api, 'organization')).toBe(orgs);
    });

    it('refuses batched operations', async () => {
      const res = await post(api, JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]), { 'content-type': 'application/json' }, token);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('masks unexpected errors', async () => {
      await api.db.query(`ALTER TABLE organization RENAME TO organization_gone`);
      try {
        const res = await post(api, JSON.stringify({ query: `{ organizations { id } }` }), { 'content-type': 'application/json' }, token);
        expect(JSON.parse(res.text).errors[0]).toEqual({
          message: 'Internal server error',
          path: ['organizations'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
        expectNoInternals(res.text);
      } finally {
        await api.db.query(`ALTER TABLE organization_gone RENAME TO organization`);
      }
    });
  });
});
