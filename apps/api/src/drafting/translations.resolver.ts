import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@tripartite/auth';
import { type Actor, AppError } from '@tripartite/common';
import type { Language, TranslationStatus } from '@tripartite/domain';
import { DraftingReadService, lineHash, sourceHash, TranslationService, translationStatus } from '@tripartite/drafting';
import { ConsultationRoundModel } from '../consultation/consultation.models';
import type { GqlContext } from '../graphql/context';
import { LanguageEnum, TranslationStatusEnum } from '../graphql/enums';
import { UserModel } from '../identity/identity.models';
import { DraftVersionModel, GuidelineModel, GuidelineTranslationModel, InstrumentModel, SectionModel, TranslationSummaryModel } from './drafting.models';

// Translations of a version's texts (DESIGN.md 6a). Parents were visibility-checked where they were loaded.

const languageArg = { type: () => LanguageEnum };

@Resolver()
export class TranslationMutationsResolver {
  constructor(private readonly translations: TranslationService) {}

  @Roles('SECRETARIAT')
  @Mutation(() => GuidelineModel, {
    description: 'A translation of one guideline of a DRAFT or PUBLISHED version; the original text is never changed, and each is kept and audited.',
  })
  setGuidelineTranslation(
    @CurrentActor() actor: Actor,
    @Args('guidelineId', { type: () => ID }) guidelineId: string,
    @Args('language', languageArg) language: Language,
    @Args('title', { type: () => String, nullable: true }) title: string | null | undefined,
    @Args('text', { type: () => String }) text: string,
  ): Promise<GuidelineModel> {
    return this.translations.setGuidelineTranslation(actor, guidelineId, language, title, text);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => SectionModel, { description: "A translation of a section's heading (kept and audited like a guideline's)." })
  setSectionHeadingTranslation(
    @CurrentActor() actor: Actor,
    @Args('sectionId', { type: () => ID }) sectionId: string,
    @Args('language', languageArg) language: Language,
    @Args('heading', { type: () => String }) heading: string,
  ): Promise<SectionModel> {
    return this.translations.setSectionHeadingTranslation(actor, sectionId, language, heading);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => InstrumentModel, { description: "A translation of the instrument's title (kept and audited like a guideline's)." })
  setInstrumentTitleTranslation(
    @CurrentActor() actor: Actor,
    @Args('instrumentId', { type: () => ID }) instrumentId: string,
    @Args('language', languageArg) language: Language,
    @Args('title', { type: () => String }) title: string,
  ): Promise<InstrumentModel> {
    return this.translations.setInstrumentTitleTranslation(actor, instrumentId, language, title);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => DraftVersionModel, {
    description:
      "A whole translated edition, in importDraftMarkdown's Markdown: the original's sections and guideline keys exactly, else nothing is set (the message names the keys).",
  })
  importTranslationMarkdown(
    @CurrentActor() actor: Actor,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('language', languageArg) language: Language,
    @Args('markdown', { type: () => String }) markdown: string,
  ): Promise<DraftVersionModel> {
    return this.translations.importTranslation(actor, versionId, language, markdown);
  }
}

@Resolver(() => GuidelineModel)
export class GuidelineTranslationFieldsResolver {
  constructor(private readonly read: DraftingReadService) {}

  private async inLanguage(guideline: GuidelineModel, language: Language, ctx: GqlContext) {
    const [version, translations] = await Promise.all([
      ctx.loaders.draftVersion.load(guideline.versionId),
      ctx.loaders.translationsOfGuideline.load(guideline.id),
    ]);
    const original = version?.originalLanguage === language;
    const latest = original ? null : (translations.find((t) => t.language === language) ?? null);
    const status = translationStatus(version?.originalLanguage ?? 'EN', language, { currentHash: sourceHash(guideline), latest });
    return { original, latest, status };
  }

  @ResolveField(() => String, { nullable: true, description: 'The text in a language: the original, or its translation; null when no translation exists.' })
  async textIn(@Parent() guideline: GuidelineModel, @Args('language', languageArg) language: Language, @Context() ctx: GqlContext): Promise<string | null> {
    const { original, latest } = await this.inLanguage(guideline, language, ctx);
    return original ? guideline.text : (latest?.text ?? null);
  }

  @ResolveField(() => String, { nullable: true, description: 'The title in a language (null when there is none, or no translation).' })
  async titleIn(@Parent() guideline: GuidelineModel, @Args('language', languageArg) language: Language, @Context() ctx: GqlContext): Promise<string | null> {
    const { original, latest } = await this.inLanguage(guideline, language, ctx);
    return original ? guideline.title : (latest?.title ?? null);
  }

  @ResolveField(() => TranslationStatusEnum)
  async translationStatus(
    @Parent() guideline: GuidelineModel,
    @Args('language', languageArg) language: Language,
    @Context() ctx: GqlContext,
  ): Promise<TranslationStatus> {
    return (await this.inLanguage(guideline, language, ctx)).status;
  }

