import type { ConstituentGroup, GroupCounts, GroupVote, Position, VoteResult } from '@tripartite/domain';
import { isUuid } from '@tripartite/common';
import type { AgendaItemEntity } from './agenda-item.entity';
import type { AmendmentEntity } from './amendment.entity';
import type { ExpertsMeetingEntity, MeetingParticipantEntity } from './meeting.entity';

export type MeetingRow = ExpertsMeetingEntity;
export type ParticipantRow = Pick<MeetingParticipantEntity, 'id' | 'meetingId' | 'userId' | 'group' | 'role'>;
export type AmendmentRow = AmendmentEntity;

/** An agenda item as read back: the column `position` is the contract's `order`. */
export interface AgendaItemRow extends Omit<AgendaItemEntity, 'position'> {
  order: number;
}

/** A recorded position, on an item or on an amendment (`subjectId`); amendments have no statement. */
export interface PositionRow {
  id: string;
  subjectId: string;
  group: ConstituentGroup;
  position: Position;
  statement: string | null;
  recordedById: string;
  recordedAt: Date;
}

export interface StoredVote {
  votes: GroupVote[];
  registered: GroupCounts;
}

/** A vote of an item's history: the result it had, whether it is still in force, who recorded it and when. */
export interface VoteRecordRow {
  agendaItemId: string;
  result: VoteResult;
  current: boolean;
  recordedById: string;
  recordedAt: Date;
}

export const meetingColumns = (m = 'm'): string =>
  `${m}.id, ${m}.instrument_id AS "instrumentId", ${m}.version_id AS "versionId", ${m}.title, ${m}.venue,
   ${m}.starts_at AS "startsAt", ${m}.ends_at AS "endsAt", ${m}.status, ${m}.decision_rule AS "decisionRule",
   ${m}.created_at AS "createdAt", ${m}.created_by AS "createdBy", ${m}.opened_at AS "openedAt",
   ${m}.closed_at AS "closedAt", ${m}.report_adopted_at AS "reportAdoptedAt"`;

export const participantColumns = (p = 'p'): string => `${p}.id, ${p}.meeting_id AS "meetingId", ${p}.user_id AS "userId", ${p}."group", ${p}.role`;

export const itemColumns = (i = 'i'): string =>
  `${i}.id, ${i}.meeting_id AS "meetingId", ${i}.guideline_id AS "guidelineId", ${i}.position AS "order", ${i}.status,
   ${i}.revision, ${i}.final_text AS "finalText", ${i}.opened_at AS "openedAt", ${i}.closed_at AS "closedAt", ${i}.updated_at AS "updatedAt"`;

export const amendmentColumns = (a = 'a'): string =>
  `${a}.id, ${a}.agenda_item_id AS "agendaItemId", ${a}.proposed_by AS "proposedBy", ${a}.text, ${a}.status,
   ${a}.created_at AS "createdAt", ${a}.created_by AS "createdBy", ${a}.decided_at AS "decidedAt", ${a}.decided_by AS "decidedBy"`;

export const itemPositionColumns = (p = 'p'): string =>
  `${p}.id, ${p}.agenda_item_id AS "subjectId", ${p}."group", ${p}.position, ${p}.statement,
   ${p}.recorded_by AS "recordedById", ${p}.recorded_at AS "recordedAt"`;

export const amendmentPositionColumns = (p = 'p'): string =>
  `${p}.id, ${p}.amendment_id AS "subjectId", ${p}."group", ${p}.position, NULL::text AS statement,
   ${p}.recorded_by AS "recordedById", ${p}.recorded_at AS "recordedAt"`;

// Everything an item's tally needs, in one statement for any number of items.
export const tallySourceSql = `
  SELECT i.id AS "agendaItemId", i.meeting_id AS "meetingId", i.status, m.decision_rule AS "decisionRule",
         (SELECT json_object_agg(p."group", p.position) FROM position_record p WHERE p.agenda_item_id = i.id AND p.current) AS positions,
         (SELECT json_build_object('votes', v.votes, 'registered', v.registered)
            FROM item_vote v WHERE v.agenda_item_id = i.id AND v.current) AS vote
    FROM agenda_item i JOIN experts_meeting m ON m.id = i.meeting_id`;

export { isUuid };
export const validUuids = (ids: readonly string[]): string[] => [...new Set(ids.filter(isUuid))];

export function groupBy<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return map;
}
