import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { LivePublisher } from '@tripartite/live';
import { OutboxService } from '@tripartite/outbox';
import { loadEventContext } from './event-context';
import { emailJobId, webhookJobId } from './job-ids';
import { NotificationEventRow, eventColumns } from './kinds';
import { RecipientResolvers } from './recipients';
import { renderMessage } from './templates';

export interface FanoutResult {
  /** false: the event is unknown, or an earlier run already fanned it out. */
  done: boolean;
  notified: number;
  emails: number;
  webhooks: number;
}

/** The body a webhook receives for an event, frozen per delivery. */
export function webhookPayload(deliveryId: string, event: NotificationEventRow): string {
  return JSON.stringify({ id: deliveryId, kind: event.kind, occurredAt: event.occurredAt.toISOString(), instrumentId: event.instrumentId, data: event.data });
}

/**
 * One event to its recipients, in one transaction: an in-app row per user, then one email job per
 * user who wants email of this kind, and one delivery per matching webhook. The event row is locked
 * and stamped, so a re-run (retry, stalled job, a reconcile after Redis lost the job) adds nothing.
 * Until stamped, the event is unfinished work the reconcile re-queues; so are the emails (email_status
 * PENDING) and deliveries (PENDING) it leaves.
 */
@Injectable()
export class NotificationFanout {
  private readonly logger = new Logger(NotificationFanout.name);

  constructor(
    private readonly tx: Transactions,
    private readonly resolvers: RecipientResolvers,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly live: LivePublisher,
  ) {}

  fanOut(eventId: string): Promise<FanoutResult> {
    const none: FanoutResult = { done: false, notified: 0, emails: 0, webhooks: 0 };
    return this.tx.run(async ({ em, afterCommit }) => {
      const [event]: NotificationEventRow[] = await em.query(`SELECT ${eventColumns('e')} FROM notification_event e WHERE e.id = $1 FOR UPDATE`, [eventId]);
      if (!event) {
        this.logger.warn({ eventId }, 'notification event not found; nothing to fan out');
        return none;
      }
      if (event.fannedOutAt) return none;

      let userIds = await this.resolvers.resolve(em, event);
      if (userIds === null) {
        this.logger.warn({ eventId, kind: event.kind }, 'no recipient resolver for this kind; no user is notified');
        userIds = [];
      }
      const message = renderMessage(await loadEventContext(em, event), this.config.SECRETARIAT_TIME_ZONE);
      // email_status PENDING records the email each user is owed (until sent), so a lost email job can be queued again.
      const added: { id: string; userId: string; emailOff: boolean }[] = await em.query(
        `WITH added AS (
           INSERT INTO notification (event_id, user_id, kind, title, body, instrument_id, email_status, email_owed_since)
           SELECT $1, au.id, $2, $3, $4, $5, CASE WHEN $2 = ANY(au.email_opt_out) THEN NULL ELSE 'PENDING' END,
                  CASE WHEN $2 = ANY(au.email_opt_out) THEN NULL ELSE clock_timestamp() END
             FROM unnest($6::uuid[]) u JOIN app_user au ON au.id = u
            -- A deactivated user is told nothing (in-app, email), whichever resolver named them.
            WHERE au.deactivated_at IS NULL
           ON CONFLICT (event_id, user_id) DO NOTHING RETURNING id, user_id, email_status)
         SELECT id, user_id AS "userId", email_status IS NULL AS "emailOff" FROM added ORDER BY user_id`,
        [event.id, event.kind, message.title, message.body, event.instrumentId, userIds],
      );
      for (const a of added) afterCommit(() => this.live.publish('notificationAdded', a.userId, { userId: a.userId, notificationId: a.id }));
      const emailTo = added.filter((a) => !a.emailOff);
      for (const { userId } of emailTo) {
        await this.outbox.add(em, { queue: 'emails', name: 'email.send', payload: { eventId: event.id, userId }, jobId: emailJobId(event.id, userId) });
      }

      // The schedule's first entry: when the first try is due (at once by default).
      const firstTry = this.config.webhookRetryScheduleMs[0] ?? 0;
      const webhooks: { id: string }[] = await em.query(`SELECT id FROM webhook WHERE active AND events && ARRAY[$1, '*']::text[] ORDER BY created_at, id`, [
        event.kind,
      ]);
      let deliveries = 0;
      for (const webhook of webhooks) {
        const deliveryId = randomUUID();
        const [created] = await em.query(
          `INSERT INTO webhook_delivery (id, webhook_id, event_id, payload, next_attempt_at)
           VALUES ($1, $2, $3, $4, clock_timestamp() + make_interval(secs => $5::float8 / 1000))
           ON CONFLICT (event_id, webhook_id) DO NOTHING RETURNING id, next_attempt_at AS "dueAt"`,
          [deliveryId, webhook.id, event.id, webhookPayload(deliveryId, event), firstTry],
        );
        if (!created) continue;
        deliveries += 1;
        await this.outbox.add(em, {
          queue: 'webhooks',
          name: 'webhook.deliver',
          payload: { deliveryId },
          jobId: webhookJobId(deliveryId),
          runAt: firstTry > 0 ? created.dueAt : undefined,
        });
      }
      await em.query(`UPDATE notification_event SET fanned_out_at = clock_timestamp() WHERE id = $1`, [event.id]);
      return { done: true, notified: added.length, emails: emailTo.length, webhooks: deliveries };
    });
  }
}
