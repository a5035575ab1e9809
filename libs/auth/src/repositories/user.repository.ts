import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { Language, Role } from '@tripartite/domain';
import { UserEntity } from '../user.entity';

/** A user as every read but the sign-in's gives it: without passwordHash (select: false). */
export type UserRow = UserEntity;

/** The sign-in's lookup: the one read of the password hash. */
export type LoginUserRow = UserRow & { passwordHash: string };

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  organizationId: string | null;
  language: Language | null;
}

/** What an admin change reads of the user it locks. */
export interface LockedUser {
  id: string;
  roles: Role[];
  deactivatedAt: Date | null;
}

/** What an admin's search of users asks for; the keyset is the last row of the previous page. */
export interface UserSearch {
  /** Part of the display name or email, any case. */
  text: string | null;
  organizationId: string | null;
  role: Role | null;
  after: { name: string; id: string } | null;
  limit: number;
}

/** A user of a search page, with the key of its place in the order (lower(display_name), id). */
export type FoundUser = UserRow & { sortName: string };

/** What an admin may change of a user in one go (undefined: unchanged). */
export interface UserChanges {
  displayName?: string;
  organizationId?: string | null;
  language?: Language | null;
}

/** The app_user table. */
@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, UserEntity, alias);
  }

  async get(id: string): Promise<UserRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${this.columns('u')} FROM app_user u WHERE u.id = $1`, [id]);
    return row ?? null;
  }

  byIds(ids: readonly string[]): Promise<UserRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('u')} FROM app_user u WHERE u.id = ANY($1::uuid[])`, [ids]);
  }

  /** By an email already trimmed and lower-cased, with the password hash. */
  async forLogin(normalizedEmail: string): Promise<LoginUserRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${this.columns('u')}, u.password_hash AS "passwordHash" FROM app_user u WHERE lower(u.email) = $1`, [
      normalizedEmail,
    ]);
    return row ?? null;
  }

  /** Whether a user has this email, whatever its case (app_user_email_key decides races). */
  async emailTaken(email: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM app_user u WHERE lower(u.email) = lower($1) LIMIT 1`, [email]);
    return !!row;
  }

  /** Admins, active or not. */
  async countAdmins(): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM app_user u WHERE 'ADMIN' = ANY(u.roles)`);
    return n;
  }

  /** The created user, without its password hash. */
  async insert(tx: Tx, row: NewUser): Promise<UserRow> {
    const [created]: UserRow[] = await tx.em.query(
      `INSERT INTO app_user (email, display_name, password_hash, roles, organization_id, language) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING ${this.columns('app_user')}`,
      [row.email, row.displayName, row.passwordHash, row.roles, row.organizationId, row.language],
    );
    return created;
  }

  /**
   * Locks the active admins (in one order, so two admin changes never deadlock) and then the user: two admins
   * demoting or deactivating each other at once take turns, and the second sees the first's change.
   */
  async lockForAdminChange(tx: Tx, userId: string): Promise<LockedUser | null> {
    await tx.em.query(`SELECT id FROM app_user WHERE 'ADMIN' = ANY(roles) AND deactivated_at IS NULL ORDER BY id FOR UPDATE`);
    const [row]: LockedUser[] = await tx.em.query(`SELECT id, roles, deactivated_at AS "deactivatedAt" FROM app_user WHERE id = $1 FOR UPDATE`, [userId]);
    return row ?? null;
  }

  /** A page of users by display name (then id), with how many match in all. LIKE's wildcards in `text` match themselves. */
  async search(q: UserSearch): Promise<{ rows: FoundUser[]; total: number }> {
    const pattern = q.text ? `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = `($1::text IS NULL OR u.display_name ILIKE $1 OR u.email ILIKE $1)
        AND ($2::uuid IS NULL OR u.organization_id = $2) AND ($3::text IS NULL OR $3 = ANY(u.roles))`;
    const rows: FoundUser[] = await this.dataSource.query(
      `SELECT ${this.columns('u')}, lower(u.display_name) AS "sortName" FROM app_user u
        WHERE ${where} AND ($4::text IS NULL OR (lower(u.display_name), u.id) > ($4, $5::uuid))
        ORDER BY lower(u.display_name), u.id LIMIT ${Number(q.limit)}`,
      [pattern, q.organizationId, q.role, q.after?.name ?? null, q.after?.id ?? null],
    );
    const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM app_user u WHERE ${where}`, [
      pattern,
      q.organizationId,
      q.role,
    ]);
    return { rows, total: n };
  }

  /** The user locked, as an edit reads it first; null when there is none. */
  async lockForUpdate(tx: Tx, userId: string): Promise<UserRow | null> {
    const [row] = await tx.em.query(`SELECT ${this.columns('u')} FROM app_user u WHERE u.id = $1 FOR UPDATE`, [userId]);
    return row ?? null;
  }

  async update(tx: Tx, userId: string, changes: UserChanges): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [userId];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (changes.displayName !== undefined) set('display_name', changes.displayName);
    if (changes.organizationId !== undefined) set('organization_id', changes.organizationId);
    if (changes.language !== undefined) set('language', changes.language);
    if (sets.length) await tx.em.query(`UPDATE app_user SET ${sets.join(', ')} WHERE id = $1`, values);
  }

  async reactivate(tx: Tx, userId: string): Promise<void> {
    await tx.em.query(`UPDATE app_user SET deactivated_at = NULL, deactivation_reason = NULL WHERE id = $1`, [userId]);
  }

  async countActiveAdmins(tx: Tx): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.em.query(`SELECT count(*)::int AS n FROM app_user WHERE 'ADMIN' = ANY(roles) AND deactivated_at IS NULL`);
    return n;
  }

  async deactivate(tx: Tx, userId: string, reason: string): Promise<void> {
    await tx.em.query(`UPDATE app_user SET deactivated_at = now(), deactivation_reason = $2 WHERE id = $1`, [userId, reason]);
  }

  async setRoles(tx: Tx, userId: string, roles: Role[]): Promise<void> {
    await tx.em.query(`UPDATE app_user SET roles = $2 WHERE id = $1`, [userId, roles]);
  }

  /** Sets the user's own language, the row locked first; the choice it had before, undefined when there is no such user. */
  async setLanguage(tx: Tx, userId: string, language: Language): Promise<{ before: Language | null } | undefined> {
    // An UPDATE answers [rows, count].
    const [[row]]: [{ before: Language | null }[], number] = await tx.em.query(
      `UPDATE app_user u SET language = $2 FROM (SELECT id, language FROM app_user WHERE id = $1 FOR UPDATE) old
        WHERE u.id = old.id RETURNING old.language AS before`,
      [userId, language],
    );
    return row;
  }
}
