import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ConstituentGroup, Language, Role } from '@tripartite/domain';
import { ConstituentGroupEnum, LanguageEnum, RoleEnum } from '../graphql/enums';
import { PageInfoModel } from '../graphql/page-info.model';

@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => ConstituentGroupEnum) group: ConstituentGroup;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 for governments' }) countryCode: string | null;
  @Field(() => LanguageEnum, { nullable: true, description: 'the language of its members who never chose one (null: English)' })
  defaultLanguage: Language | null;
}

@ObjectType('User')
export class UserModel {
  @Field(() => ID) id: string;
  /** Resolved by IdentityResolver.email: personal data, for the user, the secretariat and admins only. */
  email: string;
  @Field(() => String) displayName: string;
  @Field(() => [RoleEnum]) roles: Role[];
  organizationId: string | null;
  /** The user's own choice (null: never chosen); IdentityResolver.language resolves the one in effect. */
  language?: Language | null;
  /** Not loaded by every path that yields users (IdentityResolver.active loads it then). */
  deactivatedAt?: Date | null;
  /** The signed-in user themself (login's and refresh's payload), before any token is in the request. */
  viewerIsSelf?: boolean;
}

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field(() => String) accessToken: string;
  @Field(() => Date) expiresAt: Date;
  @Field(() => Date, { description: 'the session’s absolute end: refreshing (POST /auth/refresh) goes no further; then sign in again' })
  sessionExpiresAt: Date;
  @Field(() => UserModel) user: UserModel;
}

@ObjectType('UserEdge')
export class UserEdgeModel {
  @Field(() => String) cursor: string;
  @Field(() => UserModel) node: UserModel;
}

@ObjectType('UserConnection')
export class UserConnectionModel {
  @Field(() => [UserEdgeModel]) edges: UserEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int, { description: 'users matching, on every page' }) totalCount: number;
}
