import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { GbDecision, SubmissionStatus } from '@tripartite/domain';
import { GbDecisionEnum, SubmissionStatusEnum } from '../graphql/enums';

// instrument, session and document are @ResolveFields in governing-body.resolver.ts.

@ObjectType('GoverningBodySession')
export class GoverningBodySessionModel {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'e.g. 294' }) number: number;
  @Field(() => Date) startsAt: Date;
  @Field(() => Date) endsAt: Date;
  @Field(() => Date, { description: 'papers are due before this' }) documentDeadline: Date;
}

@ObjectType('GoverningBodySubmission')
export class GoverningBodySubmissionModel {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'e.g. "GB.294/3"' }) symbol: string;
  @Field(() => Int, { nullable: true, description: "the item's ordinal on the session's agenda (1..99)" }) agendaItem: number | null;
  @Field(() => String) agendaItemTitle: string;
  @Field(() => String) pointForDecision: string;
  @Field(() => SubmissionStatusEnum) status: SubmissionStatus;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => Boolean, { description: "submitted after the session's documentDeadline" }) late: boolean;
  @Field(() => GbDecisionEnum, { nullable: true }) decision: GbDecision | null;
  @Field(() => String, { nullable: true }) decisionText: string | null;
  instrumentId: string;
  sessionId: string;
}
