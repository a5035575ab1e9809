import type { EntityManager } from 'typeorm';
import type { CommentType, ConstituentGroup, DecisionRule, Disposition, ItemStatus, Position } from '@tripartite/domain';

export type GroupCounts = Partial<Record<ConstituentGroup, number>>;

/** Everything the paper says, as plain data: the renderer is a pure function of it. */
export interface PaperData {
  /** The paper's date: when it was submitted, or now while it is a draft. */
  date: Date;
  session: { number: number; startsAt: Date; endsAt: Date };
  symbol: string;
  agendaItemTitle: string;
  pointForDecision: string;
  instrument: { reference: string; title: string; summary: string | null };
  /** Rounds that opened, in order. */
  rounds: PaperRound[];
  /** SUBMITTED comments of those rounds (withdrawn ones are not counted). */
  comments: PaperComment[];
  meeting: PaperMeeting;
}

export interface PaperRound {
  number: number;
  versionNumber: number;
  opensAt: Date | null;
  closesAt: Date;
  closedAt: Date | null;
  invited: GroupCounts;
  /** Invited organizations that submitted at least one comment. */
  responding: GroupCounts;
}

export interface PaperComment {
  round: number;
  /** Stable across versions; null: a general comment. */
  guidelineKey: string | null;
  group: ConstituentGroup;
  type: CommentType;
  disposition: Disposition | null;
}

export interface PaperMeeting {
  title: string;
  venue: string | null;
  startsAt: Date;
  endsAt: Date;
  decisionRule: DecisionRule;
  participants: GroupCounts;
  /** One per guideline of the version discussed, in agenda order. */
  items: PaperItem[];
}

export interface PaperItem {
  key: string;
  number: string;
  title: string | null;
  sectionNumber: string;
  sectionHeading: string;
  /** The guideline as drafted (Markdown source). */
  text: string;
  status: ItemStatus;
  /** The adopted wording (the amendment's when ADOPTED_AS_AMENDED). */
  finalText: string | null;
  /** The position in force of each group that stated one, in group order. */
  positions: { group: ConstituentGroup; position: Position; statement: string | null }[];
}

/**
 * Reads what the paper of one submission needs, in four statements (the caller's transaction when it
 * freezes the paper). Null when the submission does not exist.
 */
export async function loadPaperData(em: EntityManager, submissionId: string): Promise<PaperData | null> {
  const [head] = await em.query(
    `SELECT s.symbol, s.agenda_item_title AS "agendaItemTitle", s.point_for_decision AS "pointForDecision",
            coalesce(s.submitted_at, clock_timestamp()) AS date,
            gs.number AS "sessionNumber", gs.starts_at AS "sessionStartsAt", gs.ends_at AS "sessionEndsAt",
            i.id AS "instrumentId", i.reference, i.title, i.summary,
            m.id AS "meetingId", m.title AS "meetingTitle", m.venue, m.starts_at AS "meetingStartsAt", m.ends_at AS "meetingEndsAt",
            m.decision_rule AS "decisionRule",
            (SELECT coalesce(json_object_agg(x.g, x.n), '{}') FROM
               (SELECT p."group" AS g, count(*)::int AS n FROM meeting_participant p WHERE p.meeting_id = m.id GROUP BY p."group") x) AS participants
       FROM gb_submission s
       JOIN gb_session gs ON gs.id = s.session_id
       JOIN instrument i ON i.id = s.instrument_id
       JOIN experts_meeting m ON m.id = s.meeting_id
      WHERE s.id = $1`,
    [submissionId],
  );
  if (!head) return null;

  const rounds: PaperRound[] = await em.query(
    `SELECT r.number, v.number AS "versionNumber", r.opens_at AS "opensAt", r.closes_at AS "closesAt", r.closed_at AS "closedAt",
            (SELECT coalesce(json_object_agg(x.g, x.n), '{}') FROM
               (SELECT o."group" AS g, count(*)::int AS n FROM round_invitation ri JOIN organization o ON o.id = ri.organization_id
                 WHERE ri.round_id = r.id GROUP BY o."group") x) AS invited,
            (SELECT coalesce(json_object_agg(x.g, x.n), '{}') FROM
               (SELECT c."group" AS g, count(DISTINCT c.organization_id)::int AS n FROM comment c
                 WHERE c.round_id = r.id AND c.status = 'SUBMITTED' GROUP BY c."group") x) AS responding
       FROM consultation_round r JOIN draft_version v ON v.id = r.version_id
      WHERE r.instrument_id = $1 AND r.status <> 'SCHEDULED'
      ORDER BY r.number`,
    [head.instrumentId],
  );

  const comments: PaperComment[] = await em.query(
    `SELECT r.number AS round, g.key AS "guidelineKey", c."group", c.type, c.disposition
       FROM comment c JOIN consultation_round r ON r.id = c.round_id LEFT JOIN guideline g ON g.id = c.guideline_id
      WHERE r.instrument_id = $1 AND r.status <> 'SCHEDULED' AND c.status = 'SUBMITTED'
      ORDER BY r.number, c.submitted_at, c.id`,
    [head.instrumentId],
  );

  const items: PaperItem[] = await em.query(
    `SELECT g.key, g.number, g.title, sec.number AS "sectionNumber", sec.heading AS "sectionHeading", g.text,
            i.status, i.final_text AS "finalText",
            (SELECT coalesce(json_agg(json_build_object('group', p."group", 'position', p.position, 'statement', p.statement)
                                      ORDER BY array_position(ARRAY['GOVERNMENT','EMPLOYERS','WORKERS'], p."group")), '[]')
               FROM position_record p WHERE p.agenda_item_id = i.id AND p.current) AS positions
       FROM agenda_item i JOIN guideline g ON g.id = i.guideline_id JOIN section sec ON sec.id = g.section_id
      WHERE i.meeting_id = $1
      ORDER BY i.position`,
    [head.meetingId],
  );

  return {
    date: head.date,
    session: { number: head.sessionNumber, startsAt: head.sessionStartsAt, endsAt: head.sessionEndsAt },
    symbol: head.symbol,
    agendaItemTitle: head.agendaItemTitle,
    pointForDecision: head.pointForDecision,
    instrument: { reference: head.reference, title: head.title, summary: head.summary },
    rounds,
    comments,
    meeting: {
      title: head.meetingTitle,
      venue: head.venue,
      startsAt: head.meetingStartsAt,
      endsAt: head.meetingEndsAt,
      decisionRule: head.decisionRule,
      participants: head.participants,
      items,
    },
  };
}
