import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a notification says of its instrument. */
export interface InstrumentHeading {
  reference: string;
  title: string;
}

/** What notifications read of drafting when a message is rendered: in the caller's transaction (`em`). */
@Injectable()
export class DraftingNotificationContext {
  async instrumentHeading(em: EntityManager, instrumentId: string): Promise<InstrumentHeading | null> {
    const [row]: InstrumentHeading[] = await em.query(`SELECT i.reference, i.title FROM instrument i WHERE i.id = $1`, [instrumentId]);
    return row ?? null;
  }

  /** A guideline's number (e.g. "4.2"), for the comment a notification names. */
  async guidelineNumber(em: EntityManager, guidelineId: string): Promise<string | null> {
    const [row]: { number: string }[] = await em.query(`SELECT g.number FROM guideline g WHERE g.id = $1`, [guidelineId]);
    return row?.number ?? null;
  }
}
