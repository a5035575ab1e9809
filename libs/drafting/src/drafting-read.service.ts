import { Injectable } from '@nestjs/common';
import { Actor, AppError, isStaff, isUuid } from '@tripartite/common';
import type { Language, Stage } from '@tripartite/domain';
import { publishedExists } from './drafting.read-model';
import {
  ContentRepository,
  GuidelineRow,
  GuidelineTranslationRow,
  InstrumentRepository,
  InstrumentTranslationRow,
  InstrumentRow,
  SectionRow,
  SectionTranslationRow,
  TranslationRepository,
  VersionRepository,
  VersionRow,
} from './repositories';
import { sourceHash, summarize, translationStatus, TranslationSummary } from './translations';
import { diffGuidelines, GuidelineChange } from './version-diff';
import { renderDraftDocx, type DraftDocxData } from './draft-docx';
import { renderDraftPdf } from './draft-pdf';

export { isUuid };

/** Loads by a list of ids; a malformed id matches nothing (rather than failing in SQL), and no ids means no query. */
function batch<T>(ids: readonly string[], load: (valid: string[]) => Promise<T[]>): Promise<T[]> {
  const valid = [...new Set(ids.filter(isUuid))];
  return valid.length ? load(valid) : Promise.resolve([]);
}

/**
 * Reads with visibility. Staff (SECRETARIAT, ADMIN) and the system (null actor)
 * see everything. Everyone else (constituents, observers, moderators) sees only
 * PUBLISHED versions, and an instrument only once it has a published version:
 * before that it is the Office's working paper and is NOT_FOUND to them, as a
 * DRAFT version is (in lists it is simply left out).
 */
@Injectable()
export class DraftingReadService {
  constructor(
    private readonly instruments: InstrumentRepository,
    private readonly versions: VersionRepository,
    private readonly content: ContentRepository,
    private readonly translations: TranslationRepository,
  ) {}

  seesDrafts(actor: Actor | null): boolean {
    return actor === null || isStaff(actor);
  }

  /** SQL that is true when the viewer may see the instrument whose id `instrumentId` (an SQL expression) names. */
  instrumentVisibleSql(actor: Actor | null, instrumentId: string): string {
    return this.seesDrafts(actor) ? 'TRUE' : publishedExists(instrumentId);
  }

  canSeeVersion(actor: Actor | null, version: Pick<VersionRow, 'status'>): boolean {
    return version.status === 'PUBLISHED' || this.seesDrafts(actor);
  }

  visibleVersions<V extends Pick<VersionRow, 'status'>>(actor: Actor | null, versions: readonly V[]): V[] {
    return versions.filter((v) => this.canSeeVersion(actor, v));
  }

  /** Newest first, a page at a time: `after` names the last instrument of the previous page. */
  listInstruments(actor: Actor | null, stage?: Stage | null, page: { first: number; after?: string | null } = { first: 100 }): Promise<InstrumentRow[]> {
    if (page.after && !isUuid(page.after)) throw AppError.badInput([{ field: 'after', message: 'names no instrument' }]);
    return this.instruments.page({ stage, first: page.first, after: page.after, publishedOnly: !this.seesDrafts(actor) });
  }

  async getInstrument(actor: Actor | null, id: string): Promise<InstrumentRow> {
    const found = isUuid(id) ? await this.instruments.get(id, !this.seesDrafts(actor)) : null;
    if (!found) throw AppError.notFound('Instrument', id);
    return found;
  }

  async getVersion(actor: Actor | null, id: string): Promise<VersionRow> {
    const found = isUuid(id) ? await this.versions.get(id) : null;
    if (!found || !this.canSeeVersion(actor, found)) throw AppError.notFound('Version', id);
    return found;
  }

  /**
   * A version the caller may see, in `language` as a reader of it is shown it: the original where it is the
   * version's language, else the translation in force of each title, heading and text, else the original.
   */
  async draftInLanguage(actor: Actor | null, versionId: string, language: Language): Promise<{ version: VersionRow; data: DraftDocxData }> {
    const version = await this.getVersion(actor, versionId);
    const [[instrument], sections, guidelines] = await Promise.all([
      this.instrumentsByIds([version.instrumentId]),
      this.sectionsByVersionIds([version.id]),
      this.guidelinesByVersionIds([version.id]),
    ]);
    if (!instrument) throw AppError.notFound('Version', versionId);
    const original = version.originalLanguage === language;
    const [titles, headings, texts] = original
      ? [[], [], []]
      : await Promise.all([
          this.latestTranslationsOfInstruments([instrument.id]),
          this.latestTranslationsOfSections(sections.map((s) => s.id)),
          this.latestTranslationsOfGuidelines(guidelines.map((g) => g.id)),
        ]);
    const title = titles.find((t) => t.language === language)?.title ?? instrument.title;
    const data: DraftDocxData = {
      reference: instrument.reference,
      title,
      versionNumber: version.number,
      language,
      sections: sections.map((s) => ({
        number: s.number,
        heading: headings.find((h) => h.sectionId === s.id && h.language === language)?.heading ?? s.heading,
        guidelines: guidelines
          .filter((g) => g.sectionId === s.id)
          .map((g) => {
            const t = texts.find((x) => x.guidelineId === g.id && x.language === language);
            return { number: g.number, title: t ? t.title : g.title, text: t ? t.text : g.text };
          }),
      })),
    };
    return { version, data };
  }

  /** The version in `language` as a Word file (see draftInLanguage). */
  async draftDocx(actor: Actor | null, versionId: string, language: Language): Promise<{ data: DraftDocxData; docx: Buffer }> {
    const { data } = await this.draftInLanguage(actor, versionId, language);
    return { data, docx: await renderDraftDocx(data) };
  }

