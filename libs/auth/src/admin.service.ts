import { Injectable, Logger } from '@nestjs/common';
import { Actor, AppError, FieldErrors, isUuid } from '@tripartite/common';
import {
  CAPACITY,
  checkCountryCode,
  membershipProblems,
  CONSTITUENT_GROUPS,
  LANGUAGES,
  capacityMessage,
  isLanguage,
  ROLES,
  type ConstituentGroup,
  type Language,
  type Role,
} from '@tripartite/domain';
import { PG_UNIQUE_VIOLATION, Transactions, Tx, pgCode, pgConstraint } from '@tripartite/database';
import { EventBus } from '@tripartite/events';
import { hashPassword } from './password';
import { FoundUser, LockedUser, OrganizationRepository, OrganizationRow, UserRepository, UserRow } from './repositories';
import { SessionsService } from './sessions.service';

export interface CreateUserData {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
  organizationId?: string | null;
  /** The user's own language; unset: their organization's default, else English. */
  language?: Language | null;
}

/** What an admin changes of a user: undefined leaves a field as it is; null clears the organization or the language. */
export interface UpdateUserData {
  displayName?: string | null;
  organizationId?: string | null;
  language?: Language | null;
}

export interface UserSearchInput {
  search?: string | null;
  organizationId?: string | null;
  role?: Role | null;
  first: number;
  after?: string | null;
}

export interface UserPage {
  users: (UserRow & { cursor: string })[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

const MAX_SEARCH = 200;

function encodeCursor(user: FoundUser): string {
  return Buffer.from(JSON.stringify([user.sortName, user.id])).toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && isUuid(value[1]))
      return { name: value[0], id: value[1] };
  } catch {
    // not one of ours
  }
  return null;
}

const LANGUAGE_LIST = LANGUAGES.join(', ');

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const MAX_DEACTIVATION_REASON = 500;
// PostgreSQL text cannot hold NUL; other control characters have no place in names either.
const CONTROL = /[\u0000-\u001f\u007f]/;

@Injectable()
export class AdminService {
  private readonly logger = new Logger(AdminService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly users: UserRepository,
    private readonly organizations: OrganizationRepository,
    private readonly sessions: SessionsService,
  ) {}

  listOrganizations(group?: ConstituentGroup | null): Promise<OrganizationRow[]> {
    return this.organizations.list(group);
  }

  organizationsByIds(ids: readonly string[]): Promise<OrganizationRow[]> {
    return this.organizations.byIds(ids);
  }

  usersByIds(ids: readonly string[]): Promise<UserRow[]> {
    return this.users.byIds(ids);
  }

  /**
   * A page of users by display name, for the people who manage them (ADMIN) and the secretariat (which seats them
   * in meetings); `search` matches part of the name or the email, any case. Keyset-paged (`after`: a page's endCursor).
   */
  async searchUsers(input: UserSearchInput): Promise<UserPage> {
    const text = input.search?.trim() || null;
    const after = input.after ? decodeCursor(input.after) : null;
    new FieldErrors()
      .check(!text || text.length <= MAX_SEARCH, 'search', `must be at most ${MAX_SEARCH} characters`)
      .check(!text || !CONTROL.test(text), 'search', 'may not contain control characters')
      .check(!input.after || after !== null, 'after', 'is not a cursor of this list')
      .check(!input.organizationId || isUuid(input.organizationId), 'organizationId', 'names no organization')
      .check(!input.role || ROLES.includes(input.role), 'role', 'is not a role')
      .throwIfAny();
    const { rows, total } = await this.users.search({
      text,
      organizationId: input.organizationId ?? null,
      role: input.role ?? null,
      after,
      limit: input.first + 1,
    });
    const page = rows.slice(0, input.first);
    const users = page.map(({ sortName: _sortName, ...user }, i) => ({ ...user, cursor: encodeCursor(page[i]) }));
    return { users, hasNextPage: rows.length > input.first, endCursor: users.at(-1)?.cursor ?? null, totalCount: total };
  }

