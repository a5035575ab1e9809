import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DraftVersionEntity } from '../draft-version.entity';
import type { GuidelineEntity } from '../guideline.entity';
import type { InstrumentEntity } from '../instrument.entity';
import type { SectionEntity } from '../section.entity';

/** The caller's transaction (the paper is read in one snapshot, or frozen inside the submission's write). */
type Db = Pick<EntityManager, 'query'>;

export type PaperInstrumentRow = Pick<InstrumentEntity, 'reference' | 'title' | 'summary'>;
export type PaperVersionRow = Pick<DraftVersionEntity, 'id' | 'number'>;
/** A guideline with the section it sits in. */
export type PaperGuidelineRow = Pick<GuidelineEntity, 'id' | 'key' | 'number' | 'title' | 'text'> & {
  sectionNumber: SectionEntity['number'];
  sectionHeading: SectionEntity['heading'];
};

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
}
