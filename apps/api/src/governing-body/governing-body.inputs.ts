import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType('PrepareSubmissionInput')
export class PrepareSubmissionInput {
  @Field(() => ID) instrumentId: string;
  @Field(() => ID) sessionId: string;
  @Field(() => String) symbol: string;
  @Field(() => Int, { nullable: true, description: 'the ordinal of the item on the session\'s agenda, 1..99: 3 heads the paper "THIRD ITEM ON THE AGENDA"' })
  agendaItem?: number | null;
  @Field(() => String) agendaItemTitle: string;
  @Field(() => String) pointForDecision: string;
}
