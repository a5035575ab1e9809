import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentActor } from '@tripartite/auth';
import { AppError, hasRole } from '@tripartite/common';
import type { Actor } from '@tripartite/common';
import { NotificationInbox } from '@tripartite/notifications';
import type { GqlContext } from '../graphql/context';
import { UserModel } from '../identity/identity.models';

@Resolver(() => UserModel)
export class EmailPreferencesResolver {
  constructor(private readonly inbox: NotificationInbox) {}

  @Authenticated()
  @Mutation(() => UserModel, { description: "Turns the caller's email off for these notification kinds (on for the others); in-app notifications continue." })
  setEmailPreferences(@CurrentActor() actor: Actor, @Args('disabledKinds', { type: () => [String] }) disabledKinds: string[]): Promise<UserModel> {
    return this.inbox.setEmailPreferences(actor, disabledKinds);
  }

  @ResolveField(() => [String], { description: 'notification kinds this user gets no email for; the user or an ADMIN may read it' })
  async emailOptOut(
    @Parent() user: UserModel & { emailOptOut?: string[] },
    @CurrentActor() actor: Actor | null,
    @Context() ctx: GqlContext,
  ): Promise<string[]> {
    if (!actor || (actor.userId !== user.id && !hasRole(actor, 'ADMIN')))
      throw AppError.forbidden("Only the user and administrators see a user's email preferences");
    return user.emailOptOut ?? (await ctx.loaders.user.load(user.id))?.emailOptOut ?? [];
  }
}
