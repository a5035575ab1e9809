import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CommentFacts, ConsultationFacts, ConsultationFactsSource, ExtensionFacts, RoundFacts } from '@tripartite/notifications';

/**
 * What notifications read of consultation (rounds, comments, invitations), for their recipients and messages, in
 * the caller's transaction. Provided to notifications at module init: consultation emits notifications, so
 * notifications cannot import it.
 */
@Injectable()
export class ConsultationNotificationContext implements ConsultationFacts, OnModuleInit {
  constructor(private readonly source: ConsultationFactsSource) {}

  onModuleInit(): void {
    this.source.provide(this);
  }

  async round(em: EntityManager, roundId: string): Promise<RoundFacts | null> {
    const [row]: RoundFacts[] = await em.query(
      `SELECT r.instrument_id AS "instrumentId", r.number, r.closes_at AS "closesAt" FROM consultation_round r WHERE r.id = $1`,
      [roundId],
    );
    return row ?? null;
  }

  async comment(em: EntityManager, commentId: string): Promise<CommentFacts | null> {
    const [row]: CommentFacts[] = await em.query(
      `SELECT c.organization_id AS "organizationId", c.round_id AS "roundId", c.guideline_id AS "guidelineId", c.body, c.disposition,
              c.disposition_note AS "dispositionNote" FROM comment c WHERE c.id = $1`,
      [commentId],
    );
    return row ?? null;
  }

  async extension(em: EntityManager, roundId: string, toAt: Date): Promise<ExtensionFacts | null> {
    const [row]: ExtensionFacts[] = await em.query(
      `SELECT e.from_at AS "fromAt", e.to_at AS "toAt", e.reason FROM deadline_extension e
        WHERE e.round_id = $1 AND e.to_at = $2 ORDER BY e.at DESC LIMIT 1`,
      [roundId, toAt],
    );
    return row ?? null;
  }

  async latestRoundId(em: EntityManager, instrumentId: string): Promise<string | null> {
    const [row]: { id: string }[] = await em.query(`SELECT r.id FROM consultation_round r WHERE r.instrument_id = $1 ORDER BY r.number DESC LIMIT 1`, [
      instrumentId,
    ]);
    return row?.id ?? null;
  }

  async invitedOrganizations(em: EntityManager, roundId: string, which: 'all' | 'yetToComment'): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT ri.organization_id AS id FROM round_invitation ri
        WHERE ri.round_id = $1
          AND (NOT $2::boolean OR NOT EXISTS (SELECT 1 FROM comment c WHERE c.round_id = ri.round_id
                                                 AND c.organization_id = ri.organization_id AND c.status = 'SUBMITTED'))`,
      [roundId, which === 'yetToComment'],
    );
    return rows.map((r) => r.id);
  }

  async consultedOrganizations(em: EntityManager, instrumentId: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT DISTINCT ri.organization_id AS id FROM round_invitation ri JOIN consultation_round r ON r.id = ri.round_id WHERE r.instrument_id = $1`,
      [instrumentId],
    );
    return rows.map((r) => r.id);
  }
}
