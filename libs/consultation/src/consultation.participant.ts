import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Actor } from '@tripartite/common';
import { AuditService } from '@tripartite/audit';
import type { Tx } from '@tripartite/database';
import { SnapshotPart, WorkflowHooks, WorkflowParticipant } from '@tripartite/workflow';
import { EventBus } from '@tripartite/events';
import type { Stage } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { RoundDeadlines } from './round-deadlines.service';
import { RoundRow, roundColumns } from './sql-columns';

interface StageMove {
  instrumentId: string;
  from: Stage;
  to: Stage;
  actor: Actor | null;
  reason: string | null;
  earlyClose: boolean;
  at: Date;
}

/** The consultation's part in stage moves: facts for the guards, and opening or closing the round with the move. */
@Injectable()
export class ConsultationParticipant implements WorkflowParticipant, OnModuleInit {
  constructor(
    private readonly hooks: WorkflowHooks,
    private readonly bus: EventBus,
    private readonly audit: AuditService,
    private readonly deadlines: RoundDeadlines,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
    // A move opens the scheduled round, or closes the open one, in the move's transaction.
    this.bus.onWrite(['stage.changed'], 'react', ConsultationParticipant.name, (tx, e) =>
      this.onMove(tx, {
        instrumentId: e.entityId,
        from: e.data.from,
        to: e.data.to,
        actor: e.actor,
        reason: e.data.reason,
        earlyClose: e.data.earlyClose,
        at: new Date(e.data.at),
      }),
    );
  }

  async snapshot(tx: Tx, instrumentId: string): Promise<SnapshotPart> {
    const [row] = await tx.em.query(
      `WITH rounds AS (
         SELECT r.id, r.number, r.status, r.closes_at, v.number AS version_number, v.status AS version_status
           FROM consultation_round r JOIN draft_version v ON v.id = r.version_id
          WHERE r.instrument_id = $1),
       scheduled AS (SELECT * FROM rounds WHERE status = 'SCHEDULED' ORDER BY number DESC LIMIT 1),
       open AS (SELECT * FROM rounds WHERE status = 'OPEN' ORDER BY number DESC LIMIT 1),
       last_closed AS (SELECT * FROM rounds WHERE status = 'CLOSED' ORDER BY number DESC LIMIT 1)
       SELECT (SELECT version_number FROM scheduled) AS "scheduledVersionNumber",
              (SELECT version_status = 'PUBLISHED' FROM scheduled) AS "scheduledVersionPublished",
              (SELECT closes_at FROM scheduled) AS "scheduledClosesAt",
              (SELECT count(*)::int FROM round_invitation ri WHERE ri.round_id = (SELECT id FROM scheduled)) AS "scheduledInvitedCount",
              (SELECT closes_at FROM open) AS "openClosesAt",
              (SELECT version_number FROM last_closed) AS "lastRoundVersionNumber",
              (SELECT count(*)::int FROM comment c
                WHERE c.round_id = coalesce((SELECT id FROM open), (SELECT id FROM last_closed))
                  AND c.status = 'SUBMITTED' AND c.disposition IS NULL) AS "undisposedComments"`,
      [instrumentId],
    );
    return {
      scheduledRound: row.scheduledClosesAt
        ? {
            versionNumber: row.scheduledVersionNumber,
            versionPublished: row.scheduledVersionPublished,
            closesAt: row.scheduledClosesAt,
            invitedCount: row.scheduledInvitedCount,
          }
        : null,
      openRound: row.openClosesAt ? { closesAt: row.openClosesAt } : null,
      lastRoundVersionNumber: row.lastRoundVersionNumber,
      undisposedComments: row.undisposedComments,
    };
  }

  private async onMove(tx: Tx, move: StageMove): Promise<void> {
    if (move.to === 'CONSULTATION') {
      const [[round]]: [RoundRow[]] = await tx.em.query(
        `UPDATE consultation_round r SET status = 'OPEN', opens_at = $2
          WHERE r.id = (SELECT id FROM consultation_round WHERE instrument_id = $1 AND status = 'SCHEDULED' ORDER BY number DESC LIMIT 1)
          RETURNING ${roundColumns('r')}`,
        [move.instrumentId, move.at],
      );
      if (round) await this.opened(tx, move.actor, round);
    } else if (move.from === 'CONSULTATION') {
      const [[round]]: [RoundRow[]] = await tx.em.query(
        `UPDATE consultation_round r SET status = 'CLOSED', closed_at = $2, early_close = $3
          WHERE r.instrument_id = $1 AND r.status = 'OPEN' RETURNING ${roundColumns('r')}`,
        [move.instrumentId, move.at, move.earlyClose],
      );
      if (round) await this.closed(tx, move.actor, round, move.reason);
    }
  }

  // What happened (issue 5 adds the outbox rows: notifications, reminders and the close job).

  private async opened(tx: Tx, actor: Actor | null, round: RoundRow): Promise<void> {
    await this.audit.record(tx.em, actor, 'round.opened', 'ConsultationRound', round.id, {
      instrumentId: round.instrumentId,
      number: round.number,
      opensAt: round.opensAt?.toISOString(),
      closesAt: round.closesAt.toISOString(),
    });
    await this.deadlines.schedule(tx, round, round.opensAt ?? new Date());
    await this.notifications.emit(tx.em, { kind: 'consultation.opened', instrumentId: round.instrumentId, subjectId: round.id, data: { roundId: round.id } });
  }

  private async closed(tx: Tx, actor: Actor | null, round: RoundRow, reason: string | null): Promise<void> {
    await this.audit.record(tx.em, actor, 'round.closed', 'ConsultationRound', round.id, {
      instrumentId: round.instrumentId,
      number: round.number,
      closedAt: round.closedAt?.toISOString(),
      closesAt: round.closesAt.toISOString(),
      earlyClose: round.earlyClose,
      reason,
    });
    await this.notifications.emit(tx.em, { kind: 'consultation.closed', instrumentId: round.instrumentId, subjectId: round.id, data: { roundId: round.id } });
  }
}
