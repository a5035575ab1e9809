import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { ConstituentGroup, DecisionRule } from '@tripartite/domain';
import { ConstituentGroupEnum, DecisionRuleEnum } from '../graphql/enums';

@InputType('ScheduleMeetingInput')
export class ScheduleMeetingInput {
  @Field(() => ID) instrumentId: string;
  @Field(() => ID, { description: 'PUBLISHED; the agenda gets one item per guideline' }) versionId: string;
  @Field(() => String) title: string;
  @Field(() => String, { nullable: true }) venue?: string | null;
  @Field(() => Date) startsAt: Date;
  @Field(() => Date) endsAt: Date;
  @Field(() => DecisionRuleEnum, { nullable: true, defaultValue: 'CONSENSUS' }) decisionRule?: DecisionRule | null;
}

@InputType('GroupVoteInput')
export class GroupVoteInput {
  @Field(() => ConstituentGroupEnum) group: ConstituentGroup;
  @Field(() => Int) inFavour: number;
  @Field(() => Int) against: number;
  @Field(() => Int) abstentions: number;
}
