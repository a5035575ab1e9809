import { ok } from '@tripartite/testing';
import { MeetingWorld, Q, allSupport, blockersOf, codeOf, fieldsOf } from './meeting-fixtures';

const vote = (group: string, inFavour: number, against: number, abstentions = 0) => ({ group, inFavour, against, abstentions });

describe('experts meeting: votes', () => {
  let w: MeetingWorld;

  beforeAll(async () => {
    w = await MeetingWorld.start();
  });
  afterAll(() => w.stop());

  describe('under GROUP_WEIGHTED_VOTE', () => {
    it('weighs G=4, E=2, W=2 present so the groups have equal strength (weights 1, 2, 2)', async () => {
      const { items } = await w.session({ decisionRule: 'GROUP_WEIGHTED_VOTE', voters: { GOVERNMENT: 4, EMPLOYERS: 2, WORKERS: 2 } });
      // Positions are the groups' stated views: they never decide under this rule.
      const stated = await w.discussed(items[0], allSupport);
      expect(stated.tally).toMatchObject({ outcome: 'INCOMPLETE', supporting: ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'], pending: [] });
      expect(blockersOf(await w.gql(Q.closeItem, { i: items[0], s: 'ADOPTED' }, w.tokens.moderator))).toEqual(['NO_AGREEMENT']);

      // 4 governments for (4 x 1), both employers against (2 x 2), workers for (2 x 2): 8 to 4.
      const carried = (await w.mod(Q.vote, { i: items[0], v: [vote('GOVERNMENT', 4, 0), vote('EMPLOYERS', 0, 2), vote('WORKERS', 2, 0)] })).recordVote;
      expect(carried.vote).toEqual({
        votes: [vote('GOVERNMENT', 4, 0), vote('EMPLOYERS', 0, 2), vote('WORKERS', 2, 0)],
        weightedInFavour: 8,
        weightedAgainst: 4,
        quorumMet: true,
        carried: true,
      });
      expect(carried.tally.outcome).toBe('VOTE_CARRIED');
      expect(carried.revision).toBe(stated.revision + 1);

      // A new vote replaces it: 1 government for, 3 against (1, 3); employers for (4); workers against (4): 5 to 7.
      const failed = (await w.mod(Q.vote, { i: items[0], v: [vote('GOVERNMENT', 1, 3), vote('EMPLOYERS', 2, 0), vote('WORKERS', 0, 2)] })).recordVote;
      expect(failed.vote).toMatchObject({ weightedInFavour: 5, weightedAgainst: 7, quorumMet: true, carried: false });
      expect(failed.tally.outcome).toBe('VOTE_FAILED');
      expect(blockersOf(await w.gql(Q.closeItem, { i: items[0], s: 'ADOPTED' }, w.tokens.moderator))).toEqual(['NO_AGREEMENT']);
      const stored = await w.api.db.query<{ current: boolean }>(`SELECT current FROM item_vote WHERE agenda_item_id = $1 ORDER BY recorded_at`, [items[0]]);
      expect(stored.map((v) => v.current)).toEqual([false, true]);
      const [audit] = await w.api.db.query<any>(`SELECT data FROM audit_event WHERE entity_id = $1 AND action = 'vote.recorded' ORDER BY at LIMIT 1`, [
        items[0],
      ]);
      expect(audit.data).toMatchObject({ registered: { GOVERNMENT: 4, EMPLOYERS: 2, WORKERS: 2 }, carried: true, weightedInFavour: 8 });

      // Abstainers count as present: 2 governments abstaining make each government vote weigh like half the group.
      const abstaining = (await w.mod(Q.vote, { i: items[0], v: [vote('GOVERNMENT', 2, 0, 2), vote('EMPLOYERS', 0, 1), vote('WORKERS', 1, 0)] })).recordVote;
      // Present 4, 1, 1: lcm 4, weights 1, 4, 4: 2 + 4 in favour, 4 against.
      expect(abstaining.vote).toMatchObject({ weightedInFavour: 6, weightedAgainst: 4, quorumMet: true, carried: true });
      expect((await w.mod(Q.closeItem, { i: items[0], s: 'ADOPTED' })).closeAgendaItem.status).toBe('ADOPTED');
    });

    it('does not carry without a quorum of each group (half of its registered voters, in favour, against or abstaining)', async () => {
      const { items } = await w.session({ decisionRule: 'GROUP_WEIGHTED_VOTE', voters: { GOVERNMENT: 4, EMPLOYERS: 2, WORKERS: 2 } });
      await w.discussed(items[0]);
      // Only 1 of 4 governments voted: overwhelmingly in favour, but no quorum.
      const short = (await w.mod(Q.vote, { i: items[0], v: [vote('GOVERNMENT', 1, 0), vote('EMPLOYERS', 2, 0), vote('WORKERS', 1, 0)] })).recordVote;
      expect(short.vote).toMatchObject({ quorumMet: false, carried: false });
      expect(short.vote.weightedInFavour).toBeGreaterThan(short.vote.weightedAgainst);
      expect(short.tally.outcome).toBe('VOTE_FAILED');
      // A group left out entirely has no quorum either.
      const missing = (await w.mod(Q.vote, { i: items[0], v: [vote('GOVERNMENT', 4, 0), vote('EMPLOYERS', 2, 0)] })).recordVote;
      expect(missing.vote).toMatchObject({
        quorumMet: false,
        carried: false,
        votes: [vote('GOVERNMENT', 4, 0), vote('EMPLOYERS', 2, 0), vote('WORKERS', 0, 0)],
      });
      // Two of four is half: quorum.
      const half = (await w.mod(Q.vote, { i: items[0], v: [vote('GOVERNMENT', 0, 1, 1), vote('EMPLOYERS', 1, 0), vote('WORKERS', 1, 0)] })).recordVote;
      expect(half.vote).toMatchObject({ quorumMet: true, carried: true });
    });
  });

  describe('counts', () => {
    it('cannot exceed the registered voting participants of a group (advisers and observers do not vote)', async () => {
      const { meeting, items } = await w.session({ voters: { GOVERNMENT: 2, EMPLOYERS: 2, WORKERS: 1 } });
      ok(await w.addParticipant(meeting.id, await w.extraConstituent('EMPLOYERS'), 'EMPLOYERS', 'ADVISER'));
      ok(await w.addParticipant(meeting.id, await w.extraConstituent('WORKERS'), 'WORKERS', 'OBSERVER'));
      await w.discussed(items[0]);
      const res = await w.gql(Q.vote, { i: items[0], v: [vote('GOVERNMENT', 1, 1), vote('EMPLOYERS', 2, 0, 1), vote('WORKERS', 1, 1)] }, w.tokens.moderator);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.fields).toEqual([
        { field: 'votes[1]', message: 'EMPLOYERS cast 3 votes but has 2 registered voting participants' },
        { field: 'votes[2]', message: 'WORKERS cast 2 votes but has 1 registered voting participants' },
      ]);
      expect(fieldsOf(await w.gql(Q.vote, { i: items[0], v: [vote('GOVERNMENT', -1, 0)] }, w.tokens.moderator))).toEqual(['votes[0].inFavour']);
      expect(fieldsOf(await w.gql(Q.vote, { i: items[0], v: [vote('WORKERS', 1, 0), vote('WORKERS', 0, 0)] }, w.tokens.moderator))).toEqual(['votes[1].group']);
      expect(fieldsOf(await w.gql(Q.vote, { i: items[0], v: [] }, w.tokens.moderator))).toEqual(['votes']);
      expect(fieldsOf(await w.gql(Q.vote, { i: items[1], v: [vote('WORKERS', 1, 0)] }, w.tokens.moderator))).toEqual(['agendaItemId']);
      const [{ n }] = await w.api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM item_vote WHERE agenda_item_id = $1`, [items[0]]);
      expect(n).toBe(0);
    });
  });

  describe('under CONSENSUS', () => {
    it('a vote decides an item whose consensus failed', async () => {
      const { items } = await w.session({ voters: { GOVERNMENT: 2, EMPLOYERS: 2, WORKERS: 2 } });
      const noConsensus = await w.discussed(items[0], { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'OPPOSE', WORKERS: 'SUPPORT' });
      expect(noConsensus.tally.outcome).toBe('NO_CONSENSUS');
      const voted = (await w.mod(Q.vote, { i: items[0], v: [vote('GOVERNMENT', 2, 0), vote('EMPLOYERS', 0, 2), vote('WORKERS', 2, 0)] })).recordVote;
      expect(voted.tally).toMatchObject({ outcome: 'VOTE_CARRIED', opposing: ['EMPLOYERS'] });
      expect((await w.mod(Q.closeItem, { i: items[0], s: 'ADOPTED' })).closeAgendaItem.status).toBe('ADOPTED');

      await w.discussed(items[1], allSupport);
      const failed = (await w.mod(Q.vote, { i: items[1], v: [vote('GOVERNMENT', 0, 2), vote('EMPLOYERS', 0, 2), vote('WORKERS', 2, 0)] })).recordVote;
      expect(failed.tally.outcome).toBe('VOTE_FAILED');
      expect(blockersOf(await w.gql(Q.closeItem, { i: items[1], s: 'ADOPTED' }, w.tokens.moderator))).toEqual(['NO_AGREEMENT']);
    });
  });
});
