import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DeliveryOutcome, WebhookDeliverer } from '@tripartite/notifications';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

/** Maps a try's outcome to the queue: a retry throws (BullMQ backs off), a dead letter throws unrecoverably. */
@Injectable()
@JobHandler('notifications', 'webhook.deliver')
export class WebhookDeliverProcessor implements HandlesJob<'notifications', 'webhook.deliver'> {
  constructor(private readonly deliverer: WebhookDeliverer) {}

  async handle({ deliveryId }: JobPayload<'notifications', 'webhook.deliver'>, job: Job): Promise<DeliveryOutcome> {
    const outcome = await this.deliverer.deliver(deliveryId, { attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 });
    if (outcome.result === 'retry') throw new Error(`webhook delivery ${deliveryId} failed: ${outcome.error}`);
    if (outcome.result === 'dead') throw new UnrecoverableError(`webhook delivery ${deliveryId} dead-lettered: ${outcome.error}`);
    return outcome;
  }
}