  /**
   * An admin's edit of a user's display name, organization and language (null: their organization's default).
   * The email is not changed here: it is how the person signs in and where their notices go, and nothing here can
   * prove a new address is theirs. Moving a constituent to another organization changes whom they speak for from
   * the next request on (their comments stay their old organization's). Audited with what changed.
   */
  async updateUser(actor: Actor, userId: string, input: UpdateUserData): Promise<UserRow> {
    const errors = new FieldErrors();
    const displayName = input.displayName == null ? undefined : input.displayName.trim();
    if (input.displayName === null) errors.add('displayName', 'must be 1 to 200 characters');
    if (displayName !== undefined)
      errors
        .check(displayName.length >= 1 && displayName.length <= 200, 'displayName', 'must be 1 to 200 characters')
        .check(!CONTROL.test(displayName), 'displayName', 'may not contain control characters');
    errors.check(input.language == null || isLanguage(input.language), 'language', `must be one of ${LANGUAGE_LIST}, or null`);
    if (input.organizationId) {
      const organization = isUuid(input.organizationId) ? await this.organizations.get(input.organizationId) : null;
      errors.check(!!organization, 'organizationId', 'names no organization');
    }
    errors.throwIfAny();
    const target = await this.getUser(userId);
    await this.tx.run(async (tx) => {
      const user = await this.users.lockForUpdate(tx, target.id);
      if (!user) throw AppError.notFound('User', target.id);
      const data: Record<string, { from: unknown; to: unknown }> = {};
      const changes: { displayName?: string; organizationId?: string | null; language?: Language | null } = {};
      if (displayName !== undefined && displayName !== user.displayName) {
        changes.displayName = displayName;
        data.displayName = { from: user.displayName, to: displayName };
      }
      if (input.organizationId !== undefined && (input.organizationId ?? null) !== user.organizationId) {
        changes.organizationId = input.organizationId ?? null;
        data.organizationId = { from: user.organizationId, to: changes.organizationId };
        new FieldErrors().addAll(membershipProblems(user.roles, changes.organizationId, 'organizationId')).throwIfAny();
      }
      if (input.language !== undefined && (input.language ?? null) !== user.language) {
        changes.language = input.language ?? null;
        data.language = { from: user.language, to: changes.language };
      }
      if (Object.keys(data).length === 0) return;
      await this.users.update(tx, user.id, changes);
      await this.events.raise(tx, { name: 'user.updated', actor, entityId: user.id, data: data as never });
    });
    return this.getUser(target.id);
  }

  /** Lets a deactivated user sign in again (the sessions ended then stay ended). Asking again changes nothing. Audited. */
  async reactivateUser(actor: Actor, userId: string): Promise<UserRow> {
    const target = await this.getUser(userId);
    await this.tx.run(async (tx) => {
      const user = await this.users.lockForUpdate(tx, target.id);
      if (!user) throw AppError.notFound('User', target.id);
      if (!user.deactivatedAt) return;
      await this.users.reactivate(tx, user.id);
      await this.events.raise(tx, { name: 'user.reactivated', actor, entityId: user.id, data: { reason: user.deactivationReason } });
    });
    return this.getUser(target.id);
  }

