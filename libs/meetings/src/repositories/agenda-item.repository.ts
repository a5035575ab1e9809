import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { DecisionRule, ItemStatus, MeetingStatus } from '@tripartite/domain';
import { DraftingMeetingsReadModel } from '@tripartite/drafting';
import { AgendaItemEntity } from '../agenda-item.entity';
import type { TallySource } from '../meeting-tally';
import { Readers, readerPredicate } from './reader-predicate';

/** An agenda item as read back: the column `position` is the contract's `order`. */
export interface AgendaItemRow extends Omit<AgendaItemEntity, 'position'> {
  order: number;
}

/** An agenda item locked for a change, with its meeting's facts. */
export interface LockedItem extends AgendaItemRow {
  meetingStatus: MeetingStatus;
  decisionRule: DecisionRule;
  isModerator: boolean;
}

/** An item still open, as closing its meeting names it. */
export interface OpenItem {
  order: number;
  number: string;
  status: ItemStatus;
}

/** Where an item's final text comes from: its guideline's text, or its accepted amendment's (null: none). */
export interface ClosingTexts {
  guidelineText: string;
  amendedText: string | null;
}

// Everything an item's tally needs, in one statement for any number of items.
const TALLY_SOURCE = `
  SELECT i.id AS "agendaItemId", i.meeting_id AS "meetingId", i.status, m.decision_rule AS "decisionRule",
         (SELECT json_object_agg(p."group", p.position) FROM position_record p WHERE p.agenda_item_id = i.id AND p.current) AS positions,
         (SELECT json_build_object('votes', v.votes, 'registered', v.registered)
            FROM item_vote v WHERE v.agenda_item_id = i.id AND v.current) AS vote
    FROM agenda_item i JOIN experts_meeting m ON m.id = i.meeting_id`;

