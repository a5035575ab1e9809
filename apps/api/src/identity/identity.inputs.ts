import { Field, ID, InputType } from '@nestjs/graphql';
import type { Language, Role } from '@tripartite/domain';
import { LanguageEnum, RoleEnum } from '../graphql/enums';

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String) email: string;
  @Field(() => String) displayName: string;
  @Field(() => String, { description: 'at least 12 characters' }) password: string;
  @Field(() => [RoleEnum]) roles: Role[];
  @Field(() => ID, { nullable: true, description: 'required with CONSTITUENT' }) organizationId?: string | null;
  @Field(() => LanguageEnum, { nullable: true, description: "the user's language; unset: their organization's default, else EN" })
  language?: Language | null;
}
