import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@tripartite/database';
import type { Stage } from '@tripartite/domain';
import { GuidelineEntity } from '../guideline.entity';
import { InstrumentRepository, type GuidelineRow, type InstrumentRow } from '../repositories';

/**
 * Drafting's columns joined into a statement of the caller's, by the key the caller names: the JOIN clause and the
 * column list are drafting's (aliases prefixed `<alias>_`), and `read` takes the joined row back out of a result row.
 */
export interface DraftingJoinedRow<T> {
  join: string;
  columns: string;
  /** The result row's keys that are this join's columns (to leave out of the caller's own row). */
  keys: readonly string[];
  /** null when a LEFT JOIN found nothing. */
  read(row: Record<string, unknown>): T | null;
}

/**
 * What consultation's statements need of drafting's tables, where a read or a lock must stay one statement (the
 * 5-statement submit, the comment page, the round's facts for the guards of a stage move): complete clauses,
 * predicates and subqueries, written here so that the SQL naming instrument, draft_version and guideline stays
 * drafting's; and the instrument lock a scheduling takes, in the caller's transaction.
 */
@Injectable()
export class ConsultationDraftingReadModel {
  constructor(
    private readonly dataSource: DataSource,
    private readonly instruments: InstrumentRepository,
  ) {}

  /** The instrument locked FOR UPDATE in the caller's transaction, as stage moves lock it (null when there is none). */
  lockInstrument(tx: Tx, instrumentId: string): Promise<InstrumentRow | null> {
    return this.instruments.read(tx, instrumentId, 'FOR UPDATE');
  }

  /**
   * One statement reading a row of the caller's (`from`: its table and alias `alias`, naming its instrument by the
   * SQL expression `instrumentId`) with its instrument's stage (column "stage"), and locking both FOR SHARE: the
   * instrument first, as stage moves lock it FOR UPDATE (DESIGN.md section 3), so a write holding the row and a
   * move never wait on each other in a circle; a row changed while the statement waited is read at its newest version.
   */
  selectHeldWithInstrument(q: { select: string; from: string; alias: string; instrumentId: string; where: string }): string {
    return `SELECT ${q.select}, i.stage
       FROM instrument i JOIN ${q.from} ON ${q.instrumentId} = i.id
      WHERE ${q.where} FOR SHARE OF i, ${q.alias}`;
  }

  /** The stage of the instrument whose id the caller's scalar subquery `instrumentIdSql` answers, held FOR SHARE (null: none). */
  async stageHeldForShare(tx: Tx, instrumentIdSql: string, params: unknown[]): Promise<Stage | null> {
    const [row]: { stage: Stage }[] = await tx.em.query(`SELECT i.stage FROM instrument i WHERE i.id = (${instrumentIdSql}) FOR SHARE`, params);
    return row?.stage ?? null;
  }

  /** A subquery: the status of version `versionId` when it is a version of instrument `instrumentId` (SQL expressions), else NULL. */
  versionStatusSql(versionId: string, instrumentId?: string): string {
    return `(SELECT v.status FROM draft_version v WHERE v.id = ${versionId}${instrumentId ? ` AND v.instrument_id = ${instrumentId}` : ''})`;
  }

  /** A subquery: the number of version `versionId` (an SQL expression). */
  versionNumberSql(versionId: string): string {
    return `(SELECT v.number FROM draft_version v WHERE v.id = ${versionId})`;
  }

  /** A predicate: guideline `guidelineId` is one of version `versionId` (SQL expressions). */
  guidelineOfVersionSql(guidelineId: string, versionId: string): string {
    return `EXISTS (SELECT 1 FROM guideline g WHERE g.id = ${guidelineId} AND g.version_id = ${versionId})`;
  }

  /** The guideline the caller's SQL expression `guidelineId` names, LEFT JOINed (null: none, a general comment). */
  guidelineJoin(guidelineId: string, alias = 'g'): DraftingJoinedRow<GuidelineRow> {
    return leftJoin(this.dataSource, GuidelineEntity, 'guideline', alias, guidelineId);
  }
}

interface JoinList {
  columns: string;
  keys: string[];
  props: [string, string][];
}

const cache = new WeakMap<object, Map<string, JoinList>>();

function leftJoin<T>(dataSource: DataSource, entity: new () => T, table: string, alias: string, key: string): DraftingJoinedRow<T> {
  const metadata = dataSource.getMetadata(entity);
  let byAlias = cache.get(metadata);
  if (!byAlias) cache.set(metadata, (byAlias = new Map()));
  let list = byAlias.get(alias);
  if (!list) {
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
    join: `LEFT JOIN ${table} ${alias} ON ${alias}.id = ${key}`,
    columns,
    keys,
    read: (row) => (row[`${alias}_id`] == null ? null : (Object.fromEntries(props.map(([prop, as]) => [prop, row[as]])) as T)),
  };
}
