import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ConstituentGroup, Role } from '@tripartite/domain';
import { ConstituentGroupEnum, RoleEnum } from '../graphql/enums';

@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => ConstituentGroupEnum) group: ConstituentGroup;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 for governments' }) countryCode: string | null;
}

@ObjectType('User')
export class UserModel {
  @Field(() => ID) id: string;
  @Field(() => String) email: string;
  @Field(() => String) displayName: string;
  @Field(() => [RoleEnum]) roles: Role[];
  organizationId: string | null;
}

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field(() => String) accessToken: string;
  @Field(() => Date) expiresAt: Date;
  @Field(() => UserModel) user: UserModel;
}
