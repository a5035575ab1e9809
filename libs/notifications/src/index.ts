// What other capabilities and the apps use of notifications: emitting (NotificationsService), recipients and the
// consultation facts (registered by their owners), the pipeline's services (worker), the admin's and the user's
// services (api), and the rows and helpers they return or take.
export * from './kinds';
export * from './escape-html';
export type { EventContext } from './event-context';
export * from './templates';
export * from './consultation-facts';
export * from './recipients';
export * from './notifications.service';
export * from './notification-fanout.service';
export * from './job-ids';
export * from './notification-reconciler.service';
export * from './mailer';
export * from './email-backoff';
export * from './email-sender.service';
export * from './undelivered-emails.service';
export * from './webhook-address';
export * from './webhook-http';
export * from './webhook-signature';
export * from './webhook-backoff';
export * from './webhook-deliverer.service';
export * from './webhooks.service';
export * from './notification-inbox.service';
export type { EmailStatus } from './notification.entity';
export type { DeliveryStatus } from './webhook-delivery.entity';
export type { NotificationEventRow, NotificationRow, UndeliveredEmailRow, UndeliveredStatus, WebhookRow, DeadLetterRow } from './repositories';
export * from './notifications.module';
