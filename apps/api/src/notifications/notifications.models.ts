import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
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
  @Field(() => Boolean) active: boolean;
}

@ObjectType('WebhookDeadLetter', { description: 'A delivery given up on: a 4xx other than 408/429, a refused address, or the last retry failed.' })
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
