import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotificationRecipients } from '@tripartite/auth';
import { AppConfig } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import type { Language } from '@tripartite/domain';
import { LivePublisher } from '@tripartite/live';
import { OutboxService } from '@tripartite/outbox';
import { EventContexts } from './event-context';
import { emailJobId, webhookJobId } from './job-ids';
import { RecipientResolvers } from './recipients';
import { NotificationEventRepository, NotificationEventRow, NotificationRepository, WebhookDeliveryRepository, WebhookRepository } from './repositories';
import { Message, renderMessage } from './templates';

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
    private readonly contexts: EventContexts,
    private readonly users: NotificationRecipients,
    private readonly events: NotificationEventRepository,
    private readonly notifications: NotificationRepository,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly live: LivePublisher,
  ) {}

  fanOut(eventId: string): Promise<FanoutResult> {
    const none: FanoutResult = { done: false, notified: 0, emails: 0, webhooks: 0 };
    return this.tx.run(async ({ em, afterCommit }) => {
      const event = await this.events.lock(em, eventId);
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
      // A deactivated user is told nothing (in-app, email), whichever resolver named them.
      const recipients = await this.users.active(em, userIds);
      // The in-app text in each recipient's language, rendered once per language.
      const ctx = recipients.length ? await this.contexts.load(em, event) : null;
      const messages = new Map<Language, Message>();
      const messageIn = (language: Language): Message => {
        let m = messages.get(language);
        if (!m) messages.set(language, (m = renderMessage(ctx!, this.config.SECRETARIAT_TIME_ZONE, language)));
        return m;
      };
      // email_status PENDING records the email each user is owed (until sent), so a lost email job can be queued again.
      const added = recipients.length
        ? await this.notifications.insertForRecipients(em, {
            eventId: event.id,
            kind: event.kind,
            instrumentId: event.instrumentId,
            recipients: recipients.map((r) => ({ userId: r.id, emailOff: r.emailOptOut.includes(event.kind), ...messageIn(r.language) })),
          })
        : [];
      for (const a of added) afterCommit(() => this.live.publish('notificationAdded', a.userId, { userId: a.userId, notificationId: a.id }));
      const emailTo = added.filter((a) => !a.emailOff);
      for (const { userId } of emailTo) {
        await this.outbox.add(em, { queue: 'emails', name: 'email.send', payload: { eventId: event.id, userId }, jobId: emailJobId(event.id, userId) });
      }

      // The schedule's first entry: when the first try is due (at once by default).
      const firstTry = this.config.webhookRetryScheduleMs[0] ?? 0;
      const webhooks = await this.webhooks.activeFor(em, event.kind);
      let deliveries = 0;
      for (const webhookId of webhooks) {
        const deliveryId = randomUUID();
        const created = await this.deliveries.insert(em, {
          id: deliveryId,
          webhookId,
          eventId: event.id,
          payload: webhookPayload(deliveryId, event),
          firstTryMs: firstTry,
        });
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
      await this.events.markFannedOut(em, event.id);
      return { done: true, notified: added.length, emails: emailTo.length, webhooks: deliveries };
    });
  }
}
