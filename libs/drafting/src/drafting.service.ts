import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@tripartite/audit';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { PG_UNIQUE_VIOLATION, Transactions, pgCode, pgConstraint } from '@tripartite/database';
import { CAPACITY, TEXT_MAX, capacityMessage, charLength, checkText } from '@tripartite/domain';
import { cleanContent, CleanSection, ContentProblem, fieldPath, SectionData } from './draft-content';
import { DraftVersionEntity } from './draft-version.entity';
import { isUuid } from './drafting-read.service';
import { GuidelineEntity } from './guideline.entity';
import { InstrumentEntity } from './instrument.entity';
import { parseDraftMarkdown, ParsedDraft } from './markdown-import';
import { SectionEntity } from './section.entity';

export interface CreateInstrumentData {
  reference: string;
  title: string;
  summary?: string | null;
}

const INSERT_CHUNK = 1000;

/**
 * The secretariat's writes; each is one transaction with its audit event.
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
    private readonly audit: AuditService,
  ) {}

  async createInstrument(actor: Actor | null, input: CreateInstrumentData): Promise<InstrumentEntity> {
    assertSecretariat(actor);
    const reference = input.reference.trim();
    const title = input.title.trim();
    const errors = new FieldErrors()
      .check(between(reference, 1, TEXT_MAX.code) && !/[\r\n\t]/.test(reference), 'reference', `must be 1 to ${TEXT_MAX.code} characters on one line`)
      .check(between(title, 1, TEXT_MAX.title) && !/[\r\n]/.test(title), 'title', `must be 1 to ${TEXT_MAX.title} characters on one line`);
    const summary = errors.take(checkText('summary', input.summary, 'summary'));
    errors.throwIfAny();
    try {
      return await this.tx.run(async ({ em }) => {
        const instrument = await em.save(
          em.create(InstrumentEntity, { reference, title, summary, stage: 'DRAFTING', revision: 1, createdBy: actor?.userId ?? null }),
        );
        const version = await em.save(em.create(DraftVersionEntity, { instrumentId: instrument.id, number: 1, status: 'DRAFT' }));
        await this.audit.record(em, actor, 'instrument.created', 'Instrument', instrument.id, {
          reference,
          title,
          summary,
          versionId: version.id,
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
  saveDraft(actor: Actor | null, versionId: string, sections: readonly SectionData[]): Promise<DraftVersionEntity> {
    assertSecretariat(actor);
    return this.tx.run(async ({ em }) => {
      const version = await lockDraft(em, versionId);
      checkContentSize(sections, 'sections');
      const { sections: clean, problems } = cleanContent(sections);
      if (problems.length) throw AppError.badInput(problems.map((p) => ({ field: fieldPath(p), message: p.message })));
      const counts = await replaceContent(em, version.id, clean);
      await this.audit.record(em, actor, 'version.saved', 'DraftVersion', version.id, {
        instrumentId: version.instrumentId,
        number: version.number,
        ...counts,
      });
      return version;
    });
  }

  /** Replaces the content of a DRAFT version with a Markdown document (see markdown-import.ts); errors name source lines. */
  importMarkdown(actor: Actor | null, versionId: string, markdown: string): Promise<DraftVersionEntity> {
    assertSecretariat(actor);
    return this.tx.run(async ({ em }) => {
      const version = await lockDraft(em, versionId);
      if (charLength(markdown) > TEXT_MAX.document)
        throw AppError.badInput([{ field: 'markdown', message: `must be at most ${TEXT_MAX.document} characters` }]);
      const parsed = parseDraftMarkdown(markdown);
      if (!parsed.ok) throw AppError.badInput(parsed.problems.map((p) => ({ field: 'markdown', message: `line ${p.line}: ${p.message}` })));
      checkContentSize(parsed.draft.sections, 'markdown');
      const { sections: clean, problems } = cleanContent(parsed.draft.sections);
      if (problems.length) throw AppError.badInput(problems.map((p) => ({ field: 'markdown', message: describeAtLine(parsed.draft, p) })));
      const counts = await replaceContent(em, version.id, clean);
      await this.audit.record(em, actor, 'version.imported', 'DraftVersion', version.id, {
        instrumentId: version.instrumentId,
        number: version.number,
        title: parsed.draft.title,
        ...counts,
      });
      return version;
    });
  }

  /** DRAFT -> PUBLISHED at the database's clock; a version with no guideline cannot be published. */
  publish(actor: Actor | null, versionId: string, changeSummary?: string | null): Promise<DraftVersionEntity> {
    assertSecretariat(actor);
    const errors = new FieldErrors();
    const summary = errors.take(checkText('changeSummary', changeSummary, 'summary'));
    errors.throwIfAny();
    return this.tx.run(async ({ em }) => {
      const found = isUuid(versionId) ? await em.findOneBy(DraftVersionEntity, { id: versionId }) : null;
      if (!found) throw AppError.notFound('Version', versionId);
      await bumpInstrument(em, found.instrumentId);
      const version = await lockDraft(em, versionId);
      const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM guideline WHERE version_id = $1`, [version.id]);
      if (count === 0)
        throw AppError.badInput([{ field: 'versionId', message: 'has no guidelines; save or import its content first' }], undefined, {
          reason: 'VERSION_EMPTY',
        });
      await em.query(`UPDATE draft_version SET status = 'PUBLISHED', published_at = clock_timestamp(), change_summary = $2 WHERE id = $1`, [
        version.id,
        summary,
      ]);
      const published = await em.findOneByOrFail(DraftVersionEntity, { id: version.id });
      await this.audit.record(em, actor, 'version.published', 'DraftVersion', version.id, {
        instrumentId: version.instrumentId,
        number: version.number,
        changeSummary: summary,
        guidelines: count,
        publishedAt: published.publishedAt?.toISOString(),
      });
      return published;
    });
  }

  /** A new DRAFT copied from the latest PUBLISHED version (sections and guidelines, keys kept), numbered next. */
  async createRevision(actor: Actor | null, instrumentId: string): Promise<DraftVersionEntity> {
    assertSecretariat(actor);
    try {
      return await this.tx.run(async ({ em }) => {
        await bumpInstrument(em, instrumentId);
        const versions = await em.find(DraftVersionEntity, { where: { instrumentId }, order: { number: 'DESC' } });
        const draft = versions.find((v) => v.status === 'DRAFT');
        if (draft) throw oneDraftError(draft.number);
        if (versions.length >= CAPACITY.versionsPerInstrument) {
          throw AppError.badInput([{ field: 'instrumentId', message: capacityMessage(CAPACITY.versionsPerInstrument, 'versions') }]);
        }
        const source = versions.find((v) => v.status === 'PUBLISHED');
        if (!source) {
          throw AppError.badInput([{ field: 'instrumentId', message: 'has no published version to revise' }], undefined, { reason: 'NO_PUBLISHED_VERSION' });
        }
        const number = versions[0].number + 1;
        const version = await em.save(em.create(DraftVersionEntity, { instrumentId, number, status: 'DRAFT' }));
        // Sections are unique by number within a version, so guidelines follow their section by it.
        await em.query(
          `WITH copied AS (
             INSERT INTO section (version_id, position, number, heading)
             SELECT $2, position, number, heading FROM section WHERE version_id = $1
             RETURNING id, number)
           INSERT INTO guideline (version_id, section_id, position, key, number, title, text)
           SELECT $2, c.id, g.position, g.key, g.number, g.title, g.text
           FROM guideline g JOIN section s ON s.id = g.section_id JOIN copied c ON c.number = s.number
           WHERE g.version_id = $1`,
          [source.id, version.id],
        );
        await this.audit.record(em, actor, 'version.created', 'DraftVersion', version.id, {
          instrumentId,
          number,
          copiedFromVersionId: source.id,
          copiedFromNumber: source.number,
        });
        return version;
      });
    } catch (error) {
      // The instrument lock makes this unreachable; the index is the last word if it ever is not.
      if (pgCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'draft_version_one_draft_key') throw oneDraftError();
      throw error;
    }
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

/** Locks the instrument row and bumps its revision (NOT_FOUND when there is none). */
async function bumpInstrument(em: EntityManager, instrumentId: string): Promise<void> {
  if (!isUuid(instrumentId)) throw AppError.notFound('Instrument', instrumentId);
  // For an UPDATE, TypeORM answers [rows, rowCount].
  const [rows] = (await em.query(`UPDATE instrument SET revision = revision + 1 WHERE id = $1 RETURNING id`, [instrumentId])) as [unknown[], number];
  if (!rows.length) throw AppError.notFound('Instrument', instrumentId);
}

/** The version, locked against concurrent writes; NOT_FOUND, or VERSION_PUBLISHED when it may no longer change. */
async function lockDraft(em: EntityManager, versionId: string): Promise<DraftVersionEntity> {
  const version = isUuid(versionId) ? await em.findOne(DraftVersionEntity, { where: { id: versionId }, lock: { mode: 'pessimistic_write' } }) : null;
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

async function replaceContent(em: EntityManager, versionId: string, sections: CleanSection[]): Promise<{ sections: number; guidelines: number }> {
  await em.query(`DELETE FROM guideline WHERE version_id = $1`, [versionId]);
  await em.query(`DELETE FROM section WHERE version_id = $1`, [versionId]);
  const sectionRows: Partial<SectionEntity>[] = [];
  const guidelineRows: Partial<GuidelineEntity>[] = [];
  sections.forEach((s, si) => {
    const sectionId = randomUUID();
    sectionRows.push({ id: sectionId, versionId, position: si + 1, number: s.number, heading: s.heading });
    for (const g of s.guidelines) {
      guidelineRows.push({ id: randomUUID(), versionId, sectionId, position: guidelineRows.length + 1, ...g });
    }
  });
  for (let i = 0; i < sectionRows.length; i += INSERT_CHUNK) await em.insert(SectionEntity, sectionRows.slice(i, i + INSERT_CHUNK));
  for (let i = 0; i < guidelineRows.length; i += INSERT_CHUNK) await em.insert(GuidelineEntity, guidelineRows.slice(i, i + INSERT_CHUNK));
  return { sections: sectionRows.length, guidelines: guidelineRows.length };
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
