import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { OrganizationEntity, UserEntity } from '@tripartite/auth';
import { Actor, AppError, FieldErrors, isStaff } from '@tripartite/common';
import { DraftingReadService, GuidelineEntity } from '@tripartite/drafting';
import { CONSTITUENT_GROUPS, CommentType, ConstituentGroup, Disposition, checkText } from '@tripartite/domain';
import { SqlParams, viewerOf, visibleCommentSql } from './comment-visibility';
import { CommentRow, DispositionRecordRow, commentColumns, dispositionRecordColumns, isUuid } from './sql-columns';

export interface CommentFilter {
  roundId: string;
  guidelineId?: string | null;
  group?: ConstituentGroup | null;
  organizationId?: string | null;
  type?: CommentType | null;
  disposition?: Disposition | null;
  undisposedOnly?: boolean | null;
  search?: string | null;
}

export interface CommentPage {
  edges: { cursor: string; node: CommentRow }[];
  hasNextPage: boolean;
  /** Read with the page, so a page with these costs no statement more (each once, by id). */
  related: { organizations: OrganizationEntity[]; authors: UserEntity[]; guidelines: GuidelineEntity[] };
}

// The page's organizations, authors and guidelines, joined by primary key into the page's one statement.
const RELATED_COLUMNS = `
  o.name AS "o_name", o."group" AS "o_group", o.country_code AS "o_countryCode", o.created_at AS "o_createdAt",
  u.email AS "u_email", u.display_name AS "u_displayName", u.roles AS "u_roles", u.organization_id AS "u_organizationId",
  u.email_opt_out AS "u_emailOptOut", u.created_at AS "u_createdAt",
  g.version_id AS "g_versionId", g.section_id AS "g_sectionId", g.position AS "g_position", g.key AS "g_key",
  g.number AS "g_number", g.title AS "g_title", g.text AS "g_text"`;
const RELATED_JOINS = `JOIN organization o ON o.id = c.organization_id JOIN app_user u ON u.id = c.author_id
  LEFT JOIN guideline g ON g.id = c.guideline_id`;

type PageRow = CommentRow & { cursorAt: string } & Record<string, unknown>;

/** Splits the joined columns off each row, keeping one object per id. */
function splitRelated(rows: PageRow[]): { nodes: (CommentRow & { cursorAt: string })[]; related: CommentPage['related'] } {
  const organizations = new Map<string, OrganizationEntity>();
  const authors = new Map<string, UserEntity>();
  const guidelines = new Map<string, GuidelineEntity>();
  const nodes = rows.map((row) => {
    const node: Record<string, unknown> = {};
    const related: Record<'o' | 'u' | 'g', Record<string, unknown>> = { o: {}, u: {}, g: {} };
    for (const [key, value] of Object.entries(row)) {
      const prefix = key.slice(0, 2);
      if (prefix === 'o_' || prefix === 'u_' || prefix === 'g_') related[key[0] as 'o' | 'u' | 'g'][key.slice(2)] = value;
      else node[key] = value;
    }
    const comment = node as CommentRow & { cursorAt: string };
    organizations.set(comment.organizationId, { id: comment.organizationId, ...related.o } as OrganizationEntity);
    authors.set(comment.authorId, { id: comment.authorId, ...related.u } as UserEntity);
    if (comment.guidelineId) guidelines.set(comment.guidelineId, { id: comment.guidelineId, ...related.g } as GuidelineEntity);
    return comment;
  });
  return { nodes, related: { organizations: [...organizations.values()], authors: [...authors.values()], guidelines: [...guidelines.values()] } };
}

export interface MatrixRow {
  /** null: general comments. */
  guideline: GuidelineEntity | null;
  total: number;
  byGroup: { group: ConstituentGroup; count: number }[];
  undisposed: number;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f-]{36})$/i;

/** An opaque position in (submitted_at, id) order, to the microsecond the database keeps. */
export function encodeCommentCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');
}

function decodeCommentCursor(cursor: string): { at: string; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !isUuid(match[2])) throw AppError.badInput([{ field: 'after', message: 'is not a cursor of this list' }]);
  return { at: match[1], id: match[2] };
}

/**
 * Every read of comments, each through visibleCommentSql: what a viewer may not
 * see is never selected, so no page, count, filter or matrix can reveal it.
 * Callers check first that the viewer may read the round (RoundService.get).
 */
