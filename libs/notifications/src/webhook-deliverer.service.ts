import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { NonPublicAddressError } from './webhook-address';
import { webhookJobGeneration } from './job-ids';
import { WebhookDeliveryRepository } from './repositories';
import { webhookRetryInMs } from './webhook-backoff';
import { postWebhook } from './webhook-http';
import { standardWebhookHeaders, webhookSignature } from './webhook-signature';

export type DeliveryOutcome =
  | { result: 'delivered'; status: number }
  | { result: 'skipped'; reason: string }
  | { result: 'retry'; error: string; retryInMs: number }
  | { result: 'dead'; error: string };

const ERROR_MAX = 500;

/** 4xx answers mean the request itself is refused; retrying would not help, except for these. */
const RETRYABLE_4XX = [408, 429];

/**
 * One try of a webhook delivery: the frozen body, signed with the webhook's secret (X-Signature, and the Standard
 * Webhooks headers), with a delivery id that stays the same across tries. 2xx delivers; a 4xx other than 408/429,
 * a refused address, or a failed last try of WEBHOOK_RETRY_SCHEDULE dead-letters; anything else (a 3xx too:
 * redirects are not followed) is retried at the schedule's next entry. The database keeps the count (tries cut
 * short by a crash included), whether a try is running and when the next is due, so a job lost with Redis is
 * re-queued by the reconcile for the same due time and with the tries it has left.
 * A delivery of an inactive webhook is not tried (nor counted): it waits, and resumes when the webhook is made
 * active again, under a new job; a job whose id is no longer the delivery's (replayed, resumed since) does nothing.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger(WebhookDeliverer.name);

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly tx: Transactions,
    private readonly config: AppConfig,
  ) {}

  /** `jobId`: the queue job running this try; omitted (a direct call), any job of the delivery's. */
  async deliver(deliveryId: string, jobId?: string): Promise<DeliveryOutcome> {
    // A job of an earlier replay or resume (still in Redis) claims nothing.
    const generation = jobId === undefined ? null : webhookJobGeneration(deliveryId, jobId);
    if (jobId !== undefined && !generation) return { result: 'skipped', reason: `job ${jobId} is not one of this delivery's` };
    // Counted before sending, and committed, so a try cut short by a crash still counts.
    const claimed = await this.deliveries.claim(deliveryId, generation);
    if (!claimed) return { result: 'skipped', reason: 'delivery unknown, settled or superseded, or its webhook inactive' };

    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'tripartite-webhooks',
      'X-Delivery-Id': deliveryId,
      'X-Signature': webhookSignature(claimed.secret, claimed.payload),
      ...standardWebhookHeaders(claimed.secret, deliveryId, claimed.payload, new Date()),
    };
    const publicOnly = this.config.isProduction && !this.config.WEBHOOK_ALLOW_PRIVATE;
    let status: number | null = null;
    let error: string;
    try {
      status = await postWebhook(new URL(claimed.url), claimed.payload, headers, { timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, publicOnly });
      if (status >= 200 && status < 300) {
        await this.deliveries.recordDelivered(deliveryId, status);
        return { result: 'delivered', status };
      }
      error = status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
      if (status >= 400 && status < 500 && !RETRYABLE_4XX.includes(status)) return this.deadLetter(deliveryId, status, error);
    } catch (failure) {
      error = ((failure as Error).message || String(failure)).slice(0, ERROR_MAX);
      if (failure instanceof NonPublicAddressError) return this.deadLetter(deliveryId, null, error);
    }
    const retryInMs = webhookRetryInMs(claimed.tries, this.config.webhookRetryScheduleMs);
    if (retryInMs === null) return this.deadLetter(deliveryId, status, error);
    await this.deliveries.recordRetry(deliveryId, status, error, retryInMs);
    return { result: 'retry', error, retryInMs };
  }
  /** Gives up: the delivery is DEAD and a dead letter records why, for an admin to see and replay. */
  private async deadLetter(deliveryId: string, status: number | null, error: string): Promise<DeliveryOutcome> {
    await this.tx.run(({ em }) => this.deliveries.deadLetter(em, deliveryId, status, error));
    this.logger.warn({ deliveryId, status, error }, 'webhook delivery dead-lettered');
    return { result: 'dead', error };
  }
}
