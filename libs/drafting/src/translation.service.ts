import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { Transactions, Tx } from '@tripartite/database';
import { CAPACITY, LANGUAGES, TEXT_MAX, capacityMessage, charLength, checkText, type Language } from '@tripartite/domain';
import { EventBus } from '@tripartite/events';
import { markdownError } from './drafting.service';
import { isUuid } from './drafting-read.service';
import { checkDraftMarkdown } from './markdown-import';
import {
  ContentRepository,
  GuidelineRow,
  InstrumentRepository,
  InstrumentRow,
  SectionRow,
  TranslationRepository,
  VersionRepository,
  VersionRow,
} from './repositories';
import { lineHash, sourceHash, structureProblems } from './translations';

/**
 * The secretariat's translations of a version's texts, DRAFT or PUBLISHED (a translation never changes the original).
 * Each write locks the version (as a saveDraft replacing its content does), adds rows to the history, and raises its event.
 */
@Injectable()
export class TranslationService {
  constructor(
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly versions: VersionRepository,
    private readonly instruments: InstrumentRepository,
    private readonly content: ContentRepository,
    private readonly translations: TranslationRepository,
  ) {}

  setGuidelineTranslation(actor: Actor | null, guidelineId: string, language: Language, title: string | null | undefined, text: string): Promise<GuidelineRow> {
    assertSecretariat(actor);
    const errors = new FieldErrors();
    const cleanTitle = errors.take(checkText('title', title, 'title', { oneLine: true }));
    const cleanText = errors.take(checkText('text', text, 'prose', { required: true }));
    errors.throwIfAny();
    return this.tx.run(async (tx) => {
      const found = isUuid(guidelineId) ? await this.content.guidelineById(tx, guidelineId) : null;
      if (!found) throw AppError.notFound('Guideline', guidelineId);
      const version = await this.lockVersion(tx, found.versionId);
      // Read again under the version's lock: a saveDraft may have replaced it meanwhile.
      const guideline = await this.content.guidelineById(tx, guidelineId);
      if (!guideline) throw AppError.notFound('Guideline', guidelineId);
      checkLanguage(version, language);
      if ((await this.translations.countGuidelineRecords(tx, guideline.id, language)) >= CAPACITY.translationRecordsPerText) {
        throw AppError.badInput([{ field: 'guidelineId', message: `${capacityMessage(CAPACITY.translationRecordsPerText, 'translations')} per language` }]);
      }
      const hash = sourceHash(guideline);
      const [row] = await this.translations.insertGuidelineTranslations(tx, [
        { guidelineId: guideline.id, language, title: cleanTitle, text: cleanText, sourceHash: hash, translatedBy: actor?.userId ?? null },
      ]);
      await this.events.raise(tx, {
        name: 'guideline.translated',
        actor,
        entityId: guideline.id,
        data: { versionId: version.id, key: guideline.key, language, title: cleanTitle, text: cleanText, sourceHash: hash, translationId: row.id },
      });
      return guideline;
    });
  }

  setSectionHeadingTranslation(actor: Actor | null, sectionId: string, language: Language, heading: string): Promise<SectionRow> {
    assertSecretariat(actor);
    const errors = new FieldErrors();
    const cleanHeading = errors.take(checkText('heading', heading, 'title', { required: true, oneLine: true }));
    errors.throwIfAny();
    return this.tx.run(async (tx) => {
      const found = isUuid(sectionId) ? await this.content.sectionById(tx, sectionId) : null;
      if (!found) throw AppError.notFound('Section', sectionId);
      const version = await this.lockVersion(tx, found.versionId);
      const section = await this.content.sectionById(tx, sectionId);
      if (!section) throw AppError.notFound('Section', sectionId);
      checkLanguage(version, language);
      if ((await this.translations.countSectionRecords(tx, section.id, language)) >= CAPACITY.translationRecordsPerText) {
        throw AppError.badInput([{ field: 'sectionId', message: `${capacityMessage(CAPACITY.translationRecordsPerText, 'translations')} per language` }]);
      }
      const hash = lineHash(section.heading);
      const [row] = await this.translations.insertSectionTranslations(tx, [
        { sectionId: section.id, language, heading: cleanHeading, sourceHash: hash, translatedBy: actor?.userId ?? null },
      ]);
      await this.events.raise(tx, {
        name: 'section.translated',
        actor,
        entityId: section.id,
        data: { versionId: version.id, number: section.number, language, heading: cleanHeading, sourceHash: hash, translationId: row.id },
      });
      return section;
    });
  }

  /** The instrument's title in another language than its versions' (the language of its version 1, which revisions keep). */
  setInstrumentTitleTranslation(actor: Actor | null, instrumentId: string, language: Language, title: string): Promise<InstrumentRow> {
    assertSecretariat(actor);
    const errors = new FieldErrors();
    const cleanTitle = errors.take(checkText('title', title, 'title', { required: true, oneLine: true }));
    errors.throwIfAny();
    return this.tx.run(async (tx) => {
      const instrument = isUuid(instrumentId) ? await this.instruments.read(tx, instrumentId) : null;
      if (!instrument) throw AppError.notFound('Instrument', instrumentId);
      const versions = await this.versions.ofInstrument(tx, instrument.id);
      checkLanguage(versions[versions.length - 1], language);
      if ((await this.translations.countInstrumentRecords(tx, instrument.id, language)) >= CAPACITY.translationRecordsPerText) {
        throw AppError.badInput([{ field: 'instrumentId', message: `${capacityMessage(CAPACITY.translationRecordsPerText, 'translations')} per language` }]);
      }
      const hash = lineHash(instrument.title);
      const row = await this.translations.insertInstrumentTranslation(tx, {
        instrumentId: instrument.id,
        language,
        title: cleanTitle,
        sourceHash: hash,
        translatedBy: actor?.userId ?? null,
      });
      await this.events.raise(tx, {
        name: 'instrument.titleTranslated',
        actor,
        entityId: instrument.id,
        data: { language, title: cleanTitle, sourceHash: hash, translationId: row.id },
      });
      return instrument;
    });
  }

