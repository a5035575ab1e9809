import { Global, Module } from '@nestjs/common';
import { EventsModule } from '@tripartite/events';
import { LiveModule } from '@tripartite/live';
import { DomainEventNotifications } from './domain-event.notifications';
import { OutboxModule } from '@tripartite/outbox';
import { EmailSender } from './email-sender.service';
import { Mailer } from './mailer';
import { NotificationFanout } from './notification-fanout.service';
import { NotificationInbox } from './notification-inbox.service';
import { NotificationReconciler } from './notification-reconciler.service';
import { NotificationsService } from './notifications.service';
import { RecipientResolvers } from './recipients';
import { WebhookDeliverer } from './webhook-deliverer.service';
import { UndeliveredEmails } from './undelivered-emails.service';
import { WebhooksService } from './webhooks.service';

/**
 * Notifications: events (emit), recipients, fan-out, email, webhooks, the inbox, and the reconcile that
 * re-queues their unfinished work after a Redis loss. Needs DatabaseModule, AuditModule, AuthModule and
 * RedisModule. Global, so any capability can emit and register recipients.
 */
@Global()
@Module({
  imports: [EventsModule, OutboxModule, LiveModule],
  providers: [
    DomainEventNotifications,
    NotificationsService,
    RecipientResolvers,
    NotificationFanout,
    Mailer,
    EmailSender,
    WebhookDeliverer,
    WebhooksService,
    UndeliveredEmails,
    NotificationInbox,
    NotificationReconciler,
  ],
  exports: [
    NotificationsService,
    RecipientResolvers,
    NotificationFanout,
    EmailSender,
    WebhookDeliverer,
    WebhooksService,
    UndeliveredEmails,
    NotificationInbox,
    NotificationReconciler,
  ],
})
export class NotificationsModule {}
