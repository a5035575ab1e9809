import { Field, ID, InputType } from '@nestjs/graphql';
import type { Role } from '@tripartite/domain';
import { RoleEnum } from '../graphql/enums';

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String) email: string;
  @Field(() => String) displayName: string;
  @Field(() => String, { description: 'at least 12 characters' }) password: string;
  @Field(() => [RoleEnum]) roles: Role[];
  @Field(() => ID, { nullable: true, description: 'required with CONSTITUENT' }) organizationId?: string | null;
}
