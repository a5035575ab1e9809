import { Injectable } from '@nestjs/common';
import type { Language } from '@tripartite/domain';
import { DraftingReadService } from '../drafting-read.service';
import { completeLanguages } from '../translations';

/** What consultation may know of a version's translations: the languages it can be read whole in. */
@Injectable()
export class TranslationsReadModel {
  constructor(private readonly read: DraftingReadService) {}

  /** Per version: its original language and every language with all guidelines CURRENT (in the order EN, FR, ES). */
  async completeLanguagesOfVersions(versionIds: readonly string[]): Promise<Map<string, Language[]>> {
    const summaries = await this.read.summariesOf(versionIds);
    return new Map([...summaries].map(([id, summary]) => [id, completeLanguages(summary)]));
  }
}
