import { Actor, isStaff } from '@tripartite/common';

/** Who is reading: the only facts the visibility rule depends on (repositories/comment-query.repository.ts: visibleCommentSql). */
export interface Viewer {
  staff: boolean;
  organizationId: string | null;
}

/** The system (null actor) reads like the secretariat. */
export function viewerOf(actor: Actor | null): Viewer {
  return { staff: actor === null || isStaff(actor), organizationId: actor?.organizationId ?? null };
}
