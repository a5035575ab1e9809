import { Actor, AppError, hasRole } from '@tripartite/common';

/** The secretariat, admins and observers read every meeting (and the system, actor null). */
export function readsEveryMeeting(actor: Actor | null): boolean {
  return actor === null || hasRole(actor, 'SECRETARIAT', 'ADMIN', 'OBSERVER');
}

/**
 * SQL: may the caller read meeting `m`? $all is readsEveryMeeting, $user the caller's id (null for the system):
 * otherwise only its participants and moderators.
 */
export function readerPredicate(m: string, allParam: string, userParam: string): string {
  return `(${allParam}::boolean
    OR EXISTS (SELECT 1 FROM meeting_participant rp WHERE rp.meeting_id = ${m}.id AND rp.user_id = ${userParam}::uuid)
    OR EXISTS (SELECT 1 FROM meeting_moderator rm WHERE rm.meeting_id = ${m}.id AND rm.user_id = ${userParam}::uuid))`;
}

export const readerParams = (actor: Actor | null): [boolean, string | null] => [readsEveryMeeting(actor), actor?.userId ?? null];

/** Only the meeting's moderators and the secretariat record anything in it. */
export function assertRecorder(actor: Actor, isModeratorOfMeeting: boolean): void {
  if (hasRole(actor, 'SECRETARIAT') || (hasRole(actor, 'MODERATOR') && isModeratorOfMeeting)) return;
  throw AppError.forbidden('Only the moderators of this meeting and the secretariat record in it');
}
