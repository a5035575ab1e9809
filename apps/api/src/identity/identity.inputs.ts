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

@InputType('UpdateUserInput', { description: 'What to change; a field left out stays as it is. The email is not changed (it is how the person signs in).' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => ID, { nullable: true, description: 'null: no organization (not for a CONSTITUENT)' }) organizationId?: string | null;
  @Field(() => LanguageEnum, { nullable: true, description: "null: none chosen, so their organization's default, else EN" })
  language?: Language | null;
}
