import { Injectable } from '@nestjs/common';
import { Transactions } from '@tripartite/database';
import { meetingReminderJobId } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

/**
 * Reminds participants and moderators, if the meeting still starts when the reminder was planned for; once,
 * however often the job runs (a retry after a failure whose commit got through, a reconcile's retry).
 */
@Injectable()
@JobHandler('deadlines', 'meeting.reminder')
export class MeetingReminderProcessor implements HandlesJob<'deadlines', 'meeting.reminder'> {
  constructor(
    private readonly tx: Transactions,
    private readonly notifications: NotificationsService,
  ) {}

  handle({ meetingId, startsAt }: JobPayload<'deadlines', 'meeting.reminder'>): Promise<string> {
    return this.tx.run(async ({ em }) => {
      const [meeting] = await em.query(
        `SELECT instrument_id AS "instrumentId" FROM experts_meeting
          WHERE id = $1 AND status = 'SCHEDULED' AND starts_at = $2::timestamptz AND starts_at > clock_timestamp()`,
        [meetingId, startsAt],
      );
      if (!meeting) return 'moved-on';
      const event = { kind: 'meeting.reminder' as const, instrumentId: meeting.instrumentId, subjectId: meetingId, data: { meetingId, startsAt } };
      return (await this.notifications.emitOnce(em, meetingReminderJobId(meetingId, new Date(startsAt)), event)) ? 'reminded' : 'already-reminded';
    });
  }
}
