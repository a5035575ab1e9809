import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Language } from '@tripartite/domain';
import type { DraftVersionEntity } from '../draft-version.entity';
import type { GuidelineEntity } from '../guideline.entity';
import type { InstrumentEntity } from '../instrument.entity';
import type { SectionEntity } from '../section.entity';
import { sourceHash } from '../translations';

/** The caller's transaction (the paper is read in one snapshot, or frozen inside the submission's write). */
type Db = Pick<EntityManager, 'query'>;

export type PaperInstrumentRow = Pick<InstrumentEntity, 'reference' | 'title' | 'summary'>;
export type PaperVersionRow = Pick<DraftVersionEntity, 'id' | 'number'>;
/** A guideline with the section it sits in. */
export type PaperGuidelineRow = Pick<GuidelineEntity, 'id' | 'key' | 'number' | 'title' | 'text'> & {
  sectionNumber: SectionEntity['number'];
  sectionHeading: SectionEntity['heading'];
};

/** A guideline's title and text in the languages it has a CURRENT translation in. */
export type PaperTranslations = Partial<Record<Language, { title: string | null; text: string }>>;

/** What the Governing Body's paper reads of drafting: the instrument, version numbers, and guidelines with their sections. */
@Injectable()
export class DraftingPaperReadModel {
  async instrument(db: Db, instrumentId: string): Promise<PaperInstrumentRow | null> {
    const [row]: PaperInstrumentRow[] = await db.query(`SELECT i.reference, i.title, i.summary FROM instrument i WHERE i.id = $1`, [instrumentId]);
    return row ?? null;
  }

  versions(db: Db, ids: readonly string[]): Promise<PaperVersionRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db.query(`SELECT v.id, v.number FROM draft_version v WHERE v.id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  }

  guidelines(db: Db, ids: readonly string[]): Promise<PaperGuidelineRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return db.query(
      `SELECT g.id, g.key, g.number, g.title, g.text, sec.number AS "sectionNumber", sec.heading AS "sectionHeading"
         FROM guideline g JOIN section sec ON sec.id = g.section_id
        WHERE g.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
  }

  /** Per guideline id, its CURRENT translations: a paper quotes no translation made from an older original. */
  async currentTranslations(db: Db, guidelines: readonly Pick<PaperGuidelineRow, 'id' | 'title' | 'text'>[]): Promise<Map<string, PaperTranslations>> {
    const byId = new Map(guidelines.map((g) => [g.id, g]));
    if (!byId.size) return new Map();
    const rows: { guidelineId: string; language: Language; title: string | null; text: string; sourceHash: string }[] = await db.query(
      `SELECT DISTINCT ON (t.guideline_id, t.language) t.guideline_id AS "guidelineId", t.language, t.title, t.text, t.source_hash AS "sourceHash"
         FROM guideline_translation t
        WHERE t.guideline_id = ANY($1::uuid[]) ORDER BY t.guideline_id, t.language, t.translated_at DESC, t.id DESC`,
      [[...byId.keys()]],
    );
    const result = new Map<string, PaperTranslations>();
    for (const r of rows) {
      if (r.sourceHash !== sourceHash(byId.get(r.guidelineId)!)) continue;
      result.set(r.guidelineId, { ...result.get(r.guidelineId), [r.language]: { title: r.title, text: r.text } });
    }
    return result;
  }
}
