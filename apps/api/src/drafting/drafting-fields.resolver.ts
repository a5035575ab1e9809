import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AppError } from '@tripartite/common';
import { DraftingReadService } from '@tripartite/drafting';
import type { GqlContext } from '../graphql/context';
import { DraftVersionModel, GuidelineModel, SectionModel } from './drafting.models';

// Parents reached here were visibility-checked where they were loaded (a version
// through DraftingReadService, sections and guidelines through their version).

@Resolver(() => DraftVersionModel)
export class DraftVersionFieldsResolver {
  @ResolveField(() => [SectionModel])
  sections(@Parent() version: DraftVersionModel, @Context() ctx: GqlContext): Promise<SectionModel[]> {
    return ctx.loaders.sectionsOfVersion.load(version.id);
  }

  @ResolveField(() => [GuidelineModel], { description: 'all guidelines, in document order' })
  guidelines(@Parent() version: DraftVersionModel, @Context() ctx: GqlContext): Promise<GuidelineModel[]> {
    return ctx.loaders.guidelinesOfVersion.load(version.id);
  }
}

@Resolver(() => SectionModel)
export class SectionFieldsResolver {
  @ResolveField(() => [GuidelineModel])
  guidelines(@Parent() section: SectionModel, @Context() ctx: GqlContext): Promise<GuidelineModel[]> {
    return ctx.loaders.guidelinesOfSection.load(section.id);
  }
}

@Resolver(() => GuidelineModel)
export class GuidelineFieldsResolver {
  constructor(private readonly read: DraftingReadService) {}

  @ResolveField(() => SectionModel)
  async section(@Parent() guideline: GuidelineModel, @Context() ctx: GqlContext): Promise<SectionModel> {
    const section = await ctx.loaders.section.load(guideline.sectionId);
    if (!section) throw AppError.notFound('Section', guideline.sectionId);
    return section;
  }

  /** A guideline may be reached from elsewhere (a comment, an agenda item): its version is checked again here. */
  @ResolveField(() => DraftVersionModel)
  async version(@Parent() guideline: GuidelineModel, @Context() ctx: GqlContext): Promise<DraftVersionModel> {
    const version = await ctx.loaders.draftVersion.load(guideline.versionId);
    if (!version || !this.read.canSeeVersion(ctx.req.actor ?? null, version)) throw AppError.notFound('Version', guideline.versionId);
    return version;
  }
}
