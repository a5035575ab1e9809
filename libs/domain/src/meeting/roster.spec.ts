import { MEETING_STATUSES } from '../enums';
import { ROSTER_RULES, RosterChange, rosterChangeProblems } from './roster';

const CHANGES: RosterChange[] = ['register', 'correct', 'remove', 'assignModerator', 'unassignModerator'];

describe('the roster rule', () => {
  it.each(['SCHEDULED', 'IN_SESSION'] as const)('a %s meeting takes every change', (status) => {
    for (const change of CHANGES) expect(ROSTER_RULES[status][change].allowed).toBe(true);
  });

  it.each(['CLOSED', 'REPORT_ADOPTED'] as const)('a %s meeting takes none, reason or not', (status) => {
    for (const change of CHANGES) {
      expect(rosterChangeProblems(status, change, 'A delegation changed')).toEqual([
        { field: 'meetingId', message: `is ${status}; its participants and moderators no longer change` },
      ]);
    }
  });

  it('a correction or a removal says why, in session as before it', () => {
    for (const status of ['SCHEDULED', 'IN_SESSION'] as const) {
      for (const change of ['correct', 'remove'] as const) {
        expect(rosterChangeProblems(status, change, null)).toEqual([{ field: 'reason', message: 'is required to correct or remove a participant' }]);
        expect(rosterChangeProblems(status, change, '   ')).toHaveLength(1);
        expect(rosterChangeProblems(status, change, 'Left the delegation')).toEqual([]);
      }
    }
  });

  it('registering and moderators need no reason', () => {
    for (const change of ['register', 'assignModerator', 'unassignModerator'] as const) expect(rosterChangeProblems('IN_SESSION', change, null)).toEqual([]);
  });

  it('has a rule for every status and change', () => {
    for (const status of MEETING_STATUSES) for (const change of CHANGES) expect(typeof ROSTER_RULES[status][change].allowed).toBe('boolean');
  });
});