  /**
   * A whole edition in one language, in the Markdown of importDraftMarkdown: it must have the original's sections
   * and guidelines (by number and key); all of it is set, or nothing. A text already in force unchanged is not set again.
   * Its "# Title", when there is one, is the instrument's title in that language.
   */
  importTranslation(actor: Actor | null, versionId: string, language: Language, markdown: string): Promise<VersionRow> {
    assertSecretariat(actor);
    return this.tx.run(async (tx) => {
      const version = await this.lockVersion(tx, versionId);
      checkLanguage(version, language);
      // The same reading as importDraftMarkdown's, so an edition in another language matches the original's.
      const checked = checkDraftMarkdown(markdown);
      if (checked.problems.length) throw markdownError(checked.problems);
      const parsed = { draft: checked.draft };
      const translated = checked.sections;
      const sections = await this.content.sectionsOfVersion(tx, version.id);
      const guidelines = await this.content.guidelinesOfVersion(tx, version.id);
      const original = sections.map((s) => ({
        number: s.number,
        heading: s.heading,
        guidelines: guidelines.filter((g) => g.sectionId === s.id).map((g) => ({ key: g.key, number: g.number, title: g.title, text: g.text })),
      }));
      const translatedTitle = parsed.draft.title?.trim() || null;
      if (translatedTitle && charLength(translatedTitle) > TEXT_MAX.title) {
        throw AppError.badInput([{ field: 'markdown', message: `the title ("# ...") must be at most ${TEXT_MAX.title} characters` }]);
      }
      const mismatch = structureProblems(original, translated);
      if (mismatch.length) throw AppError.badInput(mismatch.map((message) => ({ field: 'markdown', message })));
      if ((await this.translations.maxRecordsInVersion(tx, version.id, language)) >= CAPACITY.translationRecordsPerText) {
        throw AppError.badInput([
          { field: 'versionId', message: `${capacityMessage(CAPACITY.translationRecordsPerText, 'translations')} per text and language` },
        ]);
      }

      const by = actor?.userId ?? null;
      const latestG = new Map(
        (await this.translations.latestOfGuidelines(guidelines.map((g) => g.id))).filter((t) => t.language === language).map((t) => [t.guidelineId, t]),
      );
      const latestS = new Map(
        (await this.translations.latestOfSections(sections.map((s) => s.id))).filter((t) => t.language === language).map((t) => [t.sectionId, t]),
      );
      const byKey = new Map(translated.flatMap((s) => s.guidelines.map((g) => [g.key, g])));
      const byNumber = new Map(translated.map((s) => [s.number, s]));
      const guidelineRows = guidelines.flatMap((g) => {
        const t = byKey.get(g.key)!;
        const hash = sourceHash(g);
        const now = latestG.get(g.id);
        if (now && now.sourceHash === hash && now.title === t.title && now.text === t.text) return [];
        return [{ guidelineId: g.id, language, title: t.title, text: t.text, sourceHash: hash, translatedBy: by }];
      });
      const sectionRows = sections.flatMap((s) => {
        const heading = byNumber.get(s.number)!.heading;
        const hash = lineHash(s.heading);
        const now = latestS.get(s.id);
        if (now && now.sourceHash === hash && now.heading === heading) return [];
        return [{ sectionId: s.id, language, heading, sourceHash: hash, translatedBy: by }];
      });
      await this.translations.insertGuidelineTranslations(tx, guidelineRows);
      await this.translations.insertSectionTranslations(tx, sectionRows);
      let title = false;
      if (translatedTitle) {
        const instrument = (await this.instruments.read(tx, version.instrumentId))!;
        const hash = lineHash(instrument.title);
        const [now] = (await this.translations.latestOfInstruments([instrument.id])).filter((t) => t.language === language);
        if (!now || now.sourceHash !== hash || now.title !== translatedTitle) {
          await this.translations.insertInstrumentTranslation(tx, {
            instrumentId: instrument.id,
            language,
            title: translatedTitle,
            sourceHash: hash,
            translatedBy: by,
          });
          title = true;
        }
      }
      await this.events.raise(tx, {
        name: 'version.translationImported',
        actor,
        entityId: version.id,
        data: { instrumentId: version.instrumentId, number: version.number, language, guidelines: guidelineRows.length, sections: sectionRows.length, title },
      });
      return version;
    });
  }

  private async lockVersion(tx: Tx, versionId: string): Promise<VersionRow> {
    const version = isUuid(versionId) ? await this.versions.lock(tx, versionId) : null;
    if (!version) throw AppError.notFound('Version', versionId);
    return version;
  }
}

function assertSecretariat(actor: Actor | null): void {
  if (actor !== null && !hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat translates');
}

function checkLanguage(version: VersionRow, language: Language): void {
  if (!LANGUAGES.includes(language)) throw AppError.badInput([{ field: 'language', message: `must be one of ${LANGUAGES.join(', ')}` }]);
  if (language === version.originalLanguage) {
    throw AppError.badInput([{ field: 'language', message: `is the original language of version ${version.number}; edit its text instead` }]);
  }
}
