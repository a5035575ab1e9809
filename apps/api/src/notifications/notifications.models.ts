import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { DeliveryStatus, UndeliveredStatus } from '@tripartite/notifications';
import { PageInfoModel } from '../graphql/page-info.model';

@ObjectType('Notification')
export class NotificationModel {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'e.g. "consultation.opened", "consultation.reminder"' }) kind: string;
  @Field(() => String) title: string;
  @Field(() => String) body: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
  instrumentId: string | null;
}

@ObjectType('NotificationEdge')
export class NotificationEdgeModel {
  @Field(() => String) cursor: string;
  @Field(() => NotificationModel) node: NotificationModel;
}

@ObjectType('NotificationConnection')
export class NotificationConnectionModel {
  @Field(() => [NotificationEdgeModel]) edges: NotificationEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int, { description: "the caller's unread notifications, on every page" }) unreadCount: number;
}

@ObjectType('Webhook')
export class WebhookModel {
  @Field(() => ID) id: string;
  @Field(() => String) url: string;
  @Field(() => [String], { description: 'notification kinds, or "*"' }) events: string[];
  @Field(() => Boolean, { description: 'false: paused; deliveries it is owed wait, and it gets none for new events' }) active: boolean;
  @Field(() => Date, { nullable: true, description: 'set once deleted: it is no longer listed nor delivered to; its dead letters stay readable' })
  deletedAt: Date | null;
}

@ObjectType('WebhookDeadLetter', {
  description: 'A delivery given up on: a 4xx other than 408/429, a refused address, or the last try of WEBHOOK_RETRY_SCHEDULE failed.',
})
export class WebhookDeadLetterModel {
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'the X-Delivery-Id the receiver saw; a replay sends it again' }) deliveryId: string;
  @Field(() => String) kind: string;
  @Field(() => Int, { description: 'requests made for this delivery so far' }) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last answer, if there was one' }) lastStatus: number | null;
  @Field(() => Date) failedAt: Date;
  @Field(() => Date, { nullable: true }) replayedAt: Date | null;
  webhookId: string;
}

export const UndeliveredEmailStatusEnum = { PENDING: 'PENDING', DEAD: 'DEAD' } as const satisfies Record<UndeliveredStatus, UndeliveredStatus>;
registerEnumType(UndeliveredEmailStatusEnum, {
  name: 'UndeliveredEmailStatus',
  valuesMap: {
    PENDING: { description: 'still owed: retried with backoff for EMAIL_RETRY_FOR after it was first owed' },
    DEAD: { description: 'given up (the window ended, or the server refused it for good); an admin may re-send it' },
  },
});

@ObjectType('UndeliveredEmail', { description: 'An email of a notification not delivered yet: still owed, or DEAD.' })
export class UndeliveredEmailModel {
  @Field(() => ID, { description: "the notification's id" }) id: string;
  @Field(() => UndeliveredEmailStatusEnum) status: UndeliveredStatus;
  @Field(() => String) kind: string;
  @Field(() => Int, { description: 'tries since it was owed (or last re-sent)' }) attempts: number;
  @Field(() => Date, { description: 'when its window of retries began' }) owedSince: Date;
  @Field(() => Date, { nullable: true }) lastAttemptAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'when the next try is due (PENDING only)' }) nextAttemptAt: Date | null;
  @Field(() => String, { nullable: true, description: "the last try's error, with the SMTP server's answer when there was one" })
  lastError: string | null;
  userId: string;
}

export const WebhookDeliveryStatusEnum = { PENDING: 'PENDING', DELIVERED: 'DELIVERED', DEAD: 'DEAD', CANCELLED: 'CANCELLED' } as const satisfies Record<
  DeliveryStatus,
  DeliveryStatus
>;
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  valuesMap: {
    PENDING: { description: 'owed: tried when due (waiting while its webhook is paused)' },
    DELIVERED: { description: 'the receiver answered 2xx' },
    DEAD: { description: 'given up: see the webhook dead letters, where it may be replayed' },
    CANCELLED: { description: 'its webhook was deleted while it was owed' },
  },
});

@ObjectType('WebhookDelivery', { description: 'One event sent (or to be sent) to one webhook; every try sends the same body with the same X-Delivery-Id.' })
export class WebhookDeliveryModel {
  @Field(() => ID, { description: 'the X-Delivery-Id the receiver sees' }) id: string;
  @Field(() => String) kind: string;
  @Field(() => WebhookDeliveryStatusEnum) status: DeliveryStatus;
  @Field(() => Int, { description: 'requests made so far, replays included' }) attempts: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last answer, if there was one' }) lastStatus: number | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'when the next try is due (PENDING only)' }) nextAttemptAt: Date | null;
}
