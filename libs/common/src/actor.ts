import type { ConstituentGroup, Role } from '@tripartite/domain';

/** What a board link lets its holder do: read one meeting's board, nothing else. */
export interface BoardScope {
  linkId: string;
  meetingId: string;
  expiresAt: Date;
}

/**
 * Who is acting: a signed-in user; the system is `null`. A room's board link acts too, with no roles, no user
 * (its userId is the link's id, which names no user) and its `board` scope: only the operations declared
 * @BoardReadable accept it, and the meetings' reads let it see its own meeting only.
 */
export interface Actor {
  userId: string;
  roles: Role[];
  organizationId: string | null;
  group: ConstituentGroup | null;
  board?: BoardScope;
}

export function hasRole(actor: Actor | null | undefined, ...roles: Role[]): boolean {
  return !!actor && actor.roles.some((r) => roles.includes(r));
}

export function isStaff(actor: Actor | null | undefined): boolean {
  return hasRole(actor, 'SECRETARIAT', 'ADMIN');
}
