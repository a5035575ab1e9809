// What test/api/consultation-visibility.test.ts (every query, filter, count and matrix) and
// test/live/live-events.test.ts (AFTER_CLOSE and IMMEDIATE subscriptions) leave to check: the other
// paths a comment count could take, and SECRETARIAT_ONLY over the WebSocket after the close.
import { LivePublisher } from '@tripartite/live';
import { ok } from '@tripartite/testing';
import { ConsultationWorld, GROUPS, Q } from '../api/consultation-fixtures';
import { Feed, liveClient, until } from '../live/live-client';

const NEXT_STAGES = `query($i: ID!) { instrument(id: $i) { nextStages { stage allowed blockers { code message } } } }`;
const COMMENT_SUBMITTED = `subscription($r: ID!) { commentSubmitted(roundId: $r) { id organization { id } } }`;

describe('comment counts and late comments reach no one who may not see them', () => {
  let w: ConsultationWorld;
  const clients: { dispose(): unknown }[] = [];

  beforeAll(async () => {
    w = await ConsultationWorld.start();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(() => w.stop());

  it('tells only the secretariat, in nextStages, how many comments still lack a disposition', async () => {
    const { p, round } = await w.openRound({ visibility: 'SECRETARIAT_ONLY' });
    for (const g of GROUPS)
      for (const token of w.tokens.constituents[g]) await w.comment(token, { roundId: round.id, body: `A remark of the ${g.toLowerCase()} group` });
    await w.close(p.instrumentId);

    const staff = ok(await w.gql(NEXT_STAGES, { i: p.instrumentId }, w.tokens.secretariat)).instrument.nextStages;
    expect(staff.find((o: any) => o.stage === 'EXPERTS_MEETING').blockers).toContainEqual({
      code: 'UNDISPOSED_COMMENTS',
      message: '6 comments have no disposition',
    });

    // A constituent sees its own organization's one comment; the observer and the moderator none. The six
    // comments, or the meeting not yet scheduled, are not theirs to learn from the blockers either.
    const others = [w.tokens.constituents.GOVERNMENT[0], w.tokens.constituents.WORKERS[1], w.tokens.observer, w.tokens.moderator];
    for (const token of others) {
      const seen = ok(await w.gql(Q.comments, { f: { roundId: round.id } }, token)).comments.totalCount;
      expect(seen).toBeLessThanOrEqual(1);
      const options = ok(await w.gql(NEXT_STAGES, { i: p.instrumentId }, token)).instrument.nextStages;
      expect(options.map((o: any) => o.stage)).toEqual(staff.map((o: any) => o.stage));
      for (const option of options) {
        expect(option).toEqual({ stage: option.stage, allowed: false, blockers: [{ code: 'NOT_PERMITTED', message: 'You may not advance this instrument' }] });
      }
    }
  });

  it('sends a late comment of a closed SECRETARIAT_ONLY round to the secretariat and its own organization only', async () => {
    const { p, round } = await w.openRound({ visibility: 'SECRETARIAT_ONLY', acceptLate: true });
    const [gov1, gov2] = w.tokens.constituents.GOVERNMENT;
    const emp1 = w.tokens.constituents.EMPLOYERS[0];
    const own: Record<string, string> = {};
    for (const [name, token] of Object.entries({ gov1, gov2, emp1 }))
      own[name] = (await w.comment(token, { roundId: round.id, body: `On time, from ${name}` })).id;
    await w.close(p.instrumentId);

    const feed = (token: string) => {
      const client = liveClient(w.api.url, token);
      clients.push(client);
      return new Feed(client, COMMENT_SUBMITTED, { r: round.id }, 'commentSubmitted');
    };
    const feeds = { gov1: feed(gov1), gov2: feed(gov2), emp1: feed(emp1), secretariat: feed(w.tokens.secretariat) };
    // Each constituent listens once it receives its own organization's comment, published again.
    const live = w.api.app.get(LivePublisher);
    const warm = () => Object.entries(own).every(([name, id]) => feeds[name as keyof typeof feeds].data().some((c) => c.id === id));
    await until('every subscriber to listen', async () => {
      for (const id of Object.values(own)) await live.publish('commentSubmitted', round.id, { roundId: round.id, commentId: id });
      return warm();
    });

    const late = await w.comment(gov1, { roundId: round.id, body: 'Late, and for the secretariat only' });
    expect(late.late).toBe(true);
    await until('the late comment to reach its organization and the secretariat', () =>
      [feeds.gov1, feeds.secretariat].every((f) => f.data().some((c) => c.id === late.id)),
    );
    // Another government (same group, another organization) and an employers' organization get nothing of it:
    // what they ever received is their own organization's.
    await new Promise((r) => setTimeout(r, 300));
    const orgs = w.people.organizations;
    expect(new Set(feeds.gov2.data().map((c) => c.organization.id))).toEqual(new Set([orgs.GOVERNMENT[1]]));
    expect(new Set(feeds.emp1.data().map((c) => c.organization.id))).toEqual(new Set([orgs.EMPLOYERS[0]]));
    expect(Object.values(feeds).flatMap((f) => f.errors)).toEqual([]);
  });
});
