import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConstituentGroup, Role } from '@tripartite/domain';

/** A user as a meeting registers them: their roles and the group of their organization (null: none). */
export interface MeetingCandidate {
  id: string;
  roles: Role[];
  organizationGroup: ConstituentGroup | null;
}

type Queryable = Pick<EntityManager, 'query'>;

/** What meetings read of users and organizations: whom they may register or assign, and whom they tell. */
@Injectable()
export class MeetingsAuthReadModel {
  /** In the caller's transaction (`em`); null when no such user. */
  async candidate(em: Queryable, userId: string): Promise<MeetingCandidate | null> {
    const [user]: MeetingCandidate[] = await em.query(
      `SELECT u.id, u.roles, o."group" AS "organizationGroup" FROM app_user u LEFT JOIN organization o ON o.id = u.organization_id WHERE u.id = $1`,
      [userId],
    );
    return user ?? null;
  }

  /**
   * Active users a meeting could register or assign: of an organization and/or holding a role, by display name;
   * at most `limit`.
   */
  async candidateIds(em: Queryable, filter: { organizationId: string | null; role: Role | null }, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT u.id FROM app_user u
        WHERE u.deactivated_at IS NULL AND ($1::uuid IS NULL OR u.organization_id = $1) AND ($2::text IS NULL OR $2 = ANY(u.roles))
        ORDER BY u.display_name, u.id LIMIT $3`,
      [filter.organizationId, filter.role, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The ids of the secretariat's users, as they stand (deactivated ones included: the fan-out leaves them out). */
  async secretariatIds(em: Queryable): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT u.id FROM app_user u WHERE 'SECRETARIAT' = ANY(u.roles)`);
    return rows.map((r) => r.id);
  }
}
