import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentActor, Roles } from '@tripartite/auth';
import { type Actor, checkFirst } from '@tripartite/common';
import { AppConfig } from '@tripartite/config';
import { CAPACITY, type Language, type Stage } from '@tripartite/domain';
import { DraftingReadService, DraftingService, keyFromNumber, type MarkdownProblem } from '@tripartite/drafting';
import type { GqlContext } from '../graphql/context';
import { LanguageEnum, StageEnum } from '../graphql/enums';
import { CreateInstrumentInput, SectionInput } from './drafting.inputs';
import { DraftMarkdownPreviewModel, DraftVersionModel, GuidelineChangeModel, GuidelineModel, InstrumentModel } from './drafting.models';

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

  @Authenticated()
  @Query(() => DraftVersionModel, { description: 'One version (a DRAFT only for the secretariat and admins).' })
  draftVersion(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<DraftVersionModel> {
    return this.read.getVersion(actor, id);
  }

  @Roles('SECRETARIAT')
  @Query(() => DraftMarkdownPreviewModel, {
    description:
      'What importDraftMarkdown would make of a document for a DRAFT version, writing nothing: the sections and guidelines read, and every problem and warning with its line and how to fix it.',
  })
  async previewDraftMarkdown(
    @CurrentActor() actor: Actor,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('markdown', { type: () => String }) markdown: string,
  ): Promise<DraftMarkdownPreviewModel> {
    const preview = await this.drafting.previewMarkdown(actor, versionId, markdown);
    const problem = (p: MarkdownProblem) => ({ ...p, params: Object.entries(p.params ?? {}).map(([name, value]) => ({ name, value })) });
    return {
      ok: preview.problems.length === 0,
      title: preview.draft.title,
      sections: withinCapacity(preview.draft.sections).map((s) => ({
        number: s.number,
        heading: s.heading,
        line: s.line,
        guidelines: s.guidelines.map((g) => ({ key: g.key?.trim() || keyFromNumber(g.number), number: g.number, title: g.title, text: g.text, line: g.line })),
      })),
      problems: preview.problems.map(problem),
      warnings: preview.warnings.map(problem),
    };
  }

  @Roles('SECRETARIAT')
  @Mutation(() => InstrumentModel, {
    description: 'Its version 1 is an empty DRAFT. The title may be left empty: the "# Title" line of the first Markdown imported becomes it.',
  })
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
  @Mutation(() => DraftVersionModel, {
    description:
      'Parses Markdown ("## I. Heading" sections, "N.N Text" or "1." numbered guidelines, "###" sub-headings kept in the guideline they introduce, tables and lists kept) into a DRAFT version, replacing its content; see previewDraftMarkdown. Its "# Title" becomes the instrument\'s title when the instrument has none. Refused whole (BAD_USER_INPUT) with each problem\'s line in extensions.fields and extensions.problems.',
  })
  importDraftMarkdown(
    @CurrentActor() actor: Actor,
    @Args('versionId', { type: () => ID }) versionId: string,
    @Args('markdown', { type: () => String }) markdown: string,
  ): Promise<DraftVersionModel> {
    return this.drafting.importMarkdown(actor, versionId, markdown);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => GuidelineModel, {
    description:
      "Edits one guideline of a DRAFT version in place (its title and text; a PUBLISHED version's are refused, BAD_USER_INPUT with reason VERSION_PUBLISHED). With expectedRevision, CONFLICT when the guideline changed since; its translations go STALE.",
  })
  updateDraftGuideline(
    @CurrentActor() actor: Actor,
    @Args('guidelineId', { type: () => ID }) guidelineId: string,
    @Args('text', { type: () => String }) text: string,
    @Args('title', { type: () => String, nullable: true }) title?: string | null,
    @Args('expectedRevision', { type: () => Int, nullable: true }) expectedRevision?: number | null,
  ): Promise<GuidelineModel> {
    return this.drafting.updateGuideline(actor, guidelineId, { title, text }, expectedRevision);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => DraftVersionModel, { description: 'Refused while the instrument has no title (reason INSTRUMENT_UNTITLED) or the version no guideline.' })
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

/** What a preview shows of a document over a version's capacity: its first sections and guidelines (the problems say the rest). */
function withinCapacity<S extends { guidelines: readonly unknown[] }>(sections: readonly S[]): S[] {
  let left = CAPACITY.guidelinesPerVersion;
  return sections.slice(0, CAPACITY.sectionsPerVersion).map((s) => {
    const guidelines = s.guidelines.slice(0, Math.max(left, 0));
    left -= guidelines.length;
    return { ...s, guidelines };
  });
}
