import { Actor, AppError, hasRole } from '@tripartite/common';
import type { Readers } from './repositories';

/** The secretariat, admins and observers read every meeting (and the system, actor null). */
export function readsEveryMeeting(actor: Actor | null): boolean {
  return actor === null || hasRole(actor, 'SECRETARIAT', 'ADMIN', 'OBSERVER');
}

/** Who reads, as the repositories' reader predicate takes it: everyone else reads only the meetings they take part in or moderate. */
export const readersOf = (actor: Actor | null): Readers => [readsEveryMeeting(actor), actor?.userId ?? null];

/** Only the meeting's moderators and the secretariat record anything in it. */
export function assertRecorder(actor: Actor, isModeratorOfMeeting: boolean): void {
  if (hasRole(actor, 'SECRETARIAT') || (hasRole(actor, 'MODERATOR') && isModeratorOfMeeting)) return;
  throw AppError.forbidden('Only the moderators of this meeting and the secretariat record in it');
}
