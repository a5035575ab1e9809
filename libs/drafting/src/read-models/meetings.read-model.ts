import { Injectable } from '@nestjs/common';
import type { Tx } from '@tripartite/database';
import type { Stage, VersionStatus } from '@tripartite/domain';

/** A version of an instrument, as a meeting's agenda is made from it. */
export interface AgendaVersion {
  status: VersionStatus;
  /** Its guidelines, in document order. */
  guidelineIds: string[];
}

/**
 * What meetings read of drafting: the instrument's stage (locked when a meeting is scheduled), a version's
 * guidelines for the agenda, and scalar subqueries for the meetings' own statements (a guideline's number and
 * text, an instrument's stage), each given the SQL expression of the id it reads.
 */
@Injectable()
export class DraftingMeetingsReadModel {
  /** The instrument, locked FOR UPDATE (stage moves and other schedulings of it serialize on it); null when none. */
  async lockInstrument(tx: Tx, instrumentId: string): Promise<{ id: string; stage: Stage } | null> {
    const [instrument]: { id: string; stage: Stage }[] = await tx.em.query(`SELECT id, stage FROM instrument WHERE id = $1 FOR UPDATE`, [instrumentId]);
    return instrument ?? null;
  }

  /** The version if it is one of the instrument's; null otherwise. */
  async agendaVersion(tx: Tx, versionId: string, instrumentId: string): Promise<AgendaVersion | null> {
    const [version]: AgendaVersion[] = await tx.em.query(
      `SELECT v.status, ARRAY(SELECT g.id FROM guideline g WHERE g.version_id = v.id ORDER BY g.position) AS "guidelineIds"
         FROM draft_version v WHERE v.id = $1 AND v.instrument_id = $2`,
      [versionId, instrumentId],
    );
    return version ?? null;
  }

  /** SQL: the stage of the instrument whose id is the SQL expression `instrumentId`. */
  stageOf(instrumentId: string): string {
    return `(SELECT di.stage FROM instrument di WHERE di.id = ${instrumentId})`;
  }

  /** SQL: the printed number of the guideline whose id is the SQL expression `guidelineId`. */
  guidelineNumberOf(guidelineId: string): string {
    return `(SELECT dg.number FROM guideline dg WHERE dg.id = ${guidelineId})`;
  }

  /** SQL: the text of the guideline whose id is the SQL expression `guidelineId`. */
  guidelineTextOf(guidelineId: string): string {
    return `(SELECT dg.text FROM guideline dg WHERE dg.id = ${guidelineId})`;
  }
}