  /**
   * An admin's edit of an organization's name and country code. Its group is fixed: comments, seats at meetings
   * and the paper's counts record the group an organization spoke for. Audited with what changed.
   */
  async updateOrganization(actor: Actor, organizationId: string, input: { name?: string | null; countryCode?: string | null }): Promise<OrganizationRow> {
    const org = isUuid(organizationId) ? await this.organizations.get(organizationId) : null;
    if (!org) throw AppError.notFound('Organization', organizationId);
    const name = input.name == null ? org.name : input.name.trim();
    const errors = new FieldErrors()
      .check(name.length >= 1 && name.length <= 300, 'name', 'must be 1 to 300 characters')
      .check(!CONTROL.test(name), 'name', 'may not contain control characters');
    const countryCode = input.countryCode === undefined ? org.countryCode : errors.take(checkCountryCode(org.group, input.countryCode));
    if (name && !CONTROL.test(name) && name.toLowerCase() !== org.name.toLowerCase())
      errors.check(!(await this.organizations.nameTakenByOther(name, org.id)), 'name', 'is already taken');
    if (org.group === 'GOVERNMENT' && countryCode && countryCode !== org.countryCode)
      errors.check(!(await this.organizations.governmentExistsOther(countryCode, org.id)), 'countryCode', 'already has a government');
    errors.throwIfAny();
    try {
      await this.tx.run(async (tx) => {
        const locked = await this.organizations.lockForUpdate(tx, org.id);
        if (!locked) throw AppError.notFound('Organization', org.id);
        const data: { name?: { from: string; to: string }; countryCode?: { from: string | null; to: string | null } } = {};
        if (name !== locked.name) data.name = { from: locked.name, to: name };
        if (countryCode !== locked.countryCode) data.countryCode = { from: locked.countryCode, to: countryCode };
        if (!data.name && !data.countryCode) return;
        await this.organizations.rename(tx, locked.id, name, countryCode);
        await this.events.raise(tx, { name: 'organization.updated', actor, entityId: locked.id, data });
      });
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION) {
        throw AppError.badInput([
          pgConstraint(error) === 'organization_country_key'
            ? { field: 'countryCode', message: 'already has a government' }
            : { field: 'name', message: 'is already taken' },
        ]);
      }
      throw error;
    }
    const [after] = await this.organizations.byIds([org.id]);
    return after;
  }

  async getUser(id: string): Promise<UserRow> {
    const user = isUuid(id) ? await this.users.get(id) : null;
    if (!user) throw AppError.notFound('User', id);
    return user;
  }

  async createOrganization(actor: Actor | null, input: { name: string; group: ConstituentGroup; countryCode?: string | null }): Promise<OrganizationRow> {
    const name = input.name.trim();
    const countryCode = input.countryCode?.trim().toUpperCase() || null;
    const errors = new FieldErrors()
      .check(name.length >= 1 && name.length <= 300, 'name', 'must be 1 to 300 characters')
      .check(!CONTROL.test(name), 'name', 'may not contain control characters')
      .check(CONSTITUENT_GROUPS.includes(input.group), 'group', 'is not a constituent group');
    if (input.group === 'GOVERNMENT')
      errors.check(!!countryCode && /^[A-Z]{2}$/.test(countryCode), 'countryCode', 'a government needs an ISO 3166-1 alpha-2 code');
    else errors.check(countryCode === null || /^[A-Z]{2}$/.test(countryCode), 'countryCode', 'must be an ISO 3166-1 alpha-2 code');
    // Checked up front so they are reported with the other problems; the unique indexes still decide races.
    if (name && !CONTROL.test(name)) {
      const nameTaken = await this.organizations.nameTaken(name);
      errors.check(!nameTaken, 'name', 'is already taken');
    }
    if (input.group === 'GOVERNMENT' && countryCode && /^[A-Z]{2}$/.test(countryCode)) {
      const countryTaken = await this.organizations.governmentExists(countryCode);
      errors.check(!countryTaken, 'countryCode', 'already has a government');
    }
    const organizations = await this.organizations.count();
    errors.check(organizations < CAPACITY.organizations, 'name', `the system ${capacityMessage(CAPACITY.organizations, 'organizations')}`);
    errors.throwIfAny();
    try {
      return await this.tx.run(async (tx) => {
        const org = await this.organizations.insert(tx, { name, group: input.group, countryCode });
        await this.events.raise(tx, { name: 'organization.created', actor, entityId: org.id, data: { name, group: org.group, countryCode } });
        return org;
      });
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION) {
        throw AppError.badInput([
          pgConstraint(error) === 'organization_country_key'
            ? { field: 'countryCode', message: 'already has a government' }
            : { field: 'name', message: 'is already taken' },
        ]);
      }
      throw error;
    }
  }

  async createUser(actor: Actor | null, input: CreateUserData): Promise<UserRow> {
    const email = input.email.trim();
    const displayName = input.displayName.trim();
    const roles = [...new Set(input.roles)];
    const errors = new FieldErrors()
      .check(EMAIL.test(email) && email.length <= 320 && !CONTROL.test(email), 'email', 'must be an email address')
      .check(displayName.length >= 1 && displayName.length <= 200, 'displayName', 'must be 1 to 200 characters')
      .check(!CONTROL.test(displayName), 'displayName', 'may not contain control characters')
      .check(input.password.length >= 12, 'password', 'must be at least 12 characters')
      .check(input.password.length <= 1024, 'password', 'must be at most 1024 characters')
      .check(roles.length > 0 && roles.every((r) => ROLES.includes(r)), 'roles', 'must name at least one role')
      .check(input.language == null || isLanguage(input.language), 'language', `must be one of ${LANGUAGE_LIST}`);
    let organization: OrganizationRow | null = null;
    if (input.organizationId) {
      organization = isUuid(input.organizationId) ? await this.organizations.get(input.organizationId) : null;
      errors.check(!!organization, 'organizationId', 'names no organization');
    } else {
      errors.check(!roles.includes('CONSTITUENT'), 'organizationId', 'is required for a CONSTITUENT');
    }
    if (EMAIL.test(email) && !CONTROL.test(email)) {
      const taken = await this.users.emailTaken(email);
      errors.check(!taken, 'email', 'is already registered');
    }
    errors.throwIfAny();
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.tx.run(async (tx) => {
        const user = await this.users.insert(tx, {
          email,
          displayName,
          passwordHash,
          roles,
          organizationId: organization?.id ?? null,
          language: input.language ?? null,
        });
        await this.events.raise(tx, {
          name: 'user.created',
          actor,
          entityId: user.id,
          // The language only when one was chosen: a user created without one follows their organization.
          data: { email, displayName, roles, organizationId: user.organizationId, ...(user.language ? { language: user.language } : {}) },
        });
        return user;
      });
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION) throw AppError.badInput([{ field: 'email', message: 'is already registered' }]);
      throw error;
    }
  }

  /**
   * Ends a user's access at once: every session of theirs ends (on every api instance, open WebSockets closed),
   * and they can no longer sign in. Not yourself (someone must be left to undo mistakes, and an admin who wants
   * out signs out); never the last active admin. Asking again changes nothing.
   */
  async deactivateUser(actor: Actor, userId: string, reason: string): Promise<UserRow> {
    const text = reason.trim();
    new FieldErrors()
      .check(text.length >= 1 && text.length <= MAX_DEACTIVATION_REASON, 'reason', `must be 1 to ${MAX_DEACTIVATION_REASON} characters`)
      .check(!CONTROL.test(text), 'reason', 'may not contain control characters')
      .check(userId !== actor.userId, 'userId', 'you cannot deactivate yourself')
      .throwIfAny();
    const target = await this.getUser(userId);
    // Its event's subscriber announces the change to every instance once it has committed.
    await this.tx.run(async (tx) => {
      const user = await this.lockForAdminChange(tx, target.id);
      if (user.deactivatedAt) return;
      await this.users.deactivate(tx, user.id, text);
      await this.assertAnAdminRemains(tx, 'userId');
      const sessionsEnded = await this.sessions.endIn(tx, { userId: user.id }, 'deactivated');
      await this.events.raise(tx, { name: 'user.deactivated', actor, entityId: user.id, data: { reason: text, sessionsEnded } });
    });
    return this.getUser(target.id);
  }

  /**
   * Replaces a user's roles; every session of theirs acts with the new ones from the next request on (WebSockets
   * are closed to subscribe again under them). Never leaves the organization without an active admin.
   */
  async setUserRoles(actor: Actor, userId: string, roles: Role[]): Promise<UserRow> {
    const wanted = ROLES.filter((r) => roles.includes(r));
    const errors = new FieldErrors().check(wanted.length > 0 && roles.every((r) => ROLES.includes(r)), 'roles', 'must name at least one role');
    const target = await this.getUser(userId);
    errors.addAll(membershipProblems(wanted, target.organizationId, 'roles'));
    errors.throwIfAny();
    await this.tx.run(async (tx) => {
      const user = await this.lockForAdminChange(tx, target.id);
      const before = ROLES.filter((r) => user.roles.includes(r));
      if (before.join() === wanted.join()) return;
      await this.users.setRoles(tx, user.id, wanted);
      await this.assertAnAdminRemains(tx, 'roles');
      await this.events.raise(tx, { name: 'user.rolesChanged', actor, entityId: user.id, data: { from: before, to: wanted } });
    });
    return this.getUser(target.id);
  }

  /**
   * The caller's own language, for their pages and emails from the next request on, on every api instance (the
   * event's subscriber drops the cached sessions). Choosing the language already chosen changes nothing.
   */
  async setMyLanguage(actor: Actor, language: Language): Promise<UserRow> {
    new FieldErrors().check(isLanguage(language), 'language', `must be one of ${LANGUAGE_LIST}`).throwIfAny();
    await this.tx.run(async (tx) => {
      const changed = await this.users.setLanguage(tx, actor.userId, language);
      if (!changed) throw AppError.notFound('User', actor.userId);
      if (changed.before === language) return;
      await this.events.raise(tx, { name: 'user.languageChanged', actor, entityId: actor.userId, data: { from: changed.before, to: language } });
    });
    return this.getUser(actor.userId);
  }

  /** The language of the organization's members who never chose one (null: none, so English). Audited; in effect at the next request. */
  async setOrganizationDefaultLanguage(actor: Actor, organizationId: string, language: Language | null): Promise<OrganizationRow> {
    new FieldErrors().check(language === null || isLanguage(language), 'language', `must be one of ${LANGUAGE_LIST}, or null`).throwIfAny();
    const org = isUuid(organizationId) ? await this.organizations.get(organizationId) : null;
    if (!org) throw AppError.notFound('Organization', organizationId);
    await this.tx.run(async (tx) => {
      const changed = await this.organizations.setDefaultLanguage(tx, org.id, language);
      if (!changed) throw AppError.notFound('Organization', org.id);
      if (changed.before === language) return;
      await this.events.raise(tx, {
        name: 'organization.defaultLanguageChanged',
        actor,
        entityId: org.id,
        data: { from: changed.before, to: language },
      });
    });
    const [after] = await this.organizations.byIds([org.id]);
    return after;
  }

  /**
   * Locks the active admins (in one order, so two of these never deadlock) and then the user: two admins
   * demoting or deactivating each other at once take turns, and the second sees the first's change.
   */
  private async lockForAdminChange(tx: Tx, userId: string): Promise<LockedUser> {
    const user = await this.users.lockForAdminChange(tx, userId);
    if (!user) throw AppError.notFound('User', userId);
    return user;
  }

  private async assertAnAdminRemains(tx: Tx, field: string): Promise<void> {
    if ((await this.users.countActiveAdmins(tx)) === 0) throw AppError.badInput([{ field, message: 'would leave no active administrator' }]);
  }

  /** ADMIN_EMAIL/ADMIN_PASSWORD: create the first admin when there is none. */
  async ensureFirstAdmin(email: string | undefined, password: string | undefined): Promise<void> {
    if (!email || !password) return;
    const admins = await this.users.countAdmins();
    if (admins > 0) return;
    try {
      await this.createUser(null, { email, displayName: 'Administrator', password, roles: ['ADMIN'] });
      this.logger.log(`Created the first admin ${email}`);
    } catch (error) {
      // Another instance created it at the same moment.
      if (!(error instanceof AppError)) throw error;
    }
  }
}
