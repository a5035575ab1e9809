import fc from 'fast-check';
import { CONSTITUENT_GROUPS, type ConstituentGroup } from '../enums';
import { countVotingParticipants, quorumOf, validateVoteCounts, votesCast, weighVote, type GroupCounts, type GroupVote } from './weighted-vote';

const vote = (group: ConstituentGroup, inFavour: number, against: number, abstentions = 0): GroupVote => ({
  group,
  inFavour,
  against,
  abstentions,
});
const reg = (GOVERNMENT: number, EMPLOYERS: number, WORKERS: number): GroupCounts => ({ GOVERNMENT, EMPLOYERS, WORKERS });

/** A valid vote: per group, a split of `cast` ballots with cast <= registered. */
const groupVoteArb = (group: ConstituentGroup, registered: number) =>
  fc.tuple(fc.integer({ min: 0, max: registered }), fc.nat(), fc.nat()).map(([cast, a, b]): GroupVote => {
    const inFavour = cast === 0 ? 0 : a % (cast + 1);
    const against = cast - inFavour === 0 ? 0 : b % (cast - inFavour + 1);
    return { group, inFavour, against, abstentions: cast - inFavour - against };
  });
const ballotArb = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })).chain(([g, e, w]) =>
  fc.record({
    registered: fc.constant(reg(g, e, w)),
    votes: fc.tuple(groupVoteArb('GOVERNMENT', g), groupVoteArb('EMPLOYERS', e), groupVoteArb('WORKERS', w)),
  }),
);

describe('weighVote examples', () => {
  it('G=10, E=5, W=5: weights 1, 2, 2 (E*W, G*W, G*E = 25, 50, 50 divided by 25)', () => {
    const r = weighVote([vote('GOVERNMENT', 10, 0), vote('EMPLOYERS', 0, 5), vote('WORKERS', 0, 5)], reg(10, 5, 5));
    expect(r.weights).toEqual({ GOVERNMENT: 1, EMPLOYERS: 2, WORKERS: 2 });
    expect(r).toMatchObject({ weightedInFavour: 10, weightedAgainst: 20, quorumMet: true, carried: false });
  });

  it('G=10, E=5, W=5: governments and employers outweigh workers', () => {
    const r = weighVote([vote('GOVERNMENT', 10, 0), vote('EMPLOYERS', 5, 0), vote('WORKERS', 0, 5)], reg(10, 5, 5));
    expect(r).toMatchObject({ weightedInFavour: 20, weightedAgainst: 10, quorumMet: true, carried: true });
  });

  it('G=6, E=4, W=3: lcm 12 gives weights 2, 3, 4', () => {
    const r = weighVote([vote('GOVERNMENT', 6, 0), vote('EMPLOYERS', 1, 3), vote('WORKERS', 0, 2, 1)], reg(6, 4, 3));
    expect(r.weights).toEqual({ GOVERNMENT: 2, EMPLOYERS: 3, WORKERS: 4 });
    expect(r).toMatchObject({ weightedInFavour: 15, weightedAgainst: 17, carried: false });
  });

  it('does not count abstentions, but counts abstainers as present', () => {
    // 3 governments present (2 abstain): their single vote weighs like a third of the group.
    const r = weighVote([vote('GOVERNMENT', 1, 0, 2), vote('EMPLOYERS', 0, 1), vote('WORKERS', 1, 0)], reg(3, 1, 1));
    expect(r.weights).toEqual({ GOVERNMENT: 1, EMPLOYERS: 3, WORKERS: 3 });
    expect(r).toMatchObject({ weightedInFavour: 4, weightedAgainst: 3, carried: true });
  });

  it('a tie does not carry', () => {
    const r = weighVote([vote('GOVERNMENT', 2, 2), vote('EMPLOYERS', 1, 1), vote('WORKERS', 1, 1)], reg(4, 2, 2));
    expect(r.weightedInFavour).toBe(r.weightedAgainst);
    expect(r.carried).toBe(false);
  });

  it('needs at least half of each group registered voters (rounded up)', () => {
    const votes = (g: number) => [vote('GOVERNMENT', g, 0), vote('EMPLOYERS', 3, 0), vote('WORKERS', 3, 0)];
    expect(weighVote(votes(10), reg(20, 5, 5)).quorumMet).toBe(true);
    const short = weighVote(votes(9), reg(20, 5, 5));
    expect(short).toMatchObject({ quorumMet: false, carried: false, groupsWithoutQuorum: ['GOVERNMENT'] });
    expect(weighVote(votes(3), reg(5, 5, 5)).quorumMet).toBe(true);
    expect(weighVote(votes(2), reg(5, 5, 5)).quorumMet).toBe(false);
  });

  it('a group with nobody voting: others still weighed, quorum unmet', () => {
    const r = weighVote([vote('GOVERNMENT', 4, 0), vote('EMPLOYERS', 0, 2)], reg(4, 2, 3));
    expect(r.votes).toEqual([vote('GOVERNMENT', 4, 0), vote('EMPLOYERS', 0, 2), vote('WORKERS', 0, 0)]);
    expect(r.weights).toEqual({ GOVERNMENT: 1, EMPLOYERS: 2, WORKERS: 4 });
    expect(r).toMatchObject({ weightedInFavour: 4, weightedAgainst: 4, quorumMet: false, carried: false });
    expect(r.groupsWithoutQuorum).toEqual(['WORKERS']);
  });

  it('a group with no registered voters never meets quorum', () => {
    const r = weighVote([vote('GOVERNMENT', 4, 0), vote('EMPLOYERS', 2, 0)], reg(4, 2, 0));
    expect(r).toMatchObject({ quorumMet: false, carried: false, groupsWithoutQuorum: ['WORKERS'] });
  });

  it('lists votes in group order whatever the input order', () => {
    const r = weighVote([vote('WORKERS', 1, 0), vote('GOVERNMENT', 1, 0), vote('EMPLOYERS', 1, 0)], reg(1, 1, 1));
    expect(r.votes.map((v) => v.group)).toEqual(CONSTITUENT_GROUPS);
    expect(r.carried).toBe(true);
  });

  it('throws on counts validateVoteCounts rejects', () => {
    expect(() => weighVote([vote('GOVERNMENT', 3, 0)], reg(2, 1, 1))).toThrow(RangeError);
  });
});

