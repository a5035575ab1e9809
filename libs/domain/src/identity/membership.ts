// Who may hold which role where: the rules an administrator's edits of users and organizations follow.
import type { ConstituentGroup, Role } from '../enums';

export interface MembershipProblem {
  field: string;
  message: string;
}

/**
 * A constituent speaks for an organization, so a user with CONSTITUENT belongs to one; other roles may belong to
 * one or not. `field` names the input that would be at fault (roles when roles change, organizationId when it does).
 */
export function membershipProblems(roles: readonly Role[], organizationId: string | null, field: 'roles' | 'organizationId'): MembershipProblem[] {
  if (roles.includes('CONSTITUENT') && !organizationId)
    return [{ field, message: field === 'roles' ? 'CONSTITUENT needs the user to belong to an organization' : 'is required for a CONSTITUENT' }];
  return [];
}

/**
 * An organization's country code: an ISO 3166-1 alpha-2 code (upper case), required for a government and
 * optional for the others. Returns the clean code (or null) and what is wrong with it.
 */
export function checkCountryCode(group: ConstituentGroup, raw: string | null | undefined): { value: string | null; problems: MembershipProblem[] } {
  const value = raw?.trim().toUpperCase() || null;
  const valid = value !== null && /^[A-Z]{2}$/.test(value);
  if (group === 'GOVERNMENT' && !valid) return { value, problems: [{ field: 'countryCode', message: 'a government needs an ISO 3166-1 alpha-2 code' }] };
  if (value !== null && !valid) return { value, problems: [{ field: 'countryCode', message: 'must be an ISO 3166-1 alpha-2 code' }] };
  return { value, problems: [] };
}
