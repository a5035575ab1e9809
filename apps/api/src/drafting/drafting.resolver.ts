import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentActor, Roles } from '@tripartite/auth';
import { type Actor, checkFirst } from '@tripartite/common';
import { AppConfig } from '@tripartite/config';
import type { Language, Stage } from '@tripartite/domain';
import { DraftingReadService, DraftingService } from '@tripartite/drafting';
import type { GqlContext } from '../graphql/context';
import { LanguageEnum, StageEnum } from '../graphql/enums';
import { CreateInstrumentInput, SectionInput } from './drafting.inputs';
import { DraftVersionModel, GuidelineChangeModel, InstrumentModel } from './drafting.models';

@Resolver(() => InstrumentModel)
export class DraftingResolver {
  constructor(
    private readonly drafting: DraftingService,
    private readonly read: DraftingReadService,
    private readonly config: AppConfig,
  ) {}

  @Authenticated()
  @Query(() => [InstrumentModel], { description: 'Newest first; `after`: the id of the last instrument of the previous page.' })
  instruments(
    @CurrentActor() actor: Actor,
    @Args('stage', { type: () => StageEnum, nullable: true }) stage?: Stage | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first = 100,
    @Args('after', { type: () => ID, nullable: true }) after?: string | null,
  ): Promise<InstrumentModel[]> {
    return this.read.listInstruments(actor, stage, { first: checkFirst(first, this.config.GRAPHQL_MAX_FIRST), after });
  }

  @Authenticated()
  @Query(() => InstrumentModel)
  instrument(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<InstrumentModel> {
    return this.read.getInstrument(actor, id);
  }

  @Authenticated()
  @Query(() => [GuidelineChangeModel])
  versionDiff(
    @CurrentActor() actor: Actor,
    @Args('fromVersionId', { type: () => ID }) fromVersionId: string,
    @Args('toVersionId', { type: () => ID }) toVersionId: string,
    @Args('language', { type: () => LanguageEnum, nullable: true, description: 'compare the texts in this language (the translation where it exists)' })
    language?: Language | null,
  ): Promise<GuidelineChangeModel[]> {
    return this.read.versionDiff(actor, fromVersionId, toVersionId, language);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => InstrumentModel)
  createInstrument(@CurrentActor() actor: Actor, @Args('input') input: CreateInstrumentInput): Promise<InstrumentModel> {
    return this.drafting.createInstrument(actor, input);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => DraftVersionModel, { description: 'Replaces the whole content of a DRAFT version; a PUBLISHED one is immutable.' })
  saveDraft(
    @CurrentActor() actor: Actor,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('sections', { type: () => [SectionInput] }) sections: SectionInput[],
  ): Promise<DraftVersionModel> {
    return this.drafting.saveDraft(actor, versionId, sections);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => DraftVersionModel, { description: 'Parses Markdown ("## I. Heading" sections, "N.N Text" guidelines) into a DRAFT version.' })
  importDraftMarkdown(
    @CurrentActor() actor: Actor,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('markdown', { type: () => String }) markdown: string,
  ): Promise<DraftVersionModel> {
    return this.drafting.importMarkdown(actor, versionId, markdown);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => DraftVersionModel)
  publishVersion(
    @CurrentActor() actor: Actor,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('changeSummary', { type: () => String, nullable: true }) changeSummary?: string | null,
  ): Promise<DraftVersionModel> {
    return this.drafting.publish(actor, versionId, changeSummary);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => DraftVersionModel, { description: 'A new DRAFT version copied from the latest published one.' })
  createRevision(@CurrentActor() actor: Actor, @Args('instrumentId', { type: () => ID }) instrumentId: string): Promise<DraftVersionModel> {
    return this.drafting.createRevision(actor, instrumentId);
  }

  @ResolveField(() => [DraftVersionModel], { description: 'by number; drafts only for the secretariat' })
  async versions(@Parent() instrument: InstrumentModel, @Context() ctx: GqlContext): Promise<DraftVersionModel[]> {
    return this.read.visibleVersions(ctx.req.actor ?? null, await ctx.loaders.versionsOfInstrument.load(instrument.id));
  }

  @ResolveField(() => DraftVersionModel, { nullable: true })
  latestPublishedVersion(@Parent() instrument: InstrumentModel, @Context() ctx: GqlContext): Promise<DraftVersionModel | null> {
    return ctx.loaders.latestPublishedVersion.load(instrument.id);
  }
}
