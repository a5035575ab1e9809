import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { ConstituentGroup, Position } from '@tripartite/domain';
import { PositionRecordEntity } from '../agenda-item.entity';

/** A recorded position, on an item or on an amendment (`subjectId`); amendments have no statement. */
export interface PositionRow {
  id: string;
  subjectId: string;
  group: ConstituentGroup;
  position: Position;
  statement: string | null;
  recordedById: string;
  recordedAt: Date;
}

export interface NewPosition {
  group: ConstituentGroup;
  position: Position;
  recordedBy: string;
}

const itemPosition = (p: PositionRecordEntity): PositionRow => ({
  id: p.id,
  subjectId: p.agendaItemId,
  group: p.group,
  position: p.position,
  statement: p.statement,
  recordedById: p.recordedBy,
  recordedAt: p.recordedAt,
});

/** The position_record table: groups' positions on agenda items, every record kept (`current`: the one in force). */
@Injectable()
export class PositionRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, PositionRecordEntity, alias);
  }

  /** Records on the item, replaced ones included (what its cap counts). */
  async countOfItem(tx: Tx, agendaItemId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.em.query(`SELECT count(*)::int AS n FROM position_record WHERE agenda_item_id = $1`, [agendaItemId]);
    return n;
  }

  /** The group's position replaces its current one; the position it replaced (null: none). */
  async replace(tx: Tx, agendaItemId: string, p: NewPosition & { statement: string | null }): Promise<Position | null> {
    const [[replaced]]: [{ position: Position }[]] = await tx.em.query(
      `UPDATE position_record SET current = false WHERE agenda_item_id = $1 AND "group" = $2 AND current RETURNING position`,
      [agendaItemId, p.group],
    );
    await tx.em.query(`INSERT INTO position_record (agenda_item_id, "group", position, statement, recorded_by) VALUES ($1, $2, $3, $4, $5)`, [
      agendaItemId,
      p.group,
      p.position,
      p.statement,
      p.recordedBy,
    ]);
    return replaced?.position ?? null;
  }

  /** The position in force per group, in group order. */
  async currentByItemIds(ids: readonly string[]): Promise<PositionRow[]> {
    const rows: PositionRecordEntity[] = await this.dataSource.query(
      `SELECT ${this.columns('p')} FROM position_record p
        WHERE p.agenda_item_id = ANY($1::uuid[]) AND p.current
        ORDER BY p.agenda_item_id, array_position(ARRAY['GOVERNMENT','EMPLOYERS','WORKERS'], p."group")`,
      [ids],
    );
    return rows.map(itemPosition);
  }

  /** Every position recorded, oldest first. */
  async historyByItemIds(ids: readonly string[]): Promise<PositionRow[]> {
    const rows: PositionRecordEntity[] = await this.dataSource.query(
      `SELECT ${this.columns('p')} FROM position_record p WHERE p.agenda_item_id = ANY($1::uuid[]) ORDER BY p.agenda_item_id, p.recorded_at, p.id`,
      [ids],
    );
    return rows.map(itemPosition);
  }
}
