import { event } from '../event';

/**
 * Notifications' writes by people: an admin's webhooks and re-sent emails, and a user's email preferences. (The
 * pipeline's own writes, the fan-out, email tries and webhook deliveries, are not domain events: nothing audits them.)
 */
export const NOTIFICATIONS_EVENTS = {
  'webhook.registered': event<{ url: string; events: string[] }>('Webhook'),
  /** Made active again; `resumed`: the deliveries it was owed, queued again. */
  'webhook.activated': event<{ resumed: number }>('Webhook'),
  'webhook.deactivated': event<Record<string, never>>('Webhook'),
  'webhook.deleted': event<{ url: string; cancelledDeliveries: number }>('Webhook'),
  'webhook.delivery-replayed': event<{ deadLetterId: string; replay: number }>('WebhookDelivery'),
  /** One per email of a re-send; `resend`: its count of re-sends. */
  'email.resent': event<{ resend: number }>('Notification'),
  'user.email-preferences-changed': event<{ disabledKinds: string[] }>('User'),
} as const;
