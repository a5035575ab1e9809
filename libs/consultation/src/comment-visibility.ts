import { Actor, isStaff } from '@tripartite/common';

/** Who is reading: the only facts the visibility rule depends on. */
export interface Viewer {
  staff: boolean;
  organizationId: string | null;
}

/** The system (null actor) reads like the secretariat. */
export function viewerOf(actor: Actor | null): Viewer {
  return { staff: actor === null || isStaff(actor), organizationId: actor?.organizationId ?? null };
}

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
