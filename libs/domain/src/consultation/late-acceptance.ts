import type { RoundStatus } from '../enums';
import type { Stage } from '../stages';

/** While the instrument is in these stages, a round that accepts late comments takes them after its deadline. */
export const LATE_STAGES: readonly Stage[] = ['CONSULTATION', 'CONSOLIDATION'];

export interface LateAcceptanceFacts {
  /** The round's late policy. */
  acceptLate: boolean;
  status: RoundStatus;
  /** No later round of the instrument exists. */
  isLatest: boolean;
  /** The instrument's stage. */
  stage: Stage;
}

/**
 * Whether a comment sent after the round's deadline is kept (marked late) rather than refused: the round
 * accepts late comments, has opened, is the instrument's latest, and the instrument is still in consultation
 * or consolidation. The server decides each write by this rule with the database clock; the web client shows it.
 */
export function acceptsLateComments(f: LateAcceptanceFacts): boolean {
  return f.acceptLate && f.status !== 'SCHEDULED' && f.isLatest && LATE_STAGES.includes(f.stage);
}
