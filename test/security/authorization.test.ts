import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLSchema, Kind, OperationDefinitionNode, buildSchema, parse } from 'graphql';
import { LivePublisher } from '@tripartite/live';
import { GqlResponse } from '@tripartite/testing';
import { contractText, pendingOperations } from '../contract/contract-file';
import { MeetingWorld } from '../meetings/meeting-fixtures';
import { Feed, connectionOutcome, liveClient } from '../live/live-client';
import { MATRIX, MUTATIONS, MatrixRow, QUERIES, SUBSCRIPTIONS, rowName } from './authorization-matrix';
import { CALLERS, Caller, Fixture, buildFixture } from './security-world';

const ACCESS_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/** The binding contract (test/contract finds it). */
const contractSchema = (): GraphQLSchema => buildSchema(contractText());

/** "query:me", "mutation:login", ... for every root field of the schema. */
function operationsOf(schema: GraphQLSchema): string[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([kind, type]) => Object.keys(type?.getFields() ?? {}).map((name) => `${kind}:${name}`));
}

/** The access decision an answer shows: an access code, 'allow' (data, or a business rule's error), or anything unexpected as it is. */
function decision(res: GqlResponse): string {
  const codes = (res.errors ?? []).map((e) => String(e.extensions?.code));
  return codes.find((c) => ACCESS_CODES.has(c)) ?? codes.find((c) => c === 'INTERNAL_SERVER_ERROR' || c === 'undefined') ?? 'allow';
}

describe('the authorization matrix', () => {
  let w: MeetingWorld;
  let f: Fixture;

  beforeAll(async () => {
    w = await MeetingWorld.start();
    f = await buildFixture(w);
  });
  afterAll(() => w.stop());

  const auditEvents = async () => Number((await w.api.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_event`))[0].n);

  it('has a row for every operation of the contract and of the running API, and only for those', () => {
    const inMatrix = new Set(MATRIX.map((r) => `${r.kind}:${r.operation}`));
    // What the contract names but pending.txt lists as not built yet has no row until it is built.
    const pending = new Set(pendingOperations());
    const contract = operationsOf(contractSchema()).filter((op) => !pending.has(op));
    const served = operationsOf(w.api.app.get(GraphQLSchemaHost).schema);
    expect({ missingFromContract: contract.filter((op) => !inMatrix.has(op)), missingFromApi: served.filter((op) => !inMatrix.has(op)) }).toEqual({
      missingFromContract: [],
      missingFromApi: [],
    });
    expect([...inMatrix].filter((op) => !served.includes(op))).toEqual([]);
    // Each row's document calls the operation it is the row of.
    for (const row of MATRIX) {
      const operation = parse(row.document).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const [root] = operation.selectionSet.selections;
      expect({ row: rowName(row), kind: operation.operation, field: root.kind === Kind.FIELD ? root.name.value : null }).toEqual({
        row: rowName(row),
        kind: row.kind,
        field: row.operation,
      });
    }
  });

  /** Runs one cell over HTTP. */
  const call = async (row: MatrixRow, caller: Caller) =>
    w.gql(row.document, row.variables(f, caller), row.ownSession ? await f.signIn(caller) : f.tokens[caller]);

  it.each([...QUERIES, ...MUTATIONS].map((row) => [rowName(row), row] as const))('%s over HTTP', async (_name, row) => {
    const actual = {} as Record<Caller, string>;
    const refused = CALLERS.filter((c) => row.expect[c] !== 'allow');
    const before = await auditEvents();
    // The refused first (together): they must leave no trace (every write is audited in its transaction).
    await Promise.all(refused.map(async (caller) => (actual[caller] = decision(await call(row, caller)))));
    expect({ row: rowName(row), auditEventsWritten: (await auditEvents()) - before }).toEqual({ row: rowName(row), auditEventsWritten: 0 });
    // Then the allowed, one at a time where they write.
    const allowed = CALLERS.filter((c) => row.expect[c] === 'allow');
    if (row.kind === 'query') await Promise.all(allowed.map(async (caller) => (actual[caller] = decision(await call(row, caller)))));
    else for (const caller of allowed) actual[caller] = decision(await call(row, caller));
    expect(actual).toEqual(row.expect);
  });

  it('decides every subscription over graphql-ws as the matrix says, before any event reaches a refused subscriber', async () => {
    const live = w.api.app.get(LivePublisher);
    const signedIn = CALLERS.filter((c) => c !== 'anonymous');
    const anonymous = liveClient(w.api.url, null);
    const clients = signedIn.map((c) => liveClient(w.api.url, f.tokens[c]));
    try {
      // Without a token there is no connection, so every subscription is refused at once.
      expect(await connectionOutcome(anonymous)).toEqual({ code: 4401, reason: 'Unauthorized' });
      const feeds = SUBSCRIPTIONS.map((row) => signedIn.map((c, i) => new Feed(clients[i], row.document, row.variables(f, c), row.operation)));
      const answered = () => feeds.flat().every((feed) => feed.errors.length > 0 || feed.events.length > 0);
      const deadline = Date.now() + 15_000;
      while (!answered() && Date.now() < deadline) {
        await Promise.all(SUBSCRIPTIONS.flatMap((row) => row.warmUp!(f)).map((e) => live.publish(e.event as any, e.subjectId, e.payload as any)));
        await new Promise((r) => setTimeout(r, 50));
      }
      SUBSCRIPTIONS.forEach((row, r) => {
        const actual = { anonymous: 'UNAUTHENTICATED' } as Record<Caller, string>;
        signedIn.forEach((c, i) => {
          const feed = feeds[r][i];
          const code = feed.errors[0]?.code;
          actual[c] = code ? (ACCESS_CODES.has(code) ? code : `unexpected ${code}`) : feed.events.length ? 'allow' : 'no answer';
          // A refused subscriber never receives anything.
          if (code) expect({ row: rowName(row), caller: c, events: feed.data() }).toEqual({ row: rowName(row), caller: c, events: [] });
        });
        expect({ row: rowName(row), ...actual }).toEqual({ row: rowName(row), ...row.expect });
      });
    } finally {
      await Promise.all([anonymous, ...clients].map((c) => c.dispose()));
    }
  });
});
