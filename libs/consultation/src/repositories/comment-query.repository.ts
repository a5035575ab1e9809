import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConsultationAuthReadModel, type OrganizationEntity, type UserEntity } from '@tripartite/auth';
import type { CommentType, ConstituentGroup, Disposition } from '@tripartite/domain';
import { ConsultationDraftingReadModel, type GuidelineRow } from '@tripartite/drafting';
import type { Viewer } from '../comment-visibility';
import { ACCENTED_CONFIGURATIONS, FOLDING_CONFIGURATIONS } from '../comment.entity';
import { CommentRepository, type CommentRow, type ExportedComment } from './comment.repository';

/** Positional parameters for hand-written SQL: `p.add(value)` returns its `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(...initial: unknown[]) {
    this.values.push(...initial);
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * THE visibility rule of comments (DESIGN.md section 3), as a SQL condition over a
 * comment alias `c` joined to its round `r`. Every read path uses it, so counts,
 * pages and matrices can never disagree about what a viewer may see:
 * - staff see everything;
 * - a viewer sees its own organization's comments, withdrawn ones included;
 * - other SUBMITTED comments: IMMEDIATE rounds show them to invited organizations
 *   at once and to everyone once CLOSED; AFTER_CLOSE rounds once CLOSED;
 *   SECRETARIAT_ONLY rounds never.
 */
export function visibleCommentSql(viewer: Viewer, p: SqlParams, c = 'c', r = 'r'): string {
  if (viewer.staff) return 'TRUE';
  // A viewer with no organization (observer, moderator) compares with NULL: never own, never invited.
  const org = `${p.add(viewer.organizationId)}::uuid`;
  return `(${c}.organization_id = ${org}
    OR (${c}.status = 'SUBMITTED' AND (
         (${r}.visibility = 'IMMEDIATE' AND (${r}.status = 'CLOSED'
            OR EXISTS (SELECT 1 FROM round_invitation vi WHERE vi.round_id = ${r}.id AND vi.organization_id = ${org})))
      OR (${r}.visibility = 'AFTER_CLOSE' AND ${r}.status = 'CLOSED'))))`;
}

/**
 * The search text parsed under each configuration of c.search, OR-ed: a query in any of the three languages, with
 * or without accents, in any inflection its stemmer knows. A query that excludes words (`-word`) is parsed under the
 * folding configurations only: under the others an accent variant of the excluded word would get through the OR.
 */
export function searchQuerySql(param: string): string {
  const under = (configurations: readonly string[]) => configurations.map((c) => `websearch_to_tsquery('${c}', ${param})`).join(' || ');
  const folded = under(FOLDING_CONFIGURATIONS);
  return `(CASE WHEN websearch_to_tsquery('simple', ${param})::text LIKE '%!%' THEN ${folded} ELSE ${folded} || ${under(ACCENTED_CONFIGURATIONS)} END)`;
}

/** A list's filter, checked (CommentQueryService): ids are uuids, the search text is clean. */
export interface CheckedCommentFilter {
  roundId: string;
  guidelineId?: string | null;
  group?: ConstituentGroup | null;
  organizationId?: string | null;
  type?: CommentType | null;
  disposition?: Disposition | null;
  undisposedOnly?: boolean | null;
  late?: boolean | null;
  generalOnly?: boolean | null;
  search?: string | null;
  /** The keyset position: comments after (submittedAt, id). */
  after?: { at: string; id: string } | null;
}

export type PageNode = CommentRow & { cursorAt: string };

export interface CommentPageRows {
  nodes: PageNode[];
  /** Read with the page: each once, by id. */
  related: { organizations: OrganizationEntity[]; authors: UserEntity[]; guidelines: GuidelineRow[] };
}

export interface MatrixCount {
  guidelineId: string | null;
  group: ConstituentGroup;
  total: number;
  undisposed: number;
}

/**
 * Every read of comments, each through visibleCommentSql: what a viewer may not see is never selected, so no page,
 * count, filter or matrix can reveal it.
 */