describe('validateVoteCounts', () => {
  it('accepts a valid vote', () => {
    expect(validateVoteCounts([vote('GOVERNMENT', 1, 1, 1), vote('WORKERS', 0, 0, 0)], reg(3, 0, 1))).toEqual([]);
  });
  it('rejects more votes than registered voters', () => {
    expect(validateVoteCounts([vote('EMPLOYERS', 2, 1, 1)], reg(9, 3, 9))).toEqual([
      { field: 'votes[0]', message: 'EMPLOYERS cast 4 votes but has 3 registered voting participants' },
    ]);
  });
  it('rejects negative and fractional numbers', () => {
    expect(validateVoteCounts([vote('GOVERNMENT', -1, 0.5, 0)], reg(9, 9, 9)).map((p) => p.field)).toEqual(['votes[0].inFavour', 'votes[0].against']);
  });
  it('rejects a group listed twice, and unknown groups', () => {
    const dup = validateVoteCounts([vote('WORKERS', 1, 0), vote('WORKERS', 0, 1)], reg(9, 9, 9));
    expect(dup).toEqual([{ field: 'votes[1].group', message: 'WORKERS is listed more than once' }]);
    const unknown = validateVoteCounts([{ ...vote('WORKERS', 1, 0), group: 'BANKERS' as ConstituentGroup }], reg(9, 9, 9));
    expect(unknown).toEqual([{ field: 'votes[0].group', message: 'Unknown group BANKERS' }]);
  });
});

describe('countVotingParticipants and quorumOf', () => {
  it('counts chairs, vice-chairs, spokespersons and experts, not advisers or observers', () => {
    expect(
      countVotingParticipants([
        { group: 'GOVERNMENT', role: 'CHAIR' },
        { group: 'GOVERNMENT', role: 'EXPERT' },
        { group: 'GOVERNMENT', role: 'ADVISER' },
        { group: 'EMPLOYERS', role: 'SPOKESPERSON' },
        { group: 'EMPLOYERS', role: 'OBSERVER' },
        { group: 'WORKERS', role: 'VICE_CHAIR' },
      ]),
    ).toEqual(reg(2, 1, 1));
  });
  it('rounds half up', () => {
    expect([1, 2, 3, 4, 5, 10, 11].map(quorumOf)).toEqual([1, 1, 2, 2, 3, 5, 6]);
    expect(quorumOf(0)).toBe(Infinity);
  });
});

