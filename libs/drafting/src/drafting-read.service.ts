import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Actor, AppError, isStaff, isUuid } from '@tripartite/common';
import type { Stage } from '@tripartite/domain';
import { DraftVersionEntity } from './draft-version.entity';
import { GuidelineEntity } from './guideline.entity';
import { InstrumentEntity } from './instrument.entity';
import { SectionEntity } from './section.entity';
import { diffGuidelines, GuidelineChange } from './version-diff';

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
    @InjectRepository(InstrumentEntity) private readonly instruments: Repository<InstrumentEntity>,
    @InjectRepository(DraftVersionEntity) private readonly versions: Repository<DraftVersionEntity>,
    @InjectRepository(SectionEntity) private readonly sections: Repository<SectionEntity>,
    @InjectRepository(GuidelineEntity) private readonly guidelines: Repository<GuidelineEntity>,
  ) {}

  seesDrafts(actor: Actor | null): boolean {
    return actor === null || isStaff(actor);
  }

  /** SQL that is true when the viewer may see the instrument whose id `instrumentId` (an SQL expression) names. */
  instrumentVisibleSql(actor: Actor | null, instrumentId: string): string {
    return this.seesDrafts(actor) ? 'TRUE' : publishedExists(instrumentId);
  }

  canSeeVersion(actor: Actor | null, version: Pick<DraftVersionEntity, 'status'>): boolean {
    return version.status === 'PUBLISHED' || this.seesDrafts(actor);
  }

  visibleVersions<V extends Pick<DraftVersionEntity, 'status'>>(actor: Actor | null, versions: readonly V[]): V[] {
    return versions.filter((v) => this.canSeeVersion(actor, v));
  }

  /** Newest first, a page at a time: `after` names the last instrument of the previous page. */
  listInstruments(actor: Actor | null, stage?: Stage | null, page: { first: number; after?: string | null } = { first: 100 }): Promise<InstrumentEntity[]> {
    const q = this.instruments.createQueryBuilder('i').orderBy('i.createdAt', 'DESC').addOrderBy('i.id', 'ASC').limit(page.first);
    if (stage) q.andWhere('i.stage = :stage', { stage });
    if (!this.seesDrafts(actor)) q.andWhere(PUBLISHED_EXISTS);
    if (page.after) {
      if (!isUuid(page.after)) throw AppError.badInput([{ field: 'after', message: 'names no instrument' }]);
      q.andWhere(`EXISTS (SELECT 1 FROM instrument a WHERE a.id = :after AND (i.created_at < a.created_at OR (i.created_at = a.created_at AND i.id > a.id)))`, {
        after: page.after,
      });
    }
    return q.getMany();
  }

  async getInstrument(actor: Actor | null, id: string): Promise<InstrumentEntity> {
    const q = this.instruments.createQueryBuilder('i').where('i.id = :id', { id });
    if (!this.seesDrafts(actor)) q.andWhere(PUBLISHED_EXISTS);
    const found = isUuid(id) ? await q.getOne() : null;
    if (!found) throw AppError.notFound('Instrument', id);
    return found;
  }

  async getVersion(actor: Actor | null, id: string): Promise<DraftVersionEntity> {
    const found = isUuid(id) ? await this.versions.findOneBy({ id }) : null;
    if (!found || !this.canSeeVersion(actor, found)) throw AppError.notFound('Version', id);
    return found;
  }

  /** The changes from one version to another of the same instrument, in the document order of `to`. */
  async versionDiff(actor: Actor | null, fromVersionId: string, toVersionId: string): Promise<GuidelineChange<GuidelineEntity>[]> {
    const from = await this.getVersion(actor, fromVersionId);
    const to = await this.getVersion(actor, toVersionId);
    if (from.instrumentId !== to.instrumentId) {
      throw AppError.badInput([{ field: 'toVersionId', message: 'is a version of another instrument than fromVersionId' }]);
    }
    const byVersion = await this.guidelinesByVersionIds([from.id, to.id]);
    const of = (versionId: string) => byVersion.filter((g) => g.versionId === versionId);
    return diffGuidelines(of(from.id), of(to.id));
  }

  // Batch reads for DataLoaders; callers have checked the parents' visibility.

  instrumentsByIds(ids: readonly string[]): Promise<InstrumentEntity[]> {
    return batch(ids, (valid) => this.instruments.findBy({ id: In(valid) }));
  }

  versionsByIds(ids: readonly string[]): Promise<DraftVersionEntity[]> {
    return batch(ids, (valid) => this.versions.findBy({ id: In(valid) }));
  }

  /** Every version, drafts included, by number; filter with visibleVersions. */
  versionsByInstrumentIds(ids: readonly string[]): Promise<DraftVersionEntity[]> {
    return batch(ids, (valid) => this.versions.find({ where: { instrumentId: In(valid) }, order: { instrumentId: 'ASC', number: 'ASC' } }));
  }

  latestPublishedByInstrumentIds(ids: readonly string[]): Promise<DraftVersionEntity[]> {
    return batch(ids, (valid) =>
      this.versions
        .createQueryBuilder('v')
        .distinctOn(['v.instrumentId'])
        .where('v.instrumentId IN (:...ids)', { ids: valid })
        .andWhere(`v.status = 'PUBLISHED'`)
        .orderBy('v.instrumentId')
        .addOrderBy('v.number', 'DESC')
        .getMany(),
    );
  }

  sectionsByIds(ids: readonly string[]): Promise<SectionEntity[]> {
    return batch(ids, (valid) => this.sections.findBy({ id: In(valid) }));
  }

  sectionsByVersionIds(ids: readonly string[]): Promise<SectionEntity[]> {
    return batch(ids, (valid) => this.sections.find({ where: { versionId: In(valid) }, order: { versionId: 'ASC', position: 'ASC' } }));
  }

  guidelinesByVersionIds(ids: readonly string[]): Promise<GuidelineEntity[]> {
    return batch(ids, (valid) => this.guidelines.find({ where: { versionId: In(valid) }, order: { versionId: 'ASC', position: 'ASC' } }));
  }

  guidelinesBySectionIds(ids: readonly string[]): Promise<GuidelineEntity[]> {
    return batch(ids, (valid) => this.guidelines.find({ where: { sectionId: In(valid) }, order: { sectionId: 'ASC', position: 'ASC' } }));
  }
}

const publishedExists = (instrumentId: string) =>
  `EXISTS (SELECT 1 FROM draft_version pv WHERE pv.instrument_id = ${instrumentId} AND pv.status = 'PUBLISHED')`;
const PUBLISHED_EXISTS = publishedExists('i.id');
