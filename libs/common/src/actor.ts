import type { ConstituentGroup, Role } from '@tripartite/domain';

/** Who is acting: a signed-in user; the system is `null`. */
export interface Actor {
  userId: string;
  roles: Role[];
  organizationId: string | null;
  group: ConstituentGroup | null;
}

export function hasRole(actor: Actor | null | undefined, ...roles: Role[]): boolean {
  return !!actor && actor.roles.some((r) => roles.includes(r));
}

export function isStaff(actor: Actor | null | undefined): boolean {
  return hasRole(actor, 'SECRETARIAT', 'ADMIN');
}