/** The agenda_item table, and the tally's one statement over an item's positions and vote. */
@Injectable()
export class AgendaItemRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafting: DraftingMeetingsReadModel,
  ) {}

  private columns(alias: string): string {
    return `${selectList(this.dataSource, AgendaItemEntity, alias, ['position'])}, ${alias}.position AS "order"`;
  }

  /** One PENDING item per guideline, in the order given (1..n); the number of items. */
  async insertAgenda(tx: Tx, meetingId: string, guidelineIds: readonly string[]): Promise<number> {
    const items: unknown[] = await tx.em.query(
      `INSERT INTO agenda_item (meeting_id, guideline_id, position)
       SELECT $1, g.id, g.n FROM unnest($2::uuid[]) WITH ORDINALITY AS g(id, n) RETURNING id`,
      [meetingId, guidelineIds],
    );
    return items.length;
  }

  /** Locks the item, and its meeting for share (so the meeting cannot close or reopen under it); null when none. */
  async lock(tx: Tx, agendaItemId: string, userId: string): Promise<LockedItem | null> {
    const [item]: LockedItem[] = await tx.em.query(
      `SELECT ${this.columns('i')}, m.status AS "meetingStatus", m.decision_rule AS "decisionRule",
              EXISTS (SELECT 1 FROM meeting_moderator mm WHERE mm.meeting_id = m.id AND mm.user_id = $2) AS "isModerator"
         FROM agenda_item i JOIN experts_meeting m ON m.id = i.meeting_id
        WHERE i.id = $1 FOR UPDATE OF i FOR SHARE OF m`,
      [agendaItemId, userId],
    );
    return item ?? null;
  }

  /** Every change to an item bumps its revision. */
  bump(tx: Tx, agendaItemId: string): Promise<AgendaItemRow> {
    return this.update(tx, agendaItemId);
  }

  open(tx: Tx, agendaItemId: string): Promise<AgendaItemRow> {
    return this.update(tx, agendaItemId, `status = 'UNDER_DISCUSSION', opened_at = clock_timestamp()`);
  }

  close(tx: Tx, agendaItemId: string, status: ItemStatus, finalText: string | null): Promise<AgendaItemRow> {
    return this.update(tx, agendaItemId, `status = $2, final_text = $3, closed_at = clock_timestamp()`, [status, finalText]);
  }

  private async update(tx: Tx, agendaItemId: string, set = '', params: unknown[] = []): Promise<AgendaItemRow> {
    const [[updated]]: [AgendaItemRow[]] = await tx.em.query(
      `UPDATE agenda_item i SET ${set ? `${set}, ` : ''}revision = revision + 1, updated_at = clock_timestamp()
        WHERE i.id = $1 RETURNING ${this.columns('i')}`,
      [agendaItemId, ...params],
    );
    return updated;
  }

  /** The meeting's items still PENDING or UNDER_DISCUSSION, in agenda order. */
  openItems(tx: Tx, meetingId: string): Promise<OpenItem[]> {
    return tx.em.query(
      `SELECT i.position AS "order", ${this.drafting.guidelineNumberOf('i.guideline_id')} AS number, i.status FROM agenda_item i
        WHERE i.meeting_id = $1 AND i.status IN ('PENDING','UNDER_DISCUSSION') ORDER BY i.position`,
      [meetingId],
    );
  }

  async closingTexts(tx: Tx, agendaItemId: string): Promise<ClosingTexts> {
    const [texts]: ClosingTexts[] = await tx.em.query(
      `SELECT ${this.drafting.guidelineTextOf('i.guideline_id')} AS "guidelineText",
              (SELECT a.text FROM amendment a WHERE a.agenda_item_id = i.id AND a.status = 'ACCEPTED') AS "amendedText"
         FROM agenda_item i WHERE i.id = $1`,
      [agendaItemId],
    );
    return texts;
  }

  async tallySource(tx: Tx, agendaItemId: string): Promise<TallySource> {
    const [source]: TallySource[] = await tx.em.query(`${TALLY_SOURCE} WHERE i.id = $1`, [agendaItemId]);
    return source;
  }

  /** An item's tally source with the ids of its meeting's participants and moderators; null when no such item. */
  async tallySourceWithReaders(agendaItemId: string): Promise<(TallySource & { readerIds: string[] }) | null> {
    const [source]: (TallySource & { readerIds: string[] })[] = await this.dataSource.query(
      `SELECT s.*, ARRAY(SELECT rp.user_id FROM meeting_participant rp WHERE rp.meeting_id = s."meetingId"
                         UNION SELECT rm.user_id FROM meeting_moderator rm WHERE rm.meeting_id = s."meetingId") AS "readerIds"
         FROM (${TALLY_SOURCE} WHERE i.id = $1) s`,
      [agendaItemId],
    );
    return source ?? null;
  }

  tallySourcesByIds(ids: readonly string[]): Promise<TallySource[]> {
    return this.dataSource.query(`${TALLY_SOURCE} WHERE i.id = ANY($1::uuid[])`, [ids]);
  }

  /** In agenda order. */
  tallySourcesByMeetingIds(ids: readonly string[]): Promise<TallySource[]> {
    return this.dataSource.query(`${TALLY_SOURCE} WHERE i.meeting_id = ANY($1::uuid[]) ORDER BY i.meeting_id, i.position`, [ids]);
  }

  /** The item if `readers` may read its meeting. */
  async readable(agendaItemId: string, readers: Readers): Promise<AgendaItemRow | null> {
    const [row]: AgendaItemRow[] = await this.dataSource.query(
      `SELECT ${this.columns('i')} FROM agenda_item i JOIN experts_meeting m ON m.id = i.meeting_id
        WHERE i.id = $1 AND ${readerPredicate('m', '$2', '$3')}`,
      [agendaItemId, ...readers],
    );
    return row ?? null;
  }

  /** In agenda order. */
  byMeetingIds(ids: readonly string[]): Promise<AgendaItemRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('i')} FROM agenda_item i WHERE i.meeting_id = ANY($1::uuid[]) ORDER BY i.meeting_id, i.position`, [
      ids,
    ]);
  }

  byIds(ids: readonly string[]): Promise<AgendaItemRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('i')} FROM agenda_item i WHERE i.id = ANY($1::uuid[])`, [ids]);
  }
}