@Injectable()
export class CommentQueryRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly comments: CommentRepository,
    private readonly identity: ConsultationAuthReadModel,
    private readonly drafting: ConsultationDraftingReadModel,
  ) {}

  /**
   * A page in (submitted_at, id) order, `limit` rows at most, in one statement with the organizations, authors and
   * guidelines it names (joined by primary key).
   */
  async page(viewer: Viewer, filter: CheckedCommentFilter, limit: number): Promise<CommentPageRows> {
    const p = new SqlParams();
    const where = this.where(viewer, filter, p);
    if (filter.after) where.push(`(c.submitted_at, c.id) > (${p.add(filter.after.at)}::timestamptz, ${p.add(filter.after.id)}::uuid)`);
    const o = this.identity.organizationJoin('c.organization_id', 'o');
    const u = this.identity.userJoin('c.author_id', 'u');
    const g = this.drafting.guidelineJoin('c.guideline_id', 'g');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${this.comments.columns('c')}, to_char(c.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt",
              ${o.columns}, ${u.columns}, ${g.columns}
         FROM comment c JOIN consultation_round r ON r.id = c.round_id ${o.join} ${u.join} ${g.join}
        WHERE ${where.join(' AND ')}
        ORDER BY c.submitted_at, c.id
        LIMIT ${p.add(limit)}`,
      p.values,
    );
    // Splits the joined columns off each row, keeping one object per id.
    const joined = new Set([...o.keys, ...u.keys, ...g.keys]);
    const organizations = new Map<string, OrganizationEntity>();
    const authors = new Map<string, UserEntity>();
    const guidelines = new Map<string, GuidelineRow>();
    const nodes = rows.map((row) => {
      const node = Object.fromEntries(Object.entries(row).filter(([key]) => !joined.has(key))) as PageNode;
      if (!organizations.has(node.organizationId)) organizations.set(node.organizationId, o.read(row));
      if (!authors.has(node.authorId)) authors.set(node.authorId, u.read(row));
      const guideline = node.guidelineId && !guidelines.has(node.guidelineId) ? g.read(row) : null;
      if (guideline) guidelines.set(guideline.id, guideline);
      return node;
    });
    return { nodes, related: { organizations: [...organizations.values()], authors: [...authors.values()], guidelines: [...guidelines.values()] } };
  }

  async count(viewer: Viewer, filter: CheckedCommentFilter): Promise<number> {
    const p = new SqlParams();
    const where = this.where(viewer, filter, p);
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM comment c JOIN consultation_round r ON r.id = c.round_id WHERE ${where.join(' AND ')}`,
      p.values,
    );
    return n;
  }

  /** SUBMITTED comments of the round the viewer may see, counted per guideline and group. */
  matrixCounts(viewer: Viewer, roundId: string): Promise<MatrixCount[]> {
    const p = new SqlParams(roundId);
    return this.dataSource.query(
      `SELECT c.guideline_id AS "guidelineId", c."group", count(*)::int AS total,
              count(*) FILTER (WHERE c.disposition IS NULL)::int AS undisposed
         FROM comment c JOIN consultation_round r ON r.id = c.round_id
        WHERE c.round_id = $1 AND c.status = 'SUBMITTED' AND ${visibleCommentSql(viewer, p)}
        GROUP BY c.guideline_id, c."group"`,
      p.values,
    );
  }

  /** The round's SUBMITTED comments the viewer may see, with their ids, in the order submitted (the downloads). */
  submittedForExport(viewer: Viewer, roundId: string): Promise<ExportedComment[]> {
    const p = new SqlParams(roundId);
    return this.dataSource.query(
      `SELECT c.id, c.organization_id AS "organizationId", c.guideline_id AS "guidelineId", c."group", c.type, c.body,
              c.proposed_text AS "proposedText", c.disposition, c.disposition_note AS "dispositionNote", c.late, c.submitted_at AS "submittedAt"
         FROM comment c JOIN consultation_round r ON r.id = c.round_id
        WHERE c.round_id = $1 AND c.status = 'SUBMITTED' AND ${visibleCommentSql(viewer, p)}
        ORDER BY c.submitted_at, c.id`,
      p.values,
    );
  }

  /** The comments of these ids the viewer may see (others are simply absent). */
  byIds(viewer: Viewer, ids: readonly string[]): Promise<CommentRow[]> {
    const p = new SqlParams(ids);
    return this.dataSource.query(
      `SELECT ${this.comments.columns('c')} FROM comment c JOIN consultation_round r ON r.id = c.round_id
        WHERE c.id = ANY($1::uuid[]) AND ${visibleCommentSql(viewer, p)}`,
      p.values,
    );
  }

  private where(viewer: Viewer, filter: CheckedCommentFilter, p: SqlParams): string[] {
    const where = [`c.round_id = ${p.add(filter.roundId)}::uuid`, visibleCommentSql(viewer, p)];
    if (filter.guidelineId != null) where.push(`c.guideline_id = ${p.add(filter.guidelineId)}::uuid`);
    if (filter.organizationId != null) where.push(`c.organization_id = ${p.add(filter.organizationId)}::uuid`);
    if (filter.group != null) where.push(`c."group" = ${p.add(filter.group)}`);
    if (filter.type != null) where.push(`c.type = ${p.add(filter.type)}`);
    if (filter.disposition != null) where.push(`c.disposition = ${p.add(filter.disposition)}`);
    if (filter.late != null) where.push(filter.late ? 'c.late' : 'NOT c.late');
    if (filter.generalOnly) where.push('c.guideline_id IS NULL');
    if (filter.undisposedOnly) where.push(`c.status = 'SUBMITTED' AND c.disposition IS NULL`);
    if (filter.search) where.push(`c.search @@ ${searchQuerySql(p.add(filter.search))}`);
    return where;
  }
}
