import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminService, AuthService, Authenticated, CurrentActor, Public, Roles, mayReadEmail, type SessionActor } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { effectiveLanguage, type ConstituentGroup, type Language, type Role } from '@tripartite/domain';
import { ConstituentGroupEnum, LanguageEnum, RoleEnum } from '../graphql/enums';
import type { GqlContext } from '../graphql/context';
import { AuthPayloadModel, OrganizationModel, UserModel } from './identity.models';
import { CreateUserInput } from './identity.inputs';
import { clearRefreshCookie, setRefreshCookie } from './refresh-cookie';

@Resolver(() => UserModel)
export class IdentityResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly admin: AdminService,
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
