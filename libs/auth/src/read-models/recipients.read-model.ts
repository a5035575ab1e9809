import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { selectList } from '@tripartite/database';
import { effectiveLanguage, type Language } from '@tripartite/domain';
import { UserEntity } from '../user.entity';

/** A user a notification may reach: not deactivated, with the kinds they get no email for. */
export interface ActiveRecipient {
  id: string;
  emailOptOut: string[];
  /** The language their in-app text is written in (effectiveLanguage). */
  language: Language;
}

/** Where and how an email reaches a user, read when it is sent. */
export interface Mailbox {
  email: string;
  displayName: string;
  emailOptOut: string[];
  deactivated: boolean;
  /** Their roles: which page of the client an email links them to. */
  roles: string[];
  /** The language their email is written in (effectiveLanguage), as it stands when it is sent. */
  language: Language;
}

type WithLanguages<T> = Omit<T, 'language'> & { language: string | null; defaultLanguage: string | null };

const withLanguage = <T>({ language, defaultLanguage, ...row }: WithLanguages<T>) =>
  ({ ...row, language: effectiveLanguage(language, defaultLanguage) }) as unknown as T;

/**
 * What notifications read of users (who receives an event, where their email goes), in the caller's transaction
 * (`em`), and the one column of app_user they write: the user's own email preferences (email_opt_out).
 */
@Injectable()
export class NotificationRecipients {
  constructor(private readonly dataSource: DataSource) {}

  async secretariat(em: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT u.id FROM app_user u WHERE 'SECRETARIAT' = ANY(u.roles)`);
    return rows.map((r) => r.id);
  }

  /** The constituents (CONSTITUENT role) of these organizations. */
  async constituentsOf(em: EntityManager, organizationIds: readonly string[]): Promise<string[]> {
    if (!organizationIds.length) return [];
    const rows: { id: string }[] = await em.query(`SELECT u.id FROM app_user u WHERE u.organization_id = ANY($1::uuid[]) AND 'CONSTITUENT' = ANY(u.roles)`, [
      organizationIds,
    ]);
    return rows.map((r) => r.id);
  }

  /** Those of these users who are not deactivated (a deactivated user is told nothing), by id. */
  async active(em: EntityManager, userIds: readonly string[]): Promise<ActiveRecipient[]> {
    if (!userIds.length) return [];
    const rows: WithLanguages<ActiveRecipient>[] = await em.query(
      `SELECT u.id, u.email_opt_out AS "emailOptOut", u.language, o.default_language AS "defaultLanguage"
         FROM app_user u LEFT JOIN organization o ON o.id = u.organization_id
        WHERE u.id = ANY($1::uuid[]) AND u.deactivated_at IS NULL ORDER BY u.id`,
      [userIds],
    );
    return rows.map((r) => withLanguage<ActiveRecipient>(r));
  }

  /** The language a page addressed to the user is written in (effectiveLanguage); null when there is no such user. */
  async languageOf(em: EntityManager, userId: string): Promise<Language | null> {
    const [row]: { language: string | null; defaultLanguage: string | null }[] = await em.query(
      `SELECT u.language, o.default_language AS "defaultLanguage" FROM app_user u LEFT JOIN organization o ON o.id = u.organization_id WHERE u.id = $1`,
      [userId],
    );
    return row ? effectiveLanguage(row.language, row.defaultLanguage) : null;
  }

  async mailbox(em: EntityManager, userId: string): Promise<Mailbox | null> {
    const [row]: WithLanguages<Mailbox>[] = await em.query(
      `SELECT u.email, u.display_name AS "displayName", u.email_opt_out AS "emailOptOut", u.deactivated_at IS NOT NULL AS deactivated,
              u.roles, u.language, o.default_language AS "defaultLanguage"
         FROM app_user u LEFT JOIN organization o ON o.id = u.organization_id WHERE u.id = $1`,
      [userId],
    );
    return row ? withLanguage<Mailbox>(row) : null;
  }

  /** The user's email preferences, their row locked until the transaction ends (a one-click unsubscribe adds to them); null when there is none. */
  async lockEmailOptOut(em: EntityManager, userId: string): Promise<{ emailOptOut: string[]; roles: string[]; organizationId: string | null } | null> {
    const [row]: { emailOptOut: string[]; roles: string[]; organizationId: string | null }[] = await em.query(
      `SELECT u.email_opt_out AS "emailOptOut", u.roles, u.organization_id AS "organizationId" FROM app_user u WHERE u.id = $1 FOR UPDATE`,
      [userId],
    );
    return row ?? null;
  }

  /** Sets the kinds the user gets no email for; the user as now stored, null when there is none. */
  async setEmailOptOut(em: EntityManager, userId: string, kinds: readonly string[]): Promise<UserEntity | null> {
    const [[row]]: [UserEntity[]] = await em.query(
      `UPDATE app_user u SET email_opt_out = $2 WHERE u.id = $1 RETURNING ${selectList(this.dataSource, UserEntity, 'u')}`,
      [userId, kinds],
    );
    return row ?? null;
  }
}
