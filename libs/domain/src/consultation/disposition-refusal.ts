import { CAPACITY } from '../capacity';
import type { Stage } from '../stages';

/** While the instrument is in these stages, the secretariat records dispositions. */
export const DISPOSING_STAGES: readonly Stage[] = ['CONSULTATION', 'CONSOLIDATION'];

/** At most this many comments in one setDispositions call (the page of the matrix's list is 100). */
export const BULK_DISPOSITIONS_MAX = 200;

/** Why one comment's disposition is refused: the code is the error code a single setDisposition would answer. */
export interface DispositionRefusal {
  code: 'CONFLICT' | 'BAD_USER_INPUT' | 'NOT_FOUND';
  reason: 'CHANGED' | 'WITHDRAWN' | 'CAPACITY' | 'STAGE' | 'NOT_FOUND' | 'OTHER_ROUND';
  message: string;
}

export interface DispositionFacts {
  /** null: the comment does not exist (or is not the caller's to see). */
  comment: { roundId: string; status: 'SUBMITTED' | 'WITHDRAWN'; dispositionRevision: number; dispositions: number } | null;
  /** The round the call is about; a comment of another round is refused. */
  roundId: string;
  /** The caller's expectedRevision (null: not checked). */
  expectedRevision: number | null;
  /** The instrument's stage, read with the instrument held. */
  stage: Stage;
}

/**
 * The rule for one comment of a bulk disposition, checked in the same order as setDisposition: found, of the
 * round, on the revision the caller read, SUBMITTED, under the cap, and the instrument in a disposing stage.
 * null: the disposition may be recorded.
 */
export function dispositionRefusal(f: DispositionFacts): DispositionRefusal | null {
  const c = f.comment;
  if (!c) return { code: 'NOT_FOUND', reason: 'NOT_FOUND', message: 'No such comment' };
  if (c.roundId !== f.roundId) return { code: 'BAD_USER_INPUT', reason: 'OTHER_ROUND', message: 'The comment belongs to another round' };
  if (f.expectedRevision !== null && f.expectedRevision !== c.dispositionRevision) {
    return {
      code: 'CONFLICT',
      reason: 'CHANGED',
      message: `The comment's disposition revision is ${c.dispositionRevision}, not ${f.expectedRevision}: its disposition or its text changed`,
    };
  }
  if (c.status !== 'SUBMITTED')
    return { code: 'BAD_USER_INPUT', reason: 'WITHDRAWN', message: 'The comment is withdrawn; only submitted comments get a disposition' };
  if (c.dispositions >= CAPACITY.dispositionRecordsPerComment) {
    return {
      code: 'BAD_USER_INPUT',
      reason: 'CAPACITY',
      message: `The comment may hold at most ${CAPACITY.dispositionRecordsPerComment} recorded dispositions`,
    };
  }
  if (!DISPOSING_STAGES.includes(f.stage)) {
    return {
      code: 'BAD_USER_INPUT',
      reason: 'STAGE',
      message: `Dispositions are recorded while the instrument is in CONSULTATION or CONSOLIDATION, not ${f.stage}`,
    };
  }
  return null;
}
