// What other capabilities and the apps use of notifications: the vocabulary of kinds; emitting (NotificationsService);
// the recipient resolvers and the consultation facts their owners register; the pipeline's services (the worker);
// the admin's and the user's services (the api); and the rows they return.
export * from './kinds';
export { formatInstant } from './templates';
export * from './consultation-facts';
export * from './recipients';
export * from './notifications.service';
export * from './notification-fanout.service';
export * from './notification-reconciler.service';
export * from './email-sender.service';
export * from './webhook-deliverer.service';
export * from './undelivered-emails.service';
export * from './webhooks.service';
export * from './notification-inbox.service';
export type { EmailStatus } from './notification.entity';
export type { DeliveryStatus } from './webhook-delivery.entity';
export type { NotificationEventRow, NotificationRow, UndeliveredEmailRow, UndeliveredStatus, WebhookRow, DeadLetterRow } from './repositories';
export * from './notifications.module';
