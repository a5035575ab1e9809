import type { Actor } from '@tripartite/common';
import { AuditModule } from '@tripartite/audit';
import { ConsultationModule } from '@tripartite/consultation';
import { Transactions } from '@tripartite/database';
import { EventBus } from '@tripartite/events';
import {
  NotificationEventInput,
  NotificationFanout,
  NotificationInbox,
  NotificationsModule,
  NotificationsService,
  WebhooksService,
} from '@tripartite/notifications';
import { Medium, startMedium } from '../support';

// Notifications' services on the real database, without HTTP: the admin's and the user's writes (one event each,
// audited in the write's transaction), and the fan-out reading its recipients and context from their owners.
describe('notifications services (medium)', () => {
  let medium: Medium;
  let webhooks: WebhooksService;
  let inbox: NotificationInbox;
  let admin: Actor;
  let failNext = false;

  const user = async (email: string, roles: string[], organizationId: string | null = null, extra = ''): Promise<string> => {
    const [row] = await medium.db.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, roles, organization_id) VALUES ($1, $1, 'x', $2, $3) RETURNING id`,
      [email, roles, organizationId],
    );
    if (extra) await medium.db.query(`UPDATE app_user SET ${extra} WHERE id = $1`, [row.id]);
    return row.id;
  };
  const audits = (entityId: string) =>
    medium.db.query<{ action: string; entity_type: string; data: unknown }>(
      `SELECT action, entity_type, data FROM audit_event WHERE entity_id = $1 ORDER BY at`,
      [entityId],
    );
  const emit = (event: NotificationEventInput) => medium.get(Transactions).run(({ em }) => medium.get(NotificationsService).emit(em, event));
  const recipientsOf = async (eventId: string) =>
    (await medium.db.query<{ user_id: string }>(`SELECT user_id FROM notification WHERE event_id = $1 ORDER BY user_id`, [eventId])).map((r) => r.user_id);

  beforeAll(async () => {
    medium = await startMedium([AuditModule, NotificationsModule, ConsultationModule]);
    webhooks = medium.get(WebhooksService);
    inbox = medium.get(NotificationInbox);
    admin = { userId: await user('admin@test.org', ['ADMIN']), roles: ['ADMIN'], organizationId: null, group: null };
    // A subscriber of the test's own, failing inside the write's transaction when asked to.
    medium.get(EventBus).onWrite(['user.email-preferences-changed', 'webhook.registered'], 'react', 'test', () => {
      if (failNext) throw new Error('subscriber failed');
    });
  });

  afterAll(async () => {
    await medium?.close();
  });

  describe("an admin's webhooks", () => {
    it('registers a webhook and audits the one event in the same transaction', async () => {
      const webhook = await webhooks.register(admin, { url: 'https://hooks.example.test/a', events: ['stage.changed'], secret: 'a-secret-of-16-chars' });
      expect(webhook).toEqual({
        id: expect.any(String),
        url: 'https://hooks.example.test/a',
        events: ['stage.changed'],
        active: true,
        createdAt: expect.any(Date),
        deletedAt: null,
      });
      expect(await audits(webhook.id)).toEqual([
        { action: 'webhook.registered', entity_type: 'Webhook', data: { url: 'https://hooks.example.test/a', events: ['stage.changed'] } },
      ]);
      expect(await webhooks.list(admin)).toEqual([webhook]);
    });

    it('leaves nothing behind when refused, or when a subscriber fails inside the transaction', async () => {
      const count = () => medium.db.query(`SELECT (SELECT count(*)::int FROM webhook) AS webhooks, (SELECT count(*)::int FROM audit_event) AS audits`);
      const before = await count();
      const constituent: Actor = { userId: admin.userId, roles: ['CONSTITUENT'], organizationId: null, group: null };
      await expect(
        webhooks.register(constituent, { url: 'https://hooks.example.test/b', events: ['*'], secret: 'a-secret-of-16-chars' }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(webhooks.register(admin, { url: 'https://hooks.example.test/b', events: ['no.such.kind'], secret: 'short' })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      failNext = true;
      try {
        await expect(webhooks.register(admin, { url: 'https://hooks.example.test/b', events: ['*'], secret: 'a-secret-of-16-chars' })).rejects.toThrow(
          'subscriber failed',
        );
      } finally {
        failNext = false;
      }
      expect(await count()).toEqual(before);
    });

    it('audits a pause once (not a pause of a paused webhook), then the deletion with what it cancelled', async () => {
      const webhook = await webhooks.register(admin, { url: 'https://hooks.example.test/c', events: ['*'], secret: 'a-secret-of-16-chars' });
      expect(await webhooks.setActive(admin, webhook.id, false)).toMatchObject({ id: webhook.id, active: false });
      await webhooks.setActive(admin, webhook.id, false);
      expect(await webhooks.delete(admin, webhook.id)).toBe(true);
      expect((await audits(webhook.id)).map((a) => [a.action, a.data])).toEqual([
        ['webhook.registered', { url: 'https://hooks.example.test/c', events: ['*'] }],
        ['webhook.deactivated', {}],
        ['webhook.deleted', { url: 'https://hooks.example.test/c', cancelledDeliveries: 0 }],
      ]);
      expect((await webhooks.list(admin)).map((w) => w.id)).not.toContain(webhook.id);
    });
  });

  describe("a user's email preferences", () => {
    it("sets the user's own, audited in the same transaction; a failing subscriber leaves the user as they were", async () => {
      const id = await user('prefs@test.org', ['OBSERVER']);
      const actor: Actor = { userId: id, roles: ['OBSERVER'], organizationId: null, group: null };
      // Kept in the catalogue's order, whatever the order given.
      expect(await inbox.setEmailPreferences(actor, ['gb.deadline', 'stage.changed'])).toMatchObject({ id, emailOptOut: ['stage.changed', 'gb.deadline'] });
      expect(await audits(id)).toEqual([
        { action: 'user.email-preferences-changed', entity_type: 'User', data: { disabledKinds: ['stage.changed', 'gb.deadline'] } },
      ]);
      failNext = true;
      try {
        await expect(inbox.setEmailPreferences(actor, [])).rejects.toThrow('subscriber failed');
      } finally {
        failNext = false;
      }
      const [row] = await medium.db.query<{ email_opt_out: string[] }>(`SELECT email_opt_out FROM app_user WHERE id = $1`, [id]);
      expect(row.email_opt_out).toEqual(['stage.changed', 'gb.deadline']);
      expect(await audits(id)).toHaveLength(1);
    });
  });

  describe('the fan-out', () => {
    let secretariat: string;
    let optedOut: string;
    let invited: string;
    let roundId: string;
    let instrumentId: string;

    beforeAll(async () => {
      secretariat = await user('sec@test.org', ['SECRETARIAT']);
      optedOut = await user('sec-quiet@test.org', ['SECRETARIAT'], null, `email_opt_out = '{gb.deadline}'`);
      await user('sec-gone@test.org', ['SECRETARIAT'], null, `deactivated_at = now(), deactivation_reason = 'left'`);
      const orgs = await medium.db.query<{ id: string }>(
        `INSERT INTO organization (name, "group") VALUES ('Invited union', 'WORKERS'), ('Other union', 'WORKERS') RETURNING id`,
      );
      invited = await user('invited@test.org', ['CONSTITUENT'], orgs[0].id);
      await user('other@test.org', ['CONSTITUENT'], orgs[1].id);
      [{ id: instrumentId }] = await medium.db.query<{ id: string }>(`INSERT INTO instrument (reference, title) VALUES ('ILO/NOTE/1', 'Noted') RETURNING id`);
      const [version] = await medium.db.query<{ id: string }>(`INSERT INTO draft_version (instrument_id, number) VALUES ($1, 1) RETURNING id`, [instrumentId]);
      [{ id: roundId }] = await medium.db.query<{ id: string }>(
        `INSERT INTO consultation_round (instrument_id, number, version_id, closes_at, groups) VALUES ($1, 1, $2, now() + interval '7 days', '{WORKERS}') RETURNING id`,
        [instrumentId, version.id],
      );
      await medium.db.query(`INSERT INTO round_invitation (round_id, organization_id) VALUES ($1, $2)`, [roundId, orgs[0].id]);
    });

    it('tells the active users the kind names, emails those who want it, queues a delivery per webhook, and does it once', async () => {
      const hook = await webhooks.register(admin, { url: 'https://hooks.example.test/d', events: ['gb.deadline'], secret: 'a-secret-of-16-chars' });
      const eventId = await emit({ kind: 'gb.deadline', data: { documentDeadline: '2030-01-01T12:00:00.000Z' } });
      const fanout = medium.get(NotificationFanout);
      await expect(fanout.fanOut(eventId)).resolves.toEqual({ done: true, notified: 2, emails: 1, webhooks: 1 });
      expect(await recipientsOf(eventId)).toEqual([secretariat, optedOut].sort());
      const jobs = await medium.db.query<{ name: string; job_id: string }>(
        `SELECT name, job_id FROM outbox WHERE name IN ('email.send', 'webhook.deliver') AND (payload->>'eventId' = $1::text OR payload->>'deliveryId' IN (SELECT id::text FROM webhook_delivery WHERE event_id = $1::uuid)) ORDER BY name`,
        [eventId],
      );
      expect(jobs).toEqual([
        { name: 'email.send', job_id: `email-${eventId}-${secretariat}` },
        { name: 'webhook.deliver', job_id: expect.stringMatching(/^webhook-[0-9a-f-]{36}$/) },
      ]);
      expect(await medium.db.query(`SELECT webhook_id FROM webhook_delivery WHERE event_id = $1`, [eventId])).toEqual([{ webhook_id: hook.id }]);
      await expect(fanout.fanOut(eventId)).resolves.toMatchObject({ done: false });
    });

    it("reads a round's event through consultation: its instrument, its invited constituents, the round in the message", async () => {
      const eventId = await emit({ kind: 'consultation.opened', subjectId: roundId, data: { roundId } });
      const [event] = await medium.db.query<{ instrument_id: string }>(`SELECT instrument_id FROM notification_event WHERE id = $1`, [eventId]);
      expect(event.instrument_id).toBe(instrumentId);
      await expect(medium.get(NotificationFanout).fanOut(eventId)).resolves.toMatchObject({ done: true, notified: 1 });
      expect(await recipientsOf(eventId)).toEqual([invited]);

      const reader: Actor = { userId: invited, roles: ['CONSTITUENT'], organizationId: null, group: null };
      const page = await inbox.page(reader, { unreadOnly: true, first: 10 });
      expect(page).toMatchObject({ unreadCount: 1, hasNextPage: false });
      expect(page.edges[0].node).toEqual({
        id: expect.any(String),
        kind: 'consultation.opened',
        title: 'Consultation open: ILO/NOTE/1',
        body: expect.stringContaining('Comments are due by'),
        instrumentId,
        createdAt: expect.any(Date),
        readAt: null,
      });
      expect(await inbox.markRead(reader, [page.edges[0].node.id])).toBe(1);
      expect(await inbox.page(reader, { unreadOnly: true, first: 10 })).toMatchObject({ edges: [], unreadCount: 0 });
    });

    it('tells a stage move to the secretariat and to the constituents of every organization consulted on the instrument', async () => {
      const eventId = await emit({ kind: 'stage.changed', instrumentId, subjectId: instrumentId, data: { from: 'CONSULTATION', to: 'CONSOLIDATION' } });
      await medium.get(NotificationFanout).fanOut(eventId);
      expect(await recipientsOf(eventId)).toEqual([secretariat, optedOut, invited].sort());
    });
  });
});
