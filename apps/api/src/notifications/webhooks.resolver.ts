import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@tripartite/auth';
import { AppError, checkFirst } from '@tripartite/common';
import type { Actor } from '@tripartite/common';
import { AppConfig } from '@tripartite/config';
import { WebhooksService, type DeliveryStatus } from '@tripartite/notifications';
import { WebhookDeadLetterModel, WebhookDeliveryModel, WebhookDeliveryStatusEnum, WebhookModel } from './notifications.models';

@Resolver(() => WebhookDeadLetterModel)
export class WebhooksResolver {
  constructor(
    private readonly service: WebhooksService,
    private readonly config: AppConfig,
  ) {}

  @Roles('ADMIN')
  @Mutation(() => WebhookModel, {
    description:
      'Deliveries are POSTed as JSON with header X-Signature: sha256=<hex HMAC of the body with secret> and X-Delivery-Id, stable across retries ' +
      'of one delivery; and, after the Standard Webhooks specification, webhook-id (the same id), webhook-timestamp (of the try, in seconds) and ' +
      'webhook-signature (v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed with the secret\'s UTF-8 bytes>). A 2xx answer delivers; ' +
      'redirects are not followed (a 3xx is a failure, like a 5xx); a failure is retried on WEBHOOK_RETRY_SCHEDULE (by default at once, 5 s, 5 min, ' +
      '30 min, 2 h, 5 h, 10 h, 10 h), a 4xx other than 408/429 is not, and the delivery is then dead-lettered.',
  })
  registerWebhook(
    @CurrentActor() actor: Actor,
    @Args('url') url: string,
    @Args('events', { type: () => [String] }) events: string[],
    @Args('secret') secret: string,
  ): Promise<WebhookModel> {
    return this.service.register(actor, { url, events, secret });
  }

  @Roles('ADMIN')
  @Mutation(() => WebhookModel, {
    description:
      'Pauses (false) or resumes (true) a webhook. Paused, deliveries it is owed wait untried; resumed, they go out when due, with the tries they had left.',
  })
  setWebhookActive(
    @CurrentActor() actor: Actor,
    @Args('webhookId', { type: () => ID }) webhookId: string,
    @Args('active', { type: () => Boolean }) active: boolean,
  ): Promise<WebhookModel> {
    return this.service.setActive(actor, webhookId, active);
  }

  @Roles('ADMIN')
  @Mutation(() => Boolean, {
    description:
      'Deletes a webhook: deliveries it is still owed are cancelled; its deliveries and dead letters stay readable (for the audit trail), no longer replayable.',
  })
  deleteWebhook(@CurrentActor() actor: Actor, @Args('webhookId', { type: () => ID }) webhookId: string): Promise<boolean> {
    return this.service.delete(actor, webhookId);
  }

  @Roles('ADMIN')
  @Query(() => [WebhookModel], { description: 'Webhooks not deleted, oldest first.' })
  webhooks(@CurrentActor() actor: Actor): Promise<WebhookModel[]> {
    return this.service.list(actor);
  }

  @Roles('ADMIN')
  @Query(() => [WebhookDeliveryModel], {
    description: "ADMIN. A webhook's deliveries (a deleted webhook's too), newest first; `after`: the id of the last delivery of the previous page.",
  })
  webhookDeliveries(
    @CurrentActor() actor: Actor,
    @Args('webhookId', { type: () => ID }) webhookId: string,
    @Args('status', { type: () => WebhookDeliveryStatusEnum, nullable: true }) status: DeliveryStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => ID, nullable: true }) after?: string | null,
  ): Promise<WebhookDeliveryModel[]> {
    return this.service.deliveriesOf(actor, webhookId, { status: status ?? null, first: checkFirst(first, this.config.GRAPHQL_MAX_FIRST), after });
  }

  @Roles('ADMIN')
  @Query(() => [WebhookDeadLetterModel], { description: 'Newest first.' })
  webhookDeadLetters(
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first = 100,
  ): Promise<WebhookDeadLetterModel[]> {
    return this.service.deadLetters(actor, checkFirst(first, this.config.GRAPHQL_MAX_FIRST));
  }

  @Roles('ADMIN')
  @Mutation(() => Boolean, { description: 'Sends the dead-lettered delivery again, with the same X-Delivery-Id and a fresh set of retries.' })
  replayWebhookDelivery(@CurrentActor() actor: Actor, @Args('deadLetterId', { type: () => ID }) deadLetterId: string): Promise<boolean> {
    return this.service.replay(actor, deadLetterId);
  }

  @ResolveField(() => WebhookModel)
  async webhook(@Parent() letter: WebhookDeadLetterModel): Promise<WebhookModel> {
    const [webhook] = await this.service.byIds([letter.webhookId]);
    if (!webhook) throw AppError.notFound('Webhook', letter.webhookId);
    return webhook;
  }
}
