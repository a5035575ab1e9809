import type { Disposition } from '@tripartite/domain';
import type { CommentEntity } from './comment.entity';
import { isUuid } from '@tripartite/common';
import type { ConsultationRoundEntity } from './consultation-round.entity';

/** A comment as read back (the idempotency key stays with its author's requests). */
export type CommentRow = Omit<CommentEntity, 'idempotencyKey'>;

export const commentColumns = (c = 'c'): string =>
  `${c}.id, ${c}.round_id AS "roundId", ${c}.guideline_id AS "guidelineId", ${c}.organization_id AS "organizationId",
   ${c}."group", ${c}.author_id AS "authorId", ${c}.type, ${c}.body, ${c}.proposed_text AS "proposedText", ${c}.status,
   ${c}.late, ${c}.revision, ${c}.submitted_at AS "submittedAt", ${c}.updated_at AS "updatedAt", ${c}.disposition,
   ${c}.disposition_note AS "dispositionNote", ${c}.disposed_at AS "disposedAt", ${c}.disposed_by AS "disposedBy",
   ${c}.disposition_revision AS "dispositionRevision"`;

export const roundColumns = (r = 'r'): string =>
  `${r}.id, ${r}.instrument_id AS "instrumentId", ${r}.number, ${r}.version_id AS "versionId", ${r}.status,
   ${r}.opens_at AS "opensAt", ${r}.closes_at AS "closesAt", ${r}.closed_at AS "closedAt", ${r}.early_close AS "earlyClose",
   ${r}.groups, ${r}.visibility, ${r}.accept_late AS "acceptLate", ${r}.created_at AS "createdAt", ${r}.created_by AS "createdBy"`;

export type RoundRow = ConsultationRoundEntity;

/** A disposition of the history (recordedById: who recorded it). */
export interface DispositionRecordRow {
  id: string;
  commentId: string;
  disposition: Disposition;
  note: string | null;
  recordedById: string;
  recordedAt: Date;
}

export const dispositionRecordColumns = (d = 'd'): string =>
  `${d}.id, ${d}.comment_id AS "commentId", ${d}.disposition, ${d}.note, ${d}.recorded_by AS "recordedById", ${d}.recorded_at AS "recordedAt"`;

export { isUuid };
