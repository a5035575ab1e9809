import { Injectable } from '@nestjs/common';
import { MeetingReminders } from '@tripartite/meetings';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

/**
 * Reminds participants and moderators, if the meeting still starts when the reminder was planned for; once,
 * however often the job runs (a retry after a failure whose commit got through, a reconcile's retry).
 */
@Injectable()
@JobHandler('deadlines', 'meeting.reminder')
export class MeetingReminderProcessor implements HandlesJob<'deadlines', 'meeting.reminder'> {
  constructor(private readonly reminders: MeetingReminders) {}

  handle({ meetingId, startsAt }: JobPayload<'deadlines', 'meeting.reminder'>): Promise<string> {
    return this.reminders.remind(meetingId, startsAt);
  }
}
