import { Injectable } from '@nestjs/common';
import { Transactions } from '@tripartite/database';
import { gbDeadlineReminderJobId } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

/** Reminds the secretariat of a session's document deadline, if the deadline still stands; once, however often the job runs. */
@Injectable()
@JobHandler('deadlines', 'gb.deadline-reminder')
export class GbDeadlineReminderProcessor implements HandlesJob<'deadlines', 'gb.deadline-reminder'> {
  constructor(
    private readonly tx: Transactions,
    private readonly notifications: NotificationsService,
  ) {}

  handle({ sessionId, documentDeadline }: JobPayload<'deadlines', 'gb.deadline-reminder'>): Promise<string> {
    return this.tx.run(async ({ em }) => {
      const [session] = await em.query(
        `SELECT number FROM gb_session WHERE id = $1 AND document_deadline = $2::timestamptz AND document_deadline > clock_timestamp()`,
        [sessionId, documentDeadline],
      );
      if (!session) return 'moved-on';
      const event = { kind: 'gb.deadline' as const, subjectId: sessionId, data: { sessionId, documentDeadline, number: session.number } };
      return (await this.notifications.emitOnce(em, gbDeadlineReminderJobId(sessionId, new Date(documentDeadline)), event)) ? 'reminded' : 'already-reminded';
    });
  }
}
