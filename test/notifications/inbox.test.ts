import { RecipientResolvers } from '@tripartite/notifications';
import { errorOf, ok } from '@tripartite/testing';
import { ConsultationWorld, MARKDOWN, Q } from '../api/consultation-fixtures';
import { emitAndFanOut } from './notification-fixtures';

const PAGE = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    unreadCount
    edges { cursor node { id kind title body createdAt readAt instrument { id reference } } }
    pageInfo { hasNextPage endCursor }
  } }`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
const fieldsOf = (res: any) => (errorOf(res).extensions!.fields as { field: string }[]).map((f) => f.field);

describe('the notifications inbox and email preferences (API)', () => {
  let w: ConsultationWorld;
  let secretariat: string;
  let observer: string;

  beforeAll(async () => {
    w = await ConsultationWorld.start();
    secretariat = w.tokens.secretariat;
    observer = w.tokens.observer;
  });
  afterAll(() => w.stop());

  /** All pages of the caller's notifications. */
  async function all(token: string, first: number, unreadOnly = false): Promise<{ pages: any[]; nodes: any[] }> {
    const pages: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(await w.gql(PAGE, { first, after, unreadOnly }, token)).notifications;
      pages.push(page);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { pages, nodes: pages.flatMap((p) => p.edges.map((e: any) => e.node)) };
  }

  describe('notifications', () => {
    const ids: string[] = [];

    beforeAll(async () => {
      // Seven events for the secretariat (gb.deadline reaches it), emitted in order.
      for (let i = 0; i < 7; i++) {
        await emitAndFanOut(w.api.app, { kind: 'gb.deadline', data: { documentDeadline: new Date(Date.UTC(2030, 0, 1 + i)).toISOString() } });
      }
      const { nodes } = await all(secretariat, 50);
      ids.push(...nodes.map((n) => n.id));
    });

    it('pages the caller’s notifications newest first with opaque cursors, and counts the unread on every page', async () => {
      expect(ids).toHaveLength(7);
      const { pages, nodes } = await all(secretariat, 3);
      expect(pages.map((p) => p.edges.length)).toEqual([3, 3, 1]);
      expect(pages.map((p) => p.unreadCount)).toEqual([7, 7, 7]);
      expect(nodes.map((n) => n.id)).toEqual(ids);
      const created = nodes.map((n) => new Date(n.createdAt).getTime());
      expect(created).toEqual([...created].sort((a, b) => b - a));
      expect(nodes[0]).toMatchObject({ kind: 'gb.deadline', title: 'Governing Body papers due', readAt: null, instrument: null });
      // The newest event had the latest deadline.
      expect(nodes[0].body).toContain('Mon, 7 January 2030 at 00:00 UTC');
      expect(pages[0].edges[0].cursor).not.toContain(ids[0]);
    });

    it('marks only the caller’s own notifications read, returning how many changed', async () => {
      const mine = ids.slice(0, 2);
      // Another user's ids change nothing, for them or for the owner.
      expect(ok(await w.gql(MARK, { ids: mine }, observer)).markNotificationsRead).toBe(0);
      expect(ok(await w.gql(PAGE, {}, secretariat)).notifications.unreadCount).toBe(7);

      expect(ok(await w.gql(MARK, { ids: [...mine, mine[0]] }, secretariat)).markNotificationsRead).toBe(2);
      expect(ok(await w.gql(MARK, { ids: mine }, secretariat)).markNotificationsRead).toBe(0);
      const { nodes } = await all(secretariat, 50);
      expect(nodes.filter((n) => n.readAt).map((n) => n.id)).toEqual(mine);

      const unread = await all(secretariat, 2, true);
      expect(unread.nodes.map((n) => n.id)).toEqual(ids.slice(2));
      expect(unread.pages[0].unreadCount).toBe(5);
    });

    it('shows a user none of another user’s notifications', async () => {
      const page = ok(await w.gql(PAGE, {}, observer)).notifications;
      expect(page).toMatchObject({ edges: [], unreadCount: 0, pageInfo: { hasNextPage: false, endCursor: null } });
    });

    it('refuses a foreign cursor, a page size over the cap, and ids that are not ids, naming the argument', async () => {
      expect(fieldsOf(await w.gql(PAGE, { after: 'bm90LWEtY3Vyc29y' }, secretariat))).toEqual(['after']);
      expect(fieldsOf(await w.gql(PAGE, { first: 201 }, secretariat))).toEqual(['first']);
      expect(fieldsOf(await w.gql(MARK, { ids: [ids[0], 'x'] }, secretariat))).toEqual(['ids[1]']);
    });

    it('needs a signed-in caller', async () => {
      expect(errorOf(await w.gql(PAGE, {})).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await w.gql(MARK, { ids: [] })).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('Notification.instrument', () => {
    it('is the instrument when the caller may see it, and null while it is a draft the caller may not see', async () => {
      const created = ok(await w.gql(Q.create, { r: `NOTIF/${process.pid}/draft` }, secretariat)).createInstrument;
      const p = await w.published(MARKDOWN);
      // A resolver for this test reaching a constituent and the secretariat.
      const constituent = w.people.constituents.GOVERNMENT[0];
      w.api.app.get(RecipientResolvers).register('gb.decided', async () => [constituent.id, w.people.secretariat.id]);
      await emitAndFanOut(w.api.app, { kind: 'gb.decided', instrumentId: created.id, data: { decision: 'APPROVED' } });
      await emitAndFanOut(w.api.app, { kind: 'gb.decided', instrumentId: p.instrumentId, data: { decision: 'APPROVED' } });

      const token = w.tokens.constituents.GOVERNMENT[0];
      const theirs = ok(await w.gql(PAGE, {}, token)).notifications.edges.map((e: any) => e.node.instrument?.id ?? null);
      expect(theirs).toEqual([p.instrumentId, null]);
      const staff = ok(await w.gql(PAGE, { first: 2 }, secretariat)).notifications.edges.map((e: any) => e.node.instrument?.id);
      expect(staff).toEqual([p.instrumentId, created.id]);
    });
  });

  describe('email preferences', () => {
    const SET = `mutation($k: [String!]!) { setEmailPreferences(disabledKinds: $k) { id emailOptOut } }`;

    it('sets the caller’s own opt-outs in catalogue order, shown on User.emailOptOut, and audits the change', async () => {
      const token = w.tokens.constituents.WORKERS[1];
      const set = ok(await w.gql(SET, { k: ['consultation.reminder', 'comment.disposed', 'consultation.reminder'] }, token)).setEmailPreferences;
      expect(set).toEqual({ id: w.people.constituents.WORKERS[1].id, emailOptOut: ['consultation.reminder', 'comment.disposed'] });
      expect(ok(await w.gql(`{ me { emailOptOut } }`, {}, token)).me.emailOptOut).toEqual(['consultation.reminder', 'comment.disposed']);
      const [audit] = await w.api.db.query<any>(
        `SELECT actor_id, data FROM audit_event WHERE action = 'user.email-preferences-changed' AND entity_id = $1 ORDER BY sequence DESC LIMIT 1`,
        [set.id],
      );
      expect(audit).toEqual({ actor_id: set.id, data: { disabledKinds: ['consultation.reminder', 'comment.disposed'] } });
      expect(ok(await w.gql(SET, { k: [] }, token)).setEmailPreferences.emailOptOut).toEqual([]);
    });

    it('refuses unknown kinds, naming each, and changes nothing', async () => {
      const token = w.tokens.constituents.WORKERS[1];
      const res = await w.gql(SET, { k: ['stage.changed', '*', 'nonsense'] }, token);
      expect(errorOf(res).code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(['disabledKinds[1]', 'disabledKinds[2]']);
      expect(ok(await w.gql(`{ me { emailOptOut } }`, {}, token)).me.emailOptOut).toEqual([]);
    });

    it('needs a signed-in caller', async () => {
      expect(errorOf(await w.gql(SET, { k: [] })).code).toBe('UNAUTHENTICATED');
    });
  });
});
