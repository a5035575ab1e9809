import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DeliveryOutcome, WebhookDeliverer } from '@tripartite/notifications';
import { HandlesJob, JobHandler, JobPayload, RetryLaterError } from '@tripartite/queue';

/**
 * Maps a try's outcome to the queue: a retry throws with the delay the deliverer recorded (the queue waits
 * exactly that), a dead letter throws unrecoverably. The deliverer counts tries in the database, so a job
 * re-created by the reconcile after a Redis loss continues the same cycle; it is given the job's id, so a job
 * superseded by a replay or a resume does nothing.
 */
@Injectable()
@JobHandler('webhooks', 'webhook.deliver')
export class WebhookDeliverProcessor implements HandlesJob<'webhooks', 'webhook.deliver'> {
  constructor(private readonly deliverer: WebhookDeliverer) {}

  async handle({ deliveryId }: JobPayload<'webhooks', 'webhook.deliver'>, job: Job): Promise<DeliveryOutcome> {
    const outcome = await this.deliverer.deliver(deliveryId, job.id);
    if (outcome.result === 'retry') throw new RetryLaterError(`webhook delivery ${deliveryId} failed: ${outcome.error}`, outcome.retryInMs);
    if (outcome.result === 'dead') throw new UnrecoverableError(`webhook delivery ${deliveryId} dead-lettered: ${outcome.error}`);
    return outcome;
  }
}
