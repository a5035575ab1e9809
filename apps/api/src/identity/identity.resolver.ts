import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminService, AuthService, Authenticated, CurrentActor, Public, Roles, mayReadEmail, type SessionActor } from '@tripartite/auth';
import { checkFirst, type Actor } from '@tripartite/common';
import { AppConfig } from '@tripartite/config';
import { effectiveLanguage, type ConstituentGroup, type Language, type Role } from '@tripartite/domain';
import { ConstituentGroupEnum, LanguageEnum, RoleEnum } from '../graphql/enums';
import type { GqlContext } from '../graphql/context';
import { AuthPayloadModel, OrganizationModel, UserConnectionModel, UserModel } from './identity.models';
import { CreateUserInput, UpdateUserInput } from './identity.inputs';
import { clearRefreshCookie, setRefreshCookie } from './refresh-cookie';

@Resolver(() => UserModel)
export class IdentityResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly admin: AdminService,
    private readonly config: AppConfig,
  ) {}

  /** Also sets the refresh cookie (HttpOnly) that POST /auth/refresh takes, when called over HTTP. */
  @Public()
  @Mutation(() => AuthPayloadModel)
  async login(@Args('email') email: string, @Args('password') password: string, @Context() ctx: GqlContext): Promise<AuthPayloadModel> {
    const { refreshToken, user, ...result } = await this.auth.login(email, password, ctx.req.ip ?? 'unknown');
    if (ctx.res) setRefreshCookie(ctx.req, ctx.res, refreshToken);
    return { ...result, user: { ...user, viewerIsSelf: true } };
  }

  @Authenticated()
  @Mutation(() => Boolean, { description: "Ends the caller's session: its access token is refused from then on, on every api instance." })
  async logout(@CurrentActor() actor: SessionActor, @Context() ctx: GqlContext): Promise<boolean> {
    await this.auth.logout(actor);
    if (ctx.res) clearRefreshCookie(ctx.req, ctx.res);
    return true;
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

  @Roles('ADMIN', 'SECRETARIAT')
  @Query(() => UserConnectionModel, {
    description: 'ADMIN, SECRETARIAT. Users by display name, deactivated ones included (User.active); `search`: part of the name or the email, any case.',
  })
  async users(
    @Args('search', { type: () => String, nullable: true }) search: string | null,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId: string | null,
    @Args('role', { type: () => RoleEnum, nullable: true }) role: Role | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<UserConnectionModel> {
    const page = await this.admin.searchUsers({ search, organizationId, role, first: checkFirst(first, this.config.GRAPHQL_MAX_FIRST), after });
    return {
      edges: page.users.map(({ cursor, ...node }) => ({ cursor, node })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel, {
    description: "ADMIN. Changes a user's display name, organization or language, in effect at once on every session (audited). The email is not changed here.",
  })
  updateUser(
    @CurrentActor() actor: Actor,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('input', { type: () => UpdateUserInput }) input: UpdateUserInput,
  ): Promise<UserModel> {
    return this.admin.updateUser(actor, userId, input);
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel, { description: 'ADMIN. Lets a deactivated user sign in again (audited); the sessions ended then stay ended.' })
  reactivateUser(@CurrentActor() actor: Actor, @Args('userId', { type: () => ID }) userId: string): Promise<UserModel> {
    return this.admin.reactivateUser(actor, userId);
  }

  @Roles('ADMIN')
  @Mutation(() => OrganizationModel, {
    description: 'ADMIN. Renames an organization or changes its country code (audited). Its group stays: what it said was said for that group.',
  })
  updateOrganization(
    @CurrentActor() actor: Actor,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('name', { type: () => String, nullable: true }) name?: string | null,
    @Args('countryCode', { type: () => String, nullable: true }) countryCode?: string | null,
  ): Promise<OrganizationModel> {
    return this.admin.updateOrganization(actor, organizationId, { name, countryCode });
  }

  @Authenticated()
  @Mutation(() => UserModel, {
    description: "The caller's own language, for their pages, emails and drafts from the next request on, on every api instance (audited).",
  })
  setMyLanguage(@CurrentActor() actor: Actor, @Args('language', { type: () => LanguageEnum }) language: Language): Promise<UserModel> {
    return this.admin.setMyLanguage(actor, language);
  }

  @Roles('ADMIN')
  @Mutation(() => OrganizationModel, {
    description: 'ADMIN. The language of the organization’s members who never chose one; null: none, so English (audited).',
  })
  setOrganizationDefaultLanguage(
    @CurrentActor() actor: Actor,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('language', { type: () => LanguageEnum, nullable: true }) language: Language | null,
  ): Promise<OrganizationModel> {
    return this.admin.setOrganizationDefaultLanguage(actor, organizationId, language ?? null);
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

  @Roles('ADMIN')
  @Mutation(() => UserModel, {
    description: 'ADMIN. Ends every session of the user at once and refuses their sign-in from now on (audited). Not yourself, nor the last active admin.',
  })
  deactivateUser(@CurrentActor() actor: Actor, @Args('userId', { type: () => ID }) userId: string, @Args('reason') reason: string): Promise<UserModel> {
    return this.admin.deactivateUser(actor, userId, reason);
  }

  @Roles('ADMIN')
  @Mutation(() => UserModel, {
    description: "ADMIN. Replaces the user's roles, in effect at once on every session (audited). The last active admin keeps ADMIN.",
  })
  setUserRoles(
    @CurrentActor() actor: Actor,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('roles', { type: () => [RoleEnum] }) roles: Role[],
  ): Promise<UserModel> {
    return this.admin.setUserRoles(actor, userId, roles);
  }

  @ResolveField(() => String, { nullable: true, description: 'null unless the caller is this user, SECRETARIAT or ADMIN (personal data)' })
  email(@Parent() user: UserModel, @CurrentActor() actor: Actor | null): string | null {
    return user.viewerIsSelf || mayReadEmail(actor, user.id) ? user.email : null;
  }

  @ResolveField(() => Boolean, { description: 'false once an admin has deactivated the user' })
  async active(@Parent() user: UserModel, @Context() ctx: GqlContext): Promise<boolean> {
    const deactivatedAt = user.deactivatedAt !== undefined ? user.deactivatedAt : (await ctx.loaders.user.load(user.id))?.deactivatedAt;
    return !deactivatedAt;
  }

  @ResolveField(() => LanguageEnum, {
    description: "the language of the user's pages, emails and drafts: their choice, else their organization's default, else EN",
  })
  async language(@Parent() user: UserModel, @Context() ctx: GqlContext): Promise<Language> {
    const row = user.language !== undefined ? user : await ctx.loaders.user.load(user.id);
    const organizationId = row?.organizationId ?? user.organizationId;
    const organization = organizationId ? await ctx.loaders.organization.load(organizationId) : null;
    return effectiveLanguage(row?.language, organization?.defaultLanguage);
  }

  @ResolveField(() => OrganizationModel, { nullable: true, description: 'set for constituents' })
  organization(@Parent() user: UserModel, @Context() ctx: GqlContext): Promise<OrganizationModel | null> | null {
    return user.organizationId ? ctx.loaders.organization.load(user.organizationId) : null;
  }
}
