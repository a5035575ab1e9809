import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { PG_UNIQUE_VIOLATION, Transactions, Tx, pgCode, pgConstraint } from '@tripartite/database';
import { CAPACITY, LANGUAGES, TEXT_MAX, capacityMessage, charLength, checkText, type Language } from '@tripartite/domain';
import { EventBus } from '@tripartite/events';
import { cleanContent, fieldPath, SectionData } from './draft-content';
import { isUuid } from './drafting-read.service';
import { checkDraftMarkdown, CheckedMarkdown, MarkdownProblem, ParsedDraft } from './markdown-import';
import { ContentRepository, GuidelineRow, InstrumentRepository, InstrumentRow, TranslationRepository, VersionRepository, VersionRow } from './repositories';
import type { CleanSection } from './draft-content';

export interface CreateInstrumentData {
  reference: string;
  title: string;
  summary?: string | null;
  /** The language version 1 is written in (EN when omitted). */
  originalLanguage?: Language | null;
}

/**
 * The secretariat's writes; each is one transaction raising its domain event.
 * `actor` null is the system (the demo seed). instrument.revision is bumped by
 * publishing and by starting a revision, not by saving a draft: the first two
 * change what the instrument offers to the workflow (its published versions,
 * its one draft) and take the instrument row's lock, so a stage move computed
 * before them fails its expectedRevision check; a draft's content does not.
 */
@Injectable()
export class DraftingService {
  constructor(
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly instruments: InstrumentRepository,
    private readonly versions: VersionRepository,
    private readonly content: ContentRepository,
    private readonly translations: TranslationRepository,
  ) {}

