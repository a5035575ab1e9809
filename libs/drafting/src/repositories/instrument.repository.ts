import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { Stage } from '@tripartite/domain';
import { InstrumentEntity } from '../instrument.entity';
import { publishedExists } from '../drafting.read-model';

export type InstrumentRow = InstrumentEntity;

export interface NewInstrument {
  reference: string;
  title: string;
  summary: string | null;
  createdBy: string | null;
}

export interface InstrumentPage {
  stage?: Stage | null;
  first: number;
  /** The id of the last instrument of the previous page. */
  after?: string | null;
  /** Only instruments with a published version (what everyone but staff sees). */
  publishedOnly: boolean;
}

/** The instrument table: every statement drafting (and, through InstrumentStages, the workflow) runs on it. */
@Injectable()
export class InstrumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, InstrumentEntity, alias);
  }

  async insert(tx: Tx, row: NewInstrument): Promise<InstrumentRow> {
    const [created]: InstrumentRow[] = await tx.em.query(
      `INSERT INTO instrument (reference, title, summary, created_by) VALUES ($1, $2, $3, $4) RETURNING ${this.columns('instrument')}`,
      [row.reference, row.title, row.summary, row.createdBy],
    );
    return created;
  }

  /** Newest first; `after` must name an instrument (checked by the caller). */
  page(p: InstrumentPage): Promise<InstrumentRow[]> {
    const where = ['TRUE'];
    const params: unknown[] = [p.first];
    if (p.stage) where.push(`i.stage = $${params.push(p.stage)}`);
    if (p.publishedOnly) where.push(publishedExists('i.id'));
    if (p.after) {
      where.push(
        `EXISTS (SELECT 1 FROM instrument a WHERE a.id = $${params.push(p.after)} AND (i.created_at < a.created_at OR (i.created_at = a.created_at AND i.id > a.id)))`,
      );
    }
    return this.dataSource.query(
      `SELECT ${this.columns('i')} FROM instrument i WHERE ${where.join(' AND ')} ORDER BY i.created_at DESC, i.id LIMIT $1`,
      params,
    );
  }

  async get(id: string, publishedOnly: boolean): Promise<InstrumentRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${this.columns('i')} FROM instrument i WHERE i.id = $1 AND ${publishedOnly ? publishedExists('i.id') : 'TRUE'}`,
      [id],
    );
    return row ?? null;
  }

  byIds(ids: readonly string[]): Promise<InstrumentRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('i')} FROM instrument i WHERE i.id = ANY($1::uuid[])`, [ids]);
  }

  /** The row in the write's transaction; `lock` takes the row lock stage moves and drafting writes serialize on. */
  async read(tx: Tx, id: string, lock: '' | 'FOR UPDATE' | 'FOR SHARE' = ''): Promise<InstrumentRow | null> {
    const [row] = await tx.em.query(`SELECT ${this.columns('i')} FROM instrument i WHERE i.id = $1 ${lock}`, [id]);
    return row ?? null;
  }

  /** Locks the row and bumps its revision; false when there is none. */
  async bumpRevision(tx: Tx, id: string): Promise<boolean> {
    const [rows] = (await tx.em.query(`UPDATE instrument SET revision = revision + 1 WHERE id = $1 RETURNING id`, [id])) as [unknown[], number];
    return rows.length > 0;
  }

  async setStage(tx: Tx, id: string, stage: Stage): Promise<InstrumentRow> {
    const [[updated]]: [InstrumentRow[]] = await tx.em.query(
      `UPDATE instrument i SET stage = $2, revision = revision + 1 WHERE i.id = $1 RETURNING ${this.columns('i')}`,
      [id, stage],
    );
    return updated;
  }

  /** Sets the title of an instrument created without one (and bumps its revision); false when it has one already. */
  async setTitleIfEmpty(tx: Tx, id: string, title: string): Promise<boolean> {
    const [rows] = (await tx.em.query(`UPDATE instrument SET title = $2, revision = revision + 1 WHERE id = $1 AND title = '' RETURNING id`, [id, title])) as [
      unknown[],
      number,
    ];
    return rows.length > 0;
  }
}
