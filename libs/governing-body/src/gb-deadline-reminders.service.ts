import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig, durationMs } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { gbDeadlineReminderJobId, reminderTimes } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { Queues, RequeueResult, requeueJobs } from '@tripartite/queue';
import { REDIS } from '@tripartite/redis';
import { GbSessionRepository } from './repositories';

export type GbReminderOutcome = 'reminded' | 'already-reminded' | 'moved-on';

/**
 * The secretariat's reminder of a session's document deadline, planned as every deadline's reminders are
 * (reminderTimes, with the one offset GB_REMINDER_OFFSET): sent by the deadlines job, and self-healed after
 * Redis lost its jobs.
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
    private readonly sessions: GbSessionRepository,
  ) {}

  /** Reminds the secretariat, if the deadline still stands and is ahead; once, however often the job runs. */
  remind(sessionId: string, documentDeadline: string): Promise<GbReminderOutcome> {
    return this.tx.run(async (tx) => {
      const number = await this.sessions.numberWhileDeadlineAhead(tx, sessionId, documentDeadline);
      if (number === null) return 'moved-on';
      const event = { kind: 'gb.deadline' as const, subjectId: sessionId, data: { sessionId, documentDeadline, number } };
      return (await this.notifications.emitOnce(tx.em, gbDeadlineReminderJobId(sessionId, new Date(documentDeadline)), event))
        ? 'reminded'
        : 'already-reminded';
    });
  }

  /**
   * Each session whose document deadline is still ahead gets its reminder job back, under the id it was
   * scheduled with, when its time is still ahead. As for rounds, a reminder whose time has passed is re-created,
   * to be sent late, only when no event was recorded under its key (it may have been sent and its job removed
   * since); one whose job failed is retried, and the handler reminds at most once.
   */
  async reconcile(): Promise<RequeueResult> {
    const sessions = await this.sessions.withDeadlineAhead();
    const offsetsMs = [durationMs(this.config.GB_REMINDER_OFFSET)];
    const wanted = await this.notifications.wantedReminders(
      this.tx.dataSource,
      'gb.deadline-reminder',
      sessions.flatMap((s) =>
        reminderTimes(s.documentDeadline, s.createdAt, offsetsMs).map((r) => ({
          jobId: gbDeadlineReminderJobId(s.id, s.documentDeadline),
          data: { sessionId: s.id, documentDeadline: s.documentDeadline.toISOString() },
          at: r.at,
          since: s.createdAt,
          deadline: s.id,
          now: s.now,
        })),
      ),
    );
    const result = await requeueJobs(this.redis, this.queues.get('deadlines'), wanted);
    if (result.added || result.retried) this.logger.log(result, 'reconciled GB deadline reminders');
    return result;
  }
}