  async createInstrument(actor: Actor | null, input: CreateInstrumentData): Promise<InstrumentRow> {
    assertSecretariat(actor);
    const reference = input.reference.trim();
    const title = input.title.trim();
    const errors = new FieldErrors()
      .check(between(reference, 1, TEXT_MAX.code) && !/[\r\n\t]/.test(reference), 'reference', `must be 1 to ${TEXT_MAX.code} characters on one line`)
      .check(between(title, 0, TEXT_MAX.title) && !/[\r\n]/.test(title), 'title', `must be at most ${TEXT_MAX.title} characters on one line`);
    const summary = errors.take(checkText('summary', input.summary, 'summary'));
    const originalLanguage = input.originalLanguage ?? 'EN';
    errors.check(LANGUAGES.includes(originalLanguage), 'originalLanguage', `must be one of ${LANGUAGES.join(', ')}`);
    errors.throwIfAny();
    try {
      return await this.tx.run(async (tx) => {
        const instrument = await this.instruments.insert(tx, { reference, title, summary, createdBy: actor?.userId ?? null });
        const version = await this.versions.insertDraft(tx, instrument.id, 1, originalLanguage);
        await this.events.raise(tx, {
          name: 'instrument.created',
          actor,
          entityId: instrument.id,
          data: { reference, title, summary, versionId: version.id, originalLanguage },
        });
        return instrument;
      });
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'instrument_reference_key') {
        throw AppError.badInput([{ field: 'reference', message: `"${reference}" is already the reference of another instrument` }]);
      }
      throw error;
    }
  }

  /** Replaces the whole content of a DRAFT version. */
  saveDraft(actor: Actor | null, versionId: string, sections: readonly SectionData[]): Promise<VersionRow> {
    assertSecretariat(actor);
    return this.tx.run(async (tx) => {
      const version = await this.lockDraft(tx, versionId);
      checkContentSize(sections, 'sections');
      const { sections: clean, problems } = cleanContent(sections);
      if (problems.length) throw AppError.badInput(problems.map((p) => ({ field: fieldPath(p), message: p.message })));
      const counts = await this.replaceContent(tx, version.id, clean);
      await this.events.raise(tx, {
        name: 'version.saved',
        actor,
        entityId: version.id,
        data: { instrumentId: version.instrumentId, number: version.number, ...counts },
      });
      return version;
    });
  }

  /**
   * What importMarkdown would write, writing nothing: the sections and guidelines read (with their source lines),
   * and the problems and warnings, each naming its line and saying how to fix it. The version must be a DRAFT.
   */
  async previewMarkdown(actor: Actor | null, versionId: string, markdown: string): Promise<MarkdownPreview> {
    assertSecretariat(actor);
    const version = isUuid(versionId) ? await this.versions.get(versionId) : null;
    if (!version) throw AppError.notFound('Version', versionId);
    if (version.status !== 'DRAFT') throw publishedError(version);
    const checked = checkDraftMarkdown(markdown);
    const instrument = await this.instruments.get(version.instrumentId, false);
    return { ...checked, warnings: [...checked.warnings, ...titleWarnings(checked.draft, instrument?.title ?? '')] };
  }

  /**
   * Replaces the content of a DRAFT version with a Markdown document (see markdown-import.ts); errors name source
   * lines. Its "# Title" becomes the instrument's title when that is empty (an instrument may be created without one);
   * otherwise the instrument keeps its own.
   */
  importMarkdown(actor: Actor | null, versionId: string, markdown: string): Promise<VersionRow> {
    assertSecretariat(actor);
    return this.tx.run(async (tx) => {
      const version = await this.lockDraft(tx, versionId);
      const checked = checkDraftMarkdown(markdown);
      if (checked.problems.length) throw markdownError(checked.problems);
      const title = checked.draft.title?.trim() || null;
      if (title && charLength(title) > TEXT_MAX.title) {
        throw markdownError([
          { line: checked.draft.titleLine ?? 1, code: 'LENGTH', message: `the title must be at most ${TEXT_MAX.title} characters; shorten it` },
        ]);
      }
      const titleSet = title ? await this.instruments.setTitleIfEmpty(tx, version.instrumentId, title) : false;
      const counts = await this.replaceContent(tx, version.id, checked.sections);
      await this.events.raise(tx, {
        name: 'version.imported',
        actor,
        entityId: version.id,
        data: { instrumentId: version.instrumentId, number: version.number, title: checked.draft.title, titleSet, ...counts },
      });
      return version;
    });
  }

  /**
   * A guideline of a DRAFT version edited in place (its title and text; its number, key and section stay). With
   * expectedRevision (the guideline's revision as the editor read it), CONFLICT when someone changed it since.
   */
  updateGuideline(
    actor: Actor | null,
    guidelineId: string,
    input: { title?: string | null; text: string },
    expectedRevision?: number | null,
  ): Promise<GuidelineRow> {
    assertSecretariat(actor);
    const errors = new FieldErrors();
    const title = errors.take(checkText('title', input.title, 'title', { oneLine: true }));
    const text = errors.take(checkText('text', input.text, 'prose', { required: true }));
    errors.throwIfAny();
    return this.tx.run(async (tx) => {
      const found = isUuid(guidelineId) ? await this.content.guidelineById(tx, guidelineId) : null;
      if (!found) throw AppError.notFound('Guideline', guidelineId);
      const version = await this.lockDraft(tx, found.versionId);
      // Read again under the version's lock: an import may have replaced it meanwhile.
      const guideline = await this.content.guidelineById(tx, guidelineId);
      if (!guideline) throw AppError.notFound('Guideline', guidelineId);
      if (expectedRevision != null && expectedRevision !== guideline.revision) {
        throw AppError.conflict(
          `Guideline ${guideline.number} is at revision ${guideline.revision}, not ${expectedRevision}; someone changed it: read it again`,
        );
      }
      if (guideline.title === title && guideline.text === text) return guideline;
      const updated = await this.content.updateGuideline(tx, guideline.id, title, text!);
      await this.events.raise(tx, {
        name: 'guideline.edited',
        actor,
        entityId: guideline.id,
        data: { versionId: version.id, key: guideline.key, revision: updated.revision, title, text: text! },
      });
      return updated;
    });
  }

  /** DRAFT -> PUBLISHED at the database's clock; a version with no guideline cannot be published. */
  publish(actor: Actor | null, versionId: string, changeSummary?: string | null): Promise<VersionRow> {
    assertSecretariat(actor);
    const errors = new FieldErrors();
    const summary = errors.take(checkText('changeSummary', changeSummary, 'summary'));
    errors.throwIfAny();
    return this.tx.run(async (tx) => {
      const found = isUuid(versionId) ? await this.versions.get(versionId) : null;
      if (!found) throw AppError.notFound('Version', versionId);
      await this.bumpInstrument(tx, found.instrumentId);
      const version = await this.lockDraft(tx, versionId);
      const instrument = await this.instruments.read(tx, version.instrumentId);
      if (instrument?.title === '')
        throw AppError.badInput([{ field: 'versionId', message: 'the instrument has no title yet; import a draft that opens with "# Title"' }], undefined, {
          reason: 'INSTRUMENT_UNTITLED',
        });
      const count = await this.content.countGuidelines(tx, version.id);
      if (count === 0)
        throw AppError.badInput([{ field: 'versionId', message: 'has no guidelines; save or import its content first' }], undefined, {
          reason: 'VERSION_EMPTY',
        });
      const published = await this.versions.publish(tx, version.id, summary);
      await this.events.raise(tx, {
        name: 'version.published',
        actor,
        entityId: version.id,
        data: {
          instrumentId: version.instrumentId,
          number: version.number,
          changeSummary: summary,
          guidelines: count,
          publishedAt: published.publishedAt?.toISOString(),
        },
      });
      return published;
    });
  }

  /** A new DRAFT copied from the latest PUBLISHED version (sections and guidelines, keys kept), numbered next. */
  async createRevision(actor: Actor | null, instrumentId: string): Promise<VersionRow> {
    assertSecretariat(actor);
    try {
      return await this.tx.run(async (tx) => {
        await this.bumpInstrument(tx, instrumentId);
        const versions = await this.versions.ofInstrument(tx, instrumentId);
        const draft = versions.find((v) => v.status === 'DRAFT');
        if (draft) throw oneDraftError(draft.number);
        if (versions.length >= CAPACITY.versionsPerInstrument) {
          throw AppError.badInput([{ field: 'instrumentId', message: capacityMessage(CAPACITY.versionsPerInstrument, 'versions') }]);
        }
        const source = versions.find((v) => v.status === 'PUBLISHED');
        if (!source)
          throw AppError.badInput([{ field: 'instrumentId', message: 'has no published version to revise' }], undefined, { reason: 'NO_PUBLISHED_VERSION' });
        const number = versions[0].number + 1;
        const version = await this.versions.insertDraft(tx, instrumentId, number, source.originalLanguage);
        await this.content.copy(tx, source.id, version.id);
        // With their history: an unchanged guideline stays CURRENT, one edited in the draft goes STALE.
        await this.translations.copy(tx, source.id, version.id);
        await this.events.raise(tx, {
          name: 'version.created',
          actor,
          entityId: version.id,
          data: { instrumentId, number, copiedFromVersionId: source.id, copiedFromNumber: source.number },
        });
        return version;
      });
    } catch (error) {
      // The instrument lock makes this unreachable; the index is the last word if it ever is not.
      if (pgCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'draft_version_one_draft_key') throw oneDraftError();
      throw error;
    }
  }

  /** Replaces a draft's content; translations follow their guideline's key and section's number (status by their hash). */
  private async replaceContent(tx: Tx, versionId: string, clean: CleanSection[]): Promise<{ sections: number; guidelines: number }> {
    const kept = await this.translations.keyed(tx, versionId);
    await this.translations.deleteOfVersion(tx, versionId);
    const counts = await this.content.replace(tx, versionId, clean);
    await this.translations.restore(tx, versionId, kept);
    return counts;
  }

  /** Locks the instrument row and bumps its revision (NOT_FOUND when there is none). */
  private async bumpInstrument(tx: Tx, instrumentId: string): Promise<void> {
    if (!isUuid(instrumentId) || !(await this.instruments.bumpRevision(tx, instrumentId))) throw AppError.notFound('Instrument', instrumentId);
  }

  /** The version, locked against concurrent writes; NOT_FOUND, or VERSION_PUBLISHED when it may no longer change. */
  private async lockDraft(tx: Tx, versionId: string): Promise<VersionRow> {
    const version = isUuid(versionId) ? await this.versions.lock(tx, versionId) : null;
    if (!version) throw AppError.notFound('Version', versionId);
    if (version.status !== 'DRAFT') throw publishedError(version);
    return version;
  }
}

