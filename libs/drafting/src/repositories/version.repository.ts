import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { Language } from '@tripartite/domain';
import { DraftVersionEntity } from '../draft-version.entity';

export type VersionRow = DraftVersionEntity;

/** The draft_version table. */
@Injectable()
export class VersionRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, DraftVersionEntity, alias);
  }

  async insertDraft(tx: Tx, instrumentId: string, number: number, originalLanguage: Language): Promise<VersionRow> {
    const [created]: VersionRow[] = await tx.em.query(
      `INSERT INTO draft_version (instrument_id, number, original_language) VALUES ($1, $2, $3) RETURNING ${this.columns('draft_version')}`,
      [instrumentId, number, originalLanguage],
    );
    return created;
  }

  async get(id: string): Promise<VersionRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${this.columns('v')} FROM draft_version v WHERE v.id = $1`, [id]);
    return row ?? null;
  }

  /** The version locked against concurrent writes of its content. */
  async lock(tx: Tx, id: string): Promise<VersionRow | null> {
    const [row] = await tx.em.query(`SELECT ${this.columns('v')} FROM draft_version v WHERE v.id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  /** An instrument's versions, newest first, in the write's transaction. */
  ofInstrument(tx: Tx, instrumentId: string): Promise<VersionRow[]> {
    return tx.em.query(`SELECT ${this.columns('v')} FROM draft_version v WHERE v.instrument_id = $1 ORDER BY v.number DESC`, [instrumentId]);
  }

  async publish(tx: Tx, id: string, changeSummary: string | null): Promise<VersionRow> {
    const [[published]]: [VersionRow[]] = await tx.em.query(
      `UPDATE draft_version v SET status = 'PUBLISHED', published_at = clock_timestamp(), change_summary = $2 WHERE v.id = $1 RETURNING ${this.columns('v')}`,
      [id, changeSummary],
    );
    return published;
  }

  /** The number of the instrument's latest published version; null when none is. */
  async latestPublishedNumber(tx: Tx, instrumentId: string): Promise<number | null> {
    const [{ latest }] = await tx.em.query(`SELECT max(number) AS latest FROM draft_version WHERE instrument_id = $1 AND status = 'PUBLISHED'`, [instrumentId]);
    return latest;
  }

  byIds(ids: readonly string[]): Promise<VersionRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('v')} FROM draft_version v WHERE v.id = ANY($1::uuid[])`, [ids]);
  }

  /** Every version, drafts included, by instrument and number. */
  byInstrumentIds(ids: readonly string[]): Promise<VersionRow[]> {
    return this.dataSource.query(
      `SELECT ${this.columns('v')} FROM draft_version v WHERE v.instrument_id = ANY($1::uuid[]) ORDER BY v.instrument_id, v.number`,
      [ids],
    );
  }

  latestPublishedByInstrumentIds(ids: readonly string[]): Promise<VersionRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (v.instrument_id) ${this.columns('v')} FROM draft_version v
        WHERE v.instrument_id = ANY($1::uuid[]) AND v.status = 'PUBLISHED' ORDER BY v.instrument_id, v.number DESC`,
      [ids],
    );
  }
}
