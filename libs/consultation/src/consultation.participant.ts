import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Actor } from '@tripartite/common';
import type { Tx } from '@tripartite/database';
import { SnapshotPart, WorkflowHooks, WorkflowParticipant } from '@tripartite/workflow';
import { EventBus } from '@tripartite/events';
import type { Stage } from '@tripartite/domain';
import { RoundRepository } from './repositories';

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
    private readonly rounds: RoundRepository,
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
    const row = await this.rounds.snapshotFacts(tx, instrumentId);
    return {
      scheduledRound: row.scheduledClosesAt
        ? {
            versionNumber: row.scheduledVersionNumber!,
            versionPublished: row.scheduledVersionPublished!,
            closesAt: row.scheduledClosesAt,
            invitedCount: row.scheduledInvitedCount,
          }
        : null,
      openRound: row.openClosesAt ? { closesAt: row.openClosesAt } : null,
      lastRoundVersionNumber: row.lastRoundVersionNumber,
      undisposedComments: row.undisposedComments,
    };
  }

  /** Opening and closing are writes of the consultation's own: each raises its event (audit, deadline jobs, notifications). */
  private async onMove(tx: Tx, move: StageMove): Promise<void> {
    if (move.to === 'CONSULTATION') {
      const round = await this.rounds.openScheduled(tx, move.instrumentId, move.at);
      if (!round) return;
      await this.bus.raise(tx, {
        name: 'round.opened',
        actor: move.actor,
        entityId: round.id,
        data: { instrumentId: round.instrumentId, number: round.number, opensAt: round.opensAt?.toISOString(), closesAt: round.closesAt.toISOString() },
      });
    } else if (move.from === 'CONSULTATION') {
      const round = await this.rounds.closeOpen(tx, move.instrumentId, move.at, move.earlyClose);
      if (!round) return;
      await this.bus.raise(tx, {
        name: 'round.closed',
        actor: move.actor,
        entityId: round.id,
        data: {
          instrumentId: round.instrumentId,
          number: round.number,
          closedAt: round.closedAt?.toISOString(),
          closesAt: round.closesAt.toISOString(),
          earlyClose: round.earlyClose,
          reason: move.reason,
        },
      });
    }
  }
}
