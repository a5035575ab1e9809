import { spawnSync } from 'node:child_process';
import { People, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';
import { waitFor } from '../ops/processes';

const LOG = `query($e: ID, $first: Int, $after: String) { auditLog(entityId: $e, first: $first, after: $after) {
  edges { cursor node { id sequence at action entityType entityId data hash actor { id email } } } pageInfo { hasNextPage endCursor } } }`;
const VERIFY = `{ verifyAuditChain { valid checked firstBrokenSequence } }`;
const CREATE_ORG = `mutation($n: String!) { createOrganization(name: $n, group: EMPLOYERS) { id } }`;

describe('audit log', () => {
  let api: TestApi;
  let people: People;
  let admin: string;
  let secretariat: string;

  beforeAll(async () => {
    api = await startApi();
    people = await seedPeople(api.app);
    admin = await api.login(people.admin.email);
    secretariat = await api.login(people.secretariat.email);
  });
  afterAll(() => api.close());

  it('records who did what, sealed into a gapless chain, filterable by entity', async () => {
    const org = ok(await api.gql(CREATE_ORG, { n: 'Audited employers' }, admin)).createOrganization;
    const page = ok(await api.gql(LOG, { e: org.id }, secretariat)).auditLog;
    expect(page.edges).toHaveLength(1);
    const event = page.edges[0].node;
    expect(event).toMatchObject({ action: 'organization.created', entityType: 'Organization', entityId: org.id, actor: { id: people.admin.id } });
    expect(JSON.parse(event.data)).toMatchObject({ name: 'Audited employers', group: 'EMPLOYERS' });
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    // The whole log: sequences 1..n without gaps.
    const all = ok(await api.gql(LOG, { first: 200 }, admin)).auditLog.edges.map((e: any) => e.node.sequence);
    expect(all).toEqual(all.map((_: number, i: number) => i + 1));
  });

  it('pages by sequence with opaque cursors', async () => {
    for (let i = 0; i < 5; i++) ok(await api.gql(CREATE_ORG, { n: `Paged employers ${i}` }, admin));
    const first = ok(await api.gql(LOG, { first: 2 }, secretariat)).auditLog;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = ok(await api.gql(LOG, { first: 2, after: first.pageInfo.endCursor }, secretariat)).auditLog;
    expect(second.edges[0].node.sequence).toBe(first.edges[1].node.sequence + 1);
    expect(errorOf(await api.gql(LOG, { after: 'garbage' }, secretariat)).code).toBe('BAD_USER_INPUT');
  });

  it('is for the secretariat and admins only', async () => {
    const constituent = await api.login(people.constituents.WORKERS[0].email);
    expect(errorOf(await api.gql(LOG, {}, constituent)).code).toBe('FORBIDDEN');
    expect(errorOf(await api.gql(VERIFY, {}, constituent)).code).toBe('FORBIDDEN');
    expect(errorOf(await api.gql(LOG, {})).code).toBe('UNAUTHENTICATED');
  });

  it('refuses DELETE and UPDATE of events in the database itself', async () => {
    await api.gql(LOG, {}, admin); // seal
    await expect(api.db.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(api.db.query(`UPDATE audit_event SET action = 'x' WHERE sequence = 1`)).rejects.toThrow(/sealed once/);
    await expect(api.db.query(`UPDATE audit_event SET data = '{}' WHERE sequence IS NULL`)).resolves.toBeDefined(); // no unsealed rows: no-op
    await expect(api.db.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });

  it('keeps one unbroken chain holding every event under many concurrent writers', async () => {
    const events = async () => (await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`))[0].n;
    const before = await events();
    const names = Array.from({ length: 40 }, (_, i) => `Concurrent employers ${i}`);
    // Writers and readers (which seal) interleave.
    await Promise.all([
      ...names.map((n) => api.gql(CREATE_ORG, { n }, admin).then(ok)),
      ...Array.from({ length: 5 }, () => api.gql(VERIFY, {}, secretariat).then(ok)),
    ]);
    // Sealing waits for every older transaction of the cluster (other databases' included) to end: on a busy
    // server the last events are sealed by a later call, so read until they are, then check the chain.
    expect(await events()).toBe(before + names.length);
    const result = await waitFor('every event sealed', async () => {
      const chain = ok(await api.gql(VERIFY, {}, admin)).verifyAuditChain;
      return chain.checked >= before + names.length ? chain : undefined;
    });
    expect(result).toEqual({ valid: true, checked: before + names.length, firstBrokenSequence: null });
    const [{ unsealed }] = await api.db.query<{ unsealed: number }>(`SELECT count(*)::int AS unsealed FROM audit_event WHERE sequence IS NULL`);
    expect(unsealed).toBe(0);
  });

  it('reports the first broken sequence when a sealed row is altered behind the trigger', async () => {
    ok(await api.gql(VERIFY, {}, admin));
    await api.db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_guard`);
    await api.db.query(`UPDATE audit_event SET data = '{"tampered":true}' WHERE sequence = 3`);
    await api.db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_guard`);
    expect(ok(await api.gql(VERIFY, {}, admin)).verifyAuditChain).toEqual({ valid: false, checked: 2, firstBrokenSequence: 3 });
    expect(ok(await api.gql(`{ verifyAuditChain { problems } }`, {}, admin)).verifyAuditChain.problems).toEqual([
      'event 3 does not follow from the chain before it (altered, removed or out of order)',
    ]);
    const cli = spawnSync(process.execPath, ['dist/apps/cli/src/audit-verify.js'], { env: { ...process.env, DATABASE_URL: api.db.url }, encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/BROKEN at sequence 3/);
  });
});
