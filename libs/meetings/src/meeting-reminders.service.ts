import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig, durationMs } from '@tripartite/config';
import { Transactions, type Tx } from '@tripartite/database';
import { meetingReminderJobId, reminderTimes } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { OutboxService } from '@tripartite/outbox';
import { Queues, RequeueResult, requeueJobs } from '@tripartite/queue';
import { REDIS } from '@tripartite/redis';
import { MeetingRepository, MeetingRow } from './repositories';

/** What a reminder job carries. */
interface ReminderData {
  meetingId: string;
  startsAt: string;
}

/**
 * The meeting's reminder to its participants and moderators, MEETING_REMINDER_OFFSET before it starts: planned
 * with the one reminder plan of every deadline (reminderTimes, from the meeting's creation, so one already past
 * when the meeting is scheduled is skipped, as for rounds), queued through the outbox when the meeting is
 * scheduled, sent once by its job, and rebuilt by the reconcile after Redis lost its jobs (it keeps nothing on
 * disk): each SCHEDULED meeting still ahead gets its reminder job back, under the id it was scheduled with, when
 * its time is still ahead. As for rounds, a reminder whose time has passed is re-created, to be sent late, only
 * when no event was recorded under its key (it may have been sent and its job removed since); one whose job
 * failed is retried, and the handler reminds at most once.
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
    private readonly outbox: OutboxService,
    private readonly meetings: MeetingRepository,
  ) {}

  /** The meeting's reminders (none, or the one): its job id, data and time. */
  private plan(meeting: Pick<MeetingRow, 'id' | 'startsAt' | 'createdAt'>): { jobId: string; data: ReminderData; at: Date }[] {
    return reminderTimes(meeting.startsAt, meeting.createdAt, [durationMs(this.config.MEETING_REMINDER_OFFSET)]).map((r) => ({
      jobId: meetingReminderJobId(meeting.id, meeting.startsAt),
      data: { meetingId: meeting.id, startsAt: meeting.startsAt.toISOString() },
      at: r.at,
    }));
  }

  /** Queues the reminder of a meeting just scheduled, in the scheduling's transaction. */
  async schedule(tx: Tx, meetingId: string): Promise<void> {
    const meeting = await this.meetings.read(tx, meetingId);
    if (!meeting) return;
    for (const reminder of this.plan(meeting)) {
      await this.outbox.add(tx.em, { queue: 'deadlines', name: 'meeting.reminder', payload: reminder.data, jobId: reminder.jobId, runAt: reminder.at });
    }
  }

  /**
   * The reminder job: reminds participants and moderators if the meeting still starts when the reminder was
   * planned for; once, however often the job runs (a retry after a failure whose commit got through, a reconcile's retry).
   */
  remind(meetingId: string, startsAt: string): Promise<'moved-on' | 'reminded' | 'already-reminded'> {
    return this.tx.run(async ({ em }) => {
      const meeting = await this.meetings.stillStartingAt(em, meetingId, startsAt);
      if (!meeting) return 'moved-on';
      const event = { kind: 'meeting.reminder' as const, instrumentId: meeting.instrumentId, subjectId: meetingId, data: { meetingId, startsAt } };
      return (await this.notifications.emitOnce(em, meetingReminderJobId(meetingId, new Date(startsAt)), event)) ? 'reminded' : 'already-reminded';
    });
  }

  async reconcile(): Promise<RequeueResult> {
    const meetings = await this.meetings.scheduledAhead();
    const wanted = await this.notifications.wantedReminders(
      this.tx.dataSource,
      'meeting.reminder',
      meetings.flatMap((m) => this.plan(m).map((r) => ({ ...r, since: m.createdAt, deadline: m.id, now: m.now }))),
    );
    const result = await requeueJobs(this.redis, this.queues.get('deadlines'), wanted);
    if (result.added || result.retried) this.logger.log(result, 'reconciled meeting reminders');
    return result;
  }
}
