import { Injectable } from '@nestjs/common';
import type { OrganizationEntity, UserEntity } from '@tripartite/auth';
import { Actor, AppError, FieldErrors, isStaff, isUuid } from '@tripartite/common';
import { DraftingReadService, type GuidelineRow } from '@tripartite/drafting';
import { CONSTITUENT_GROUPS, CommentType, ConstituentGroup, Disposition, checkText } from '@tripartite/domain';
import { viewerOf } from './comment-visibility';
import { CheckedCommentFilter, CommentQueryRepository, CommentRepository, CommentRow, DispositionRecordRow } from './repositories';

export interface CommentFilter {
  roundId: string;
  guidelineId?: string | null;
  group?: ConstituentGroup | null;
  organizationId?: string | null;
  type?: CommentType | null;
  disposition?: Disposition | null;
  undisposedOnly?: boolean | null;
  /** true: only late comments; false: only those in time. */
  late?: boolean | null;
  /** Only general comments (no guideline). */
  generalOnly?: boolean | null;
  search?: string | null;
}

export interface CommentPage {
  edges: { cursor: string; node: CommentRow }[];
  hasNextPage: boolean;
  /** Read with the page, so a page with these costs no statement more (each once, by id). */
  related: { organizations: OrganizationEntity[]; authors: UserEntity[]; guidelines: GuidelineRow[] };
}

export interface MatrixRow {
  /** null: general comments. */
  guideline: GuidelineRow | null;
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
 * Every read of comments, each through the visibility rule (CommentQueryRepository): what a viewer may not
 * see is never selected, so no page, count, filter or matrix can reveal it.
 * Callers check first that the viewer may read the round (RoundService.get).
 */
@Injectable()
export class CommentQueryService {
  constructor(
    private readonly query: CommentQueryRepository,
    private readonly comments: CommentRepository,
    private readonly drafting: DraftingReadService,
  ) {}

  async page(actor: Actor | null, filter: CommentFilter, first: number, after?: string | null): Promise<CommentPage> {
    const checked = checkFilter(filter);
    if (after) checked.after = decodeCommentCursor(after);
    const { nodes, related } = await this.query.page(viewerOf(actor), checked, first + 1);
    const edges = nodes.slice(0, first).map(({ cursorAt, ...node }) => ({ cursor: encodeCommentCursor(cursorAt, node.id), node }));
    // The page's own organizations, authors and guidelines (the row past the page only told whether there is a next one).
    const shown = { organizations: new Set<string>(), authors: new Set<string>(), guidelines: new Set<string>() };
    for (const { node } of edges) {
      shown.organizations.add(node.organizationId);
      shown.authors.add(node.authorId);
      if (node.guidelineId) shown.guidelines.add(node.guidelineId);
    }
    return {
      edges,
      hasNextPage: nodes.length > first,
      related: {
        organizations: related.organizations.filter((o) => shown.organizations.has(o.id)),
        authors: related.authors.filter((u) => shown.authors.has(u.id)),
        guidelines: related.guidelines.filter((g) => shown.guidelines.has(g.id)),
      },
    };
  }

  count(actor: Actor | null, filter: CommentFilter): Promise<number> {
    return this.query.count(viewerOf(actor), checkFilter(filter));
  }

  /** Per guideline of the round's version in document order, then general comments: SUBMITTED counts the viewer may see. */
  async matrix(actor: Actor | null, round: { id: string; versionId: string }): Promise<MatrixRow[]> {
    const counts = await this.query.matrixCounts(viewerOf(actor), round.id);
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
    return this.query.byIds(viewerOf(actor), ids.filter(isUuid));
  }

  /**
   * Every disposition recorded on each comment, oldest first: the secretariat's working record (SECRETARIAT,
   * ADMIN; FORBIDDEN to others). The comments were read through a visibility check already.
   */
  async dispositionHistoryByCommentIds(actor: Actor | null, ids: readonly string[]): Promise<Map<string, DispositionRecordRow[]>> {
    if (!isStaff(actor)) throw AppError.forbidden('Only the secretariat reads the history of dispositions');
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length ? await this.comments.dispositionRecordsByCommentIds(valid) : [];
    const byComment = new Map<string, DispositionRecordRow[]>(ids.map((id) => [id, []]));
    for (const row of rows) byComment.get(row.commentId)?.push(row);
    return byComment;
  }

  /** The guidelines comments are anchored to (each visible with its published version). */
  guidelinesByIds(ids: readonly string[]): Promise<GuidelineRow[]> {
    return this.drafting.guidelinesByIds(ids);
  }

  async get(actor: Actor | null, id: string): Promise<CommentRow> {
    const [comment] = await this.byIds(actor, [id]);
    if (!comment) throw AppError.notFound('Comment', id);
    return comment;
  }
}

/** The filter's problems, all at once (BAD_USER_INPUT), or the filter as the repository takes it. */
function checkFilter(filter: CommentFilter): CheckedCommentFilter {
  const errors = new FieldErrors();
  if (filter.guidelineId != null) errors.check(isUuid(filter.guidelineId), 'filter.guidelineId', 'is not a guideline');
  if (filter.organizationId != null) errors.check(isUuid(filter.organizationId), 'filter.organizationId', 'is not an organization');
  if (filter.group != null) errors.check(CONSTITUENT_GROUPS.includes(filter.group), 'filter.group', 'is not a group');
  errors.check(!(filter.generalOnly && filter.guidelineId != null), 'filter.generalOnly', 'cannot be combined with guidelineId');
  const search = errors.take(checkText('filter.search', filter.search, 'search'));
  errors.throwIfAny();
  return { ...filter, search };
}

function emptyRow(guideline: GuidelineRow | null): MatrixRow {
  return { guideline, total: 0, byGroup: CONSTITUENT_GROUPS.map((group) => ({ group, count: 0 })), undisposed: 0 };
}