function assertSecretariat(actor: Actor | null): void {
  if (actor !== null && !hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat drafts');
}

function between(s: string, min: number, max: number): boolean {
  const n = charLength(s);
  return n >= min && n <= max;
}

function oneDraftError(number?: number): AppError {
  const which = number ? `version ${number} is` : 'a version is';
  return AppError.badInput([{ field: 'instrumentId', message: `${which} still a draft; publish it before starting another` }], undefined, {
    reason: 'DRAFT_EXISTS',
  });
}

function publishedError(version: VersionRow): AppError {
  return AppError.badInput(
    [{ field: 'versionId', message: `version ${version.number} is published and can no longer change` }],
    `Version ${version.number} is published and can no longer change; start a revision instead`,
    { reason: 'VERSION_PUBLISHED' },
  );
}

export type MarkdownPreview = CheckedMarkdown;

/** A refused document: every problem as a field error naming its line, and the problems themselves (extensions.problems). */
export function markdownError(problems: readonly MarkdownProblem[]): AppError {
  return AppError.badInput(
    problems.map((p) => ({ field: 'markdown', message: `line ${p.line}: ${p.message}` })),
    undefined,
    { problems: problems.map((p) => ({ line: p.line, code: p.code, message: p.message })) },
  );
}

/** What becomes of the document's "# Title": the instrument's title when it has none, else nothing. */
function titleWarnings(draft: ParsedDraft, instrumentTitle: string): MarkdownProblem[] {
  const title = draft.title?.trim();
  if (!title) return [];
  const line = draft.titleLine ?? 1;
  if (instrumentTitle === '') {
    return [{ line, code: 'TITLE_SET', message: `"${title}" becomes the instrument's title`, params: { title } }];
  }
  if (title === instrumentTitle) return [];
  return [
    {
      line,
      code: 'TITLE_KEPT',
      message: `the instrument keeps its title "${instrumentTitle}"; the title line "${title}" is not imported`,
      params: { title, kept: instrumentTitle },
    },
  ];
}

/** A version holds at most CAPACITY.sectionsPerVersion sections and CAPACITY.guidelinesPerVersion guidelines; checked before any other work. */
function checkContentSize(sections: readonly { guidelines: readonly unknown[] }[], field: string): void {
  const guidelines = sections.reduce((n, s) => n + s.guidelines.length, 0);
  const errors = new FieldErrors()
    .check(sections.length <= CAPACITY.sectionsPerVersion, field, `${capacityMessage(CAPACITY.sectionsPerVersion, 'sections')} (this has ${sections.length})`)
    .check(guidelines <= CAPACITY.guidelinesPerVersion, field, `${capacityMessage(CAPACITY.guidelinesPerVersion, 'guidelines')} (this has ${guidelines})`);
  errors.throwIfAny();
}
