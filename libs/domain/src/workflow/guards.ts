import { blocker, countOf, type Blocker } from '../blocker';
import { FINAL_GB_DECISIONS } from '../enums';
import { givenReason, type WorkflowSnapshot } from './snapshot';

export type Guard = (snapshot: WorkflowSnapshot) => Blocker[];

const none: Blocker[] = [];
const iso = (d: Date): string => d.toISOString();

/**
 * Every guard a transition may name. Each returns the blockers it finds, and
 * none when it cannot judge because another guard already reports the cause
 * (e.g. no deadline check without a scheduled round).
 */
export const GUARDS = {
  scheduledRound: (s) => (s.scheduledRound ? none : [blocker('NO_SCHEDULED_ROUND', 'No consultation round is scheduled')]),

  roundVersionPublished: (s) => {
    if (s.scheduledRound) {
      return s.scheduledRound.versionPublished
        ? none
        : [blocker('VERSION_NOT_PUBLISHED', `Version ${s.scheduledRound.versionNumber} of the draft is not published`)];
    }
    return s.latestPublishedVersionNumber === null ? [blocker('VERSION_NOT_PUBLISHED', 'No version of the draft has been published')] : none;
  },

  roundDeadlineInFuture: (s) =>
    s.scheduledRound && s.scheduledRound.closesAt.getTime() <= s.now.getTime()
      ? [blocker('DEADLINE_NOT_IN_FUTURE', `The scheduled round's deadline (${iso(s.scheduledRound.closesAt)}) has already passed; extend it first`)]
      : none,

  roundInvitesOrganizations: (s) =>
    s.scheduledRound && s.scheduledRound.invitedCount < 1 ? [blocker('NO_INVITED_ORGANIZATIONS', 'The scheduled round invites no organization')] : none,

  roundVersionNewer: (s) => {
    const last = s.lastRoundVersionNumber;
    if (last === null) return none;
    if (s.scheduledRound) {
      return s.scheduledRound.versionNumber > last
        ? none
        : [
            blocker(
              'NO_NEWER_VERSION',
              `The scheduled round is on version ${s.scheduledRound.versionNumber}, not newer than version ${last} consulted in the last round`,
            ),
          ];
    }
    // No round yet: still say a revision must be published first, when it is missing.
    const latest = s.latestPublishedVersionNumber;
    return latest !== null && latest > last
      ? none
      : [blocker('NO_NEWER_VERSION', `No version newer than version ${last} (consulted in the last round) has been published`)];
  },

  openRoundClosable: (s) => {
    if (!s.openRound) return [blocker('NO_OPEN_ROUND', 'There is no open consultation round to close')];
    if (s.openRound.closesAt.getTime() <= s.now.getTime() || givenReason(s)) return none;
    return [blocker('DEADLINE_NOT_PASSED', `The comment period runs until ${iso(s.openRound.closesAt)}; give a reason to close it early`)];
  },

  commentsDisposed: (s) =>
    s.undisposedComments > 0 ? [blocker('UNDISPOSED_COMMENTS', `${countOf(s.undisposedComments, 'comment has', 'comments have')} no disposition`)] : none,

  meetingScheduled: (s) => (s.scheduledMeeting ? none : [blocker('NO_SCHEDULED_MEETING', "No experts' meeting is scheduled")]),

  meetingReportAdopted: (s) =>
    s.meetingReportAdopted ? none : [blocker('REPORT_NOT_ADOPTED', "The experts' meeting report is not adopted (every agenda item must be closed)")],

  finalDecision: (s) => {
    if (s.gbDecision === null) return [blocker('NO_DECISION', 'The Governing Body has not decided yet')];
    if (FINAL_GB_DECISIONS.includes(s.gbDecision)) return none;
    if (s.gbDecision === 'DEFERRED') {
      return [blocker('DECISION_DEFERRED', 'The Governing Body deferred its decision to a later session')];
    }
    return [blocker('DECISION_REFERRED_BACK', 'The Governing Body referred the instrument back; move it to CONSOLIDATION')];
  },

  referredBack: (s) => {
    if (s.gbDecision === null) return [blocker('NO_DECISION', 'The Governing Body has not decided yet')];
    return s.gbDecision === 'REFERRED_BACK'
      ? none
      : [blocker('DECISION_NOT_REFERRED_BACK', `The Governing Body's decision is ${s.gbDecision}, not REFERRED_BACK`)];
  },

  reasonGiven: (s) => (givenReason(s) ? none : [blocker('REASON_REQUIRED', 'A reason is required')]),
} satisfies Record<string, Guard>;

export type GuardName = keyof typeof GUARDS;
export const GUARD_NAMES = Object.keys(GUARDS) as GuardName[];
