import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { Language } from '@tripartite/domain';
import { GuidelineTranslationEntity } from '../guideline-translation.entity';
import { InstrumentTranslationEntity } from '../instrument-translation.entity';
import { SectionTranslationEntity } from '../section-translation.entity';

export type GuidelineTranslationRow = GuidelineTranslationEntity;
export type SectionTranslationRow = SectionTranslationEntity;
export type InstrumentTranslationRow = InstrumentTranslationEntity;

export type NewGuidelineTranslation = Pick<GuidelineTranslationRow, 'guidelineId' | 'language' | 'title' | 'text' | 'sourceHash' | 'translatedBy'>;
export type NewSectionTranslation = Pick<SectionTranslationRow, 'sectionId' | 'language' | 'heading' | 'sourceHash' | 'translatedBy'>;
export type NewInstrumentTranslation = Pick<InstrumentTranslationRow, 'instrumentId' | 'language' | 'title' | 'sourceHash' | 'translatedBy'>;

const INSERT_CHUNK = 1000;

/** The guideline_translation, section_translation and instrument_translation tables: every translation set, the latest in force. */
@Injectable()
export class TranslationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private guidelineColumns(alias: string): string {
    return selectList(this.dataSource, GuidelineTranslationEntity, alias);
  }

  private sectionColumns(alias: string): string {
    return selectList(this.dataSource, SectionTranslationEntity, alias);
  }

  async insertGuidelineTranslations(tx: Tx, rows: NewGuidelineTranslation[]): Promise<GuidelineTranslationRow[]> {
    const out: GuidelineTranslationRow[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const params: unknown[] = [];
      const values = chunk.map(
        (r) =>
          `($${params.push(r.guidelineId)}, $${params.push(r.language)}, $${params.push(r.title)}, $${params.push(r.text)}, $${params.push(r.sourceHash)}, $${params.push(r.translatedBy)}::uuid)`,
      );
      out.push(
        ...(await tx.em.query(
          `INSERT INTO guideline_translation AS t (guideline_id, language, title, text, source_hash, translated_by) VALUES ${values.join(', ')}
           RETURNING ${this.guidelineColumns('t')}`,
          params,
        )),
      );
    }
    return out;
  }

  async insertSectionTranslations(tx: Tx, rows: NewSectionTranslation[]): Promise<SectionTranslationRow[]> {
    const out: SectionTranslationRow[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const params: unknown[] = [];
      const values = chunk.map(
        (r) =>
          `($${params.push(r.sectionId)}, $${params.push(r.language)}, $${params.push(r.heading)}, $${params.push(r.sourceHash)}, $${params.push(r.translatedBy)}::uuid)`,
      );
      out.push(
        ...(await tx.em.query(
          `INSERT INTO section_translation AS t (section_id, language, heading, source_hash, translated_by) VALUES ${values.join(', ')}
           RETURNING ${this.sectionColumns('t')}`,
          params,
        )),
      );
    }
    return out;
  }

  async insertInstrumentTranslation(tx: Tx, r: NewInstrumentTranslation): Promise<InstrumentTranslationRow> {
    const [row] = await tx.em.query(
      `INSERT INTO instrument_translation AS t (instrument_id, language, title, source_hash, translated_by) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${selectList(this.dataSource, InstrumentTranslationEntity, 't')}`,
      [r.instrumentId, r.language, r.title, r.sourceHash, r.translatedBy],
    );
    return row;
  }

  async countInstrumentRecords(tx: Tx, instrumentId: string, language: Language): Promise<number> {
    const [{ n }] = await tx.em.query(`SELECT count(*)::int AS n FROM instrument_translation WHERE instrument_id = $1 AND language = $2`, [
      instrumentId,
      language,
    ]);
    return n;
  }

  /** The title translation in force per instrument and language. */
  latestOfInstruments(ids: readonly string[]): Promise<InstrumentTranslationRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (t.instrument_id, t.language) ${selectList(this.dataSource, InstrumentTranslationEntity, 't')} FROM instrument_translation t
        WHERE t.instrument_id = ANY($1::uuid[]) ORDER BY t.instrument_id, t.language, t.translated_at DESC, t.id DESC`,
      [ids],
    );
  }

  /** How many translations of the guideline into the language were ever set (its history's length). */
  async countGuidelineRecords(tx: Tx, guidelineId: string, language: Language): Promise<number> {
    const [{ n }] = await tx.em.query(`SELECT count(*)::int AS n FROM guideline_translation WHERE guideline_id = $1 AND language = $2`, [
      guidelineId,
      language,
    ]);
    return n;
  }

  async countSectionRecords(tx: Tx, sectionId: string, language: Language): Promise<number> {
    const [{ n }] = await tx.em.query(`SELECT count(*)::int AS n FROM section_translation WHERE section_id = $1 AND language = $2`, [sectionId, language]);
    return n;
  }

  /** The most records any guideline or section of the version has in the language (for the history cap of an import). */
  async maxRecordsInVersion(tx: Tx, versionId: string, language: Language): Promise<number> {
    const [{ n }] = await tx.em.query(
      `SELECT greatest(
         (SELECT coalesce(max(c), 0) FROM (SELECT count(*) AS c FROM guideline_translation t JOIN guideline g ON g.id = t.guideline_id
           WHERE g.version_id = $1 AND t.language = $2 GROUP BY t.guideline_id) a),
         (SELECT coalesce(max(c), 0) FROM (SELECT count(*) AS c FROM section_translation t JOIN section s ON s.id = t.section_id
           WHERE s.version_id = $1 AND t.language = $2 GROUP BY t.section_id) b))::int AS n`,
      [versionId, language],
    );
    return n;
  }

  /** Copies every translation (the whole history) of a version's guidelines and sections onto another's, by key and number. */
  async copy(tx: Tx, fromVersionId: string, toVersionId: string): Promise<void> {
    await tx.em.query(
      `INSERT INTO guideline_translation (guideline_id, language, title, text, source_hash, translated_by, translated_at)
       SELECT n.id, t.language, t.title, t.text, t.source_hash, t.translated_by, t.translated_at
       FROM guideline_translation t JOIN guideline o ON o.id = t.guideline_id JOIN guideline n ON n.version_id = $2 AND n.key = o.key
       WHERE o.version_id = $1`,
      [fromVersionId, toVersionId],
    );
    await tx.em.query(
      `INSERT INTO section_translation (section_id, language, heading, source_hash, translated_by, translated_at)
       SELECT n.id, t.language, t.heading, t.source_hash, t.translated_by, t.translated_at
       FROM section_translation t JOIN section o ON o.id = t.section_id JOIN section n ON n.version_id = $2 AND n.number = o.number
       WHERE o.version_id = $1`,
      [fromVersionId, toVersionId],
    );
  }

  /** A version's translations with the key (guideline) or number (section) they belong to, before its content is replaced. */
  async keyed(
    tx: Tx,
    versionId: string,
  ): Promise<{ guidelines: (GuidelineTranslationRow & { key: string })[]; sections: (SectionTranslationRow & { number: string })[] }> {
    const guidelines = await tx.em.query(
      `SELECT ${this.guidelineColumns('t')}, g.key AS key FROM guideline_translation t JOIN guideline g ON g.id = t.guideline_id WHERE g.version_id = $1
        ORDER BY t.translated_at, t.id`,
      [versionId],
    );
    const sections = await tx.em.query(
      `SELECT ${this.sectionColumns('t')}, s.number AS number FROM section_translation t JOIN section s ON s.id = t.section_id WHERE s.version_id = $1
        ORDER BY t.translated_at, t.id`,
      [versionId],
    );
    return { guidelines, sections };
  }

  async deleteOfVersion(tx: Tx, versionId: string): Promise<void> {
    await tx.em.query(`DELETE FROM guideline_translation t USING guideline g WHERE g.id = t.guideline_id AND g.version_id = $1`, [versionId]);
    await tx.em.query(`DELETE FROM section_translation t USING section s WHERE s.id = t.section_id AND s.version_id = $1`, [versionId]);
  }

  /** Rows as they were (who and when kept), onto the guidelines and sections that now hold their key and number. */
  async restore(tx: Tx, versionId: string, kept: Awaited<ReturnType<TranslationRepository['keyed']>>): Promise<void> {
    if (kept.guidelines.length) {
      await tx.em.query(
        `INSERT INTO guideline_translation (guideline_id, language, title, text, source_hash, translated_by, translated_at)
         SELECT g.id, k.language, k.title, k.text, k.source_hash, k.translated_by, k.translated_at
         FROM jsonb_to_recordset($2::jsonb) AS k(key text, language text, title text, text text, source_hash text, translated_by uuid, translated_at timestamptz)
         JOIN guideline g ON g.version_id = $1 AND g.key = k.key`,
        [
          versionId,
          JSON.stringify(
            kept.guidelines.map((t) => ({
              key: t.key,
              language: t.language,
              title: t.title,
              text: t.text,
              source_hash: t.sourceHash,
              translated_by: t.translatedBy,
              translated_at: t.translatedAt,
            })),
          ),
        ],
      );
    }
    if (kept.sections.length) {
      await tx.em.query(
        `INSERT INTO section_translation (section_id, language, heading, source_hash, translated_by, translated_at)
         SELECT s.id, k.language, k.heading, k.source_hash, k.translated_by, k.translated_at
         FROM jsonb_to_recordset($2::jsonb) AS k(number text, language text, heading text, source_hash text, translated_by uuid, translated_at timestamptz)
         JOIN section s ON s.version_id = $1 AND s.number = k.number`,
        [
          versionId,
          JSON.stringify(
            kept.sections.map((t) => ({
              number: t.number,
              language: t.language,
              heading: t.heading,
              source_hash: t.sourceHash,
              translated_by: t.translatedBy,
              translated_at: t.translatedAt,
            })),
          ),
        ],
      );
    }
  }

  /** The translation in force per guideline and language. */
  latestOfGuidelines(ids: readonly string[]): Promise<GuidelineTranslationRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (t.guideline_id, t.language) ${this.guidelineColumns('t')} FROM guideline_translation t
        WHERE t.guideline_id = ANY($1::uuid[]) ORDER BY t.guideline_id, t.language, t.translated_at DESC, t.id DESC`,
      [ids],
    );
  }

  latestOfSections(ids: readonly string[]): Promise<SectionTranslationRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (t.section_id, t.language) ${this.sectionColumns('t')} FROM section_translation t
        WHERE t.section_id = ANY($1::uuid[]) ORDER BY t.section_id, t.language, t.translated_at DESC, t.id DESC`,
      [ids],
    );
  }

  /** The translations in force of every guideline of the versions. */
  latestOfVersions(versionIds: readonly string[]): Promise<(GuidelineTranslationRow & { versionId: string })[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (t.guideline_id, t.language) ${this.guidelineColumns('t')}, g.version_id AS "versionId"
         FROM guideline_translation t JOIN guideline g ON g.id = t.guideline_id
        WHERE g.version_id = ANY($1::uuid[]) ORDER BY t.guideline_id, t.language, t.translated_at DESC, t.id DESC`,
      [versionIds],
    );
  }

  /** Every translation of the guidelines ever set, oldest first. */
  historyOfGuidelines(ids: readonly string[]): Promise<GuidelineTranslationRow[]> {
    return this.dataSource.query(
      `SELECT ${this.guidelineColumns('t')} FROM guideline_translation t WHERE t.guideline_id = ANY($1::uuid[])
        ORDER BY t.guideline_id, t.translated_at, t.id`,
      [ids],
    );
  }
}
