import { Module } from '@nestjs/common';
import { DraftingModule } from '@tripartite/drafting';
import { DraftVersionFieldsResolver, GuidelineFieldsResolver, SectionFieldsResolver } from './drafting-fields.resolver';
import { DraftingResolver } from './drafting.resolver';
import {
  GuidelineTranslationFieldsResolver,
  GuidelineTranslationResolver,
  InstrumentTranslationFieldsResolver,
  RoundLanguagesResolver,
  SectionTranslationFieldsResolver,
  TranslationMutationsResolver,
  VersionTranslationFieldsResolver,
} from './translations.resolver';

/** Drafting's GraphQL surface (its loaders are composed in graphql/loaders.ts). */
@Module({
  imports: [DraftingModule],
  providers: [
    DraftingResolver,
    DraftVersionFieldsResolver,
    SectionFieldsResolver,
    GuidelineFieldsResolver,
    TranslationMutationsResolver,
    GuidelineTranslationFieldsResolver,
    GuidelineTranslationResolver,
    SectionTranslationFieldsResolver,
    InstrumentTranslationFieldsResolver,
    VersionTranslationFieldsResolver,
    RoundLanguagesResolver,
  ],
})
export class DraftingApiModule {}
