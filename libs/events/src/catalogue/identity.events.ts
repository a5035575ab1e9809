import type { ConstituentGroup, Language, Role } from '@tripartite/domain';
import { event } from '../event';

/**
 * Identity's writes that are audited: organizations, users, and what admins change of them; a refresh token used
 * twice ends its session. `live`: every api instance forgets the sessions the change makes stale (and closes their
 * WebSockets), after the commit. Sign-in, refresh and sign-out are not audited, and raise none.
 */
export const IDENTITY_EVENTS = {
  'organization.created': event<{ name: string; group: ConstituentGroup; countryCode: string | null }>('Organization'),
  'user.created': event<{ email: string; displayName: string; roles: Role[]; organizationId: string | null; language?: Language }>('User'),
  'user.deactivated': event<{ reason: string; sessionsEnded: number }>('User', ['live']),
  'user.rolesChanged': event<{ from: Role[]; to: Role[] }>('User', ['live']),
  /** The user's own choice of language (`from` null: never chosen before). */
  'user.languageChanged': event<{ from: Language | null; to: Language }>('User', ['live']),
  /** The language of the members who never chose one (null: none, so English). */
  'organization.defaultLanguageChanged': event<{ from: Language | null; to: Language | null }>('Organization', ['live']),
  'session.refreshTokenReused': event<{ sessionId: string }>('User', ['live']),
} as const;
