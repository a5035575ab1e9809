import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig, durationMs } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { meetingReminderJobId } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { Queues, REDIS, RequeueResult, requeueJobs, wantedReminder } from '@tripartite/queue';

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
    const reminders = meetings.map((m) => ({ ...m, at: new Date(m.startsAt.getTime() - offsetMs), jobId: meetingReminderJobId(m.id, m.startsAt) }));
    // Passed, and wanted when it was scheduled (one already past then was skipped, and stays so).
    const late = await this.notifications.unsentReminders(this.tx.dataSource, reminders.filter((r) => r.at <= r.now && r.at > r.createdAt).map((r) => r.jobId));
    const result = await requeueJobs(
      this.redis,
      this.queues.get('deadlines'),
      reminders.map((r) => wantedReminder('meeting.reminder', r.jobId, { meetingId: r.id, startsAt: r.startsAt.toISOString() }, r.at, r.now, late.has(r.jobId))),
    );
    if (result.added || result.retried) this.logger.log(result, 'reconciled meeting reminders');
    return result;
  }
}
