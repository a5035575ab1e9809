import { Args, Context, ID, Resolver, Subscription } from '@nestjs/graphql';
import { Authenticated, CurrentActor } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { CommentModel } from '../consultation/consultation.models';
import type { GqlContext } from '../graphql/context';
import { NotificationModel } from '../notifications/notifications.models';
import { StageTransitionModel } from '../workflow/workflow.models';
import { LiveFeeds } from './live-feeds';

/** The streams yield what the field returns (already read for this subscriber). */
export const asEvent = <T>(value: T): T => value;

@Resolver()
export class LiveResolver {
  constructor(private readonly feeds: LiveFeeds) {}

  @Authenticated()
  @Subscription(() => StageTransitionModel, { resolve: asEvent, description: 'Each move of an instrument the caller may read.' })
  stageChanged(@CurrentActor() actor: Actor, @Context() ctx: GqlContext, @Args('instrumentId', { type: () => ID }) instrumentId: string) {
    return this.feeds.stageChanged(actor, ctx, instrumentId);
  }

  @Authenticated()
  @Subscription(() => CommentModel, { resolve: asEvent, description: "New comments of the round, filtered by the caller's visibility." })
  commentSubmitted(@CurrentActor() actor: Actor, @Context() ctx: GqlContext, @Args('roundId', { type: () => ID }) roundId: string) {
    return this.feeds.commentSubmitted(actor, ctx, roundId);
  }

  @Authenticated()
  @Subscription(() => NotificationModel, { resolve: asEvent, description: "The caller's own new notifications." })
  notificationAdded(@CurrentActor() actor: Actor, @Context() ctx: GqlContext) {
    return this.feeds.notificationAdded(actor, ctx);
  }
}