  /** The version in `language` as an A4 PDF (see draftInLanguage). */
  async draftPdf(actor: Actor | null, versionId: string, language: Language): Promise<{ data: DraftDocxData; pdf: Buffer }> {
    const { data } = await this.draftInLanguage(actor, versionId, language);
    return { data, pdf: await renderDraftPdf(data, language) };
  }

  /**
   * The changes from one version to another of the same instrument, in the document order of `to`. With a language,
   * the texts compared are those in it: the original where it is the version's language, else the translation in
   * force, else the original (what a reader of that language is shown).
   */
  async versionDiff(actor: Actor | null, fromVersionId: string, toVersionId: string, language?: Language | null): Promise<GuidelineChange<GuidelineRow>[]> {
    const from = await this.getVersion(actor, fromVersionId);
    const to = await this.getVersion(actor, toVersionId);
    if (from.instrumentId !== to.instrumentId) {
      throw AppError.badInput([{ field: 'toVersionId', message: 'is a version of another instrument than fromVersionId' }]);
    }
    const byVersion = await this.guidelinesByVersionIds([from.id, to.id]);
    const of = (versionId: string) => byVersion.filter((g) => g.versionId === versionId);
    if (!language) return diffGuidelines(of(from.id), of(to.id));
    const latest = await this.latestTranslationsOfGuidelines(byVersion.map((g) => g.id));
    const inLanguage = (version: VersionRow) =>
      of(version.id).map((g) => {
        const t = version.originalLanguage === language ? undefined : latest.find((l) => l.guidelineId === g.id && l.language === language);
        return { key: g.key, number: g.number, title: t ? t.title : g.title, text: t ? t.text : g.text, row: g };
      });
    return diffGuidelines(inLanguage(from), inLanguage(to)).map((c) => ({ ...c, before: c.before?.row ?? null, after: c.after?.row ?? null }));
  }

  /** Per version and language, how many guidelines are CURRENT, STALE and MISSING (staff only: who reads what is the Office's). */
  async translationSummaries(actor: Actor | null, versionIds: readonly string[]): Promise<Map<string, TranslationSummary[]>> {
    if (!this.seesDrafts(actor)) throw AppError.forbidden('Only the secretariat sees the state of translations');
    return this.summariesOf(versionIds);
  }

  /** The same without the caller's check, for read models (what a round offers is public once it is). */
  async summariesOf(versionIds: readonly string[]): Promise<Map<string, TranslationSummary[]>> {
    const [versions, guidelines, latest] = await Promise.all([
      this.versionsByIds(versionIds),
      this.guidelinesByVersionIds(versionIds),
      batch(versionIds, (valid) => this.translations.latestOfVersions(valid)),
    ]);
    const latestOf = new Map(latest.map((t) => [`${t.guidelineId}|${t.language}`, t]));
    return new Map(
      versions.map((v) => [
        v.id,
        summarize(
          guidelines
            .filter((g) => g.versionId === v.id)
            .map((g) => {
              const currentHash = sourceHash(g);
              return (language: Language) =>
                translationStatus(v.originalLanguage, language, { currentHash, latest: latestOf.get(`${g.id}|${language}`) ?? null });
            }),
        ),
      ]),
    );
  }

  latestTranslationsOfGuidelines(ids: readonly string[]): Promise<GuidelineTranslationRow[]> {
    return batch(ids, (valid) => this.translations.latestOfGuidelines(valid));
  }

  latestTranslationsOfInstruments(ids: readonly string[]): Promise<InstrumentTranslationRow[]> {
    return batch(ids, (valid) => this.translations.latestOfInstruments(valid));
  }

  latestTranslationsOfSections(ids: readonly string[]): Promise<SectionTranslationRow[]> {
    return batch(ids, (valid) => this.translations.latestOfSections(valid));
  }

  /** Every translation of the guidelines ever set, oldest first (staff only: it names who translated). */
  translationHistoryOfGuidelines(ids: readonly string[]): Promise<GuidelineTranslationRow[]> {
    return batch(ids, (valid) => this.translations.historyOfGuidelines(valid));
  }

  // Batch reads for DataLoaders and other capabilities; callers have checked the parents' visibility.

  instrumentsByIds(ids: readonly string[]): Promise<InstrumentRow[]> {
    return batch(ids, (valid) => this.instruments.byIds(valid));
  }

  versionsByIds(ids: readonly string[]): Promise<VersionRow[]> {
    return batch(ids, (valid) => this.versions.byIds(valid));
  }

  /** Every version, drafts included, by number; filter with visibleVersions. */
  versionsByInstrumentIds(ids: readonly string[]): Promise<VersionRow[]> {
    return batch(ids, (valid) => this.versions.byInstrumentIds(valid));
  }

  latestPublishedByInstrumentIds(ids: readonly string[]): Promise<VersionRow[]> {
    return batch(ids, (valid) => this.versions.latestPublishedByInstrumentIds(valid));
  }

  sectionsByIds(ids: readonly string[]): Promise<SectionRow[]> {
    return batch(ids, (valid) => this.content.sectionsByIds(valid));
  }

  sectionsByVersionIds(ids: readonly string[]): Promise<SectionRow[]> {
    return batch(ids, (valid) => this.content.sectionsByVersionIds(valid));
  }

  guidelinesByIds(ids: readonly string[]): Promise<GuidelineRow[]> {
    return batch(ids, (valid) => this.content.guidelinesByIds(valid));
  }

  guidelinesByVersionIds(ids: readonly string[]): Promise<GuidelineRow[]> {
    return batch(ids, (valid) => this.content.guidelinesByVersionIds(valid));
  }

  guidelinesBySectionIds(ids: readonly string[]): Promise<GuidelineRow[]> {
    return batch(ids, (valid) => this.content.guidelinesBySectionIds(valid));
  }
}
