// What the web client's administration needs beyond creating: finding users (paged, searched), editing users and
// organizations, reactivating a user, and reading a webhook's deliveries. Against the real api, in test mode.
import { People, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';
import { emitAndFanOut } from '../notifications/notification-fixtures';

const USERS = `query($s: String, $o: ID, $r: Role, $f: Int, $a: String) {
  users(search: $s, organizationId: $o, role: $r, first: $f, after: $a) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id email displayName roles active organization { id } } }
  }
}`;
const UPDATE_USER = `mutation($u: ID!, $i: UpdateUserInput!) {
  updateUser(userId: $u, input: $i) { id displayName language organization { id } email }
}`;
const UPDATE_ORG = `mutation($o: ID!, $n: String, $c: String) { updateOrganization(organizationId: $o, name: $n, countryCode: $c) { id name group countryCode } }`;
const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`;
const PASSWORD = 'a password of some length';

describe('administration: finding and editing', () => {
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

  const fields = (res: any) => {
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    return (errorOf(res).extensions!.fields as { field: string; message: string }[]).map((f) => f.field);
  };
  const auditOf = (id: string) => api.db.query<any>(`SELECT action, actor_id, data FROM audit_event WHERE entity_id = $1 ORDER BY sequence`, [id]);
  const newUser = async (email: string, displayName: string, roles = ['OBSERVER'], organizationId: string | null = null) =>
    ok(
      await api.gql(
        `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
        { i: { email, displayName, password: PASSWORD, roles, organizationId } },
        admin,
      ),
    ).createUser.id as string;

  describe('users', () => {
    it('pages through every user by display name, with the total on every page, for admins and the secretariat', async () => {
      const all = ok(await api.gql(USERS, { f: 200 }, admin)).users;
      expect(all.totalCount).toBe(all.edges.length);
      const names = all.edges.map((e: any) => e.node.displayName.toLowerCase());
      expect(names).toEqual([...names].sort());
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = ok(await api.gql(USERS, { f: 3, a: after }, secretariat)).users;
        expect(page.totalCount).toBe(all.totalCount);
        seen.push(...page.edges.map((e: any) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(all.edges.map((e: any) => e.node.id));
      // The secretariat reads e-mail addresses (DESIGN.md: the user, the secretariat and admins).
      expect(all.edges.every((e: any) => typeof e.node.email === 'string')).toBe(true);
    });

    it('searches the name or the email in any case, and filters by organization and role; wildcards match themselves', async () => {
      await newUser('percent.sign@test.org', 'Ms 100% Sure');
      const byName = ok(await api.gql(USERS, { s: 'MS 100%' }, admin)).users;
      expect(byName.edges.map((e: any) => e.node.displayName)).toEqual(['Ms 100% Sure']);
      expect(ok(await api.gql(USERS, { s: '%' }, admin)).users.totalCount).toBe(1);
      expect(ok(await api.gql(USERS, { s: '_' }, admin)).users.totalCount).toBe(0);
      const byEmail = ok(await api.gql(USERS, { s: people.secretariat.email.toUpperCase() }, admin)).users;
      expect(byEmail.edges.map((e: any) => e.node.id)).toEqual([people.secretariat.id]);
      const [org] = people.organizations.WORKERS;
      const members = ok(await api.gql(USERS, { o: org }, admin)).users;
      expect(members.edges.map((e: any) => e.node.id)).toEqual([people.constituents.WORKERS[0].id]);
      const moderators = ok(await api.gql(USERS, { r: 'MODERATOR' }, admin)).users;
      expect(moderators.edges.every((e: any) => e.node.roles.includes('MODERATOR'))).toBe(true);
      expect(moderators.totalCount).toBe(2);
    });

    it('refuses a cursor it did not give, a page too large, and anyone but admins and the secretariat', async () => {
      expect(fields(await api.gql(USERS, { a: 'not-a-cursor' }, admin))).toEqual(['after']);
      expect(fields(await api.gql(USERS, { f: 100000 }, admin))).toEqual(['first']);
      for (const email of [people.observer.email, people.moderator.email, people.constituents.GOVERNMENT[0].email]) {
        expect(errorOf(await api.gql(USERS, {}, await api.login(email))).code).toBe('FORBIDDEN');
      }
      expect(errorOf(await api.gql(USERS, {})).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('updateUser', () => {
    it('changes the display name, organization and language, audits only what changed, and asking again changes nothing', async () => {
      const [orgA, orgB] = people.organizations.EMPLOYERS;
      const id = await newUser('editable@test.org', 'Editable Person', ['CONSTITUENT'], orgA);
      const updated = ok(await api.gql(UPDATE_USER, { u: id, i: { displayName: '  Edited Person ', organizationId: orgB, language: 'FR' } }, admin)).updateUser;
      expect(updated).toEqual({ id, displayName: 'Edited Person', language: 'FR', organization: { id: orgB }, email: 'editable@test.org' });
      ok(await api.gql(UPDATE_USER, { u: id, i: { displayName: 'Edited Person', organizationId: orgB } }, admin));
      const again = ok(await api.gql(UPDATE_USER, { u: id, i: { language: null } }, admin)).updateUser;
      expect(again.language).toBe('EN');
      const audit = (await auditOf(id)).filter((e: any) => e.action === 'user.updated');
      expect(audit).toEqual([
        {
          action: 'user.updated',
          actor_id: people.admin.id,
          data: { displayName: { from: 'Editable Person', to: 'Edited Person' }, organizationId: { from: orgA, to: orgB }, language: { from: null, to: 'FR' } },
        },
        { action: 'user.updated', actor_id: people.admin.id, data: { language: { from: 'FR', to: null } } },
      ]);
    });

    it('speaks for the new organization from the next request on', async () => {
      const [orgA, orgB] = people.organizations.WORKERS;
      const email = 'mover@test.org';
      const id = await newUser(email, 'Mover', ['CONSTITUENT'], orgA);
      const token = ok(await api.gql(LOGIN, { e: email, p: PASSWORD })).login.accessToken;
      expect(ok(await api.gql(`{ me { organization { id } } }`, {}, token)).me.organization.id).toBe(orgA);
      ok(await api.gql(UPDATE_USER, { u: id, i: { organizationId: orgB } }, admin));
      expect(ok(await api.gql(`{ me { organization { id } } }`, {}, token)).me.organization.id).toBe(orgB);
    });

    it('refuses to take a constituent out of every organization, an empty name, an unknown organization; NOT_FOUND for an unknown user', async () => {
      const constituent = people.constituents.GOVERNMENT[0].id;
      expect(fields(await api.gql(UPDATE_USER, { u: constituent, i: { organizationId: null } }, admin))).toEqual(['organizationId']);
      expect(fields(await api.gql(UPDATE_USER, { u: constituent, i: { displayName: '  ' } }, admin))).toEqual(['displayName']);
      expect(fields(await api.gql(UPDATE_USER, { u: constituent, i: { organizationId: '00000000-0000-4000-8000-000000000000' } }, admin))).toEqual([
        'organizationId',
      ]);
      expect(errorOf(await api.gql(UPDATE_USER, { u: '00000000-0000-4000-8000-000000000000', i: { displayName: 'X' } }, admin)).code).toBe('NOT_FOUND');
      expect(errorOf(await api.gql(UPDATE_USER, { u: constituent, i: { displayName: 'X' } }, secretariat)).code).toBe('FORBIDDEN');
    });

    it('has no way to change the email', async () => {
      expect(errorOf(await api.gql(UPDATE_USER, { u: people.observer.id, i: { email: 'other@test.org' } }, admin)).message).toMatch(/email/);
    });
  });

  describe('reactivateUser', () => {
    it('lets a deactivated user sign in again (audited once); their old sessions stay ended', async () => {
      const email = 'comeback@test.org';
      const id = await newUser(email, 'Comeback');
      const before = ok(await api.gql(LOGIN, { e: email, p: PASSWORD })).login.accessToken;
      ok(await api.gql(`mutation($u: ID!) { deactivateUser(userId: $u, reason: "Left") { id } }`, { u: id }, admin));
      expect(errorOf(await api.gql(LOGIN, { e: email, p: PASSWORD })).code).toBe('UNAUTHENTICATED');
      const back = ok(await api.gql(`mutation($u: ID!) { reactivateUser(userId: $u) { id active } }`, { u: id }, admin)).reactivateUser;
      expect(back).toEqual({ id, active: true });
      ok(await api.gql(`mutation($u: ID!) { reactivateUser(userId: $u) { id } }`, { u: id }, admin));
      expect((await auditOf(id)).filter((e: any) => e.action === 'user.reactivated')).toEqual([
        { action: 'user.reactivated', actor_id: people.admin.id, data: { reason: 'Left' } },
      ]);
      expect(errorOf(await api.gql(`{ me { id } }`, {}, before)).code).toBe('UNAUTHENTICATED');
      const after = ok(await api.gql(LOGIN, { e: email, p: PASSWORD })).login.accessToken;
      expect(ok(await api.gql(`{ me { id } }`, {}, after)).me.id).toBe(id);
    });

    it('is for administrators only', async () => {
      expect(errorOf(await api.gql(`mutation($u: ID!) { reactivateUser(userId: $u) { id } }`, { u: people.observer.id }, secretariat)).code).toBe('FORBIDDEN');
    });
  });

  describe('updateOrganization', () => {
    it('renames an organization and changes its country code, audited with what changed; its group stays', async () => {
      const org = ok(await api.gql(`mutation { createOrganization(name: "Old name union", group: WORKERS) { id } }`, {}, admin)).createOrganization;
      const updated = ok(await api.gql(UPDATE_ORG, { o: org.id, n: ' New name union ', c: 'ch' }, admin)).updateOrganization;
      expect(updated).toEqual({ id: org.id, name: 'New name union', group: 'WORKERS', countryCode: 'CH' });
      ok(await api.gql(UPDATE_ORG, { o: org.id, n: 'New name union' }, admin));
      const cleared = ok(await api.gql(UPDATE_ORG, { o: org.id, c: null }, admin)).updateOrganization;
      expect(cleared.countryCode).toBeNull();
      expect((await auditOf(org.id)).filter((e: any) => e.action === 'organization.updated').map((e: any) => e.data)).toEqual([
        { name: { from: 'Old name union', to: 'New name union' }, countryCode: { from: null, to: 'CH' } },
        { countryCode: { from: 'CH', to: null } },
      ]);
    });

    it('refuses a name taken, a government without a code or with another government’s, and anyone but admins', async () => {
      const [gov, otherGov] = people.organizations.GOVERNMENT;
      const [{ name: taken }] = await api.db.query<{ name: string }>(`SELECT name FROM organization WHERE id = $1`, [otherGov]);
      const [{ code }] = await api.db.query<{ code: string }>(`SELECT country_code AS code FROM organization WHERE id = $1`, [otherGov]);
      expect(fields(await api.gql(UPDATE_ORG, { o: gov, n: taken.toUpperCase() }, admin))).toEqual(['name']);
      expect(fields(await api.gql(UPDATE_ORG, { o: gov, c: null }, admin))).toEqual(['countryCode']);
      expect(fields(await api.gql(UPDATE_ORG, { o: gov, c: code }, admin))).toEqual(['countryCode']);
      expect(fields(await api.gql(UPDATE_ORG, { o: gov, n: '' }, admin))).toEqual(['name']);
      expect(errorOf(await api.gql(UPDATE_ORG, { o: '00000000-0000-4000-8000-000000000000', n: 'X' }, admin)).code).toBe('NOT_FOUND');
      expect(errorOf(await api.gql(UPDATE_ORG, { o: gov, n: 'X' }, secretariat)).code).toBe('FORBIDDEN');
    });
  });

  describe('webhookDeliveries', () => {
    const DELIVERIES = `query($w: ID!, $s: WebhookDeliveryStatus, $f: Int, $a: ID) {
      webhookDeliveries(webhookId: $w, status: $s, first: $f, after: $a) { id kind status attempts lastStatus deliveredAt nextAttemptAt }
    }`;

    it("lists a webhook's deliveries newest first, paged and by status, still after it is deleted; admins only", async () => {
      const hook = ok(
        await api.gql(
          `mutation { registerWebhook(url: "https://hooks.example.org/deliveries", events: ["gb.deadline", "gb.decided"], secret: "sixteen-chars-at-least") { id } }`,
          {},
          admin,
        ),
      ).registerWebhook;
      await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
      await emitAndFanOut(api.app, { kind: 'gb.decided', data: {} });
      await emitAndFanOut(api.app, { kind: 'gb.deadline', data: {} });
      const all = ok(await api.gql(DELIVERIES, { w: hook.id }, admin)).webhookDeliveries;
      expect(all.map((d: any) => [d.kind, d.status, d.attempts])).toEqual([
        ['gb.deadline', 'PENDING', 0],
        ['gb.decided', 'PENDING', 0],
        ['gb.deadline', 'PENDING', 0],
      ]);
      const first = ok(await api.gql(DELIVERIES, { w: hook.id, f: 2 }, admin)).webhookDeliveries;
      const rest = ok(await api.gql(DELIVERIES, { w: hook.id, f: 2, a: first[1].id }, admin)).webhookDeliveries;
      expect([...first, ...rest].map((d: any) => d.id)).toEqual(all.map((d: any) => d.id));
      expect(ok(await api.gql(DELIVERIES, { w: hook.id, s: 'DELIVERED' }, admin)).webhookDeliveries).toEqual([]);

      ok(await api.gql(`mutation($w: ID!) { deleteWebhook(webhookId: $w) }`, { w: hook.id }, admin));
      const after = ok(await api.gql(DELIVERIES, { w: hook.id }, admin)).webhookDeliveries;
      expect(after.map((d: any) => d.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);

      expect(fields(await api.gql(DELIVERIES, { w: hook.id, a: '00000000-0000-4000-8000-000000000000' }, admin))).toEqual(['after']);
      expect(errorOf(await api.gql(DELIVERIES, { w: '00000000-0000-4000-8000-000000000000' }, admin)).code).toBe('NOT_FOUND');
      expect(errorOf(await api.gql(DELIVERIES, { w: hook.id }, secretariat)).code).toBe('FORBIDDEN');
    });
  });
});
