import { GqlResponse, errorOf, ok } from '@tripartite/testing';
import { ConsultationWorld } from '../api/consultation-fixtures';
import { Feed, liveClient, until } from '../live/live-client';
import { SqlCounter } from './sql-counter';

/** The documented defaults (AppConfig, query-limits.plugin.ts), which this suite runs with. */
const MAX_DEPTH = 12;
const MAX_COST = 200_000;
const MAX_ALIASES = 100;
const MAX_DOCUMENT_LENGTH = 50_000;
const BODY_LIMIT = 1024 * 1024;

const times = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

describe('GraphQL abuse is refused before any resolver or SQL runs', () => {
  let w: ConsultationWorld;
  let sql: SqlCounter;
  let token: string;
  let roundId: string;
  let instrumentId: string;

  beforeAll(async () => {
    w = await ConsultationWorld.start();
    const opened = await w.openRound();
    roundId = opened.round.id;
    instrumentId = opened.p.instrumentId;
    sql = new SqlCounter(w.api.app);
    token = w.tokens.secretariat;
  });
  afterAll(() => w.stop());

  /** The answer to a raw HTTP request, and the SQL statements the API ran for it. */
  async function measured(init: { method?: string; path?: string; body?: string; headers?: Record<string, string | undefined> }) {
    const headers = Object.entries({ 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers }).filter(
      (h): h is [string, string] => h[1] !== undefined,
    );
    const { result, statements } = await sql.during(async () => {
      const res = await fetch(`${w.api.url}${init.path ?? '/graphql'}`, { method: init.method ?? 'POST', headers, body: init.body });
      return { status: res.status, text: await res.text() };
    });
    return { ...result, statements };
  }

  const post = (query: string, variables: Record<string, unknown> = {}) => measured({ body: JSON.stringify({ query, variables }) });
  const errorIn = (text: string) => errorOf(JSON.parse(text) as GqlResponse);

  it('counts statements, so a zero below means nothing reached the database', async () => {
    const read = await sql.during(() => w.gql(`{ organizations { id } }`, {}, token));
    ok(read.result);
    expect(read.statements.length).toBeGreaterThanOrEqual(1);
    const write = await sql.during(() => w.gql(`mutation { createOrganization(name: "Counted union", group: WORKERS) { id } }`, {}, w.tokens.admin));
    ok(write.result);
    expect(write.statements).toEqual(expect.arrayContaining(['START TRANSACTION', 'COMMIT']));
  });

  it(`refuses a query deeper than ${MAX_DEPTH}`, async () => {
    // instruments > rounds > instrument > rounds ... : 13 levels of fields with selections.
    const chain = Array.from({ length: MAX_DEPTH }, (_, i) => (i % 2 ? 'instrument' : 'rounds'));
    const res = await post(`{ instruments ${chain.reduceRight((inner, field) => `{ ${field} ${inner} }`, '{ id }')} }`);
    expect(res.status).toBe(400);
    expect(errorIn(res.text)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { kind: 'depth', limit: MAX_DEPTH, actual: MAX_DEPTH + 1 } });
    expect(res.statements).toEqual([]);
  });

  it('refuses lists nested back into their parents, and their alias form, before any SQL (as an observer)', async () => {
    const observe = (query: string) =>
      measured({ body: JSON.stringify({ query, variables: { i: instrumentId } }), headers: { authorization: `Bearer ${w.tokens.observer}` } });
    const nested = await observe(
      `query($i: ID!) { instrument(id: $i) { latestPublishedVersion { guidelines { version { guidelines { version { guidelines { version { guidelines { id text } } } } } } } } } }`,
    );
    expect(nested.status).toBe(400);
    expect(errorIn(nested.text)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { kind: 'nesting' } });
    expect(nested.statements).toEqual([]);
    const aliases = times(5, (i) => `a${i}: latestPublishedVersion { guidelines { version { guidelines { id text } } } }`);
    const aliased = await observe(`query($i: ID!) { instrument(id: $i) { ${aliases} } }`);
    expect(errorIn(aliased.text)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { kind: 'nesting' } });
    expect(aliased.statements).toEqual([]);
    // Without the way back, the shallower form is priced at what the caps allow, and refused as too costly.
    const shallow = await observe(`query($i: ID!) { instrument(id: $i) { ${times(5, (i) => `a${i}: versions { guidelines { id text } }`)} } }`);
    expect(errorIn(shallow.text)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { kind: 'cost', limit: MAX_COST } });
    expect(shallow.statements).toEqual([]);
  });

  it('refuses 100 aliases of an expensive field by its cost', async () => {
    const node = `id body organization { name } author { displayName organization { name } } guideline { key text } round { id }`;
    const res = await post(`query($r: ID!) { ${times(100, (i) => `a${i}: comments(filter: { roundId: $r }, first: 200) { edges { node { ${node} } } }`)} }`, {
      r: roundId,
    });
    expect(res.status).toBe(400);
    const error = errorIn(res.text);
    expect(error).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { kind: 'cost', limit: MAX_COST } });
    expect(error.extensions!.actual).toBeGreaterThan(MAX_COST);
    expect(res.statements).toEqual([]);
  });

  it(`refuses more than ${MAX_ALIASES} aliases of cheap fields, each of which would run its own SQL`, async () => {
    // Within the cost limit (a page of 0 costs 1), so only the alias count stops them.
    for (const query of [
      `{ ${times(1000, (i) => `a${i}: me { id }`)} }`,
      `query($r: ID!) { comments(filter: { roundId: $r }, first: 0) { ${times(MAX_ALIASES + 1, (i) => `c${i}: totalCount`)} } }`,
      // 60 aliases, spread twice.
      `{ ...Many ...More } fragment Many on Query { ${times(60, (i) => `a${i}: me { id }`)} } fragment More on Query { ...Many }`,
    ]) {
      const res = await post(query, { r: roundId });
      expect(res.status).toBe(400);
      expect(errorIn(res.text)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { kind: 'aliases', limit: MAX_ALIASES } });
      expect(res.statements).toEqual([]);
    }
    // The limit leaves room for real screens.
    const fine = await post(`{ ${times(MAX_ALIASES, (i) => `a${i}: me { id }`)} }`);
    expect(JSON.parse(fine.text).errors).toBeUndefined();
  });

  it('refuses 1,000 duplicate fields in validation', async () => {
    for (const query of [`{ me { ${'id '.repeat(1000)} } }`, `{ ${'organizations { id } '.repeat(1000)} }`]) {
      const res = await post(query);
      expect(res.status).toBe(400);
      expect(errorIn(res.text).code).toBe('BAD_USER_INPUT');
      expect(res.statements).toEqual([]);
    }
  });

  it('refuses batched JSON arrays', async () => {
    const res = await measured({ body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ organizations { id } }' }]) });
    expect(res.status).toBe(400);
    expect(errorIn(res.text).code).toBe('BAD_USER_INPUT');
    expect(res.statements).toEqual([]);
  });

  it('refuses mutations over GET, with or without the preflight header', async () => {
    const path = `/graphql?query=${encodeURIComponent('mutation { createOrganization(name: "Via GET", group: WORKERS) { id } }')}`;
    const simple = await measured({ method: 'GET', path, headers: { 'content-type': undefined } });
    expect(simple.status).toBe(400);
    expect(simple.text).toMatch(/CSRF/);
    expect(simple.statements).toEqual([]);
    const preflighted = await measured({ method: 'GET', path, headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(405);
    expect(errorIn(preflighted.text).code).toBe('BAD_USER_INPUT');
    expect(preflighted.statements).toEqual([]);
    expect(await w.api.db.query(`SELECT 1 FROM organization WHERE name = 'Via GET'`)).toEqual([]);
  });

  it(`refuses a document over ${MAX_DOCUMENT_LENGTH} characters before parsing it, and a body over 1 MB`, async () => {
    const padded = `{ me { id } } # ${'x'.repeat(MAX_DOCUMENT_LENGTH)}`;
    const long = await post(padded);
    expect(long.status).toBe(400);
    expect(errorIn(long.text)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { kind: 'size', limit: MAX_DOCUMENT_LENGTH, actual: padded.length } });
    expect(long.statements).toEqual([]);
    const huge = await post(`{ ${times(80_000, (i) => `a${i}: me { id }`)} }`);
    expect(huge.status).toBe(413);
    expect(huge.statements).toEqual([]);
    // Exactly at the limit it is an ordinary document.
    const atLimit = `{ me { id } } #`.padEnd(MAX_DOCUMENT_LENGTH, 'x');
    expect(JSON.parse((await post(atLimit)).text).errors).toBeUndefined();
  });

  it('answers malformed JSON and an oversized body in the GraphQL error shape, with a contract code', async () => {
    for (const body of ['{"query": "{ me { id } }"', '{"query": ', 'not json at all', '{"query": "{ me { id } }", "variables": {"a": }}']) {
      const res = await measured({ body });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toEqual({ errors: [{ message: expect.stringMatching(/JSON/), extensions: { code: 'BAD_USER_INPUT', fields: [] } }] });
      expect(res.statements).toEqual([]);
    }
    const huge = await post(`{ ${times(80_000, (i) => `a${i}: me { id }`)} }`);
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.text)).toEqual({
      errors: [
        { message: expect.stringMatching(/1 MB/), extensions: { code: 'QUERY_TOO_COMPLEX', kind: 'size', limit: BODY_LIMIT, actual: expect.any(Number) } },
      ],
    });
    expect(huge.statements).toEqual([]);
  });

  it('refuses variables over the 1 MB body limit', async () => {
    const res = await post(`mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`, {
      in: { roundId, type: 'GENERAL', body: 'x'.repeat(BODY_LIMIT) },
    });
    expect(res.status).toBe(413);
    expect(res.text).not.toMatch(/stack|node_modules|at \S+ \(/);
    expect(res.statements).toEqual([]);
  });

  it('refuses `first: 100000` on every paged list, naming the limit, before any SQL', async () => {
    for (const query of [
      `query($r: ID!) { comments(filter: { roundId: $r }, first: 100000) { totalCount } }`,
      `{ notifications(first: 100000) { unreadCount } }`,
      `{ auditLog(first: 100000) { pageInfo { hasNextPage } } }`,
      `{ webhookDeadLetters(first: 100000) { id } }`,
      `{ instruments(first: 100000) { id } }`,
      `{ governingBodySessions(first: 100000) { id } }`,
    ]) {
      const res = await measured({ body: JSON.stringify({ query, variables: { r: roundId } }), headers: { authorization: `Bearer ${w.tokens.admin}` } });
      expect(res.status).toBe(400);
      expect(errorIn(res.text)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { fields: [{ field: 'first', message: 'must be at most 200' }] } });
      expect(res.statements).toEqual([]);
    }
  });

  it('applies the same refusals to operations sent over graphql-ws', async () => {
    const client = liveClient(w.api.url, token);
    try {
      const documents = [
        { query: `{ me { id } } # ${'x'.repeat(MAX_DOCUMENT_LENGTH)}`, kind: 'size' },
        { query: `{ ${times(MAX_ALIASES + 1, (i) => `a${i}: me { id }`)} }`, kind: 'aliases' },
        { query: `subscription($r: ID!) { commentSubmitted(roundId: $r) { ${'id '.repeat(1000)} } }`, kind: null },
      ];
      const { result: feeds, statements } = await sql.during(async () => {
        const list = documents.map((d) => new Feed(client, d.query, { r: roundId }, 'me'));
        await until('every refusal', () => list.every((f) => f.errors.length > 0));
        return list;
      });
      expect(feeds.map((f) => f.errors[0].code)).toEqual(['QUERY_TOO_COMPLEX', 'QUERY_TOO_COMPLEX', 'BAD_USER_INPUT']);
      expect(statements).toEqual([]);
    } finally {
      await client.dispose();
    }
  });
});
