import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { AmendmentStatus, ConstituentGroup, Position, PositionsByGroup } from '@tripartite/domain';
import { AmendmentEntity, AmendmentPositionRecordEntity } from '../amendment.entity';
import type { NewPosition, PositionRow } from './position.repository';

export type AmendmentRow = AmendmentEntity;

export interface NewAmendment {
  agendaItemId: string;
  proposedBy: ConstituentGroup;
  text: string;
  createdBy: string;
}

/** What accepting an amendment checks: its current positions, and whether another amendment of its item is accepted. */
export interface AcceptFacts {
  positions: PositionsByGroup;
  otherAccepted: boolean;
}

const amendmentPosition = (p: AmendmentPositionRecordEntity): PositionRow => ({
  id: p.id,
  subjectId: p.amendmentId,
  group: p.group,
  position: p.position,
  statement: null,
  recordedById: p.recordedBy,
  recordedAt: p.recordedAt,
});

/** The amendment and amendment_position_record tables: amendments to items, and groups' positions on them (kept like item positions). */
@Injectable()
export class AmendmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, AmendmentEntity, alias);
  }

  private positionColumns(alias: string): string {
    return selectList(this.dataSource, AmendmentPositionRecordEntity, alias);
  }

  /** Amendments of the item, and of its whole meeting (what their caps count). */
  async counts(tx: Tx, agendaItemId: string, meetingId: string): Promise<{ item: number; meeting: number }> {
    const [counts]: { item: number; meeting: number }[] = await tx.em.query(
      `SELECT (SELECT count(*)::int FROM amendment WHERE agenda_item_id = $1) AS item,
              (SELECT count(*)::int FROM amendment a JOIN agenda_item x ON x.id = a.agenda_item_id WHERE x.meeting_id = $2) AS meeting`,
      [agendaItemId, meetingId],
    );
    return counts;
  }

  async insert(tx: Tx, a: NewAmendment): Promise<AmendmentRow> {
    const [amendment]: AmendmentRow[] = await tx.em.query(
      `INSERT INTO amendment (agenda_item_id, proposed_by, text, created_by) VALUES ($1, $2, $3, $4) RETURNING ${this.columns('amendment')}`,
      [a.agendaItemId, a.proposedBy, a.text, a.createdBy],
    );
    return amendment;
  }

  /** The item an amendment belongs to (read before locking the item, as every item write locks it first); null when none. */
  async itemOf(tx: Tx, amendmentId: string): Promise<string | null> {
    const [found]: { agendaItemId: string }[] = await tx.em.query(`SELECT a.agenda_item_id AS "agendaItemId" FROM amendment a WHERE a.id = $1`, [amendmentId]);
    return found?.agendaItemId ?? null;
  }

  async lock(tx: Tx, amendmentId: string): Promise<AmendmentRow> {
    const [amendment]: AmendmentRow[] = await tx.em.query(`SELECT ${this.columns('a')} FROM amendment a WHERE a.id = $1 FOR UPDATE`, [amendmentId]);
    return amendment;
  }

  async acceptFacts(tx: Tx, amendmentId: string, agendaItemId: string): Promise<AcceptFacts> {
    const [facts]: { positions: PositionsByGroup | null; otherAccepted: boolean }[] = await tx.em.query(
      `SELECT (SELECT json_object_agg("group", position) FROM amendment_position_record WHERE amendment_id = $1 AND current) AS positions,
              EXISTS (SELECT 1 FROM amendment WHERE agenda_item_id = $2 AND status = 'ACCEPTED' AND id <> $1) AS "otherAccepted"`,
      [amendmentId, agendaItemId],
    );
    return { positions: facts.positions ?? {}, otherAccepted: facts.otherAccepted };
  }

  /** Fails on amendment_one_accepted_key when another amendment of the item was accepted concurrently. */
  async decide(tx: Tx, amendmentId: string, status: AmendmentStatus, decidedBy: string): Promise<AmendmentRow> {
    const [[decided]]: [AmendmentRow[]] = await tx.em.query(
      `UPDATE amendment a SET status = $2, decided_at = clock_timestamp(), decided_by = $3 WHERE a.id = $1 RETURNING ${this.columns('a')}`,
      [amendmentId, status, decidedBy],
    );
    return decided;
  }

  /** Oldest first. */
  byItemIds(ids: readonly string[]): Promise<AmendmentRow[]> {
    return this.dataSource.query(
      `SELECT ${this.columns('a')} FROM amendment a WHERE a.agenda_item_id = ANY($1::uuid[]) ORDER BY a.agenda_item_id, a.created_at, a.id`,
      [ids],
    );
  }

  /** Position records on the amendment, replaced ones included (what its cap counts). */
  async countPositions(tx: Tx, amendmentId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.em.query(`SELECT count(*)::int AS n FROM amendment_position_record WHERE amendment_id = $1`, [amendmentId]);
    return n;
  }

  /** The group's position replaces its current one; the position it replaced (null: none). */
  async replacePosition(tx: Tx, amendmentId: string, p: NewPosition): Promise<Position | null> {
    const [[replaced]]: [{ position: Position }[]] = await tx.em.query(
      `UPDATE amendment_position_record SET current = false WHERE amendment_id = $1 AND "group" = $2 AND current RETURNING position`,
      [amendmentId, p.group],
    );
    await tx.em.query(`INSERT INTO amendment_position_record (amendment_id, "group", position, recorded_by) VALUES ($1, $2, $3, $4)`, [
      amendmentId,
      p.group,
      p.position,
      p.recordedBy,
    ]);
    return replaced?.position ?? null;
  }

  /** The position in force per group, in group order. */
  async currentPositionsByIds(ids: readonly string[]): Promise<PositionRow[]> {
    const rows: AmendmentPositionRecordEntity[] = await this.dataSource.query(
      `SELECT ${this.positionColumns('p')} FROM amendment_position_record p
        WHERE p.amendment_id = ANY($1::uuid[]) AND p.current
        ORDER BY p.amendment_id, array_position(ARRAY['GOVERNMENT','EMPLOYERS','WORKERS'], p."group")`,
      [ids],
    );
    return rows.map(amendmentPosition);
  }

  /** Every position recorded, oldest first. */
  async positionHistoryByIds(ids: readonly string[]): Promise<PositionRow[]> {
    const rows: AmendmentPositionRecordEntity[] = await this.dataSource.query(
      `SELECT ${this.positionColumns('p')} FROM amendment_position_record p WHERE p.amendment_id = ANY($1::uuid[]) ORDER BY p.amendment_id, p.recorded_at, p.id`,
      [ids],
    );
    return rows.map(amendmentPosition);
  }
}
