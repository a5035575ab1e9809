import type { MeetingStatus } from '../enums';

/** A change to a meeting's people: registering, correcting or removing a participant, assigning or unassigning a moderator. */
export type RosterChange = 'register' | 'correct' | 'remove' | 'assignModerator' | 'unassignModerator';

export interface RosterRule {
  /** Whether the meeting in this status takes the change. */
  allowed: boolean;
  /** Whether the change must give a reason (kept in the audit record). */
  reasonRequired: boolean;
}

/**
 * Who sits in a meeting may change until it is CLOSED: before it opens freely (a correction or removal still
 * says why), and while IN_SESSION too, since a delegation may change mid-meeting. Positions and votes are
 * recorded per group, not per participant, so a participant removed in session leaves every position and vote
 * already recorded as it is (a vote keeps the registered counts it was weighed with); later quorums count the
 * participants registered then. Once CLOSED the roster is part of the report and nothing changes it.
 */
export const ROSTER_RULES: Readonly<Record<MeetingStatus, Readonly<Record<RosterChange, RosterRule>>>> = {
  SCHEDULED: {
    register: { allowed: true, reasonRequired: false },
    correct: { allowed: true, reasonRequired: true },
    remove: { allowed: true, reasonRequired: true },
    assignModerator: { allowed: true, reasonRequired: false },
    unassignModerator: { allowed: true, reasonRequired: false },
  },
  IN_SESSION: {
    register: { allowed: true, reasonRequired: false },
    correct: { allowed: true, reasonRequired: true },
    remove: { allowed: true, reasonRequired: true },
    assignModerator: { allowed: true, reasonRequired: false },
    unassignModerator: { allowed: true, reasonRequired: false },
  },
  CLOSED: closed(),
  REPORT_ADOPTED: closed(),
};

function closed(): Record<RosterChange, RosterRule> {
  const no = { allowed: false, reasonRequired: false };
  return { register: no, correct: no, remove: no, assignModerator: no, unassignModerator: no };
}

/**
 * What refuses a change to the roster of a meeting in `status`, as field errors' messages (empty: allowed).
 * `reason` is the reason given, trimmed (null or empty: none).
 */
export function rosterChangeProblems(status: MeetingStatus, change: RosterChange, reason: string | null): { field: 'meetingId' | 'reason'; message: string }[] {
  const rule = ROSTER_RULES[status][change];
  if (!rule.allowed) return [{ field: 'meetingId', message: `is ${status}; its participants and moderators no longer change` }];
  if (rule.reasonRequired && !reason?.trim()) return [{ field: 'reason', message: 'is required to correct or remove a participant' }];
  return [];
}
