import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { EmailOutcome, EmailSender } from '@tripartite/notifications';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

@Injectable()
@JobHandler('notifications', 'email.send')
export class EmailSendProcessor implements HandlesJob<'notifications', 'email.send'> {
  constructor(private readonly sender: EmailSender) {}

  handle({ eventId, userId }: JobPayload<'notifications', 'email.send'>, job: Job): Promise<EmailOutcome> {
    return this.sender.send(eventId, userId, { lastTry: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
  }
}
