import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConstituentGroup } from '@tripartite/domain';
import type { CommentEntity } from '../comment.entity';
import type { ConsultationRoundEntity } from '../consultation-round.entity';

/** The caller's transaction (the paper is read in one snapshot, or frozen inside the submission's write). */
type Db = Pick<EntityManager, 'query'>;

/** A round that opened, with whom it invited and how many of each group answered. */
export type PaperRoundRow = Pick<ConsultationRoundEntity, 'number' | 'versionId' | 'opensAt' | 'closesAt' | 'closedAt'> & {
  invitedOrganizationIds: string[];
  /** Invited organizations that submitted at least one comment, by group (groups with none left out). */
  responding: Partial<Record<ConstituentGroup, number>>;
};

/** A SUBMITTED comment of a round that opened, as the paper counts it (its text is never read). */
export type PaperCommentRow = Pick<CommentEntity, 'guidelineId' | 'group' | 'type' | 'disposition'> & { round: number };

/**
 * What the Governing Body reads of consultation: the rounds and comments its paper reports, and who was
 * consulted on an instrument (the recipients of its decision). Rounds still SCHEDULED never opened and are left out.
 */
@Injectable()
export class ConsultationPaperReadModel {
  /** In round order. */
  rounds(db: Db, instrumentId: string): Promise<PaperRoundRow[]> {
    return db.query(
      `SELECT r.number, r.version_id AS "versionId", r.opens_at AS "opensAt", r.closes_at AS "closesAt", r.closed_at AS "closedAt",
              ARRAY(SELECT ri.organization_id::text FROM round_invitation ri WHERE ri.round_id = r.id) AS "invitedOrganizationIds",
              (SELECT coalesce(json_object_agg(x.g, x.n), '{}') FROM
                 (SELECT c."group" AS g, count(DISTINCT c.organization_id)::int AS n FROM comment c
                   WHERE c.round_id = r.id AND c.status = 'SUBMITTED' GROUP BY c."group") x) AS responding
         FROM consultation_round r
        WHERE r.instrument_id = $1 AND r.status <> 'SCHEDULED'
        ORDER BY r.number`,
      [instrumentId],
    );
  }

  /** Withdrawn comments are not counted; in round order, then as submitted. */
  comments(db: Db, instrumentId: string): Promise<PaperCommentRow[]> {
    return db.query(
      `SELECT r.number AS round, c.guideline_id AS "guidelineId", c."group", c.type, c.disposition
         FROM comment c JOIN consultation_round r ON r.id = c.round_id
        WHERE r.instrument_id = $1 AND r.status <> 'SCHEDULED' AND c.status = 'SUBMITTED'
        ORDER BY r.number, c.submitted_at, c.id`,
      [instrumentId],
    );
  }

  /** Every organization invited to a round on the instrument (any status), once each. */
  async invitedOrganizationIds(db: Db, instrumentId: string): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT DISTINCT ri.organization_id AS id FROM round_invitation ri JOIN consultation_round r ON r.id = ri.round_id WHERE r.instrument_id = $1`,
      [instrumentId],
    );
    return rows.map((r) => r.id);
  }
}
