import { type Actor, isStaff } from '@tripartite/common';

/** Delegates' email addresses are personal data: only the user, the secretariat and admins read them. */
export function mayReadEmail(viewer: Actor | null | undefined, userId: string): boolean {
  return !!viewer && (viewer.userId === userId || isStaff(viewer));
}
