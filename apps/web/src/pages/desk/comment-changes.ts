// What changed on a comment between what the secretariat saw and what the server has now, in sentences:
// for a CONFLICT on a disposition (another disposition was recorded, or its organization edited it).
import type { Disposition } from '../../gql/graphql';
import { DISPOSITION_NAMES } from './labels';

export interface CommentSnapshot {
  type: string;
  body: string;
  proposedText: string | null;
  status: string;
  revision: number;
  disposition: Disposition | null;
  dispositionNote: string | null;
}

/** Sentences for each difference; `lastBy` is who recorded the disposition now in force ("you in another tab" when `me`). */
export function describeCommentChanges(
  before: CommentSnapshot,
  after: CommentSnapshot,
  lastBy: { id: string; displayName: string } | null,
  me: string,
): string[] {
  const changes: string[] = [];
  if (after.disposition && (before.disposition !== after.disposition || before.dispositionNote !== after.dispositionNote)) {
    const note = after.dispositionNote ? ` (note: ${after.dispositionNote})` : '';
    const by = lastBy ? (lastBy.id === me ? ', by you in another tab or window' : `, by ${lastBy.displayName}`) : '';
    changes.push(`Its disposition is now ${DISPOSITION_NAMES[after.disposition]}${note}${by}`);
  }
  if (before.status !== after.status && after.status === 'WITHDRAWN') changes.push('Its organization withdrew it');
  else if (before.revision !== after.revision) changes.push('Its organization edited it: the text shown is the new one');
  if (changes.length === 0) changes.push('The comment was changed by someone else');
  return changes;
}
