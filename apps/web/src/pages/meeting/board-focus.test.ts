import { describe, expect, it } from 'vitest';
import { adoptedAmendment, pinnedItem, shownText } from './board-focus';

const item = (id: string, order: number, status: 'PENDING' | 'UNDER_DISCUSSION' | 'ADOPTED' | 'ADOPTED_AS_AMENDED' | 'DEFERRED') => ({ id, order, status });

describe('pinnedItem', () => {
  it('pins the item under discussion, wherever it is on the agenda', () => {
    const agenda = [item('a', 1, 'ADOPTED'), item('c', 27, 'UNDER_DISCUSSION'), item('b', 2, 'PENDING')];
    expect(pinnedItem(agenda, 'a')?.id).toBe('c');
  });
  it('else the last changed, else the last decided, else the first', () => {
    const agenda = [item('b', 2, 'DEFERRED'), item('a', 1, 'ADOPTED'), item('c', 3, 'PENDING')];
    expect(pinnedItem(agenda, 'a')?.id).toBe('a');
    expect(pinnedItem(agenda, 'gone')?.id).toBe('b');
    expect(pinnedItem([item('x', 1, 'PENDING'), item('y', 2, 'PENDING')], null)?.id).toBe('x');
    expect(pinnedItem([], null)).toBeUndefined();
  });
});

describe('adoptedAmendment', () => {
  const accepted = {
    id: 'm1',
    proposedBy: 'WORKERS' as const,
    text: 'Amended.',
    status: 'ACCEPTED' as const,
    positions: [
      { group: 'GOVERNMENT' as const, position: 'SUPPORT' as const },
      { group: 'EMPLOYERS' as const, position: 'ABSTAIN' as const },
      { group: 'WORKERS' as const, position: 'SUPPORT' as const },
    ],
  };
  const rejected = { ...accepted, id: 'm0', text: 'Other.', status: 'REJECTED' as const, positions: [] };

  it("gives the accepted amendment's own consensus, not the original text's tally", () => {
    const found = adoptedAmendment({ status: 'ADOPTED_AS_AMENDED', finalText: 'Amended.', amendments: [rejected, accepted] });
    expect(found?.amendment.id).toBe('m1');
    expect(found?.tally).toMatchObject({ outcome: 'CONSENSUS', supporting: ['GOVERNMENT', 'WORKERS'], abstaining: ['EMPLOYERS'] });
  });
  it('is null for any other status, or without an accepted amendment', () => {
    expect(adoptedAmendment({ status: 'ADOPTED', finalText: 'x', amendments: [accepted] })).toBeNull();
    expect(adoptedAmendment({ status: 'ADOPTED_AS_AMENDED', finalText: 'x', amendments: [rejected] })).toBeNull();
  });
  it('the room reads the adopted text once there is one', () => {
    expect(shownText({ finalText: 'Amended.', guideline: { text: 'Original.' } })).toBe('Amended.');
    expect(shownText({ finalText: null, guideline: { text: 'Original.' } })).toBe('Original.');
  });
});
