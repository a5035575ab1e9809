export * from './notification-event.repository';
export * from './notification.repository';
export * from './webhook.repository';
export * from './webhook-delivery.repository';
