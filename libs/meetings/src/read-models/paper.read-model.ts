import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { VOTING_ROLES, type ConstituentGroup, type Position } from '@tripartite/domain';
import type { AgendaItemEntity } from '../agenda-item.entity';
import type { ExpertsMeetingEntity } from '../meeting.entity';
import type { StoredVote } from '../repositories/vote.repository';

/** The caller's transaction (the paper is read in one snapshot, or frozen inside the submission's write). */
type Db = Pick<EntityManager, 'query'>;

export type LatestMeetingRow = Pick<ExpertsMeetingEntity, 'id' | 'status'>;

/** The meeting as the paper describes it, with its voting members (advisers and observers do not vote) counted by group (groups with none left out). */
export type PaperMeetingRow = Pick<ExpertsMeetingEntity, 'title' | 'venue' | 'startsAt' | 'endsAt' | 'decisionRule'> & {
  participants: Partial<Record<ConstituentGroup, number>>;
};

/** An agenda item's outcome, with the position in force of each group that stated one, in group order. */
export type PaperAgendaItemRow = Pick<AgendaItemEntity, 'guidelineId' | 'status' | 'finalText'> & {
  positions: { group: ConstituentGroup; position: Position; statement: string | null }[];
  /** Whether the item has a vote in force (it was decided by a vote). */
  voted: boolean;
  /** The vote in force: each group's counts and the voting members registered when it was taken. */
  vote: StoredVote | null;
  /** Amendments proposed (withdrawn ones left out), in the order they were: the proposing group and the outcome. */
  amendments: { proposedBy: ConstituentGroup; status: 'PROPOSED' | 'ACCEPTED' | 'REJECTED' }[];
};

/**
 * What the Governing Body reads of the experts' meetings: an instrument's latest meeting (the one a paper
 * reports on, and the one its current submission must name), and the outcome of a meeting for the paper.
 */
@Injectable()
export class MeetingsPaperReadModel {
  /** A subquery: the id of the latest meeting of the instrument whose id is the SQL expression `instrumentId` (NULL when none). */
  latestMeetingIdSql(instrumentId: string): string {
    return `(SELECT m.id FROM experts_meeting m WHERE m.instrument_id = ${instrumentId} ORDER BY m.created_at DESC, m.id DESC LIMIT 1)`;
  }

  async latestMeeting(db: Db, instrumentId: string): Promise<LatestMeetingRow | null> {
    const [row]: LatestMeetingRow[] = await db.query(
      `SELECT m.id, m.status FROM experts_meeting m WHERE m.instrument_id = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT 1`,
      [instrumentId],
    );
    return row ?? null;
  }

  async meeting(db: Db, meetingId: string): Promise<PaperMeetingRow | null> {
    const [row]: PaperMeetingRow[] = await db.query(
      `SELECT m.title, m.venue, m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.decision_rule AS "decisionRule",
              (SELECT coalesce(json_object_agg(x.g, x.n), '{}') FROM
                 (SELECT p."group" AS g, count(*)::int AS n FROM meeting_participant p
                   WHERE p.meeting_id = m.id AND p.role = ANY($2::text[]) GROUP BY p."group") x) AS participants
         FROM experts_meeting m WHERE m.id = $1`,
      [meetingId, VOTING_ROLES],
    );
    return row ?? null;
  }

  /** In agenda order. */
  agenda(db: Db, meetingId: string): Promise<PaperAgendaItemRow[]> {
    return db.query(
      `SELECT i.guideline_id AS "guidelineId", i.status, i.final_text AS "finalText",
              (SELECT coalesce(json_agg(json_build_object('group', p."group", 'position', p.position, 'statement', p.statement)
                                        ORDER BY array_position(ARRAY['GOVERNMENT','EMPLOYERS','WORKERS'], p."group")), '[]')
                 FROM position_record p WHERE p.agenda_item_id = i.id AND p.current) AS positions,
              EXISTS (SELECT 1 FROM item_vote v WHERE v.agenda_item_id = i.id AND v.current) AS voted,
              (SELECT json_build_object('votes', v.votes, 'registered', v.registered) FROM item_vote v
                WHERE v.agenda_item_id = i.id AND v.current) AS vote,
              (SELECT coalesce(json_agg(json_build_object('proposedBy', a.proposed_by, 'status', a.status) ORDER BY a.created_at, a.id), '[]')
                 FROM amendment a WHERE a.agenda_item_id = i.id AND a.status <> 'WITHDRAWN') AS amendments
         FROM agenda_item i
        WHERE i.meeting_id = $1
        ORDER BY i.position`,
      [meetingId],
    );
  }
}
