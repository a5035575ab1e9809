import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig, durationMs } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { gbDeadlineReminderJobId } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { Queues, RequeueResult, requeueJobs } from '@tripartite/queue';
import { REDIS } from '@tripartite/redis';

/**
 * Self-healing of GB document-deadline reminders after Redis lost its jobs: each session whose document
 * deadline is still ahead gets its reminder job back, under the id it was scheduled with, when its time is
 * still ahead. As for rounds, a reminder whose time has passed is re-created, to be sent late, only when no
 * event was recorded under its key (it may have been sent and its job removed since); one whose job failed is
 * retried, and the handler reminds at most once.
 */
@Injectable()
export class GbDeadlineReminders {
  private readonly logger = new Logger(GbDeadlineReminders.name);

  constructor(
    private readonly tx: Transactions,
    private readonly queues: Queues,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  async reconcile(): Promise<RequeueResult> {
    // gb_session_document_deadline_idx: only the sessions whose deadline is ahead.
    const sessions: { id: string; documentDeadline: Date; createdAt: Date; now: Date }[] = await this.tx.dataSource.query(
      `SELECT id, document_deadline AS "documentDeadline", created_at AS "createdAt", clock_timestamp() AS now
         FROM gb_session WHERE document_deadline > clock_timestamp()`,
    );
    const offsetMs = durationMs(this.config.GB_REMINDER_OFFSET);
    const wanted = await this.notifications.wantedReminders(
      this.tx.dataSource,
      'gb.deadline-reminder',
      sessions.map((s) => ({
        jobId: gbDeadlineReminderJobId(s.id, s.documentDeadline),
        data: { sessionId: s.id, documentDeadline: s.documentDeadline.toISOString() },
        at: new Date(s.documentDeadline.getTime() - offsetMs),
        since: s.createdAt,
        deadline: s.id,
        now: s.now,
      })),
    );
    const result = await requeueJobs(this.redis, this.queues.get('deadlines'), wanted);
    if (result.added || result.retried) this.logger.log(result, 'reconciled GB deadline reminders');
    return result;
  }
}
