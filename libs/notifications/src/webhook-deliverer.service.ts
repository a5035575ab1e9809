import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { NonPublicAddressError } from './webhook-address';
import { postWebhook } from './webhook-http';
import { webhookSignature } from './webhook-signature';

export type DeliveryOutcome =
  | { result: 'delivered'; status: number }
  | { result: 'skipped'; reason: string }
  | { result: 'retry'; error: string }
  | { result: 'dead'; error: string };

/** Which try of its job this is (1-based), and how many the job has. */
export interface DeliveryRun {
  attempt: number;
  maxAttempts: number;
}

const ERROR_MAX = 500;

/** 4xx answers mean the request itself is refused; retrying would not help, except for these. */
const RETRYABLE_4XX = [408, 429];

/**
 * One try of a webhook delivery: the frozen body, signed with the webhook's secret, with a
 * delivery id that stays the same across tries. 2xx delivers; a 4xx other than 408/429, a
 * refused address or the last try dead-letters; anything else is retried by the queue.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger(WebhookDeliverer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly config: AppConfig,
  ) {}

  async deliver(deliveryId: string, run: DeliveryRun): Promise<DeliveryOutcome> {
    // Counted before sending, and committed, so a try cut short by a crash still counts.
    const [[claimed]]: [{ attempts: number; payload: string; url: string; secret: string }[]] = await this.dataSource.query(
      `UPDATE webhook_delivery d SET attempts = d.attempts + 1
         FROM webhook w
        WHERE d.id = $1 AND w.id = d.webhook_id AND d.status = 'PENDING' AND w.active
        RETURNING d.attempts, d.payload, w.url, w.secret`,
      [deliveryId],
    );
    if (!claimed) return { result: 'skipped', reason: 'delivery unknown, settled, or its webhook inactive' };

    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'tripartite-webhooks',
      'X-Delivery-Id': deliveryId,
      'X-Signature': webhookSignature(claimed.secret, claimed.payload),
    };
    const publicOnly = this.config.isProduction && !this.config.WEBHOOK_ALLOW_PRIVATE;
    let status: number | null = null;
    let error: string;
    try {
      status = await postWebhook(new URL(claimed.url), claimed.payload, headers, { timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, publicOnly });
      if (status >= 200 && status < 300) {
        await this.dataSource.query(
          `UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = clock_timestamp(), last_status = $2, last_error = NULL
            WHERE id = $1 AND status = 'PENDING'`,
          [deliveryId, status],
        );
        return { result: 'delivered', status };
      }
      error = `HTTP ${status}`;
      if (status >= 400 && status < 500 && !RETRYABLE_4XX.includes(status)) return this.deadLetter(deliveryId, status, error);
    } catch (failure) {
      error = ((failure as Error).message || String(failure)).slice(0, ERROR_MAX);
      if (failure instanceof NonPublicAddressError) return this.deadLetter(deliveryId, null, error);
    }
    if (run.attempt >= run.maxAttempts) return this.deadLetter(deliveryId, status, error);
    await this.dataSource.query(`UPDATE webhook_delivery SET last_status = $2, last_error = $3 WHERE id = $1`, [deliveryId, status, error]);
    return { result: 'retry', error };
  }

  /** Gives up: the delivery is DEAD and a dead letter records why, for an admin to see and replay. */
  private async deadLetter(deliveryId: string, status: number | null, error: string): Promise<DeliveryOutcome> {
    await this.tx.run(async ({ em }) => {
      const [[dead]] = await em.query(
        `UPDATE webhook_delivery SET status = 'DEAD', last_status = $2, last_error = $3
          WHERE id = $1 AND status = 'PENDING' RETURNING id, webhook_id AS "webhookId", event_id AS "eventId", attempts`,
        [deliveryId, status, error],
      );
      if (!dead) return;
      await em.query(
        `INSERT INTO webhook_dead_letter (delivery_id, webhook_id, kind, attempts, last_status, last_error)
         SELECT $1, $2, e.kind, $3, $4, $5 FROM notification_event e WHERE e.id = $6`,
        [deliveryId, dead.webhookId, dead.attempts, status, error, dead.eventId],
      );
    });
    this.logger.warn({ deliveryId, status, error }, 'webhook delivery dead-lettered');
    return { result: 'dead', error };
  }
}
