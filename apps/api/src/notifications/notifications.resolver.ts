import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentActor } from '@tripartite/auth';
import { checkFirst } from '@tripartite/common';
import type { Actor } from '@tripartite/common';
import { AppConfig } from '@tripartite/config';
import { DraftingReadService } from '@tripartite/drafting';
import { NotificationInbox } from '@tripartite/notifications';
import type { GqlContext } from '../graphql/context';
import { InstrumentModel } from '../drafting/drafting.models';
import { NotificationConnectionModel, NotificationModel } from './notifications.models';

@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly drafting: DraftingReadService,
    private readonly config: AppConfig,
  ) {}

  @Authenticated()
  @Query(() => NotificationConnectionModel, { description: "The caller's own notifications, newest first." })
  async notifications(
    @CurrentActor() actor: Actor,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false }) unreadOnly = false,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<NotificationConnectionModel> {
    const page = await this.inbox.page(actor, { unreadOnly: !!unreadOnly, first: checkFirst(first, this.config.GRAPHQL_MAX_FIRST), after });
    return { edges: page.edges, unreadCount: page.unreadCount, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.edges.at(-1)?.cursor ?? null } };
  }

  @Authenticated()
  @Mutation(() => Int, { description: "Marks the caller's own notifications read; returns how many were unread." })
  markNotificationsRead(@CurrentActor() actor: Actor, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<number> {
    return this.inbox.markRead(actor, ids);
  }

  /** Null when the instrument is not (or no longer) visible to the caller, e.g. a draft for a constituent. */
  @ResolveField(() => InstrumentModel, { nullable: true })
  async instrument(@Parent() n: NotificationModel, @CurrentActor() actor: Actor, @Context() ctx: GqlContext): Promise<InstrumentModel | null> {
    if (!n.instrumentId) return null;
    const [instrument, published] = await Promise.all([
      ctx.loaders.instrument.load(n.instrumentId),
      this.drafting.seesDrafts(actor) ? null : ctx.loaders.latestPublishedVersion.load(n.instrumentId),
    ]);
    if (!instrument) return null;
    return this.drafting.seesDrafts(actor) || published ? instrument : null;
  }
}