@Injectable()
export class CommentQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafting: DraftingReadService,
  ) {}

  async page(actor: Actor | null, filter: CommentFilter, first: number, after?: string | null): Promise<CommentPage> {
    const p = new SqlParams();
    const where = this.where(actor, filter, p);
    if (after) {
      const cursor = decodeCommentCursor(after);
      where.push(`(c.submitted_at, c.id) > (${p.add(cursor.at)}::timestamptz, ${p.add(cursor.id)}::uuid)`);
    }
    const rows: PageRow[] = await this.dataSource.query(
      `SELECT ${commentColumns('c')}, to_char(c.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt",
              ${RELATED_COLUMNS}
         FROM comment c JOIN consultation_round r ON r.id = c.round_id ${RELATED_JOINS}
        WHERE ${where.join(' AND ')}
        ORDER BY c.submitted_at, c.id
        LIMIT ${p.add(first + 1)}`,
      p.values,
    );
    const { nodes, related } = splitRelated(rows.slice(0, first));
    const edges = nodes.map(({ cursorAt, ...node }) => ({ cursor: encodeCommentCursor(cursorAt, node.id), node }));
    return { edges, hasNextPage: rows.length > first, related };
  }

  async count(actor: Actor | null, filter: CommentFilter): Promise<number> {
    const p = new SqlParams();
    const where = this.where(actor, filter, p);
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM comment c JOIN consultation_round r ON r.id = c.round_id WHERE ${where.join(' AND ')}`,
      p.values,
    );
    return n;
  }

  /** Per guideline of the round's version in document order, then general comments: SUBMITTED counts the viewer may see. */
  async matrix(actor: Actor | null, round: { id: string; versionId: string }): Promise<MatrixRow[]> {
    const p = new SqlParams(round.id);
    const counts: { guidelineId: string | null; group: ConstituentGroup; total: number; undisposed: number }[] = await this.dataSource.query(
      `SELECT c.guideline_id AS "guidelineId", c."group", count(*)::int AS total,
              count(*) FILTER (WHERE c.disposition IS NULL)::int AS undisposed
         FROM comment c JOIN consultation_round r ON r.id = c.round_id
        WHERE c.round_id = $1 AND c.status = 'SUBMITTED' AND ${visibleCommentSql(viewerOf(actor), p)}
        GROUP BY c.guideline_id, c."group"`,
      p.values,
    );
    const guidelines = await this.drafting.guidelinesByVersionIds([round.versionId]);
    const rows = new Map<string | null, MatrixRow>([...guidelines, null].map((g) => [g?.id ?? null, emptyRow(g)]));
    for (const count of counts) {
      const row = rows.get(count.guidelineId);
      if (!row) continue;
      row.total += count.total;
      row.undisposed += count.undisposed;
      row.byGroup.find((g) => g.group === count.group)!.count += count.total;
    }
    return [...rows.values()];
  }

  /** The comments of these ids the viewer may see (others are simply absent). */
  byIds(actor: Actor | null, ids: readonly string[]): Promise<CommentRow[]> {
    const p = new SqlParams(ids.filter(isUuid));
    return this.dataSource.query(
      `SELECT ${commentColumns('c')} FROM comment c JOIN consultation_round r ON r.id = c.round_id
        WHERE c.id = ANY($1::uuid[]) AND ${visibleCommentSql(viewerOf(actor), p)}`,
      p.values,
    );
  }

  /**
   * Every disposition recorded on each comment, oldest first: the secretariat's working record (SECRETARIAT,
   * ADMIN; FORBIDDEN to others). The comments were read through a visibility check already.
   */
  async dispositionHistoryByCommentIds(actor: Actor | null, ids: readonly string[]): Promise<Map<string, DispositionRecordRow[]>> {
    if (!isStaff(actor)) throw AppError.forbidden('Only the secretariat reads the history of dispositions');
    const valid = [...new Set(ids.filter(isUuid))];
    const rows: DispositionRecordRow[] = valid.length
      ? await this.dataSource.query(
          `SELECT ${dispositionRecordColumns('d')} FROM disposition_record d WHERE d.comment_id = ANY($1::uuid[]) ORDER BY d.comment_id, d.recorded_at, d.id`,
          [valid],
        )
      : [];
    const byComment = new Map<string, DispositionRecordRow[]>(ids.map((id) => [id, []]));
    for (const row of rows) byComment.get(row.commentId)?.push(row);
    return byComment;
  }

  /** The guidelines comments are anchored to (each visible with its published version). */
  guidelinesByIds(ids: readonly string[]): Promise<GuidelineEntity[]> {
    return this.dataSource.getRepository(GuidelineEntity).findBy({ id: In(ids.filter(isUuid)) });
  }

  async get(actor: Actor | null, id: string): Promise<CommentRow> {
    const [comment] = await this.byIds(actor, [id]);
    if (!comment) throw AppError.notFound('Comment', id);
    return comment;
  }

  private where(actor: Actor | null, filter: CommentFilter, p: SqlParams): string[] {
    const errors = new FieldErrors();
    const where = [`c.round_id = ${p.add(filter.roundId)}::uuid`, visibleCommentSql(viewerOf(actor), p)];
    if (filter.guidelineId != null) {
      errors.check(isUuid(filter.guidelineId), 'filter.guidelineId', 'is not a guideline');
      where.push(`c.guideline_id = ${p.add(filter.guidelineId)}::uuid`);
    }
    if (filter.organizationId != null) {
      errors.check(isUuid(filter.organizationId), 'filter.organizationId', 'is not an organization');
      where.push(`c.organization_id = ${p.add(filter.organizationId)}::uuid`);
    }
    if (filter.group != null) {
      errors.check(CONSTITUENT_GROUPS.includes(filter.group), 'filter.group', 'is not a group');
      where.push(`c."group" = ${p.add(filter.group)}`);
    }
    if (filter.type != null) where.push(`c.type = ${p.add(filter.type)}`);
    if (filter.disposition != null) where.push(`c.disposition = ${p.add(filter.disposition)}`);
    if (filter.undisposedOnly) where.push(`c.status = 'SUBMITTED' AND c.disposition IS NULL`);
    const search = errors.take(checkText('filter.search', filter.search, 'search'));
    if (search) {
      where.push(`c.search @@ websearch_to_tsquery('english', ${p.add(search)})`);
    }
    errors.throwIfAny();
    return where;
  }
}

function emptyRow(guideline: GuidelineEntity | null): MatrixRow {
  return { guideline, total: 0, byGroup: CONSTITUENT_GROUPS.map((group) => ({ group, count: 0 })), undisposed: 0 };
}
