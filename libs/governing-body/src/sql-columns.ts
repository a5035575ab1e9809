import type { GbSessionEntity } from './gb-session.entity';
import { isUuid } from '@tripartite/common';
import type { GbSubmissionEntity } from './gb-submission.entity';

export type GbSessionRow = GbSessionEntity;
/** A submission as read back: the frozen paper is read only when asked for. */
export type SubmissionRow = Omit<GbSubmissionEntity, 'documentMarkdown' | 'documentHtml'>;

export const sessionColumns = (s = 's'): string =>
  `${s}.id, ${s}.number, ${s}.starts_at AS "startsAt", ${s}.ends_at AS "endsAt", ${s}.document_deadline AS "documentDeadline",
   ${s}.created_at AS "createdAt", ${s}.created_by AS "createdBy"`;

export const submissionColumns = (s = 's'): string =>
  `${s}.id, ${s}.instrument_id AS "instrumentId", ${s}.session_id AS "sessionId", ${s}.meeting_id AS "meetingId", ${s}.symbol,
   ${s}.agenda_item_title AS "agendaItemTitle", ${s}.point_for_decision AS "pointForDecision", ${s}.status,
   ${s}.submitted_at AS "submittedAt", ${s}.submitted_by AS "submittedBy", ${s}.late, ${s}.decision, ${s}.decision_text AS "decisionText",
   ${s}.decided_at AS "decidedAt", ${s}.decided_by AS "decidedBy", ${s}.created_at AS "createdAt", ${s}.created_by AS "createdBy"`;

/**
 * The instrument's current submission: the latest one reporting on its latest meeting. After a referral back
 * the instrument needs a new meeting, so the earlier decision no longer counts for its guards.
 */
export const CURRENT_SUBMISSION_SQL = `
  SELECT ${submissionColumns('s')} FROM gb_submission s
   WHERE s.instrument_id = $1
     AND s.meeting_id = (SELECT m.id FROM experts_meeting m WHERE m.instrument_id = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT 1)
   ORDER BY s.created_at DESC, s.id DESC LIMIT 1`;

export { isUuid };
export const validUuids = (ids: readonly string[]): string[] => [...new Set(ids.filter(isUuid))];
