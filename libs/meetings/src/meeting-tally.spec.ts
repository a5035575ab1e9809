import type { ItemStatus } from '@tripartite/domain';
import { TallySource, itemTallyOf, meetingTallyOf } from './meeting-tally';

const source = (status: ItemStatus, extra: Partial<TallySource> = {}): TallySource => ({
  agendaItemId: `item-${status}`,
  meetingId: 'm',
  status,
  decisionRule: 'CONSENSUS',
  positions: null,
  vote: null,
  ...extra,
});

describe('meetingTallyOf', () => {
  it('counts ADOPTED and ADOPTED_AS_AMENDED as adopted, PENDING and UNDER_DISCUSSION as open', () => {
    const statuses: ItemStatus[] = ['ADOPTED', 'ADOPTED_AS_AMENDED', 'NOT_ADOPTED', 'DEFERRED', 'DEFERRED', 'PENDING', 'UNDER_DISCUSSION'];
    const tally = meetingTallyOf(
      'm',
      statuses.map((s) => source(s)),
    );
    expect(tally).toMatchObject({ meetingId: 'm', adopted: 2, notAdopted: 1, deferred: 2, open: 2 });
    expect(tally.items.map((t) => t.agendaItemId)).toEqual(statuses.map((s) => `item-${s}`));
  });

  it('is all zeros for no items', () => {
    expect(meetingTallyOf('m', [])).toEqual({ meetingId: 'm', items: [], adopted: 0, notAdopted: 0, deferred: 0, open: 0 });
  });
});

describe('itemTallyOf', () => {
  it('applies the rule to the current positions and the stored vote', () => {
    const positions = { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'OPPOSE', WORKERS: 'SUPPORT' } as const;
    expect(itemTallyOf(source('UNDER_DISCUSSION', { positions })).outcome).toBe('NO_CONSENSUS');
    const vote = {
      votes: [
        { group: 'GOVERNMENT', inFavour: 2, against: 0, abstentions: 0 },
        { group: 'EMPLOYERS', inFavour: 0, against: 1, abstentions: 0 },
        { group: 'WORKERS', inFavour: 1, against: 0, abstentions: 0 },
      ],
      registered: { GOVERNMENT: 2, EMPLOYERS: 1, WORKERS: 1 },
    } as TallySource['vote'];
    expect(itemTallyOf(source('UNDER_DISCUSSION', { positions, vote }))).toMatchObject({
      agendaItemId: 'item-UNDER_DISCUSSION',
      outcome: 'VOTE_CARRIED',
      opposing: ['EMPLOYERS'],
    });
    expect(itemTallyOf(source('UNDER_DISCUSSION', { positions, decisionRule: 'GROUP_WEIGHTED_VOTE' })).outcome).toBe('INCOMPLETE');
  });
});
