import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig, durationMs } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { meetingReminderJobId } from '@tripartite/domain';
import { Queues, REDIS, RequeueResult, requeueJobs, wantedReminder } from '@tripartite/queue';

/**
 * Self-healing of meeting reminders after Redis lost its jobs (it keeps nothing on disk): each SCHEDULED
 * meeting still ahead gets its reminder job back, under the id it was scheduled with, when its time is still
 * ahead. As for rounds, a reminder whose time has passed is not re-created (it may have been sent and its job
 * removed since); one whose job failed is retried, and the handler reminds at most once.
 */
@Injectable()
export class MeetingReminders {
  private readonly logger = new Logger(MeetingReminders.name);

  constructor(
    private readonly tx: Transactions,
    private readonly queues: Queues,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async reconcile(): Promise<RequeueResult> {
    // experts_meeting_scheduled_idx: only the scheduled meetings, from now on.
    const meetings: { id: string; startsAt: Date; now: Date }[] = await this.tx.dataSource.query(
      `SELECT id, starts_at AS "startsAt", clock_timestamp() AS now
         FROM experts_meeting WHERE status = 'SCHEDULED' AND starts_at > clock_timestamp()`,
    );
    const offsetMs = durationMs(this.config.MEETING_REMINDER_OFFSET);
    const result = await requeueJobs(
      this.redis,
      this.queues.get('deadlines'),
      meetings.map((m) => wantedReminder('meeting.reminder', meetingReminderJobId(m.id, m.startsAt), { meetingId: m.id, startsAt: m.startsAt.toISOString() }, new Date(m.startsAt.getTime() - offsetMs), m.now)),
    );
    if (result.added || result.retried) this.logger.log(result, 'reconciled meeting reminders');
    return result;
  }
}
