import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { ConstituentGroup } from '@tripartite/domain';
import { OrganizationEntity } from '../organization.entity';
import { UserEntity } from '../user.entity';

/**
 * Identity's columns joined into a statement of the caller's, by the key the caller names: the JOIN clause and the
 * column list are identity's (aliases prefixed `<alias>_`), and `read` takes the joined row back out of a result row.
 */
export interface AuthJoinedRow<T> {
  join: string;
  columns: string;
  /** The result row's keys that are this join's columns (to leave out of the caller's own row). */
  keys: readonly string[];
  read(row: Record<string, unknown>): T;
}

/**
 * What consultation needs of organizations and users: the organizations a round invites and their groups, the
 * ones it lists, and the organization and author of each comment of a page, joined into the page's one statement.
 * The SQL naming organization and app_user stays here.
 */
@Injectable()
export class ConsultationAuthReadModel {
  constructor(private readonly dataSource: DataSource) {}

  /** A subquery of the ids of every organization of the groups the SQL expression `groups` (a text[]) names. */
  organizationIdsOfGroupsSql(groups: string): string {
    return `SELECT o.id FROM organization o WHERE o."group" = ANY(${groups}::text[])`;
  }

  /** The group of each of these organizations that exists, in the caller's transaction. */
  organizationGroups(tx: Tx, ids: readonly string[]): Promise<{ id: string; group: ConstituentGroup }[]> {
    return tx.em.query(`SELECT o.id, o."group" FROM organization o WHERE o.id = ANY($1::uuid[])`, [ids]);
  }

  /** These organizations, by group and then name. */
  organizationsByIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT ${selectList(this.dataSource, OrganizationEntity, 'o')} FROM organization o WHERE o.id = ANY($1::uuid[]) ORDER BY o."group", o.name`,
      [ids],
    );
  }

  /** The organization the caller's SQL expression `organizationId` names (an inner join). */
  organizationJoin(organizationId: string, alias = 'o'): AuthJoinedRow<OrganizationEntity> {
    return innerJoin(this.dataSource, OrganizationEntity, 'organization', alias, organizationId);
  }

  /** The user the caller's SQL expression `userId` names (an inner join; never the password hash). */
  userJoin(userId: string, alias = 'u'): AuthJoinedRow<UserEntity> {
    return innerJoin(this.dataSource, UserEntity, 'app_user', alias, userId);
  }
}

interface JoinList {
  columns: string;
  keys: string[];
  props: [string, string][];
}

const cache = new WeakMap<object, Map<string, JoinList>>();

function innerJoin<T>(dataSource: DataSource, entity: new () => T, table: string, alias: string, key: string): AuthJoinedRow<T> {
  const metadata = dataSource.getMetadata(entity);
  let byAlias = cache.get(metadata);
  if (!byAlias) cache.set(metadata, (byAlias = new Map()));
  let list = byAlias.get(alias);
  if (!list) {
    // Columns mapped with select: false (the password hash) are never read.
    const props = metadata.columns
      .filter((c) => c.isSelect)
      .map((c): [string, string, string] => [c.propertyName, c.databaseName, `${alias}_${c.propertyName}`]);
    list = {
      columns: props.map(([, column, as]) => `${alias}."${column}" AS "${as}"`).join(', '),
      keys: props.map(([, , as]) => as),
      props: props.map(([prop, , as]) => [prop, as]),
    };
    byAlias.set(alias, list);
  }
  const { columns, keys, props } = list;
  return {
    join: `JOIN ${table} ${alias} ON ${alias}.id = ${key}`,
    columns,
    keys,
    read: (row) => Object.fromEntries(props.map(([prop, as]) => [prop, row[as]])) as T,
  };
}
