import type { Actor } from '@tripartite/common';
import { AuditModule } from '@tripartite/audit';
import {
  AdminService,
  AuthModule,
  AuthService,
  NotificationRecipients,
  SessionChange,
  SessionPrincipals,
  SessionsService,
  TokensService,
} from '@tripartite/auth';
import { DataSource } from 'typeorm';
import { OutboxModule } from '@tripartite/outbox';
import { Medium, startMedium } from '../support';

interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string;
  actor_id: string | null;
  data: Record<string, unknown>;
}

// Identity's services on the real database and Redis, without HTTP: each audited write is one event, its audit row
// written in the write's transaction; refused writes leave nothing; sessions end where the database says so.
describe('identity services (medium)', () => {
  let medium: Medium;
  let admin: AdminService;
  let root: Actor;
  const changes: { change: SessionChange; endedWhenAnnounced: boolean | null }[] = [];
  const password = 'a long enough password';

  const auditOf = (entityId: string) =>
    medium.db.query<AuditRow>(`SELECT action, entity_type, entity_id, actor_id, data FROM audit_event WHERE entity_id = $1 ORDER BY at, id`, [entityId]);

  beforeAll(async () => {
    medium = await startMedium([OutboxModule, AuditModule, AuthModule]);
    admin = medium.get(AdminService);
    const first = await admin.createUser(null, { email: 'root@test.org', displayName: 'Root', password, roles: ['ADMIN'] });
    root = { userId: first.id, roles: ['ADMIN'], organizationId: null, group: null };
    // What this instance announces (to itself and, through Redis, to the others), and whether the change it
    // announces could be seen from another connection then, i.e. had committed.
    const principals = medium.get(SessionPrincipals);
    const changed = principals.changed.bind(principals);
    jest.spyOn(principals, 'changed').mockImplementation(async (change) => {
      const [row] =
        'userId' in change
          ? await medium.db.query<{ ended: boolean }>(`SELECT deactivated_at IS NOT NULL AS ended FROM app_user WHERE id = $1`, [change.userId])
          : 'sessionId' in change
            ? await medium.db.query<{ ended: boolean }>(`SELECT revoked_at IS NOT NULL AS ended FROM auth_session WHERE id = $1`, [change.sessionId])
            : [];
      changes.push({ change, endedWhenAnnounced: row?.ended ?? null });
      return changed(change);
    });
  });

  afterAll(async () => {
    await medium?.close();
  });

  it('creates an organization and a constituent of it, each audited once with the data the audit always had', async () => {
    const org = await admin.createOrganization(root, { name: 'Government of Chile', group: 'GOVERNMENT', countryCode: 'cl' });
    expect(org).toMatchObject({ name: 'Government of Chile', group: 'GOVERNMENT', countryCode: 'CL', createdAt: expect.any(Date) });
    expect(await auditOf(org.id)).toEqual([
      {
        action: 'organization.created',
        entity_type: 'Organization',
        entity_id: org.id,
        actor_id: root.userId,
        data: { name: 'Government of Chile', group: 'GOVERNMENT', countryCode: 'CL' },
      },
    ]);

    const user = await admin.createUser(root, { email: 'ana@gob.cl', displayName: 'Ana', password, roles: ['CONSTITUENT'], organizationId: org.id });
    // Every read but the sign-in's leaves the password hash out.
    expect(user).not.toHaveProperty('passwordHash');
    expect(user).toMatchObject({ email: 'ana@gob.cl', roles: ['CONSTITUENT'], organizationId: org.id, deactivatedAt: null, emailOptOut: [] });
    expect(await admin.getUser(user.id)).toEqual(user);
    expect(await auditOf(user.id)).toEqual([
      {
        action: 'user.created',
        entity_type: 'User',
        entity_id: user.id,
        actor_id: root.userId,
        data: { email: 'ana@gob.cl', displayName: 'Ana', roles: ['CONSTITUENT'], organizationId: org.id },
      },
    ]);
  });

  it('refuses a second government for a country and a taken email whatever their case, writing nothing', async () => {
    const before = await medium.db.query(`SELECT (SELECT count(*)::int FROM audit_event) AS events, (SELECT count(*)::int FROM organization) AS orgs`);
    await expect(admin.createOrganization(root, { name: 'government of chile', group: 'GOVERNMENT', countryCode: 'CL' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: {
        fields: expect.arrayContaining([
          { field: 'name', message: 'is already taken' },
          { field: 'countryCode', message: 'already has a government' },
        ]),
      },
    });
    await expect(admin.createUser(root, { email: 'ANA@gob.cl', displayName: 'Ana again', password, roles: ['OBSERVER'] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await medium.db.query(`SELECT (SELECT count(*)::int FROM audit_event) AS events, (SELECT count(*)::int FROM organization) AS orgs`)).toEqual(before);
  });

  it('never leaves no active admin: the refused change rolls back, unaudited and unannounced', async () => {
    changes.length = 0;
    await expect(admin.setUserRoles(root, root.userId, ['SECRETARIAT'])).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { fields: [{ field: 'roles', message: 'would leave no active administrator' }] },
    });
    expect((await admin.getUser(root.userId)).roles).toEqual(['ADMIN']);
    expect((await auditOf(root.userId)).map((e) => e.action)).toEqual(['user.created']);
    expect(changes).toEqual([]);
  });

  it('signs in whatever the case of the email, and a deactivation ends the sessions, audited and announced once committed', async () => {
    const auth = medium.get(AuthService);
    const user = await admin.createUser(root, { email: 'Sec@Test.org', displayName: 'Sec', password, roles: ['SECRETARIAT'] });
    const login = await auth.login('sec@test.ORG', password, '10.0.0.1');
    expect(login.user).toMatchObject({ id: user.id, email: 'Sec@Test.org' });
    expect(login.user).not.toHaveProperty('passwordHash');
    const { sessionId } = medium.get(TokensService).verify(login.accessToken);
    const principals = medium.get(SessionPrincipals);
    expect(await principals.load(sessionId)).toMatchObject({ userId: user.id, roles: ['SECRETARIAT'], ended: null });

    changes.length = 0;
    const deactivated = await admin.deactivateUser(root, user.id, 'Left the Office');
    expect(deactivated.deactivatedAt).toEqual(expect.any(Date));
    expect(changes).toEqual([{ change: { userId: user.id }, endedWhenAnnounced: true }]);
    expect(await principals.load(sessionId)).toMatchObject({ ended: 'deactivated' });
    const audit = await auditOf(user.id);
    expect(audit.map((e) => [e.action, e.data])).toEqual([
      ['user.created', expect.any(Object)],
      ['user.deactivated', { reason: 'Left the Office', sessionsEnded: 1 }],
    ]);
    // Asking again changes nothing, and announces nothing.
    changes.length = 0;
    await admin.deactivateUser(root, user.id, 'Again');
    expect(changes).toEqual([]);
    expect(await auditOf(user.id)).toHaveLength(2);
    await expect(auth.login('sec@test.org', password, '10.0.0.1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('ends the session when a refresh token is used again after its successor was, auditing it as the system', async () => {
    const sessions = medium.get(SessionsService);
    const user = await admin.createUser(root, { email: 'obs@test.org', displayName: 'Obs', password, roles: ['OBSERVER'] });
    const started = await sessions.start(user.id);
    const second = await sessions.refresh(started.refreshToken);
    const third = await sessions.refresh(second.refreshToken!);
    expect(third.refreshToken).toEqual(expect.any(String));

    changes.length = 0;
    await expect(sessions.refresh(started.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Session ended' });
    expect(changes).toEqual([{ change: { sessionId: started.sessionId }, endedWhenAnnounced: true }]);
    const [session] = await medium.db.query(`SELECT revoked_reason FROM auth_session WHERE id = $1`, [started.sessionId]);
    expect(session).toEqual({ revoked_reason: 'refresh-reuse' });
    expect((await auditOf(user.id)).slice(1)).toEqual([
      { action: 'session.refreshTokenReused', entity_type: 'User', entity_id: user.id, actor_id: null, data: { sessionId: started.sessionId } },
    ]);
    // Whoever holds the newest token is refused too.
    await expect(sessions.refresh(third.refreshToken!)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("decides each user's language in one place: their choice, else their organization's default, else EN; each change audited and announced once committed", async () => {
    const org = await admin.createOrganization(root, { name: 'Confédération syndicale', group: 'WORKERS' });
    const chose = await admin.createUser(root, {
      email: 'amelie@cs.test',
      displayName: 'Amélie',
      password,
      roles: ['CONSTITUENT'],
      organizationId: org.id,
      language: 'FR',
    });
    const follows = await admin.createUser(root, { email: 'lucia@cs.test', displayName: 'Lucía', password, roles: ['CONSTITUENT'], organizationId: org.id });
    const recipients = medium.get(NotificationRecipients);
    const em = medium.get(DataSource).manager;
    const languages = async () => (await recipients.active(em, [chose.id, follows.id, root.userId])).map((r) => [r.id, r.language]);
    expect(await languages()).toEqual(
      expect.arrayContaining([
        [chose.id, 'FR'],
        [follows.id, 'EN'],
        [root.userId, 'EN'],
      ]),
    );

    changes.length = 0;
    await admin.setOrganizationDefaultLanguage(root, org.id, 'ES');
    expect(await languages()).toEqual(
      expect.arrayContaining([
        [chose.id, 'FR'],
        [follows.id, 'ES'],
        [root.userId, 'EN'],
      ]),
    );
    expect((await recipients.mailbox(em, follows.id))?.language).toBe('ES');
    expect(changes).toEqual([{ change: { all: true }, endedWhenAnnounced: null }]);

    const lucia: Actor = { userId: follows.id, roles: ['CONSTITUENT'], organizationId: org.id, group: 'WORKERS' };
    expect((await admin.setMyLanguage(lucia, 'EN')).language).toBe('EN');
    expect((await recipients.mailbox(em, follows.id))?.language).toBe('EN');
    expect(changes.at(-1)).toEqual({ change: { userId: follows.id }, endedWhenAnnounced: false });
    // The same again: nothing written, audited or announced.
    const announced = changes.length;
    await admin.setMyLanguage(lucia, 'EN');
    await admin.setOrganizationDefaultLanguage(root, org.id, 'ES');
    expect(changes.length).toBe(announced);
    expect((await auditOf(follows.id)).map((e) => [e.action, e.data])).toEqual([
      ['user.created', { email: 'lucia@cs.test', displayName: 'Lucía', roles: ['CONSTITUENT'], organizationId: org.id }],
      ['user.languageChanged', { from: null, to: 'EN' }],
    ]);
    expect((await auditOf(org.id)).map((e) => e.action)).toEqual(['organization.created', 'organization.defaultLanguageChanged']);
    await expect(admin.setMyLanguage(lucia, 'DE' as never)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(admin.setOrganizationDefaultLanguage(root, org.id, 'de' as never)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
