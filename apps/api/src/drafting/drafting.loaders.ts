import { Injectable } from '@nestjs/common';
import {
  DraftingReadService,
  DraftVersionEntity,
  GuidelineEntity,
  GuidelineTranslationEntity,
  InstrumentEntity,
  InstrumentTranslationEntity,
  SectionEntity,
  SectionTranslationEntity,
  TranslationsReadModel,
} from '@tripartite/drafting';

import { LoaderOptions, byId, listsBy, valuesBy } from '../graphql/loaders';

/** Rows grouped by one of their fields, for listsBy. */
function groupedBy<T>(field: keyof T, load: (ids: readonly string[]) => Promise<T[]>, options: LoaderOptions) {
  return listsBy<T>(async (ids) => {
    const map = new Map<string, T[]>();
    for (const row of await load(ids)) {
      const key = row[field] as string;
      const list = map.get(key);
      if (list) list.push(row);
      else map.set(key, [row]);
    }
    return map;
  }, options);
}

/**
 * Drafting's per-request loaders. They do not filter by the caller: resolvers
 * reach them from parents already checked, and filter version lists with
 * DraftingReadService.visibleVersions.
 */
@Injectable()
export class DraftingLoadersFactory {
  constructor(
    private readonly read: DraftingReadService,
    private readonly translations: TranslationsReadModel,
  ) {}

  create(o: LoaderOptions = {}) {
    return {
      instrument: byId<InstrumentEntity>((ids) => this.read.instrumentsByIds(ids), o),
      draftVersion: byId<DraftVersionEntity>((ids) => this.read.versionsByIds(ids), o),
      section: byId<SectionEntity>((ids) => this.read.sectionsByIds(ids), o),
      versionsOfInstrument: groupedBy<DraftVersionEntity>('instrumentId', (ids) => this.read.versionsByInstrumentIds(ids), o),
      latestPublishedVersion: valuesBy<DraftVersionEntity>(
        async (ids) => new Map((await this.read.latestPublishedByInstrumentIds(ids)).map((v) => [v.instrumentId, v])),
        o,
      ),
      sectionsOfVersion: groupedBy<SectionEntity>('versionId', (ids) => this.read.sectionsByVersionIds(ids), o),
      guidelinesOfVersion: groupedBy<GuidelineEntity>('versionId', (ids) => this.read.guidelinesByVersionIds(ids), o),
      guidelinesOfSection: groupedBy<GuidelineEntity>('sectionId', (ids) => this.read.guidelinesBySectionIds(ids), o),
      // The translations in force (one per language) and the history; the summary is checked for staff by its resolver.
      translationsOfGuideline: groupedBy<GuidelineTranslationEntity>('guidelineId', (ids) => this.read.latestTranslationsOfGuidelines(ids), o),
      translationsOfInstrument: groupedBy<InstrumentTranslationEntity>('instrumentId', (ids) => this.read.latestTranslationsOfInstruments(ids), o),
      translationsOfSection: groupedBy<SectionTranslationEntity>('sectionId', (ids) => this.read.latestTranslationsOfSections(ids), o),
      translationHistoryOfGuideline: groupedBy<GuidelineTranslationEntity>('guidelineId', (ids) => this.read.translationHistoryOfGuidelines(ids), o),
      translationSummaryOfVersion: listsBy((ids) => this.read.summariesOf(ids), o),
      completeLanguagesOfVersion: listsBy((ids) => this.translations.completeLanguagesOfVersions(ids), o),
    };
  }
}

export type DraftingLoaders = ReturnType<DraftingLoadersFactory['create']>;
