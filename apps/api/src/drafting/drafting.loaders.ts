import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  DraftingReadService,
  DraftVersionEntity,
  GuidelineEntity,
  InstrumentEntity,
  SectionEntity,
} from '@tripartite/drafting';

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const map = new Map((await load(ids)).map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

function groupedBy<T>(field: keyof T, load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T[]>(async (ids) => {
    const map = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of await load(ids)) map.get(row[field] as string)?.push(row);
    return ids.map((id) => map.get(id) ?? []);
  });
}

/**
 * Drafting's per-request loaders. They do not filter by the caller: resolvers
 * reach them from parents already checked, and filter version lists with
 * DraftingReadService.visibleVersions.
 */
@Injectable()
export class DraftingLoadersFactory {
  constructor(private readonly read: DraftingReadService) {}

  create() {
    return {
      instrument: byId<InstrumentEntity>((ids) => this.read.instrumentsByIds(ids)),
      draftVersion: byId<DraftVersionEntity>((ids) => this.read.versionsByIds(ids)),
      section: byId<SectionEntity>((ids) => this.read.sectionsByIds(ids)),
      versionsOfInstrument: groupedBy<DraftVersionEntity>('instrumentId', (ids) => this.read.versionsByInstrumentIds(ids)),
      latestPublishedVersion: new DataLoader<string, DraftVersionEntity | null>(async (ids) => {
        const map = new Map((await this.read.latestPublishedByInstrumentIds(ids)).map((v) => [v.instrumentId, v]));
        return ids.map((id) => map.get(id) ?? null);
      }),
      sectionsOfVersion: groupedBy<SectionEntity>('versionId', (ids) => this.read.sectionsByVersionIds(ids)),
      guidelinesOfVersion: groupedBy<GuidelineEntity>('versionId', (ids) => this.read.guidelinesByVersionIds(ids)),
      guidelinesOfSection: groupedBy<GuidelineEntity>('sectionId', (ids) => this.read.guidelinesBySectionIds(ids)),
    };
  }
}

export type DraftingLoaders = ReturnType<DraftingLoadersFactory['create']>;
