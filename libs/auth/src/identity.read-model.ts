import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@tripartite/common';

/**
 * What identity lets clients that write in people's names look up (the demo seed): whether anyone exists yet,
 * users as actors by email, organizations by name. Emails and names match whatever their case, as their unique
 * indexes do; results are keyed by the email or name given, and leave out those of nobody.
 */
@Injectable()
export class IdentityReadModel {
  constructor(private readonly dataSource: DataSource) {}

  async hasUsers(): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM app_user LIMIT 1`);
    return !!row;
  }

  async actorsByEmail(emails: readonly string[]): Promise<Map<string, Actor>> {
    const rows: (Actor & { email: string })[] = await this.dataSource.query(
      `SELECT e.email, u.id AS "userId", u.roles, u.organization_id AS "organizationId", o."group"
         FROM unnest($1::text[]) AS e(email)
         JOIN app_user u ON lower(u.email) = lower(e.email)
         LEFT JOIN organization o ON o.id = u.organization_id`,
      [[...new Set(emails)]],
    );
    return new Map(rows.map(({ email, ...actor }) => [email, actor]));
  }

  async organizationIdsByName(names: readonly string[]): Promise<Map<string, string>> {
    const rows: { name: string; id: string }[] = await this.dataSource.query(
      `SELECT n.name, o.id FROM unnest($1::text[]) AS n(name) JOIN organization o ON lower(o.name) = lower(n.name)`,
      [[...new Set(names)]],
    );
    return new Map(rows.map((r) => [r.name, r.id]));
  }
}
