import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@tripartite/auth';
import { DraftingModule } from '@tripartite/drafting';
import { EventsModule } from '@tripartite/events';
import { LiveModule } from '@tripartite/live';
import { OutboxModule } from '@tripartite/outbox';
import { QueueModule } from '@tripartite/queue';
import { RedisModule } from '@tripartite/redis';
import { ConsultationFactsSource } from './consultation-facts';
import { DomainEventNotifications } from './domain-event.notifications';
import { EmailSender } from './email-sender.service';
import { EventContexts } from './event-context';
import { Mailer } from './mailer';
import { NotificationEventEntity } from './notification-event.entity';
import { NotificationEntity } from './notification.entity';
import { NotificationFanout } from './notification-fanout.service';
import { NotificationInbox } from './notification-inbox.service';
import { NotificationReconciler } from './notification-reconciler.service';
import { NotificationsService } from './notifications.service';
import { RecipientResolvers } from './recipients';
import { NotificationEventRepository, NotificationRepository, WebhookDeliveryRepository, WebhookRepository } from './repositories';
import { UndeliveredEmails } from './undelivered-emails.service';
import { WebhookDeadLetterEntity, WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookDeliverer } from './webhook-deliverer.service';
import { WebhookEntity } from './webhook.entity';
import { WebhooksService } from './webhooks.service';

/**
 * Notifications: events (emit), recipients, fan-out, email, webhooks, the inbox, and the reconcile that re-queues
 * their unfinished work after a Redis loss; the tables notification_event, notification, webhook, webhook_delivery
 * and webhook_dead_letter. Needs DatabaseModule (the application's), and ConsultationModule in the same process
 * (it provides ConsultationFacts). Still global while capabilities that emit or register recipients without
 * importing it remain (consultation).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([NotificationEventEntity, NotificationEntity, WebhookEntity, WebhookDeliveryEntity, WebhookDeadLetterEntity]),
    EventsModule,
    OutboxModule,
    LiveModule,
    RedisModule,
    QueueModule,
    AuthModule,
    DraftingModule,
  ],
  providers: [
    NotificationEventRepository,
    NotificationRepository,
    WebhookRepository,
    WebhookDeliveryRepository,
    ConsultationFactsSource,
    EventContexts,
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
    ConsultationFactsSource,
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
