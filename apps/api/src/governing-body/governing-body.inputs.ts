import { Field, ID, InputType } from '@nestjs/graphql';

@InputType('PrepareSubmissionInput')
export class PrepareSubmissionInput {
  @Field(() => ID) instrumentId: string;
  @Field(() => ID) sessionId: string;
  @Field(() => String) symbol: string;
  @Field(() => String) agendaItemTitle: string;
  @Field(() => String) pointForDecision: string;
}
