import { Transactions } from '@tripartite/database';
import { NotificationRecipients } from '@tripartite/auth';
import { ConsultationFactsSource, EventData, NotificationFanout, NotificationsService, RecipientResolvers } from '@tripartite/notifications';
import { ok } from '@tripartite/testing';
import { ConsultationWorld } from '../api/consultation-fixtures';
import { emit, emitAndFanOut, queuedJobs, recipientsOf, sorted } from './notification-fixtures';

describe('notification events and their fan-out (in-process)', () => {
  let w: ConsultationWorld;
  let secretariatIds: string[];

  beforeAll(async () => {
    w = await ConsultationWorld.start();
    secretariatIds = [w.people.secretariat.id];
  });
  afterAll(() => w.stop());

  const constituent = (group: 'GOVERNMENT' | 'EMPLOYERS' | 'WORKERS', n: 0 | 1) => w.people.constituents[group][n].id;

  /** A round inviting the two employers' organizations and the first workers' organization. */
  async function openRound() {
    const organizationIds = [...w.people.organizations.EMPLOYERS, w.people.organizations.WORKERS[0]];
    const { p, round } = await w.openRound({ groups: ['EMPLOYERS', 'WORKERS'], organizationIds });
    const invited = [constituent('EMPLOYERS', 0), constituent('EMPLOYERS', 1), constituent('WORKERS', 0)];
    return { p, round, invited };
  }

  describe('emit', () => {
    it('writes the event and its fan-out job in the caller transaction, and nothing when it rolls back', async () => {
      const notifications = w.api.app.get(NotificationsService);
      const eventId = await emit(w.api.app, { kind: 'gb.deadline', data: { documentDeadline: '2030-01-01T00:00:00.000Z' } });
      const [event] = await w.api.db.query<any>(`SELECT kind, data, fanned_out_at FROM notification_event WHERE id = $1`, [eventId]);
      expect(event).toEqual({ kind: 'gb.deadline', data: { documentDeadline: '2030-01-01T00:00:00.000Z' }, fanned_out_at: null });
      expect(await queuedJobs(w.api, 'notification.fanout', `fanout-${eventId}`)).toEqual([{ jobId: `fanout-${eventId}`, payload: { eventId } }]);

      let rolledBack = '';
      await expect(
        w.api.app.get(Transactions).run(async ({ em }) => {
          rolledBack = await notifications.emit(em, { kind: 'gb.deadline', data: {} });
          throw new Error('the write failed');
        }),
      ).rejects.toThrow('the write failed');
      expect(await w.api.db.query(`SELECT 1 FROM notification_event WHERE id = $1`, [rolledBack])).toEqual([]);
      expect(await queuedJobs(w.api, 'notification.fanout', `fanout-${rolledBack}`)).toEqual([]);
    });

    it('takes the instrument from the round when the caller names only the round', async () => {
      const { p, round } = await openRound();
      const eventId = await emit(w.api.app, { kind: 'consultation.opened', data: { roundId: round.id } });
      const [event] = await w.api.db.query<any>(`SELECT instrument_id FROM notification_event WHERE id = $1`, [eventId]);
      expect(event.instrument_id).toBe(p.instrumentId);
    });

    it('refuses an unknown kind and malformed ids (programming errors)', async () => {
      await expect(emit(w.api.app, { kind: 'comment.liked' as never, data: {} })).rejects.toThrow('unknown notification kind comment.liked');
      await expect(emit(w.api.app, { kind: 'gb.deadline', instrumentId: 'nope', data: {} })).rejects.toThrow('instrumentId must be a uuid');
    });
  });

  describe('recipients', () => {
    it('consultation.opened, .scheduled and .extended reach the constituents of the invited organizations only', async () => {
      const { round, invited } = await openRound();
      for (const kind of ['consultation.opened', 'consultation.scheduled', 'consultation.extended'] as const) {
        const eventId = await emitAndFanOut(w.api.app, { kind, data: { roundId: round.id } });
        expect(await recipientsOf(w.api, eventId)).toEqual(sorted(invited));
      }
    });

    it('reaches no deactivated user, whichever kind names them', async () => {
      const { round, invited } = await openRound();
      // A colleague in an invited organization, who then leaves it.
      const [{ id: gone }] = await w.api.db.query<{ id: string }>(
        `INSERT INTO app_user (email, display_name, password_hash, roles, organization_id) VALUES ('leaver@test.org', 'Leaver', 'x', ARRAY['CONSTITUENT'], $1) RETURNING id`,
        [w.people.organizations.EMPLOYERS[0]],
      );
      const before = await emitAndFanOut(w.api.app, { kind: 'consultation.opened', data: { roundId: round.id } });
      expect(await recipientsOf(w.api, before)).toEqual(sorted([...invited, gone]));
      ok(await w.gql(`mutation($u: ID!) { deactivateUser(userId: $u, reason: "Left the organization") { id } }`, { u: gone }, w.tokens.admin));
      const after = await emitAndFanOut(w.api.app, { kind: 'consultation.opened', data: { roundId: round.id } });
      expect(await recipientsOf(w.api, after)).toEqual(sorted(invited));
    });

    it('consultation.reminder reaches only organizations with no submitted comment, counted when it goes out', async () => {
      const { round } = await openRound();
      const [emp1] = w.tokens.constituents.EMPLOYERS;
      const wrk1 = w.tokens.constituents.WORKERS[0];
      await w.comment(emp1, { roundId: round.id });
      const withdrawn = await w.comment(wrk1, { roundId: round.id });
      await w.gql(`mutation($id: ID!) { withdrawComment(id: $id) { id } }`, { id: withdrawn.id }, wrk1).then(ok);

      const eventId = await emitAndFanOut(w.api.app, { kind: 'consultation.reminder', data: { roundId: round.id } });
      // employers org 1 commented; workers org 1 withdrew its only comment, so it is reminded.
      expect(await recipientsOf(w.api, eventId)).toEqual(sorted([constituent('EMPLOYERS', 1), constituent('WORKERS', 0)]));
    });

    it('consultation.closed reaches the invited constituents and the secretariat', async () => {
      const { round, invited } = await openRound();
      const eventId = await emitAndFanOut(w.api.app, { kind: 'consultation.closed', data: { roundId: round.id } });
      expect(await recipientsOf(w.api, eventId)).toEqual(sorted([...invited, ...secretariatIds]));
    });

    it("comment.disposed reaches the constituents of the comment's organization", async () => {
      const { round } = await openRound();
      const comment = await w.comment(w.tokens.constituents.EMPLOYERS[1], { roundId: round.id });
      const eventId = await emitAndFanOut(w.api.app, { kind: 'comment.disposed', subjectId: comment.id, data: { commentId: comment.id } });
      expect(await recipientsOf(w.api, eventId)).toEqual([constituent('EMPLOYERS', 1)]);
    });

    it("stage.changed reaches the secretariat and the constituents invited to any of the instrument's rounds", async () => {
      const { p, invited } = await openRound();
      const eventId = await emitAndFanOut(w.api.app, {
        kind: 'stage.changed',
        instrumentId: p.instrumentId,
        data: { from: 'CONSULTATION', to: 'CONSOLIDATION' },
      });
      expect(await recipientsOf(w.api, eventId)).toEqual(sorted([...invited, ...secretariatIds]));
    });

    it('gb.deadline reaches the secretariat', async () => {
      const eventId = await emitAndFanOut(w.api.app, { kind: 'gb.deadline', data: { documentDeadline: '2030-01-01T00:00:00.000Z' } });
      expect(await recipientsOf(w.api, eventId)).toEqual(secretariatIds);
    });

    it('an event naming no round, or a malformed one, reaches nobody rather than failing', async () => {
      for (const data of [{}, { roundId: 'not-a-uuid' }] as EventData[]) {
        const eventId = await emit(w.api.app, { kind: 'consultation.opened', data });
        await expect(w.api.app.get(NotificationFanout).fanOut(eventId)).resolves.toMatchObject({ done: true, notified: 0 });
      }
    });

    it('a kind with no resolver yet reaches no user and does not fail; a registered resolver takes over', async () => {
      const app = w.api.app;
      // The app's fan-out with a registry of only the built-in resolvers (other capabilities may have registered theirs).
      const resolvers = new RecipientResolvers(app.get(NotificationRecipients), app.get(ConsultationFactsSource));
      const original = app.get(NotificationFanout);
      const fanout: NotificationFanout = Object.assign(Object.create(NotificationFanout.prototype), original, { resolvers });
      expect(resolvers.has('gb.decided')).toBe(false);
      const first = await emit(app, { kind: 'gb.decided', data: { decision: 'APPROVED' } });
      await expect(fanout.fanOut(first)).resolves.toMatchObject({ done: true, notified: 0 });

      resolvers.register('gb.decided', async () => [w.people.observer.id, w.people.observer.id]);
      const second = await emit(app, { kind: 'gb.decided', data: { decision: 'APPROVED' } });
      await expect(fanout.fanOut(second)).resolves.toMatchObject({ done: true, notified: 1 });
      expect(await recipientsOf(w.api, second)).toEqual([w.people.observer.id]);
    });
  });

  describe('what the fan-out writes', () => {
    it('one in-app row per user with the title and body of the kind, then one email job per user', async () => {
      const { p, round, invited } = await openRound();
      const eventId = await emitAndFanOut(w.api.app, { kind: 'consultation.opened', data: { roundId: round.id } });
      const rows = await w.api.db.query<any>(`SELECT kind, title, body, instrument_id FROM notification WHERE event_id = $1`, [eventId]);
      expect(rows).toHaveLength(3);
      const [reference] = await w.api.db.query<any>(`SELECT reference FROM instrument WHERE id = $1`, [p.instrumentId]);
      for (const row of rows) {
        expect(row).toMatchObject({ kind: 'consultation.opened', title: `Consultation open: ${reference.reference}`, instrument_id: p.instrumentId });
        expect(row.body).toContain('Comments are due by');
        expect(row.body).toMatch(/UTC \(.*\(Europe\/Zurich\)\)/);
      }
      const emails = await queuedJobs(w.api, 'email.send', `email-${eventId}-%`);
      expect(emails).toEqual(sorted(invited).map((userId) => ({ jobId: `email-${eventId}-${userId}`, payload: { eventId, userId } })));
    });

    it('queues no email for a user who turned email off for the kind, who still gets the in-app row', async () => {
      const { round } = await openRound();
      const token = w.tokens.constituents.EMPLOYERS[0];
      const me = ok(await w.gql(`mutation { setEmailPreferences(disabledKinds: ["consultation.extended"]) { id emailOptOut } }`, {}, token));
      expect(me.setEmailPreferences.emailOptOut).toEqual(['consultation.extended']);
      const eventId = await emitAndFanOut(w.api.app, { kind: 'consultation.extended', data: { roundId: round.id } });
      expect(await recipientsOf(w.api, eventId)).toContain(constituent('EMPLOYERS', 0));
      const emailed = (await queuedJobs(w.api, 'email.send', `email-${eventId}-%`)).map((j) => j.payload.userId);
      expect(emailed).toEqual(sorted([constituent('EMPLOYERS', 1), constituent('WORKERS', 0)]));
      ok(await w.gql(`mutation { setEmailPreferences(disabledKinds: []) { id } }`, {}, token));
    });

    it('one delivery per active webhook whose events match (the kind or "*"), with its body frozen', async () => {
      const register = async (events: string[]) =>
        ok(
          await w.gql(
            `mutation($u: String!, $e: [String!]!, $s: String!) { registerWebhook(url: $u, events: $e, secret: $s) { id } }`,
            { u: 'http://127.0.0.1:9/hook', e: events, s: 'a-secret-of-sixteen+' },
            w.tokens.admin,
          ),
        ).registerWebhook.id as string;
      const all = await register(['*']);
      const closed = await register(['consultation.closed', 'stage.changed']);
      const other = await register(['gb.decided']);
      const inactive = await register(['consultation.closed']);
      await w.api.db.query(`UPDATE webhook SET active = false WHERE id = $1`, [inactive]);

      const { p, round } = await openRound();
      const eventId = await emitAndFanOut(w.api.app, { kind: 'consultation.closed', data: { roundId: round.id } });
      const deliveries = await w.api.db.query<any>(`SELECT id, webhook_id, payload, status, attempts FROM webhook_delivery WHERE event_id = $1`, [eventId]);
      expect(sorted(deliveries.map((d) => d.webhook_id))).toEqual(sorted([all, closed]));
      expect(deliveries.map((d) => d.webhook_id)).not.toContain(other);
      const [event] = await w.api.db.query<any>(`SELECT occurred_at FROM notification_event WHERE id = $1`, [eventId]);
      for (const d of deliveries) {
        expect(d).toMatchObject({ status: 'PENDING', attempts: 0 });
        expect(JSON.parse(d.payload)).toEqual({
          id: d.id,
          kind: 'consultation.closed',
          occurredAt: event.occurred_at.toISOString(),
          instrumentId: p.instrumentId,
          data: { roundId: round.id },
        });
      }
      const jobs = await queuedJobs(w.api, 'webhook.deliver', 'webhook-%');
      for (const d of deliveries) expect(jobs).toContainEqual({ jobId: `webhook-${d.id}`, payload: { deliveryId: d.id } });
      await w.api.db.query(`UPDATE webhook SET active = false`);
    });

    it('a second run of the same fan-out adds nothing: no rows, no email, no delivery', async () => {
      const { round } = await openRound();
      await w.api.db.query(`UPDATE webhook SET active = true WHERE 'consultation.reminder' = ANY(events) OR '*' = ANY(events)`);
      const eventId = await emitAndFanOut(w.api.app, { kind: 'consultation.reminder', data: { roundId: round.id } });
      const count = async () => {
        const [row] = await w.api.db.query<any>(
          `SELECT (SELECT count(*)::int FROM notification WHERE event_id = $1) AS notifications,
                  (SELECT count(*)::int FROM webhook_delivery WHERE event_id = $1) AS deliveries,
                  (SELECT count(*)::int FROM outbox) AS jobs`,
          [eventId],
        );
        return row;
      };
      const before = await count();
      expect(before.notifications).toBeGreaterThan(0);
      expect(before.deliveries).toBeGreaterThan(0);

      const fanout = w.api.app.get(NotificationFanout);
      await expect(fanout.fanOut(eventId)).resolves.toEqual({ done: false, notified: 0, emails: 0, webhooks: 0 });
      // Even with the stamp gone (a crash between writes is impossible, but belt and braces) the unique keys hold.
      await w.api.db.query(`UPDATE notification_event SET fanned_out_at = NULL WHERE id = $1`, [eventId]);
      await expect(fanout.fanOut(eventId)).resolves.toEqual({ done: true, notified: 0, emails: 0, webhooks: 0 });
      expect(await count()).toEqual(before);
      await w.api.db.query(`UPDATE webhook SET active = false`);
    });

    it('an unknown event id is logged and ignored', async () => {
      await expect(w.api.app.get(NotificationFanout).fanOut('00000000-0000-4000-8000-000000000000')).resolves.toMatchObject({ done: false });
    });
  });
});
