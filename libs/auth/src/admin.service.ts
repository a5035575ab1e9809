import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Actor, AppError, FieldErrors, isUuid } from '@tripartite/common';
import { CAPACITY, CONSTITUENT_GROUPS, capacityMessage, ROLES, type ConstituentGroup, type Role } from '@tripartite/domain';
import { PG_UNIQUE_VIOLATION, Transactions, pgCode, pgConstraint } from '@tripartite/database';
import { AuditService } from '@tripartite/audit';
import { hashPassword } from './password';
import { OrganizationEntity } from './organization.entity';
import { SessionPrincipals } from './session-principals';
import { SessionsService } from './sessions.service';
import { UserEntity } from './user.entity';

export interface CreateUserData {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
  organizationId?: string | null;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const MAX_DEACTIVATION_REASON = 500;
// PostgreSQL text cannot hold NUL; other control characters have no place in names either.
const CONTROL = /[\u0000-\u001f\u007f]/;

@Injectable()
export class AdminService {
  private readonly logger = new Logger(AdminService.name);

  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    private readonly sessions: SessionsService,
    private readonly principals: SessionPrincipals,
  ) {}

  listOrganizations(group?: ConstituentGroup | null): Promise<OrganizationEntity[]> {
    return this.organizations.find({ where: group ? { group } : {}, order: { group: 'ASC', name: 'ASC' } });
  }

  organizationsByIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    return this.organizations.findBy({ id: In([...ids]) });
  }

  usersByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.users.findBy({ id: In([...ids]) });
  }

  async getUser(id: string): Promise<UserEntity> {
    const user = isUuid(id) ? await this.users.findOneBy({ id }) : null;
    if (!user) throw AppError.notFound('User', id);
    return user;
  }

  async createOrganization(actor: Actor | null, input: { name: string; group: ConstituentGroup; countryCode?: string | null }): Promise<OrganizationEntity> {
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
      const nameTaken = await this.organizations.createQueryBuilder('o').where('lower(o.name) = lower(:name)', { name }).getExists();
      errors.check(!nameTaken, 'name', 'is already taken');
    }
    if (input.group === 'GOVERNMENT' && countryCode && /^[A-Z]{2}$/.test(countryCode)) {
      const countryTaken = await this.organizations.existsBy({ group: 'GOVERNMENT', countryCode });
      errors.check(!countryTaken, 'countryCode', 'already has a government');
    }
    const organizations = await this.organizations.count();
    errors.check(organizations < CAPACITY.organizations, 'name', `the system ${capacityMessage(CAPACITY.organizations, 'organizations')}`);
    errors.throwIfAny();
    try {
      return await this.tx.run(async ({ em }) => {
        const org = await em.save(em.create(OrganizationEntity, { name, group: input.group, countryCode }));
        await this.audit.record(em, actor, 'organization.created', 'Organization', org.id, { name, group: org.group, countryCode });
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

  async createUser(actor: Actor | null, input: CreateUserData): Promise<UserEntity> {
    const email = input.email.trim();
    const displayName = input.displayName.trim();
    const roles = [...new Set(input.roles)];
    const errors = new FieldErrors()
      .check(EMAIL.test(email) && email.length <= 320 && !CONTROL.test(email), 'email', 'must be an email address')
      .check(displayName.length >= 1 && displayName.length <= 200, 'displayName', 'must be 1 to 200 characters')
      .check(!CONTROL.test(displayName), 'displayName', 'may not contain control characters')
      .check(input.password.length >= 12, 'password', 'must be at least 12 characters')
      .check(input.password.length <= 1024, 'password', 'must be at most 1024 characters')
      .check(roles.length > 0 && roles.every((r) => ROLES.includes(r)), 'roles', 'must name at least one role');
    let organization: OrganizationEntity | null = null;
    if (input.organizationId) {
      organization = isUuid(input.organizationId) ? await this.organizations.findOneBy({ id: input.organizationId }) : null;
      errors.check(!!organization, 'organizationId', 'names no organization');
    } else {
      errors.check(!roles.includes('CONSTITUENT'), 'organizationId', 'is required for a CONSTITUENT');
    }
    if (EMAIL.test(email) && !CONTROL.test(email)) {
      const taken = await this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getExists();
      errors.check(!taken, 'email', 'is already registered');
    }
    errors.throwIfAny();
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.tx.run(async ({ em }) => {
        const saved = await em.save(em.create(UserEntity, { email, displayName, passwordHash, roles, organizationId: organization?.id ?? null }));
        await this.audit.record(em, actor, 'user.created', 'User', saved.id, {
          email,
          displayName,
          roles,
          organizationId: saved.organizationId,
        });
        const { passwordHash: _omit, ...user } = saved;
        return user as UserEntity;
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
  async deactivateUser(actor: Actor, userId: string, reason: string): Promise<UserEntity> {
    const text = reason.trim();
    new FieldErrors()
      .check(text.length >= 1 && text.length <= MAX_DEACTIVATION_REASON, 'reason', `must be 1 to ${MAX_DEACTIVATION_REASON} characters`)
      .check(!CONTROL.test(text), 'reason', 'may not contain control characters')
      .check(userId !== actor.userId, 'userId', 'you cannot deactivate yourself')
      .throwIfAny();
    const target = await this.getUser(userId);
    const changed = await this.tx.run(async ({ em }) => {
      const user = await this.lockForAdminChange(em, target.id);
      if (user.deactivatedAt) return null;
      await em.query(`UPDATE app_user SET deactivated_at = now(), deactivation_reason = $2 WHERE id = $1`, [user.id, text]);
      await this.assertAnAdminRemains(em, 'userId');
      const sessionsEnded = await this.sessions.endIn(em, { userId: user.id }, 'deactivated');
      await this.audit.record(em, actor, 'user.deactivated', 'User', user.id, { reason: text, sessionsEnded });
      return user.id;
    });
    if (changed) await this.principals.changed({ userId: changed });
    return this.getUser(target.id);
  }

  /**
   * Replaces a user's roles; every session of theirs acts with the new ones from the next request on (WebSockets
   * are closed to subscribe again under them). Never leaves the organization without an active admin.
   */
  async setUserRoles(actor: Actor, userId: string, roles: Role[]): Promise<UserEntity> {
    const wanted = ROLES.filter((r) => roles.includes(r));
    const errors = new FieldErrors().check(wanted.length > 0 && roles.every((r) => ROLES.includes(r)), 'roles', 'must name at least one role');
    const target = await this.getUser(userId);
    errors.check(!wanted.includes('CONSTITUENT') || !!target.organizationId, 'roles', 'CONSTITUENT needs the user to belong to an organization');
    errors.throwIfAny();
    const changed = await this.tx.run(async ({ em }) => {
      const user = await this.lockForAdminChange(em, target.id);
      const before = ROLES.filter((r) => user.roles.includes(r));
      if (before.join() === wanted.join()) return null;
      await em.query(`UPDATE app_user SET roles = $2 WHERE id = $1`, [user.id, wanted]);
      await this.assertAnAdminRemains(em, 'roles');
      await this.audit.record(em, actor, 'user.rolesChanged', 'User', user.id, { from: before, to: wanted });
      return user.id;
    });
    if (changed) await this.principals.changed({ userId: changed });
    return this.getUser(target.id);
  }

  /**
   * Locks the active admins (in one order, so two of these never deadlock) and then the user: two admins
   * demoting or deactivating each other at once take turns, and the second sees the first's change.
   */
  private async lockForAdminChange(em: EntityManager, userId: string): Promise<UserEntity> {
    await em.query(`SELECT id FROM app_user WHERE 'ADMIN' = ANY(roles) AND deactivated_at IS NULL ORDER BY id FOR UPDATE`);
    const [row]: { id: string; roles: Role[]; deactivated_at: Date | null }[] = await em.query(
      `SELECT id, roles, deactivated_at FROM app_user WHERE id = $1 FOR UPDATE`,
      [userId],
    );
    if (!row) throw AppError.notFound('User', userId);
    return { id: row.id, roles: row.roles, deactivatedAt: row.deactivated_at } as UserEntity;
  }

  private async assertAnAdminRemains(em: EntityManager, field: string): Promise<void> {
    const [{ n }]: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM app_user WHERE 'ADMIN' = ANY(roles) AND deactivated_at IS NULL`);
    if (n === 0) throw AppError.badInput([{ field, message: 'would leave no active administrator' }]);
  }

  /** ADMIN_EMAIL/ADMIN_PASSWORD: create the first admin when there is none. */
  async ensureFirstAdmin(email: string | undefined, password: string | undefined): Promise<void> {
    if (!email || !password) return;
    const admins = await this.users.createQueryBuilder('u').where(`'ADMIN' = ANY(u.roles)`).getCount();
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
