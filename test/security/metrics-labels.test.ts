import { randomBytes } from 'node:crypto';
import { TestApi, ok, seedPeople, startApi } from '@tripartite/testing';

const SERIES = /^tripartite_graphql_operation_duration_seconds_count\{[^}]*\} /gm;

describe('GraphQL metrics', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startApi();
    token = await api.login((await seedPeople(api.app)).observer.email);
  });
  afterAll(() => api.close());

  const metrics = async () => (await fetch(`${api.url}/metrics`)).text();
  const series = async () => (await metrics()).match(SERIES) ?? [];
  const named = (name: string) => api.gql(`query ${name} { me { id } }`, {}, token);

  it('labels operations by the names the web client defines, and every other name as "other"', async () => {
    ok(await named('HomeNotifications'));
    ok(await named('SomethingElse'));
    ok(await api.gql(`{ me { id } }`, {}, token));
    const before = await series();
    expect(before.join('\n')).toMatch(/operation="HomeNotifications"/);
    expect(before.join('\n')).toMatch(/operation="other"/);
    expect(before.join('\n')).toMatch(/operation="anonymous"/);
    const graphqlLines = async () => (await metrics()).split('\n').filter((l) => l.startsWith('tripartite_graphql_operation_duration_seconds')).length;
    const linesBefore = await graphqlLines();

    // 1,000 names a client made up, some of them as long as a document may be; 20 requests at a time.
    const names = Array.from({ length: 1000 }, (_, i) => `N${randomBytes(8).toString('hex')}${i % 100 === 0 ? 'x'.repeat(40_000) : ''}`);
    for (let i = 0; i < names.length; i += 20) await Promise.all(names.slice(i, i + 20).map(async (name) => ok(await named(name))));
    const after = await series();
    expect(after.length).toBe(before.length);
    expect(await graphqlLines()).toBe(linesBefore);
    expect(await metrics()).not.toMatch(/N[0-9a-f]{16}/);
  });
});
