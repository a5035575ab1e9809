import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@tripartite/auth';
import { AppError, checkFirst } from '@tripartite/common';
import type { Actor } from '@tripartite/common';
import { AppConfig } from '@tripartite/config';
import { UndeliveredEmails } from '@tripartite/notifications';
import type { UndeliveredStatus } from '@tripartite/notifications';
import type { GqlContext } from '../graphql/context';
import { UserModel } from '../identity/identity.models';
import { UndeliveredEmailModel, UndeliveredEmailStatusEnum } from './notifications.models';

@Resolver(() => UndeliveredEmailModel)
export class UndeliveredEmailsResolver {
  constructor(
    private readonly service: UndeliveredEmails,
    private readonly config: AppConfig,
  ) {}

  @Roles('ADMIN')
  @Query(() => [UndeliveredEmailModel], {
    description: 'Emails still owed or DEAD (both when no status is given), newest first; `after`: the last id of the previous page.',
  })
  undeliveredEmails(
    @CurrentActor() actor: Actor,
    @Args('status', { type: () => UndeliveredEmailStatusEnum, nullable: true }) status: UndeliveredStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first = 100,
    @Args('after', { type: () => ID, nullable: true }) after?: string,
  ): Promise<UndeliveredEmailModel[]> {
    return this.service.list(actor, { status, first: checkFirst(first, this.config.GRAPHQL_MAX_FIRST), after });
  }

  @Roles('ADMIN')
  @Mutation(() => Int, {
    description: 'Sends DEAD emails again (at most 500 per call), each with a fresh window of retries; all or none. Returns how many were queued.',
  })
  resendEmails(@CurrentActor() actor: Actor, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<number> {
    return this.service.resend(actor, ids);
  }

  @ResolveField(() => UserModel)
  async recipient(@Parent() email: UndeliveredEmailModel, @Context() ctx: GqlContext): Promise<UserModel> {
    const user = await ctx.loaders.user.load(email.userId);
    if (!user) throw AppError.notFound('User', email.userId);
    return user;
  }
}
