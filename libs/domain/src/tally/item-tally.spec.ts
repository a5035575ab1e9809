import fc from 'fast-check';
import { ITEM_STATUSES, POSITIONS, TALLY_OUTCOMES, type ItemStatus, type TallyOutcome } from '../enums';
import { tallyConsensus, type PositionsByGroup } from './consensus';
import { amendmentAcceptBlockers, closeItemBlockers, tallyItem } from './item-tally';

const allSupport: PositionsByGroup = { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'SUPPORT' };
const positionsArb = fc.record(
  { GOVERNMENT: fc.constantFrom(...POSITIONS), EMPLOYERS: fc.constantFrom(...POSITIONS), WORKERS: fc.constantFrom(...POSITIONS) },
  { requiredKeys: [] },
);

describe('tallyItem', () => {
  it('under CONSENSUS is tallyConsensus', () => {
    fc.assert(
      fc.property(positionsArb, fc.option(fc.record({ carried: fc.boolean() })), (p, vote) => {
        expect(tallyItem('CONSENSUS', p, vote)).toEqual(tallyConsensus(p, vote));
      }),
    );
  });

  it('under GROUP_WEIGHTED_VOTE is INCOMPLETE until a vote, whatever the positions', () => {
    expect(tallyItem('GROUP_WEIGHTED_VOTE', allSupport, null)).toEqual({
      outcome: 'INCOMPLETE',
      supporting: ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'],
      opposing: [],
      abstaining: [],
      reserving: [],
      pending: [],
    });
    fc.assert(
      fc.property(positionsArb, (p) => {
        const t = tallyItem('GROUP_WEIGHTED_VOTE', p);
        expect(t.outcome).toBe('INCOMPLETE');
        expect({ ...t, outcome: undefined }).toEqual({ ...tallyConsensus(p), outcome: undefined });
      }),
    );
  });

  it('under GROUP_WEIGHTED_VOTE takes the vote outcome, positions still listed', () => {
    const p: PositionsByGroup = { EMPLOYERS: 'OPPOSE' };
    expect(tallyItem('GROUP_WEIGHTED_VOTE', p, { carried: true })).toMatchObject({
      outcome: 'VOTE_CARRIED',
      opposing: ['EMPLOYERS'],
      pending: ['GOVERNMENT', 'WORKERS'],
    });
    expect(tallyItem('GROUP_WEIGHTED_VOTE', allSupport, { carried: false }).outcome).toBe('VOTE_FAILED');
  });
});

describe('closeItemBlockers', () => {
  const codes = (target: ItemStatus, outcome: TallyOutcome, hasAcceptedAmendment = false, itemStatus: ItemStatus = 'UNDER_DISCUSSION') =>
    closeItemBlockers(target, { outcome, hasAcceptedAmendment, itemStatus }).map((b) => b.code);

  it.each(TALLY_OUTCOMES)('ADOPTED with tally %s', (outcome) => {
    const agreed = outcome === 'CONSENSUS' || outcome === 'VOTE_CARRIED';
    expect(codes('ADOPTED', outcome)).toEqual(agreed ? [] : ['NO_AGREEMENT']);
  });

  it('ADOPTED_AS_AMENDED needs an accepted amendment, whatever the tally', () => {
    for (const outcome of TALLY_OUTCOMES) {
      expect(codes('ADOPTED_AS_AMENDED', outcome, true)).toEqual([]);
      expect(codes('ADOPTED_AS_AMENDED', outcome, false)).toEqual(['NO_ACCEPTED_AMENDMENT']);
    }
  });

  it('NOT_ADOPTED and DEFERRED are always allowed from UNDER_DISCUSSION', () => {
    for (const outcome of TALLY_OUTCOMES) {
      expect(codes('NOT_ADOPTED', outcome)).toEqual([]);
      expect(codes('DEFERRED', outcome)).toEqual([]);
    }
  });

  it('PENDING and UNDER_DISCUSSION do not close an item', () => {
    expect(codes('PENDING', 'CONSENSUS')).toEqual(['NOT_A_CLOSING_STATUS']);
    expect(codes('UNDER_DISCUSSION', 'CONSENSUS')).toEqual(['NOT_A_CLOSING_STATUS']);
  });

  it.each(ITEM_STATUSES.filter((s) => s !== 'UNDER_DISCUSSION'))('an item in %s cannot be closed', (itemStatus) => {
    expect(codes('DEFERRED', 'CONSENSUS', false, itemStatus)).toEqual(['ITEM_NOT_UNDER_DISCUSSION']);
  });

  it('lists every problem', () => {
    expect(codes('ADOPTED', 'NO_CONSENSUS', false, 'PENDING')).toEqual(['ITEM_NOT_UNDER_DISCUSSION', 'NO_AGREEMENT']);
    expect(codes('ADOPTED_AS_AMENDED', 'NO_CONSENSUS', false, 'ADOPTED')).toEqual(['ITEM_NOT_UNDER_DISCUSSION', 'NO_ACCEPTED_AMENDMENT']);
  });
});

describe('amendmentAcceptBlockers', () => {
  it('accepts an amendment whose positions reach consensus', () => {
    expect(amendmentAcceptBlockers(allSupport)).toEqual([]);
    expect(amendmentAcceptBlockers({ GOVERNMENT: 'RESERVATION', EMPLOYERS: 'ABSTAIN', WORKERS: 'SUPPORT' }, 'PROPOSED')).toEqual([]);
  });
  it('names the groups still to state a position', () => {
    expect(amendmentAcceptBlockers({ GOVERNMENT: 'SUPPORT' })).toEqual([
      { code: 'AMENDMENT_INCOMPLETE', message: 'No position recorded yet for Employers and Workers' },
    ]);
  });
  it('names the groups opposing, or says nobody supports', () => {
    expect(amendmentAcceptBlockers({ GOVERNMENT: 'OPPOSE', EMPLOYERS: 'OPPOSE', WORKERS: 'OPPOSE' })).toEqual([
      { code: 'AMENDMENT_NO_CONSENSUS', message: 'Opposed by Government, Employers and Workers' },
    ]);
    expect(amendmentAcceptBlockers({ GOVERNMENT: 'ABSTAIN', EMPLOYERS: 'ABSTAIN', WORKERS: 'RESERVATION' })).toEqual([
      { code: 'AMENDMENT_NO_CONSENSUS', message: 'No group supports the amendment' },
    ]);
  });
  it('refuses an amendment already decided', () => {
    expect(amendmentAcceptBlockers(allSupport, 'WITHDRAWN').map((b) => b.code)).toEqual(['AMENDMENT_NOT_PROPOSED']);
  });
  it('blocks exactly when the positions are not in consensus', () => {
    fc.assert(
      fc.property(positionsArb, (p) => {
        expect(amendmentAcceptBlockers(p).length === 0).toBe(tallyConsensus(p).outcome === 'CONSENSUS');
      }),
    );
  });
});
