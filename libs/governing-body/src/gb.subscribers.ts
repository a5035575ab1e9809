import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditCheckpointRequests } from '@tripartite/audit';
import { AppConfig, durationMs } from '@tripartite/config';
import { gbDeadlineReminderJobId, reminderTimes } from '@tripartite/domain';
import { EventBus } from '@tripartite/events';
import { NotificationsService } from '@tripartite/notifications';
import { OutboxService } from '@tripartite/outbox';
import { GbSessionRepository } from './repositories';

/**
 * The effects of the Governing Body's events, in the write's transaction (the audit row is the audit's):
 * a new session's document-deadline reminder (jobs); a decision's notification (notify) and the signed
 * audit checkpoint that anchors the chain right after it (jobs).
 */
@Injectable()
export class GbSubscribers implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
    private readonly checkpoints: AuditCheckpointRequests,
    private readonly sessions: GbSessionRepository,
  ) {}

  onModuleInit(): void {
    const by = GbSubscribers.name;
    this.bus.onWrite(['gbSession.created'], 'jobs', by, async (tx, e) => {
      const session = await this.sessions.read(tx, e.entityId);
      if (!session) return;
      // The one reminder plan of every deadline, with the one configured offset: none when its time has already
      // passed at creation (as for rounds and meetings).
      for (const reminder of reminderTimes(session.documentDeadline, session.createdAt, [durationMs(this.config.GB_REMINDER_OFFSET)])) {
        await this.outbox.add(tx.em, {
          queue: 'deadlines',
          name: 'gb.deadline-reminder',
          payload: { sessionId: session.id, documentDeadline: session.documentDeadline.toISOString() },
          jobId: gbDeadlineReminderJobId(session.id, session.documentDeadline),
          runAt: reminder.at,
        });
      }
    });
    this.bus.onWrite(['gbSubmission.decided'], 'notify', by, (tx, e) =>
      this.notifications.emit(tx.em, {
        kind: 'gb.decided',
        instrumentId: e.data.instrumentId,
        subjectId: e.entityId,
        data: { decision: e.data.decision, submissionId: e.entityId, symbol: e.data.symbol },
      }),
    );
    this.bus.onWrite(['gbSubmission.decided'], 'jobs', by, (tx) => this.checkpoints.afterThisTransaction(tx.em, 'gb.decided'));
  }
}
