import fc from 'fast-check';
import { CONSTITUENT_GROUPS, POSITIONS, type ConstituentGroup } from '../enums';
import { tallyConsensus, type PositionsByGroup } from './consensus';

const positionsArb: fc.Arbitrary<PositionsByGroup> = fc.record(
  { GOVERNMENT: fc.constantFrom(...POSITIONS), EMPLOYERS: fc.constantFrom(...POSITIONS), WORKERS: fc.constantFrom(...POSITIONS) },
  { requiredKeys: [] },
);
const groupArb = fc.constantFrom(...CONSTITUENT_GROUPS);

describe('tallyConsensus examples', () => {
  it('is INCOMPLETE while any group has no position', () => {
    expect(tallyConsensus({})).toEqual({
      outcome: 'INCOMPLETE',
      supporting: [],
      opposing: [],
      abstaining: [],
      reserving: [],
      pending: ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'],
    });
    expect(tallyConsensus({ GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: null }).outcome).toBe('INCOMPLETE');
    // An opposition is known, but the rule still waits for every group.
    expect(tallyConsensus({ GOVERNMENT: 'OPPOSE' }).outcome).toBe('INCOMPLETE');
  });

  it('is CONSENSUS with support and no opposition; reservations and abstentions do not block', () => {
    expect(tallyConsensus({ GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'SUPPORT' }).outcome).toBe('CONSENSUS');
    expect(tallyConsensus({ GOVERNMENT: 'RESERVATION', EMPLOYERS: 'ABSTAIN', WORKERS: 'SUPPORT' })).toEqual({
      outcome: 'CONSENSUS',
      supporting: ['WORKERS'],
      opposing: [],
      abstaining: ['EMPLOYERS'],
      reserving: ['GOVERNMENT'],
      pending: [],
    });
  });

  it('is NO_CONSENSUS with an opposition, or with no support at all', () => {
    expect(tallyConsensus({ GOVERNMENT: 'SUPPORT', EMPLOYERS: 'OPPOSE', WORKERS: 'SUPPORT' }).outcome).toBe('NO_CONSENSUS');
    expect(tallyConsensus({ GOVERNMENT: 'ABSTAIN', EMPLOYERS: 'RESERVATION', WORKERS: 'ABSTAIN' }).outcome).toBe('NO_CONSENSUS');
  });

  it('lets a recorded vote decide, keeping the positions', () => {
    const p: PositionsByGroup = { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'OPPOSE', WORKERS: 'SUPPORT' };
    expect(tallyConsensus(p, { carried: true })).toMatchObject({ outcome: 'VOTE_CARRIED', opposing: ['EMPLOYERS'] });
    expect(tallyConsensus(p, { carried: false }).outcome).toBe('VOTE_FAILED');
    expect(tallyConsensus({}, { carried: true }).outcome).toBe('VOTE_CARRIED');
    expect(tallyConsensus(p, null).outcome).toBe('NO_CONSENSUS');
  });
});

describe('tallyConsensus properties', () => {
  it('puts every group in exactly one list, in GOVERNMENT, EMPLOYERS, WORKERS order', () => {
    fc.assert(
      fc.property(positionsArb, (p) => {
        const t = tallyConsensus(p);
        const lists = [t.supporting, t.opposing, t.abstaining, t.reserving, t.pending];
        expect(lists.flat().sort()).toEqual([...CONSTITUENT_GROUPS].sort());
        for (const l of lists) {
          expect(l).toEqual(CONSTITUENT_GROUPS.filter((g) => l.includes(g)));
        }
      }),
    );
  });

  it('matches the rule as stated', () => {
    fc.assert(
      fc.property(positionsArb, (p) => {
        const values = CONSTITUENT_GROUPS.map((g) => p[g]);
        const expected = values.some((v) => v == null) ? 'INCOMPLETE' : !values.includes('OPPOSE') && values.includes('SUPPORT') ? 'CONSENSUS' : 'NO_CONSENSUS';
        expect(tallyConsensus(p).outcome).toBe(expected);
      }),
    );
  });

  it('adding a SUPPORT for a pending group never causes NO_CONSENSUS (only an existing OPPOSE can)', () => {
    fc.assert(
      fc.property(positionsArb, groupArb, (p, g) => {
        fc.pre(p[g] == null);
        const after = tallyConsensus({ ...p, [g]: 'SUPPORT' }).outcome;
        if (after === 'NO_CONSENSUS') expect(Object.values(p)).toContain('OPPOSE');
      }),
    );
  });

  it('changing any group to SUPPORT never turns CONSENSUS into anything else', () => {
    fc.assert(
      fc.property(positionsArb, groupArb, (p, g: ConstituentGroup) => {
        fc.pre(tallyConsensus(p).outcome === 'CONSENSUS');
        expect(tallyConsensus({ ...p, [g]: 'SUPPORT' }).outcome).toBe('CONSENSUS');
      }),
    );
  });

  it('an OPPOSE always prevents CONSENSUS', () => {
    fc.assert(
      fc.property(positionsArb, groupArb, (p, g) => {
        expect(tallyConsensus({ ...p, [g]: 'OPPOSE' }).outcome).not.toBe('CONSENSUS');
      }),
    );
  });

  it('a recorded vote always decides', () => {
    fc.assert(
      fc.property(positionsArb, fc.boolean(), (p, carried) => {
        expect(tallyConsensus(p, { carried }).outcome).toBe(carried ? 'VOTE_CARRIED' : 'VOTE_FAILED');
      }),
    );
  });
});
