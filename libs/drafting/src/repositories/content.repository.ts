import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { CleanSection } from '../draft-content';
import { GuidelineEntity } from '../guideline.entity';
import { SectionEntity } from '../section.entity';

export type SectionRow = SectionEntity;
export type GuidelineRow = GuidelineEntity;

/** Rows per INSERT: a version of 2,000 guidelines in two statements, each well under PostgreSQL's parameter limit. */
const INSERT_CHUNK = 1000;

/** The section and guideline tables: a version's content. */
@Injectable()
export class ContentRepository {
  constructor(private readonly dataSource: DataSource) {}

  private sections(alias: string): string {
    return selectList(this.dataSource, SectionEntity, alias);
  }

  private guidelines(alias: string): string {
    return selectList(this.dataSource, GuidelineEntity, alias);
  }

  /** Replaces a version's whole content, in document order; the counts written. */
  async replace(tx: Tx, versionId: string, content: CleanSection[]): Promise<{ sections: number; guidelines: number }> {
    await tx.em.query(`DELETE FROM guideline WHERE version_id = $1`, [versionId]);
    await tx.em.query(`DELETE FROM section WHERE version_id = $1`, [versionId]);
    const sectionRows: Partial<SectionRow>[] = [];
    const guidelineRows: Partial<GuidelineRow>[] = [];
    content.forEach((s, si) => {
      const sectionId = randomUUID();
      sectionRows.push({ id: sectionId, versionId, position: si + 1, number: s.number, heading: s.heading });
      for (const g of s.guidelines) guidelineRows.push({ id: randomUUID(), versionId, sectionId, position: guidelineRows.length + 1, ...g });
    });
    for (let i = 0; i < sectionRows.length; i += INSERT_CHUNK) await tx.em.insert(SectionEntity, sectionRows.slice(i, i + INSERT_CHUNK));
    for (let i = 0; i < guidelineRows.length; i += INSERT_CHUNK) await tx.em.insert(GuidelineEntity, guidelineRows.slice(i, i + INSERT_CHUNK));
    return { sections: sectionRows.length, guidelines: guidelineRows.length };
  }

  /** Copies a version's sections and guidelines (keys kept) into another, in one statement. */
  async copy(tx: Tx, fromVersionId: string, toVersionId: string): Promise<void> {
    // Sections are unique by number within a version, so guidelines follow their section by it.
    await tx.em.query(
      `WITH copied AS (
         INSERT INTO section (version_id, position, number, heading)
         SELECT $2, position, number, heading FROM section WHERE version_id = $1
         RETURNING id, number)
       INSERT INTO guideline (version_id, section_id, position, key, number, title, text)
       SELECT $2, c.id, g.position, g.key, g.number, g.title, g.text
       FROM guideline g JOIN section s ON s.id = g.section_id JOIN copied c ON c.number = s.number
       WHERE g.version_id = $1`,
      [fromVersionId, toVersionId],
    );
  }

  /** A guideline's new title and text, its revision moved on. */
  async updateGuideline(tx: Tx, id: string, title: string | null, text: string): Promise<GuidelineRow> {
    const [[row]]: [GuidelineRow[]] = await tx.em.query(
      `UPDATE guideline g SET title = $2, text = $3, revision = revision + 1 WHERE g.id = $1 RETURNING ${this.guidelines('g')}`,
      [id, title, text],
    );
    return row;
  }

  async guidelineById(tx: Tx, id: string): Promise<GuidelineRow | null> {
    const [row] = await tx.em.query(`SELECT ${this.guidelines('g')} FROM guideline g WHERE g.id = $1`, [id]);
    return row ?? null;
  }

  async sectionById(tx: Tx, id: string): Promise<SectionRow | null> {
    const [row] = await tx.em.query(`SELECT ${this.sections('s')} FROM section s WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  /** A version's sections in order, in the write's transaction. */
  sectionsOfVersion(tx: Tx, versionId: string): Promise<SectionRow[]> {
    return tx.em.query(`SELECT ${this.sections('s')} FROM section s WHERE s.version_id = $1 ORDER BY s.position`, [versionId]);
  }

  /** A version's guidelines in document order, in the write's transaction. */
  guidelinesOfVersion(tx: Tx, versionId: string): Promise<GuidelineRow[]> {
    return tx.em.query(`SELECT ${this.guidelines('g')} FROM guideline g WHERE g.version_id = $1 ORDER BY g.position`, [versionId]);
  }

  async countGuidelines(tx: Tx, versionId: string): Promise<number> {
    const [{ count }] = await tx.em.query(`SELECT count(*)::int AS count FROM guideline WHERE version_id = $1`, [versionId]);
    return count;
  }

  sectionsByIds(ids: readonly string[]): Promise<SectionRow[]> {
    return this.dataSource.query(`SELECT ${this.sections('s')} FROM section s WHERE s.id = ANY($1::uuid[])`, [ids]);
  }

  sectionsByVersionIds(ids: readonly string[]): Promise<SectionRow[]> {
    return this.dataSource.query(`SELECT ${this.sections('s')} FROM section s WHERE s.version_id = ANY($1::uuid[]) ORDER BY s.version_id, s.position`, [ids]);
  }

  guidelinesByIds(ids: readonly string[]): Promise<GuidelineRow[]> {
    return this.dataSource.query(`SELECT ${this.guidelines('g')} FROM guideline g WHERE g.id = ANY($1::uuid[])`, [ids]);
  }

  guidelinesByVersionIds(ids: readonly string[]): Promise<GuidelineRow[]> {
    return this.dataSource.query(`SELECT ${this.guidelines('g')} FROM guideline g WHERE g.version_id = ANY($1::uuid[]) ORDER BY g.version_id, g.position`, [
      ids,
    ]);
  }

  guidelinesBySectionIds(ids: readonly string[]): Promise<GuidelineRow[]> {
    return this.dataSource.query(`SELECT ${this.guidelines('g')} FROM guideline g WHERE g.section_id = ANY($1::uuid[]) ORDER BY g.section_id, g.position`, [
      ids,
    ]);
  }
}
