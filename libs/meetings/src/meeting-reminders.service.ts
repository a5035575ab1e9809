import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig, durationMs } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { meetingReminderJobId } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { Queues, RequeueResult, requeueJobs } from '@tripartite/queue';
import { REDIS } from '@tripartite/redis';

/**
 * Self-healing of meeting reminders after Redis lost its jobs (it keeps nothing on disk): each SCHEDULED
 * meeting still ahead gets its reminder job back, under the id it was scheduled with, when its time is still
 * ahead. As for rounds, a reminder whose time has passed is re-created, to be sent late, only when no event was
 * recorded under its key (it may have been sent and its job removed since); one whose job failed is retried, and
 * the handler reminds at most once.
 */
@Injectable()
export class MeetingReminders {
  private readonly logger = new Logger(MeetingReminders.name);

  constructor(
    private readonly tx: Transactions,
    private readonly queues: Queues,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  async reconcile(): Promise<RequeueResult> {
    // experts_meeting_scheduled_idx: only the scheduled meetings, from now on.
    const meetings: { id: string; startsAt: Date; createdAt: Date; now: Date }[] = await this.tx.dataSource.query(
      `SELECT id, starts_at AS "startsAt", created_at AS "createdAt", clock_timestamp() AS now
         FROM experts_meeting WHERE status = 'SCHEDULED' AND starts_at > clock_timestamp()`,
    );
    const offsetMs = durationMs(this.config.MEETING_REMINDER_OFFSET);
    const wanted = await this.notifications.wantedReminders(
      this.tx.dataSource,
      'meeting.reminder',
      meetings.map((m) => ({
        jobId: meetingReminderJobId(m.id, m.startsAt),
        data: { meetingId: m.id, startsAt: m.startsAt.toISOString() },
        at: new Date(m.startsAt.getTime() - offsetMs),
        since: m.createdAt,
        deadline: m.id,
        now: m.now,
      })),
    );
    const result = await requeueJobs(this.redis, this.queues.get('deadlines'), wanted);
    if (result.added || result.retried) this.logger.log(result, 'reconciled meeting reminders');
    return result;
  }
}
