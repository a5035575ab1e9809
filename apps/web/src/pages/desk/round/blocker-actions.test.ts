// Every blocker the workflow's guards can raise has an action on the desk, but those the card's own reason field lifts.
import { describe, expect, it } from 'vitest';
import { blockerAction } from './blocker-actions';

/** Every code of libs/domain/src/workflow/guards.ts. */
const codes = [
  'NO_SCHEDULED_ROUND',
  'VERSION_NOT_PUBLISHED',
  'DEADLINE_NOT_IN_FUTURE',
  'NO_INVITED_ORGANIZATIONS',
  'NO_NEWER_VERSION',
  'NO_OPEN_ROUND',
  'DEADLINE_NOT_PASSED',
  'UNDISPOSED_COMMENTS',
  'NO_SCHEDULED_MEETING',
  'REPORT_NOT_ADOPTED',
  'NO_DECISION',
  'DECISION_DEFERRED',
  'DECISION_REFERRED_BACK',
  'DECISION_NOT_REFERRED_BACK',
  'REASON_REQUIRED',
];
/** Lifted by the reason typed in the move's own card; NO_OPEN_ROUND cannot arise in CONSULTATION. */
const IN_THE_CARD = ['REASON_REQUIRED', 'DEADLINE_NOT_PASSED', 'NO_OPEN_ROUND'];

describe('blockerAction', () => {
  const context = { instrumentId: 'i1', latestRound: { number: 2, status: 'SCHEDULED' }, latestMeetingId: 'm1' };

  it('has an action for every blocker of the guards', () => {
    expect(codes.length).toBeGreaterThan(10);
    expect(codes.filter((code) => !IN_THE_CARD.includes(code) && blockerAction(code, context) === null)).toEqual([]);
  });

  it('links to the screens that remove them, or focuses the place on the page', () => {
    expect(blockerAction('VERSION_NOT_PUBLISHED', context)).toMatchObject({ kind: 'link', href: '/desk/instruments/i1/draft' });
    expect(blockerAction('REPORT_NOT_ADOPTED', context)).toMatchObject({ kind: 'link', href: '/desk/meetings/m1' });
    expect(blockerAction('NO_DECISION', context)).toMatchObject({ kind: 'link', href: '/desk/governing-body' });
    expect(blockerAction('NO_SCHEDULED_MEETING', context)).toMatchObject({ kind: 'focus', ids: ['meeting-schedule-title'] });
    expect(blockerAction('UNDISPOSED_COMMENTS', context)).toMatchObject({ kind: 'focus', ids: ['round-2-finder-next'] });
    expect(blockerAction('DEADLINE_NOT_IN_FUTURE', context)).toMatchObject({ kind: 'focus', ids: ['round-2-extend-toggle', 'round-2-extend-date'] });
  });
});
