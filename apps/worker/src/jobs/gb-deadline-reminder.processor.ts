import { Injectable } from '@nestjs/common';
import { GbDeadlineReminders } from '@tripartite/governing-body';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

/** Reminds the secretariat of a session's document deadline, if the deadline still stands; once, however often the job runs. */
@Injectable()
@JobHandler('deadlines', 'gb.deadline-reminder')
export class GbDeadlineReminderProcessor implements HandlesJob<'deadlines', 'gb.deadline-reminder'> {
  constructor(private readonly reminders: GbDeadlineReminders) {}

  handle({ sessionId, documentDeadline }: JobPayload<'deadlines', 'gb.deadline-reminder'>): Promise<string> {
    return this.reminders.remind(sessionId, documentDeadline);
  }
}
