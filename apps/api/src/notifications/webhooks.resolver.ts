import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@tripartite/auth';
import { AppError, checkFirst } from '@tripartite/common';
import type { Actor } from '@tripartite/common';
import { AppConfig } from '@tripartite/config';
import { WebhooksService } from '@tripartite/notifications';
import { WebhookDeadLetterModel, WebhookModel } from './notifications.models';

@Resolver(() => WebhookDeadLetterModel)
export class WebhooksResolver {
  constructor(
    private readonly service: WebhooksService,
    private readonly config: AppConfig,
  ) {}

  @Roles('ADMIN')
  @Mutation(() => WebhookModel, {
    description: 'Deliveries are POSTed as JSON with X-Signature: sha256=<hex HMAC of the body with secret> and X-Delivery-Id, stable across retries.',
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
  @Query(() => [WebhookModel])
  webhooks(@CurrentActor() actor: Actor): Promise<WebhookModel[]> {
    return this.service.list(actor);
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
