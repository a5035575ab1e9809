// What changed on a comment between what the secretariat saw and what the server has now, in sentences:
// for a CONFLICT on a disposition (another disposition was recorded, or its organization edited it).
import type { Disposition } from '../../gql/graphql';
import { i18n } from '../../i18n/i18n';

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
    const note = after.dispositionNote ? i18n.t('changes.note', { note: after.dispositionNote }) : '';
    const by = lastBy ? (lastBy.id === me ? i18n.t('changes.byYou') : i18n.t('changes.by', { name: lastBy.displayName })) : '';
    changes.push(i18n.t('changes.disposition', { disposition: i18n.t(`disposition.${after.disposition}`), note, by }));
  }
  if (before.status !== after.status && after.status === 'WITHDRAWN') changes.push(i18n.t('changes.withdrew'));
  else if (before.revision !== after.revision) changes.push(i18n.t('changes.edited'));
  if (changes.length === 0) changes.push(i18n.t('changes.someone'));
  return changes;
}
