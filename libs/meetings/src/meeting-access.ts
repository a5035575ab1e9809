import { Actor, AppError, hasRole } from '@tripartite/common';
import type { Readers } from './repositories';

/** The secretariat, admins and observers read every meeting (and the system, actor null); a board link none but its own. */
export function readsEveryMeeting(actor: Actor | null): boolean {
  return actor === null || (!actor.board && hasRole(actor, 'SECRETARIAT', 'ADMIN', 'OBSERVER'));
}

/**
 * Who reads, as the repositories' reader predicate takes it: everyone else reads only the meetings they take part in or
 * moderate. A board link reads its own meeting only: `id` (the meeting or item asked for) must be of it, which the
 * callers check (mayReadMeetingAsBoard); here it matches no participant.
 */
export const readersOf = (actor: Actor | null): Readers => (actor?.board ? [false, null] : [readsEveryMeeting(actor), actor?.userId ?? null]);

/** A board link's meeting: the only one it reads (null: the actor is no board link). */
export const boardMeetingOf = (actor: Actor | null): string | null => actor?.board?.meetingId ?? null;

/** Only the meeting's moderators and the secretariat record anything in it. */
export function assertRecorder(actor: Actor, isModeratorOfMeeting: boolean): void {
  if (hasRole(actor, 'SECRETARIAT') || (hasRole(actor, 'MODERATOR') && isModeratorOfMeeting)) return;
  throw AppError.forbidden('Only the moderators of this meeting and the secretariat record in it');
}
