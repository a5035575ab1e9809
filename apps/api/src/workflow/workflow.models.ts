import { Field, ObjectType } from '@nestjs/graphql';
import type { Stage } from '@tripartite/domain';
import { StageEnum } from '../graphql/enums';

@ObjectType('Blocker')
export class BlockerModel {
  @Field(() => String) code: string;
  @Field(() => String) message: string;
}

@ObjectType('StageOption')
export class StageOptionModel {
  @Field(() => StageEnum) stage: Stage;
  @Field(() => Boolean) allowed: boolean;
  @Field(() => [BlockerModel]) blockers: BlockerModel[];
}

@ObjectType('StageTransition')
export class StageTransitionModel {
  @Field(() => StageEnum) from: Stage;
  @Field(() => StageEnum) to: Stage;
  @Field(() => Date) at: Date;
  @Field(() => String, { nullable: true }) reason: string | null;
  actorId: string | null;
}
