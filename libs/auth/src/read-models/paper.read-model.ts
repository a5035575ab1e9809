import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrganizationEntity } from '../organization.entity';

/** The caller's transaction. */
type Db = Pick<EntityManager, 'query'>;

export type OrganizationGroupRow = Pick<OrganizationEntity, 'id' | 'group'>;

/** What the Governing Body reads of auth: the groups of organizations (its paper counts them), and who hears of its decisions. */
@Injectable()
export class AuthPaperReadModel {
  organizationGroups(db: Db, ids: readonly string[]): Promise<OrganizationGroupRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db.query(`SELECT o.id, o."group" FROM organization o WHERE o.id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  }

  /** The secretariat, and the constituents of the given organizations: ids, once each. */
  async secretariatAndConstituentsOf(db: Db, organizationIds: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT u.id FROM app_user u WHERE 'SECRETARIAT' = ANY(u.roles)
       UNION
       SELECT u.id FROM app_user u WHERE 'CONSTITUENT' = ANY(u.roles) AND u.organization_id = ANY($1::uuid[])`,
      [[...new Set(organizationIds)]],
    );
    return rows.map((r) => r.id);
  }
}
