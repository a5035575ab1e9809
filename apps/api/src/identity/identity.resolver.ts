import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminService, AuthService, Authenticated, CurrentActor, Public, Roles } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import type { ConstituentGroup } from '@tripartite/domain';
import { ConstituentGroupEnum } from '../graphql/enums';
import type { GqlContext } from '../graphql/context';
import { AuthPayloadModel, OrganizationModel, UserModel } from './identity.models';
import { CreateUserInput } from './identity.inputs';

@Resolver(() => UserModel)
export class IdentityResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly admin: AdminService,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadModel)
  login(@Args('email') email: string, @Args('password') password: string, @Context() ctx: GqlContext): Promise<AuthPayloadModel> {
    return this.auth.login(email, password, ctx.req.ip ?? 'unknown');
  }

  @Authenticated()
  @Query(() => UserModel)
  me(@CurrentActor() actor: Actor): Promise<UserModel> {
    return this.admin.getUser(actor.userId);
  }

  @Authenticated()
  @Query(() => [OrganizationModel])
  organizations(@Args('group', { type: () => ConstituentGroupEnum, nullable: true }) group?: ConstituentGroup): Promise<OrganizationModel[]> {
    return this.admin.listOrganizations(group);
  }

  @Roles('ADMIN')
  @Mutation(() => OrganizationModel)
  createOrganization(
    @CurrentActor() actor: Actor,
    @Args('name') name: string,
    @Args('group', { type: () => ConstituentGroupEnum }) group: ConstituentGroup,
    @Args('countryCode', { type: () => String, nullable: true }) countryCode?: string,
  ): Promise<OrganizationModel> {
    return this.admin.createOrganization(actor, { name, group, countryCode });
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel)
  createUser(@CurrentActor() actor: Actor, @Args('input') input: CreateUserInput): Promise<UserModel> {
    return this.admin.createUser(actor, input);
  }

  @ResolveField(() => OrganizationModel, { nullable: true, description: 'set for constituents' })
  organization(@Parent() user: UserModel, @Context() ctx: GqlContext): Promise<OrganizationModel | null> | null {
    return user.organizationId ? ctx.loaders.organization.load(user.organizationId) : null;
  }
}

