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
  /** An admin's edit: only what changed, each as { from, to } (organizationId and language null: none). */
  'user.updated': event<{
    displayName?: { from: string; to: string };
    organizationId?: { from: string | null; to: string | null };
    language?: { from: Language | null; to: Language | null };
  }>('User', ['live']),
  /** Signing in is allowed again; the sessions ended at deactivation stay ended. */
  'user.reactivated': event<{ reason: string | null }>('User', ['live']),
  /** An admin's edit of the name or country code: only what changed. The group never changes (comments and seats keep theirs). */
  'organization.updated': event<{ name?: { from: string; to: string }; countryCode?: { from: string | null; to: string | null } }>('Organization'),
  'user.rolesChanged': event<{ from: Role[]; to: Role[] }>('User', ['live']),
  /** The user's own choice of language (`from` null: never chosen before). */
  'user.languageChanged': event<{ from: Language | null; to: Language }>('User', ['live']),
  /** The language of the members who never chose one (null: none, so English). */
  'organization.defaultLanguageChanged': event<{ from: Language | null; to: Language | null }>('Organization', ['live']),
  'session.refreshTokenReused': event<{ sessionId: string }>('User', ['live']),
} as const;
