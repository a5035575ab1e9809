import { People, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';

const CREATE_ORG = `mutation($n: String!, $g: ConstituentGroup!, $c: String) {
  createOrganization(name: $n, group: $g, countryCode: $c) { id name group countryCode }
}`;
const CREATE_USER = `mutation($i: CreateUserInput!) {
  createUser(input: $i) { id email displayName roles organization { id name group } }
}`;
const PASSWORD = 'a password of some length';

interface AuditRow {
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  data: Record<string, unknown>;
}

describe('administration', () => {
  let api: TestApi;
  let people: People;
  let admin: string;

  beforeAll(async () => {
    api = await startApi();
    people = await seedPeople(api.app);
    admin = await api.login(people.admin.email);
  });
  afterAll(() => api.close());

  const counts = async () => {
    const [row] = await api.db.query<{ orgs: number; users: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM organization) AS orgs, (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM audit_event) AS events`,
    );
    return row;
  };
  const auditOf = async (entityId: string) =>
    api.db.query<AuditRow>(`SELECT actor_id, action, entity_type, entity_id, data FROM audit_event WHERE entity_id = $1`, [entityId]);
  const fieldsOf = (res: Awaited<ReturnType<TestApi['gql']>>) => {
    const error = errorOf(res);
    expect(error.code).toBe('BAD_USER_INPUT');
    return error.extensions?.fields as { field: string; message: string }[];
  };
  const user = (over: Record<string, unknown> = {}) => ({
    email: 'new.person@test.org',
    displayName: 'New Person',
    password: PASSWORD,
    roles: ['OBSERVER'],
    ...over,
  });

  describe('createOrganization', () => {
    it('creates a government with its ISO country code, normalised, and audits it with the actor', async () => {
      const org = ok(await api.gql(CREATE_ORG, { n: '  Government of Brazil ', g: 'GOVERNMENT', c: 'br' }, admin)).createOrganization;
      expect(org).toMatchObject({ name: 'Government of Brazil', group: 'GOVERNMENT', countryCode: 'BR' });
      expect(await auditOf(org.id)).toEqual([
        {
          actor_id: people.admin.id,
          action: 'organization.created',
          entity_type: 'Organization',
          entity_id: org.id,
          data: { name: 'Government of Brazil', group: 'GOVERNMENT', countryCode: 'BR' },
        },
      ]);
    });

    it('creates an international employers organization without a country', async () => {
      const org = ok(await api.gql(CREATE_ORG, { n: 'International Organisation of Employers', g: 'EMPLOYERS' }, admin)).createOrganization;
      expect(org).toMatchObject({ group: 'EMPLOYERS', countryCode: null });
    });

    it.each([
      [undefined, 'a government needs an ISO 3166-1 alpha-2 code'],
      ['BRA', 'a government needs an ISO 3166-1 alpha-2 code'],
      ['1X', 'a government needs an ISO 3166-1 alpha-2 code'],
    ])('refuses a government with country code %p', async (code, message) => {
      const before = await counts();
      expect(fieldsOf(await api.gql(CREATE_ORG, { n: `Government ${code}`, g: 'GOVERNMENT', c: code }, admin))).toEqual([{ field: 'countryCode', message }]);
      expect(await counts()).toEqual(before);
    });

    it('refuses a duplicate name (in any case) and a second government of a country, all problems at once', async () => {
      const before = await counts();
      // seedPeople made "government org 1" for FR.
      expect(fieldsOf(await api.gql(CREATE_ORG, { n: 'GOVERNMENT ORG 1', g: 'GOVERNMENT', c: 'FR' }, admin))).toEqual([
        { field: 'name', message: 'is already taken' },
        { field: 'countryCode', message: 'already has a government' },
      ]);
      expect(fieldsOf(await api.gql(CREATE_ORG, { n: 'Workers Org 2', g: 'WORKERS' }, admin))).toEqual([{ field: 'name', message: 'is already taken' }]);
      expect(await counts()).toEqual(before);
    });

    it('refuses an empty name and one with control characters', async () => {
      expect(fieldsOf(await api.gql(CREATE_ORG, { n: '   ', g: 'WORKERS' }, admin))).toEqual([{ field: 'name', message: 'must be 1 to 300 characters' }]);
      expect(fieldsOf(await api.gql(CREATE_ORG, { n: 'Null\u0000Union', g: 'WORKERS' }, admin))).toEqual([
        { field: 'name', message: 'may not contain control characters' },
      ]);
    });
  });

  describe('createUser', () => {
    it('creates a constituent of an organization, who can then sign in; the audit names the actor and never the password', async () => {
      const orgId = people.organizations.WORKERS[1];
      const created = ok(
        await api.gql(
          CREATE_USER,
          { i: user({ email: 'Ana.Silva@Workers.test', displayName: 'Ana Silva', roles: ['CONSTITUENT'], organizationId: orgId }) },
          admin,
        ),
      ).createUser;
      expect(created).toMatchObject({
        email: 'Ana.Silva@Workers.test',
        displayName: 'Ana Silva',
        roles: ['CONSTITUENT'],
        organization: { id: orgId, group: 'WORKERS' },
      });

      const token = await api.login('ana.silva@workers.test', PASSWORD);
      expect(ok(await api.gql(`{ me { id organization { id } } }`, {}, token)).me).toEqual({ id: created.id, organization: { id: orgId } });

      const audit = await auditOf(created.id);
      expect(audit).toEqual([
        {
          actor_id: people.admin.id,
          action: 'user.created',
          entity_type: 'User',
          entity_id: created.id,
          data: { email: 'Ana.Silva@Workers.test', displayName: 'Ana Silva', roles: ['CONSTITUENT'], organizationId: orgId },
        },
      ]);
      const [stored] = await api.db.query<{ password_hash: string }>(`SELECT password_hash FROM app_user WHERE id = $1`, [created.id]);
      const everyEvent = JSON.stringify(await api.db.query(`SELECT data FROM audit_event`));
      expect(everyEvent).not.toContain(PASSWORD);
      expect(everyEvent).not.toContain(stored.password_hash);
      expect(stored.password_hash).not.toContain(PASSWORD);
    });

    it.each([
      ['a malformed email', { email: 'not-an-email' }, [{ field: 'email', message: 'must be an email address' }]],
      ['a password under 12 characters', { password: 'elevenchars' }, [{ field: 'password', message: 'must be at least 12 characters' }]],
      ['a CONSTITUENT without an organization', { roles: ['CONSTITUENT'] }, [{ field: 'organizationId', message: 'is required for a CONSTITUENT' }]],
      [
        'an unknown organization',
        { organizationId: '00000000-0000-4000-8000-000000000000', roles: ['CONSTITUENT'] },
        [{ field: 'organizationId', message: 'names no organization' }],
      ],
      ['an organization id that is no uuid', { organizationId: 'org-1' }, [{ field: 'organizationId', message: 'names no organization' }]],
      ['an email already registered, in another case', { email: 'SECRETARIAT@test.org' }, [{ field: 'email', message: 'is already registered' }]],
      ['no role', { roles: [] }, [{ field: 'roles', message: 'must name at least one role' }]],
    ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, over, fields) => {
      const before = await counts();
      expect(fieldsOf(await api.gql(CREATE_USER, { i: user(over) }, admin))).toEqual(fields);
      expect(await counts()).toEqual(before);
    });

    it('lists every problem at once', async () => {
      const before = await counts();
      const fields = fieldsOf(
        await api.gql(CREATE_USER, { i: user({ email: 'Observer@TEST.org', displayName: ' ', password: 'short', roles: ['CONSTITUENT', 'OBSERVER'] }) }, admin),
      );
      expect(fields).toEqual([
        { field: 'displayName', message: 'must be 1 to 200 characters' },
        { field: 'password', message: 'must be at least 12 characters' },
        { field: 'organizationId', message: 'is required for a CONSTITUENT' },
        { field: 'email', message: 'is already registered' },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('refuses a second account for the same email even when two requests race', async () => {
      const results = await Promise.all([0, 1].map(() => api.gql(CREATE_USER, { i: user({ email: 'twin@test.org' }) }, admin)));
      expect(results.filter((r) => !r.errors).length).toBe(1);
      expect(fieldsOf(results.find((r) => r.errors)!)).toEqual([{ field: 'email', message: 'is already registered' }]);
      expect(await api.db.query(`SELECT id FROM app_user WHERE lower(email) = 'twin@test.org'`)).toHaveLength(1);
    });
  });

  describe('organizations', () => {
    it('lists every organization, or those of one group, for any signed-in user', async () => {
      const observer = await api.login(people.observer.email);
      const all = ok(await api.gql(`{ organizations { id group } }`, {}, observer)).organizations;
      const [{ n }] = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM organization`);
      expect(all).toHaveLength(n);
      const workers = ok(await api.gql(`query($g: ConstituentGroup) { organizations(group: $g) { id group } }`, { g: 'WORKERS' }, observer)).organizations;
      expect(workers.length).toBeGreaterThanOrEqual(2);
      expect(workers.every((o: { group: string }) => o.group === 'WORKERS')).toBe(true);
      expect(workers.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining(people.organizations.WORKERS));
    });
  });
});
