import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { ConstituentGroup, Language } from '@tripartite/domain';
import { OrganizationEntity } from '../organization.entity';

export type OrganizationRow = OrganizationEntity;

export interface NewOrganization {
  name: string;
  group: ConstituentGroup;
  countryCode: string | null;
}

/** The organization table. */
@Injectable()
export class OrganizationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, OrganizationEntity, alias);
  }

  /** By group, then name; every group when none is given. */
  list(group?: ConstituentGroup | null): Promise<OrganizationRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('o')} FROM organization o WHERE ($1::text IS NULL OR o."group" = $1) ORDER BY o."group", o.name`, [
      group ?? null,
    ]);
  }

  async get(id: string): Promise<OrganizationRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${this.columns('o')} FROM organization o WHERE o.id = $1`, [id]);
    return row ?? null;
  }

  byIds(ids: readonly string[]): Promise<OrganizationRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('o')} FROM organization o WHERE o.id = ANY($1::uuid[])`, [ids]);
  }

  /** Whether an organization has this name, whatever its case (organization_name_key decides races). */
  async nameTaken(name: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM organization o WHERE lower(o.name) = lower($1) LIMIT 1`, [name]);
    return !!row;
  }

  /** Whether the country already has a government (organization_country_key decides races). */
  async governmentExists(countryCode: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM organization o WHERE o."group" = 'GOVERNMENT' AND o.country_code = $1 LIMIT 1`, [countryCode]);
    return !!row;
  }

  async count(): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM organization`);
    return n;
  }

  async insert(tx: Tx, row: NewOrganization): Promise<OrganizationRow> {
    const [created]: OrganizationRow[] = await tx.em.query(
      `INSERT INTO organization (name, "group", country_code) VALUES ($1, $2, $3) RETURNING ${this.columns('organization')}`,
      [row.name, row.group, row.countryCode],
    );
    return created;
  }

  /** The organization locked, as an edit reads it first; null when there is none. */
  async lockForUpdate(tx: Tx, organizationId: string): Promise<OrganizationRow | null> {
    const [row] = await tx.em.query(`SELECT ${this.columns('o')} FROM organization o WHERE o.id = $1 FOR UPDATE`, [organizationId]);
    return row ?? null;
  }

  /** Whether another organization has this name, whatever its case. */
  async nameTakenByOther(name: string, organizationId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM organization o WHERE lower(o.name) = lower($1) AND o.id <> $2 LIMIT 1`, [name, organizationId]);
    return !!row;
  }

  /** Whether another organization is the government of this country. */
  async governmentExistsOther(countryCode: string, organizationId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM organization o WHERE o."group" = 'GOVERNMENT' AND o.country_code = $1 AND o.id <> $2 LIMIT 1`, [
      countryCode,
      organizationId,
    ]);
    return !!row;
  }

  async rename(tx: Tx, organizationId: string, name: string, countryCode: string | null): Promise<void> {
    await tx.em.query(`UPDATE organization SET name = $2, country_code = $3 WHERE id = $1`, [organizationId, name, countryCode]);
  }

  /** Sets the organization's default language (null: none), the row locked first; the default before, undefined when there is no such organization. */
  async setDefaultLanguage(tx: Tx, organizationId: string, language: Language | null): Promise<{ before: Language | null } | undefined> {
    // An UPDATE answers [rows, count].
    const [[row]]: [{ before: Language | null }[], number] = await tx.em.query(
      `UPDATE organization o SET default_language = $2 FROM (SELECT id, default_language FROM organization WHERE id = $1 FOR UPDATE) old
        WHERE o.id = old.id RETURNING old.default_language AS before`,
      [organizationId, language],
    );
    return row;
  }
}
