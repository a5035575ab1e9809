import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { PG_UNIQUE_VIOLATION, Transactions, Tx, pgCode, pgConstraint } from '@tripartite/database';
import { CAPACITY, LANGUAGES, TEXT_MAX, capacityMessage, charLength, checkText, type Language } from '@tripartite/domain';
import { EventBus } from '@tripartite/events';
import { cleanContent, ContentProblem, fieldPath, SectionData } from './draft-content';
import { isUuid } from './drafting-read.service';
import { parseDraftMarkdown, ParsedDraft } from './markdown-import';
import { ContentRepository, InstrumentRepository, InstrumentRow, TranslationRepository, VersionRepository, VersionRow } from './repositories';
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
      .check(between(title, 1, TEXT_MAX.title) && !/[\r\n]/.test(title), 'title', `must be 1 to ${TEXT_MAX.title} characters on one line`);
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

  /** Replaces the content of a DRAFT version with a Markdown document (see markdown-import.ts); errors name source lines. */
  importMarkdown(actor: Actor | null, versionId: string, markdown: string): Promise<VersionRow> {
    assertSecretariat(actor);
    return this.tx.run(async (tx) => {
      const version = await this.lockDraft(tx, versionId);
      if (charLength(markdown) > TEXT_MAX.document)
        throw AppError.badInput([{ field: 'markdown', message: `must be at most ${TEXT_MAX.document} characters` }]);
      const parsed = parseDraftMarkdown(markdown);
      if (!parsed.ok) throw AppError.badInput(parsed.problems.map((p) => ({ field: 'markdown', message: `line ${p.line}: ${p.message}` })));
      checkContentSize(parsed.draft.sections, 'markdown');
      const { sections: clean, problems } = cleanContent(parsed.draft.sections);
      if (problems.length) throw AppError.badInput(problems.map((p) => ({ field: 'markdown', message: describeAtLine(parsed.draft, p) })));
      const counts = await this.replaceContent(tx, version.id, clean);
      await this.events.raise(tx, {
        name: 'version.imported',
        actor,
        entityId: version.id,
        data: { instrumentId: version.instrumentId, number: version.number, title: parsed.draft.title, ...counts },
      });
      return version;
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
    if (version.status !== 'DRAFT') {
      throw AppError.badInput(
        [{ field: 'versionId', message: `version ${version.number} is published and can no longer change` }],
        `Version ${version.number} is published and can no longer change; start a revision instead`,
        { reason: 'VERSION_PUBLISHED' },
      );
    }
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

/** A content problem of an imported document, named by the line it comes from. */
function describeAtLine(draft: ParsedDraft, p: ContentProblem): string {
  const section = draft.sections[p.section];
  if (p.guideline === undefined) return `line ${section.line}: section ${section.number || '?'}: ${p.attribute} ${p.message}`;
  const g = section.guidelines[p.guideline];
  return `line ${g.line}: guideline ${g.number}: ${p.attribute} ${p.message}`;
}

/** A version holds at most CAPACITY.sectionsPerVersion sections and CAPACITY.guidelinesPerVersion guidelines; checked before any other work. */
function checkContentSize(sections: readonly { guidelines: readonly unknown[] }[], field: string): void {
  const guidelines = sections.reduce((n, s) => n + s.guidelines.length, 0);
  const errors = new FieldErrors()
    .check(sections.length <= CAPACITY.sectionsPerVersion, field, `${capacityMessage(CAPACITY.sectionsPerVersion, 'sections')} (this has ${sections.length})`)
    .check(guidelines <= CAPACITY.guidelinesPerVersion, field, `${capacityMessage(CAPACITY.guidelinesPerVersion, 'guidelines')} (this has ${guidelines})`);
  errors.throwIfAny();
}
