import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { EmailOutcome, EmailSender } from '@tripartite/notifications';
import { HandlesJob, JobHandler, JobPayload, RetryLaterError } from '@tripartite/queue';

/**
 * Maps a try's outcome to the queue, as webhook deliveries do: a failed try throws with the delay the sender
 * recorded (the queue waits exactly that), a DEAD email throws unrecoverably. The sender records each try in the
 * database, so a job re-created by the reconcile continues the same window of retries.
 */
@Injectable()
@JobHandler('emails', 'email.send')
export class EmailSendProcessor implements HandlesJob<'emails', 'email.send'> {
  constructor(private readonly sender: EmailSender) {}

  async handle({ eventId, userId }: JobPayload<'emails', 'email.send'>): Promise<EmailOutcome> {
    const outcome = await this.sender.send(eventId, userId);
    if (outcome.result === 'retry') throw new RetryLaterError(`email ${eventId}/${userId} failed: ${outcome.error}`, outcome.retryInMs);
    if (outcome.result === 'dead') throw new UnrecoverableError(`email ${eventId}/${userId} given up: ${outcome.error}`);
    return outcome;
  }
}
