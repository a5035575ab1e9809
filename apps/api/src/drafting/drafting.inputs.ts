import { Field, InputType } from '@nestjs/graphql';

@InputType('CreateInstrumentInput')
export class CreateInstrumentInput {
  @Field(() => String) reference: string;
  @Field(() => String) title: string;
  @Field(() => String, { nullable: true }) summary?: string | null;
}

@InputType('GuidelineInput')
export class GuidelineInput {
  @Field(() => String, { nullable: true, description: 'omitted: derived from number' }) key?: string | null;
  @Field(() => String) number: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String) text: string;
}

@InputType('SectionInput')
export class SectionInput {
  @Field(() => String) number: string;
  @Field(() => String) heading: string;
  @Field(() => [GuidelineInput]) guidelines: GuidelineInput[];
}
