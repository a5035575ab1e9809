import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Tx } from '@tripartite/database';
import { EventBus } from '@tripartite/events';
import { LivePublisher } from '@tripartite/live';
import { NotificationsService } from '@tripartite/notifications';
import { CommentRepository, RoundRepository } from './repositories';
import { RoundDeadlines } from './round-deadlines.service';

/**
 * The effects of consultation's events other than the audit (which hears every event): the deadline jobs and the
 * notifications in the write's transaction, the live event after it commits. Each effect of an event is one
 * subscription, in the order the writes had them (jobs before notifications).
 */
@Injectable()
export class ConsultationSubscribers implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly deadlines: RoundDeadlines,
    private readonly notifications: NotificationsService,
    private readonly live: LivePublisher,
    private readonly rounds: RoundRepository,
    private readonly comments: CommentRepository,
  ) {}

  onModuleInit(): void {
    const by = ConsultationSubscribers.name;

    // Deadline jobs: the close job at closesAt and the reminders before it, planned from the opening or the extension.
    this.bus.onWrite(['round.opened'], 'jobs', by, (tx, e) =>
      this.deadlines.schedule(tx, { id: e.entityId, closesAt: new Date(e.data.closesAt) }, e.data.opensAt ? new Date(e.data.opensAt) : new Date()),
    );
    // Only an OPEN round has jobs; those of the old deadline stay queued and do nothing when they fire.
    this.bus.onWrite(['round.extended'], 'jobs', by, async (tx, e) => {
      const round = await this.deadline(tx, e.entityId);
      if (round.status === 'OPEN') await this.deadlines.schedule(tx, { id: e.entityId, closesAt: round.closesAt }, round.extendedAt ?? new Date());
    });

    // Notifications.
    this.bus.onWrite(['round.scheduled'], 'notify', by, (tx, e) =>
      this.notifications.emit(tx.em, {
        kind: 'consultation.scheduled',
        instrumentId: e.data.instrumentId,
        subjectId: e.entityId,
        data: { roundId: e.entityId },
      }),
    );
    this.bus.onWrite(['round.extended'], 'notify', by, async (tx, e) => {
      const round = await this.deadline(tx, e.entityId);
      await this.notifications.emit(tx.em, {
        kind: 'consultation.extended',
        instrumentId: round.instrumentId,
        subjectId: e.entityId,
        data: { roundId: e.entityId, fromAt: e.data.from, toAt: e.data.to },
      });
    });
    this.bus.onWrite(['round.opened'], 'notify', by, (tx, e) =>
      this.notifications.emit(tx.em, { kind: 'consultation.opened', instrumentId: e.data.instrumentId, subjectId: e.entityId, data: { roundId: e.entityId } }),
    );
    this.bus.onWrite(['round.closed'], 'notify', by, (tx, e) =>
      this.notifications.emit(tx.em, { kind: 'consultation.closed', instrumentId: e.data.instrumentId, subjectId: e.entityId, data: { roundId: e.entityId } }),
    );
    this.bus.onWrite(['comment.disposed'], 'notify', by, async (tx, e) => {
      const roundId = (await this.comments.roundIdOf(tx, e.entityId))!;
      await this.notifications.emit(tx.em, { kind: 'comment.disposed', subjectId: e.entityId, data: { roundId, commentId: e.entityId } });
    });

    // Live: whoever follows the round hears of the comment once it has committed.
    this.bus.afterCommit(['comment.submitted'], 'live', by, (e) =>
      this.live.publish('commentSubmitted', e.data.roundId, { roundId: e.data.roundId, commentId: e.entityId }),
    );
  }

  /** The round's deadline as the extension left it (its event names only the deadlines and the reason). */
  private async deadline(tx: Tx, roundId: string) {
    return (await this.rounds.deadline(tx, roundId))!;
  }
}
