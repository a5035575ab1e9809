import { Field, InputType } from '@nestjs/graphql';
import type { Language } from '@tripartite/domain';
import { LanguageEnum } from '../graphql/enums';

@InputType('CreateInstrumentInput')
export class CreateInstrumentInput {
  @Field(() => String) reference: string;
  @Field(() => String) title: string;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => LanguageEnum, { nullable: true, description: 'the language its versions are written in (default EN)' }) originalLanguage?: Language | null;
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