describe('weighVote properties', () => {
  const present = fc.integer({ min: 1, max: 200 });

  it('gives every group equal strength: G*wG == E*wE == W*wW, for any G, E, W >= 1', () => {
    fc.assert(
      fc.property(present, present, present, (g, e, w) => {
        const r = weighVote([vote('GOVERNMENT', 0, 0, g), vote('EMPLOYERS', 0, 0, e), vote('WORKERS', 0, 0, w)], reg(g, e, w));
        expect(g * r.weights.GOVERNMENT).toBe(e * r.weights.EMPLOYERS);
        expect(e * r.weights.EMPLOYERS).toBe(w * r.weights.WORKERS);
      }),
    );
  });

  it('is proportional to the textbook weights E*W, G*W, G*E, in the smallest whole numbers', () => {
    fc.assert(
      fc.property(present, present, present, (g, e, w) => {
        const { weights } = weighVote([vote('GOVERNMENT', 0, 0, g), vote('EMPLOYERS', 0, 0, e), vote('WORKERS', 0, 0, w)], reg(g, e, w));
        const [wg, we, ww] = [weights.GOVERNMENT, weights.EMPLOYERS, weights.WORKERS];
        expect(wg * (g * w)).toBe(we * (e * w));
        expect(wg * (g * e)).toBe(ww * (e * w));
        for (const x of [wg, we, ww]) expect(Number.isInteger(x) && x >= 1).toBe(true);
        const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
        expect(gcd(gcd(wg, we), ww)).toBe(1);
      }),
    );
  });

  it('one whole group in favour against one whole group against is a tie', () => {
    fc.assert(
      fc.property(present, present, present, (g, e, w) => {
        const r = weighVote([vote('GOVERNMENT', g, 0), vote('EMPLOYERS', 0, e), vote('WORKERS', 0, 0, w)], reg(g, e, w));
        expect(r.weightedInFavour).toBe(r.weightedAgainst);
        expect(r.carried).toBe(false);
      }),
    );
  });

  it('a vote with no quorum never carries', () => {
    fc.assert(
      fc.property(ballotArb, ({ votes, registered }) => {
        const r = weighVote(votes, registered);
        if (!r.quorumMet) expect(r.carried).toBe(false);
        const short = votes.some((v) => registered[v.group] === 0 || votesCast(v) * 2 < registered[v.group]);
        expect(r.quorumMet).toBe(!short);
        expect(r.groupsWithoutQuorum.length === 0).toBe(r.quorumMet);
      }),
    );
  });

  it('carried exactly when quorum is met and weighted in favour exceeds weighted against', () => {
    fc.assert(
      fc.property(ballotArb, ({ votes, registered }) => {
        const r = weighVote(votes, registered);
        if (r.carried) expect(r.weightedInFavour).toBeGreaterThan(r.weightedAgainst);
        expect(r.carried).toBe(r.quorumMet && r.weightedInFavour > r.weightedAgainst);
      }),
    );
  });

  it('moving a ballot from against to in favour never un-carries a vote', () => {
    fc.assert(
      fc.property(ballotArb, fc.constantFrom(0, 1, 2), ({ votes, registered }, i) => {
        fc.pre(votes[i].against > 0);
        const before = weighVote(votes, registered);
        const moved = votes.map((v, j) => (j === i ? { ...v, inFavour: v.inFavour + 1, against: v.against - 1 } : v));
        if (before.carried) expect(weighVote(moved, registered).carried).toBe(true);
      }),
    );
  });

  it('accepts every generated valid ballot', () => {
    fc.assert(fc.property(ballotArb, ({ votes, registered }) => expect(validateVoteCounts(votes, registered)).toEqual([])));
  });
});
