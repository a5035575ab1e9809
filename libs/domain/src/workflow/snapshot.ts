import type { GbDecision } from '../enums';
import type { Stage } from '../stages';

/**
 * What the guards need to know about an instrument, read by the service from
 * the database inside the transaction that makes the move.
 */
export interface WorkflowSnapshot {
  stage: Stage;
  /** The database clock, so the app's clock never decides a deadline. */
  now: Date;
  /** The caller's reason (trimmed again here; blank counts as none). */
  reason?: string | null;
  /** False adds NOT_PERMITTED to every move. */
  actorMayAdvance: boolean;
  latestPublishedVersionNumber: number | null;
  /** The newest SCHEDULED round, if any. */
  scheduledRound: {
    versionNumber: number;
    versionPublished: boolean;
    closesAt: Date;
    invitedCount: number;
  } | null;
  openRound: { closesAt: Date } | null;
  /** Version consulted by the last CLOSED round (another round needs a newer one). */
  lastRoundVersionNumber: number | null;
  /** SUBMITTED comments of the last round with no disposition. */
  undisposedComments: number;
  /** A SCHEDULED experts' meeting exists. */
  scheduledMeeting: boolean;
  meetingReportAdopted: boolean;
  /** Decision recorded on the current GB submission. */
  gbDecision: GbDecision | null;
}

export function givenReason(snapshot: Pick<WorkflowSnapshot, 'reason'>): string | null {
  const reason = snapshot.reason?.trim();
  return reason ? reason : null;
}
