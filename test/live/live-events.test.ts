import { Transactions } from '@tripartite/database';
import { LivePublisher } from '@tripartite/live';
import { NotificationFanout, NotificationsService } from '@tripartite/notifications';
import { ok } from '@tripartite/testing';
import { ConsultationWorld, Q } from '../api/consultation-fixtures';
import { Feed, liveClient, until, warmUp } from './live-client';

const STAGE_CHANGED = `subscription($i: ID!) { stageChanged(instrumentId: $i) { from to at reason actor { id } } }`;
const COMMENT_SUBMITTED = `subscription($r: ID!) { commentSubmitted(roundId: $r) { id body group organization { id } author { id } round { id status } } }`;
const NOTIFICATION_ADDED = `subscription { notificationAdded { id kind title body createdAt readAt instrument { id } } }`;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('live events through graphql-ws', () => {
  let w: ConsultationWorld;
  let live: LivePublisher;
  const clients: { dispose(): unknown }[] = [];

  beforeAll(async () => {
    w = await ConsultationWorld.start();
    live = w.api.app.get(LivePublisher);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(() => w.stop());

  function feed(token: string, query: string, variables: Record<string, unknown>, field: string): Feed {
    const client = liveClient(w.api.url, token);
    clients.push(client);
    return new Feed(client, query, variables, field);
  }

  async function transitionIds(instrumentId: string): Promise<string[]> {
    const rows = await w.api.db.query<{ id: string }>(`SELECT id FROM stage_transition WHERE instrument_id = $1 ORDER BY at`, [instrumentId]);
    return rows.map((r) => r.id);
  }

  describe('stageChanged', () => {
    it('delivers each move, after it committed, to everyone who may read the instrument', async () => {
      const { p } = await w.openRound();
      const [opened] = await transitionIds(p.instrumentId);
      const other = await w.published();
      const feeds = [w.tokens.observer, w.tokens.constituents.WORKERS[1], w.tokens.secretariat].map((t) =>
        feed(t, STAGE_CHANGED, { i: p.instrumentId }, 'stageChanged'),
      );
      const elsewhere = feed(w.tokens.observer, STAGE_CHANGED, { i: other.instrumentId }, 'stageChanged');
      // The opening move, published again: each subscriber is listening once it has it.
      await warmUp(
        feeds,
        () => live.publish('stageChanged', p.instrumentId, { instrumentId: p.instrumentId, transitionId: opened }),
        (d) => d.to === 'CONSULTATION',
      );

      await w.advance(p.instrumentId, 'CONSOLIDATION', 'Closed early for the live board');
      await until('every subscriber to see the move', () => feeds.every((f) => f.data().some((d) => d.to === 'CONSOLIDATION')));
      const history = ok(await w.gql(Q.instrument, { i: p.instrumentId }, w.tokens.secretariat)).instrument.stageHistory;
      const [{ at }] = await w.api.db.query<{ at: Date }>(`SELECT at FROM stage_transition WHERE instrument_id = $1 AND to_stage = 'CONSOLIDATION'`, [
        p.instrumentId,
      ]);
      for (const f of feeds) {
        expect(f.data().filter((d) => d.to === 'CONSOLIDATION')).toEqual([
          {
            from: 'CONSULTATION',
            to: 'CONSOLIDATION',
            at: at.toISOString(),
            reason: 'Closed early for the live board',
            actor: { id: w.people.secretariat.id },
          },
        ]);
        expect(f.errors).toEqual([]);
      }
      expect(history.at(-1)).toMatchObject({ from: 'CONSULTATION', to: 'CONSOLIDATION' });
      expect(elsewhere.data()).toEqual([]);
    });

    it('sends nothing for a move that was refused (nothing committed)', async () => {
      const { p } = await w.openRound();
      const [opened] = await transitionIds(p.instrumentId);
      const f = feed(w.tokens.observer, STAGE_CHANGED, { i: p.instrumentId }, 'stageChanged');
      await warmUp(
        [f],
        () => live.publish('stageChanged', p.instrumentId, { instrumentId: p.instrumentId, transitionId: opened }),
        (d) => d.to === 'CONSULTATION',
      );
      const refused = await w.gql(Q.advance, { i: p.instrumentId, to: 'EXPERTS_MEETING' }, w.tokens.secretariat);
      expect(refused.errors?.[0].extensions?.code).toBe('TRANSITION_BLOCKED');
      await w.advance(p.instrumentId, 'WITHDRAWN', 'Superseded');
      await until('the withdrawal', () => f.data().some((d) => d.to === 'WITHDRAWN'));
      expect(
        f
          .data()
          .map((d) => d.to)
          .filter((to) => to !== 'CONSULTATION'),
      ).toEqual(['WITHDRAWN']);
    });

    it('refuses with NOT_FOUND an instrument the caller may not read, or that does not exist', async () => {
      const draft = (await w.staff(Q.create, { r: `LIVE/${process.pid}/draft` })).createInstrument;
      for (const [token, id] of [
        [w.tokens.constituents.GOVERNMENT[0], draft.id],
        [w.tokens.observer, draft.id],
        [w.tokens.secretariat, UNKNOWN],
        [w.tokens.secretariat, 'not-an-id'],
      ]) {
        const f = feed(token, STAGE_CHANGED, { i: id }, 'stageChanged');
        await until('the refusal', () => f.errors.length > 0 || f.completed);
        expect(f.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      }
      // The secretariat reads drafts, so may follow one.
      const { p } = await w.openRound();
      const [opened] = await transitionIds(p.instrumentId);
      const staff = feed(w.tokens.secretariat, STAGE_CHANGED, { i: draft.id }, 'stageChanged');
      await warmUp(
        [staff],
        () => live.publish('stageChanged', draft.id, { instrumentId: draft.id, transitionId: opened }),
        (d) => d.to === 'CONSULTATION',
      );
      await w.advance(draft.id, 'WITHDRAWN', 'Never published');
      await until('the withdrawal', () => staff.data().some((d) => d.to === 'WITHDRAWN'));
    });
  });

  describe('commentSubmitted', () => {
    it('under AFTER_CLOSE, gives a constituent only its own organization’s comments and the secretariat all of them', async () => {
      const org = w.people.organizations;
      const t = w.tokens.constituents;
      const { round } = await w.openRound({
        visibility: 'AFTER_CLOSE',
        organizationIds: [org.GOVERNMENT[0], org.EMPLOYERS[0], org.WORKERS[0], org.WORKERS[1]],
      });
      const warm = {
        gov: await w.comment(t.GOVERNMENT[0], { roundId: round.id, body: 'warm-up gov' }),
        wrk: await w.comment(t.WORKERS[0], { roundId: round.id, body: 'warm-up wrk' }),
      };
      const gov = feed(t.GOVERNMENT[0], COMMENT_SUBMITTED, { r: round.id }, 'commentSubmitted');
      const wrk = feed(t.WORKERS[0], COMMENT_SUBMITTED, { r: round.id }, 'commentSubmitted');
      const staff = feed(w.tokens.secretariat, COMMENT_SUBMITTED, { r: round.id }, 'commentSubmitted');
      const isWarmUp = (d: any) => d.body.startsWith('warm-up');
      await warmUp(
        [gov, wrk, staff],
        () => Promise.all(Object.values(warm).map((c) => live.publish('commentSubmitted', round.id, { roundId: round.id, commentId: c.id }))),
        isWarmUp,
      );

      const submitted = [];
      for (const [token, body] of [
        [t.GOVERNMENT[0], 'gov first'],
        [t.EMPLOYERS[0], 'emp'],
        [t.WORKERS[0], 'wrk first'],
        [t.WORKERS[1], 'wrk2'],
        // Delivered last: once a constituent has its own, it has been through every event before it.
        [t.GOVERNMENT[0], 'gov last'],
        [t.WORKERS[0], 'wrk last'],
      ]) {
        submitted.push(await w.comment(token, { roundId: round.id, body }));
      }
      await until(
        'the last comments',
        () =>
          staff.data().filter((d) => !isWarmUp(d)).length === 6 &&
          gov.data().some((d) => d.body === 'gov last') &&
          wrk.data().some((d) => d.body === 'wrk last'),
      );

      const real = (f: Feed) => f.data().filter((d) => !isWarmUp(d));
      expect(real(gov).map((d) => [d.body, d.organization.id])).toEqual([
        ['gov first', org.GOVERNMENT[0]],
        ['gov last', org.GOVERNMENT[0]],
      ]);
      expect(real(wrk).map((d) => [d.body, d.organization.id])).toEqual([
        ['wrk first', org.WORKERS[0]],
        ['wrk last', org.WORKERS[0]],
      ]);
      expect(real(staff).map((d) => d.id)).toEqual(submitted.map((c) => c.id));
      expect(real(staff)[1]).toEqual({
        id: submitted[1].id,
        body: 'emp',
        group: 'EMPLOYERS',
        organization: { id: org.EMPLOYERS[0] },
        author: { id: w.people.constituents.EMPLOYERS[0].id },
        round: { id: round.id, status: 'OPEN' },
      });
      for (const f of [gov, wrk, staff]) expect(f.errors).toEqual([]);
    });

    it('under IMMEDIATE, gives an invited organization every comment at once', async () => {
      const t = w.tokens.constituents;
      const { round } = await w.openRound({ visibility: 'IMMEDIATE' });
      const warm = await w.comment(t.EMPLOYERS[1], { roundId: round.id, body: 'warm-up' });
      const f = feed(t.EMPLOYERS[1], COMMENT_SUBMITTED, { r: round.id }, 'commentSubmitted');
      await warmUp(
        [f],
        () => live.publish('commentSubmitted', round.id, { roundId: round.id, commentId: warm.id }),
        (d) => d.body === 'warm-up',
      );
      await w.comment(t.GOVERNMENT[1], { roundId: round.id, body: 'from a government' });
      await until('the other organization’s comment', () => f.data().some((d) => d.body === 'from a government'));
    });

    it('refuses with NOT_FOUND a round that does not exist', async () => {
      const f = feed(w.tokens.secretariat, COMMENT_SUBMITTED, { r: UNKNOWN }, 'commentSubmitted');
      await until('the refusal', () => f.errors.length > 0);
      expect(f.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    });
  });

  describe('notificationAdded', () => {
    /** An event as a capability records it, fanned out as the worker would (the worker is another process). */
    async function notify(kind: 'consultation.opened' | 'consultation.closed', roundId: string): Promise<string> {
      const app = w.api.app;
      const eventId = await app.get(Transactions).run(({ em }) => app.get(NotificationsService).emit(em, { kind, subjectId: roundId, data: { roundId } }));
      await app.get(NotificationFanout).fanOut(eventId);
      return eventId;
    }

    /** A notification of the user's own, replayed on their channel: the warm-up and the end-of-test marker. */
    async function ownNotification(userId: string): Promise<string> {
      const [event] = await w.api.db.query<{ id: string }>(`INSERT INTO notification_event (kind) VALUES ('gb.deadline') RETURNING id`);
      const [row] = await w.api.db.query<{ id: string }>(
        `INSERT INTO notification (event_id, user_id, kind, title, body) VALUES ($1, $2, 'gb.deadline', 'warm-up', 'marker') RETURNING id`,
        [event.id, userId],
      );
      return row.id;
    }

    it('goes to its recipient only, with the row the inbox shows', async () => {
      const org = w.people.organizations;
      const { p, round } = await w.openRound({ organizationIds: [org.GOVERNMENT[0]] });
      const users = { invited: w.people.constituents.GOVERNMENT[0], other: w.people.constituents.GOVERNMENT[1], staff: w.people.secretariat };
      const tokens = { invited: w.tokens.constituents.GOVERNMENT[0], other: w.tokens.constituents.GOVERNMENT[1], staff: w.tokens.secretariat };
      const feeds = {
        invited: feed(tokens.invited, NOTIFICATION_ADDED, {}, 'notificationAdded'),
        other: feed(tokens.other, NOTIFICATION_ADDED, {}, 'notificationAdded'),
        staff: feed(tokens.staff, NOTIFICATION_ADDED, {}, 'notificationAdded'),
      };
      const markers = {
        invited: await ownNotification(users.invited.id),
        other: await ownNotification(users.other.id),
        staff: await ownNotification(users.staff.id),
      };
      const replay = (who: keyof typeof users) => live.publish('notificationAdded', users[who].id, { userId: users[who].id, notificationId: markers[who] });
      const isMarker = (d: any) => d.title === 'warm-up';
      await warmUp(Object.values(feeds), () => Promise.all((['invited', 'other', 'staff'] as const).map(replay)), isMarker);
      const warmed = Object.fromEntries(Object.entries(feeds).map(([k, f]) => [k, f.events.length]));

      // Opened: the invited organization's constituents. Closed: them and the secretariat.
      await notify('consultation.opened', round.id);
      await notify('consultation.closed', round.id);
      // Forged: another user's notification on this user's channel is still not theirs to see.
      const [theirs] = await w.api.db.query<{ id: string }>(`SELECT id FROM notification WHERE user_id = $1 AND kind = 'consultation.opened'`, [
        users.invited.id,
      ]);
      await live.publish('notificationAdded', users.other.id, { userId: users.other.id, notificationId: theirs.id });
      // Each marker follows every event before it on its channel.
      await Promise.all((['invited', 'other', 'staff'] as const).map(replay));
      await until('the markers', () => Object.entries(feeds).every(([k, f]) => f.events.slice(warmed[k]).some((e) => isMarker(e.data))));

      const after = (k: keyof typeof feeds) =>
        feeds[k].events
          .slice(warmed[k])
          .map((e) => e.data)
          .filter((d) => !isMarker(d));
      const inbox = ok(
        await w.gql(`query { notifications(first: 10) { edges { node { id kind title body createdAt readAt instrument { id } } } } }`, {}, tokens.invited),
      ).notifications.edges.map((e: any) => e.node);
      expect(after('invited')).toEqual(inbox.filter((n: any) => n.kind.startsWith('consultation.')).reverse());
      expect(after('invited').map((n) => [n.kind, n.instrument?.id])).toEqual([
        ['consultation.opened', p.instrumentId],
        ['consultation.closed', p.instrumentId],
      ]);
      expect(after('other')).toEqual([]);
      expect(after('staff').map((n) => n.kind)).toEqual(['consultation.closed']);
      for (const f of Object.values(feeds)) expect(f.errors).toEqual([]);
    });
  });
});