  @ResolveField(() => [GuidelineTranslationModel], { description: 'Every translation into the language ever set, oldest first (secretariat only).' })
  async translationHistory(
    @Parent() guideline: GuidelineModel,
    @Args('language', languageArg) language: Language,
    @Context() ctx: GqlContext,
  ): Promise<GuidelineTranslationModel[]> {
    if (!this.read.seesDrafts(ctx.req.actor ?? null)) throw AppError.forbidden('Only the secretariat sees the history of translations');
    const hash = sourceHash(guideline);
    return (await ctx.loaders.translationHistoryOfGuideline.load(guideline.id))
      .filter((t) => t.language === language)
      .map((t) => ({ ...t, current: t.sourceHash === hash }));
  }
}

@Resolver(() => GuidelineTranslationModel)
export class GuidelineTranslationResolver {
  @ResolveField(() => UserModel, { nullable: true, description: 'null: set by the system (the demo)' })
  async translatedBy(@Parent() t: GuidelineTranslationModel, @Context() ctx: GqlContext): Promise<UserModel | null> {
    return t.translatedBy ? ctx.loaders.user.load(t.translatedBy) : null;
  }
}

@Resolver(() => SectionModel)
export class SectionTranslationFieldsResolver {
  private async inLanguage(section: SectionModel, language: Language, ctx: GqlContext) {
    const [version, translations] = await Promise.all([ctx.loaders.draftVersion.load(section.versionId), ctx.loaders.translationsOfSection.load(section.id)]);
    const original = version?.originalLanguage === language;
    const latest = original ? null : (translations.find((t) => t.language === language) ?? null);
    const status = translationStatus(version?.originalLanguage ?? 'EN', language, { currentHash: lineHash(section.heading), latest });
    return { original, latest, status };
  }

  @ResolveField(() => String, { nullable: true, description: 'The heading in a language: the original, or its translation; null when none exists.' })
  async headingIn(@Parent() section: SectionModel, @Args('language', languageArg) language: Language, @Context() ctx: GqlContext): Promise<string | null> {
    const { original, latest } = await this.inLanguage(section, language, ctx);
    return original ? section.heading : (latest?.heading ?? null);
  }

  @ResolveField(() => TranslationStatusEnum)
  async headingStatus(
    @Parent() section: SectionModel,
    @Args('language', languageArg) language: Language,
    @Context() ctx: GqlContext,
  ): Promise<TranslationStatus> {
    return (await this.inLanguage(section, language, ctx)).status;
  }
}

@Resolver(() => InstrumentModel)
export class InstrumentTranslationFieldsResolver {
  /** The language of its versions (version 1's; revisions keep it). */
  private async inLanguage(instrument: InstrumentModel, language: Language, ctx: GqlContext) {
    const [versions, translations] = await Promise.all([
      ctx.loaders.versionsOfInstrument.load(instrument.id),
      ctx.loaders.translationsOfInstrument.load(instrument.id),
    ]);
    const originalLanguage = versions[0]?.originalLanguage ?? 'EN';
    const original = originalLanguage === language;
    const latest = original ? null : (translations.find((t) => t.language === language) ?? null);
    return { original, latest, status: translationStatus(originalLanguage, language, { currentHash: lineHash(instrument.title), latest }) };
  }

  @ResolveField(() => String, { nullable: true, description: 'The title in a language: the original, or its translation; null when none exists.' })
  async titleIn(@Parent() instrument: InstrumentModel, @Args('language', languageArg) language: Language, @Context() ctx: GqlContext): Promise<string | null> {
    const { original, latest } = await this.inLanguage(instrument, language, ctx);
    return original ? instrument.title : (latest?.title ?? null);
  }

  @ResolveField(() => TranslationStatusEnum)
  async titleStatus(
    @Parent() instrument: InstrumentModel,
    @Args('language', languageArg) language: Language,
    @Context() ctx: GqlContext,
  ): Promise<TranslationStatus> {
    return (await this.inLanguage(instrument, language, ctx)).status;
  }
}

@Resolver(() => DraftVersionModel)
export class VersionTranslationFieldsResolver {
  constructor(private readonly read: DraftingReadService) {}

  @ResolveField(() => [TranslationSummaryModel], { description: 'Per language (EN, FR, ES), its guidelines CURRENT, STALE and MISSING (secretariat only).' })
  translationSummary(@Parent() version: DraftVersionModel, @Context() ctx: GqlContext): Promise<TranslationSummaryModel[]> {
    if (!this.read.seesDrafts(ctx.req.actor ?? null)) throw AppError.forbidden('Only the secretariat sees the state of translations');
    return ctx.loaders.translationSummaryOfVersion.load(version.id);
  }
}

@Resolver(() => ConsultationRoundModel)
export class RoundLanguagesResolver {
  @ResolveField(() => [LanguageEnum], {
    description: "The languages its version can be read whole in: the original, and each with every guideline's translation CURRENT.",
  })
  completeLanguages(@Parent() round: ConsultationRoundModel, @Context() ctx: GqlContext): Promise<Language[]> {
    return ctx.loaders.completeLanguagesOfVersion.load(round.versionId);
  }
}
