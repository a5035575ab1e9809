import { Injectable } from '@nestjs/common';
import { Actor, AppError } from '@tripartite/common';
import { Transactions } from '@tripartite/database';
import type { VoteResult } from '@tripartite/domain';
import { readerParams, readerPredicate, readsEveryMeeting } from './meeting-access';
import { ItemTallyRow, MeetingTallyRow, TallySource, itemTallyOf, meetingTallyOf, voteResultOf } from './meeting-tally';
import {
  AgendaItemRow,
  AmendmentRow,
  MeetingRow,
  ParticipantRow,
  PositionRow,
  StoredVote,
  VoteRecordRow,
  amendmentColumns,
  amendmentPositionColumns,
  groupBy,
  isUuid,
  itemColumns,
  itemPositionColumns,
  meetingColumns,
  participantColumns,
  tallySourceSql as TALLY_SOURCE,
  validUuids,
} from './sql-columns';

export interface TallyWithReaders {
  tally: ItemTallyRow;
  /** The meeting's participants and moderators. */
  readerIds: ReadonlySet<string>;
}

/** May the caller read the meeting of this tally? The same rule as readerPredicate, in memory. */
export function mayReadTally(actor: Actor | null, { readerIds }: TallyWithReaders): boolean {
  return readsEveryMeeting(actor) || (actor !== null && readerIds.has(actor.userId));
}

/**
 * Reads of meetings. `get` and the instrument's list check the caller; the batch reads behind the
 * per-request loaders do not: they are reached from a meeting already checked.
 */
@Injectable()
export class MeetingReadService {
  constructor(private readonly tx: Transactions) {}

  /** The meeting, if the caller may read it (participants, its moderators, secretariat, admins, observers); NOT_FOUND otherwise. */
  async get(actor: Actor | null, id: string): Promise<MeetingRow> {
    const rows: MeetingRow[] = isUuid(id)
      ? await this.tx.dataSource.query(`SELECT ${meetingColumns('m')} FROM experts_meeting m WHERE m.id = $1 AND ${readerPredicate('m', '$2', '$3')}`, [
          id,
          ...readerParams(actor),
        ])
      : [];
    if (!rows.length) throw AppError.notFound('Meeting', id);
    return rows[0];
  }

  /** One agenda item of a meeting the caller may read (NOT_FOUND otherwise). */
  async getItem(actor: Actor | null, id: string): Promise<AgendaItemRow> {
    const rows: AgendaItemRow[] = isUuid(id)
      ? await this.tx.dataSource.query(
          `SELECT ${itemColumns('i')} FROM agenda_item i JOIN experts_meeting m ON m.id = i.meeting_id
            WHERE i.id = $1 AND ${readerPredicate('m', '$2', '$3')}`,
          [id, ...readerParams(actor)],
        )
      : [];
    if (!rows.length) throw AppError.notFound('Agenda item', id);
    return rows[0];
  }

  /** The meetings of each instrument the caller may read, oldest first. */
  async byInstrumentIds(actor: Actor | null, ids: readonly string[]): Promise<Map<string, MeetingRow[]>> {
    const valid = validUuids(ids);
    const rows: MeetingRow[] = valid.length
      ? await this.tx.dataSource.query(
          `SELECT ${meetingColumns('m')} FROM experts_meeting m
            WHERE m.instrument_id = ANY($1::uuid[]) AND ${readerPredicate('m', '$2', '$3')}
            ORDER BY m.instrument_id, m.created_at, m.id`,
          [valid, ...readerParams(actor)],
        )
      : [];
    return groupBy(ids, rows, (m) => m.instrumentId);
  }

  /**
   * One agenda item's tally with who may read its meeting besides those who read every meeting (null: no such
   * item): read once per live event, then filtered per subscriber with mayReadTally.
   */
  async itemTallyWithReaders(agendaItemId: string): Promise<TallyWithReaders | null> {
    if (!isUuid(agendaItemId)) return null;
    const [source]: (TallySource & { readerIds: string[] })[] = await this.tx.dataSource.query(
      `SELECT s.*, ARRAY(SELECT rp.user_id FROM meeting_participant rp WHERE rp.meeting_id = s."meetingId"
                         UNION SELECT rm.user_id FROM meeting_moderator rm WHERE rm.meeting_id = s."meetingId") AS "readerIds"
         FROM (${TALLY_SOURCE} WHERE i.id = $1) s`,
      [agendaItemId],
    );
    return source ? { tally: itemTallyOf(source), readerIds: new Set(source.readerIds) } : null;
  }

  // Batch reads for DataLoaders.

  byIds(ids: readonly string[]): Promise<MeetingRow[]> {
    return this.query(ids, (valid) => [`SELECT ${meetingColumns('m')} FROM experts_meeting m WHERE m.id = ANY($1::uuid[])`, [valid]]);
  }

  async participantsByMeetingIds(ids: readonly string[]): Promise<Map<string, ParticipantRow[]>> {
    const rows: ParticipantRow[] = await this.query(ids, (valid) => [
      `SELECT ${participantColumns('p')} FROM meeting_participant p
        WHERE p.meeting_id = ANY($1::uuid[])
        ORDER BY p.meeting_id, array_position(ARRAY['GOVERNMENT','EMPLOYERS','WORKERS'], p."group"),
                 array_position(ARRAY['CHAIR','VICE_CHAIR','SPOKESPERSON','EXPERT','ADVISER','OBSERVER'], p.role), p.added_at, p.id`,
      [valid],
    ]);
    return groupBy(ids, rows, (p) => p.meetingId);
  }

  /** User ids of each meeting's moderators, in assignment order. */
  async moderatorIdsByMeetingIds(ids: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { meetingId: string; userId: string }[] = await this.query(ids, (valid) => [
      `SELECT meeting_id AS "meetingId", user_id AS "userId" FROM meeting_moderator
        WHERE meeting_id = ANY($1::uuid[]) ORDER BY meeting_id, assigned_at, user_id`,
      [valid],
    ]);
    const map = groupBy(ids, rows, (r) => r.meetingId);
    return new Map([...map].map(([k, v]) => [k, v.map((r) => r.userId)]));
  }

  async agendaByMeetingIds(ids: readonly string[]): Promise<Map<string, AgendaItemRow[]>> {
    const rows: AgendaItemRow[] = await this.query(ids, (valid) => [
      `SELECT ${itemColumns('i')} FROM agenda_item i WHERE i.meeting_id = ANY($1::uuid[]) ORDER BY i.meeting_id, i.position`,
      [valid],
    ]);
    return groupBy(ids, rows, (i) => i.meetingId);
  }

  /** The position in force per group, in group order. */
  async currentPositionsByItemIds(ids: readonly string[]): Promise<Map<string, PositionRow[]>> {
    const rows: PositionRow[] = await this.query(ids, (valid) => [
      `SELECT ${itemPositionColumns('p')} FROM position_record p
        WHERE p.agenda_item_id = ANY($1::uuid[]) AND p.current
        ORDER BY p.agenda_item_id, array_position(ARRAY['GOVERNMENT','EMPLOYERS','WORKERS'], p."group")`,
      [valid],
    ]);
    return groupBy(ids, rows, (p) => p.subjectId);
  }

  /** Every position recorded, oldest first. */
  async positionHistoryByItemIds(ids: readonly string[]): Promise<Map<string, PositionRow[]>> {
    const rows: PositionRow[] = await this.query(ids, (valid) => [
      `SELECT ${itemPositionColumns('p')} FROM position_record p
        WHERE p.agenda_item_id = ANY($1::uuid[]) ORDER BY p.agenda_item_id, p.recorded_at, p.id`,
      [valid],
    ]);
    return groupBy(ids, rows, (p) => p.subjectId);
  }

  async amendmentsByItemIds(ids: readonly string[]): Promise<Map<string, AmendmentRow[]>> {
    const rows: AmendmentRow[] = await this.query(ids, (valid) => [
      `SELECT ${amendmentColumns('a')} FROM amendment a WHERE a.agenda_item_id = ANY($1::uuid[]) ORDER BY a.agenda_item_id, a.created_at, a.id`,
      [valid],
    ]);
    return groupBy(ids, rows, (a) => a.agendaItemId);
  }

  async currentAmendmentPositionsByIds(ids: readonly string[]): Promise<Map<string, PositionRow[]>> {
    const rows: PositionRow[] = await this.query(ids, (valid) => [
      `SELECT ${amendmentPositionColumns('p')} FROM amendment_position_record p
        WHERE p.amendment_id = ANY($1::uuid[]) AND p.current
        ORDER BY p.amendment_id, array_position(ARRAY['GOVERNMENT','EMPLOYERS','WORKERS'], p."group")`,
      [valid],
    ]);
    return groupBy(ids, rows, (p) => p.subjectId);
  }

  async amendmentPositionHistoryByIds(ids: readonly string[]): Promise<Map<string, PositionRow[]>> {
    const rows: PositionRow[] = await this.query(ids, (valid) => [
      `SELECT ${amendmentPositionColumns('p')} FROM amendment_position_record p
        WHERE p.amendment_id = ANY($1::uuid[]) ORDER BY p.amendment_id, p.recorded_at, p.id`,
      [valid],
    ]);
    return groupBy(ids, rows, (p) => p.subjectId);
  }

  /** The current vote's result per item (absent: no vote). */
  async votesByItemIds(ids: readonly string[]): Promise<Map<string, VoteResult>> {
    const rows: (StoredVote & { agendaItemId: string })[] = await this.query(ids, (valid) => [
      `SELECT agenda_item_id AS "agendaItemId", votes, registered FROM item_vote WHERE agenda_item_id = ANY($1::uuid[]) AND current`,
      [valid],
    ]);
    return new Map(rows.map((r) => [r.agendaItemId, voteResultOf(r)]));
  }

  /** Every vote recorded on each item, oldest first (the last is the current one). */
  async voteHistoryByItemIds(ids: readonly string[]): Promise<Map<string, VoteRecordRow[]>> {
    const rows: (StoredVote & Omit<VoteRecordRow, 'result'>)[] = await this.query(ids, (valid) => [
      `SELECT agenda_item_id AS "agendaItemId", votes, registered, current, recorded_by AS "recordedById", recorded_at AS "recordedAt"
         FROM item_vote WHERE agenda_item_id = ANY($1::uuid[]) ORDER BY agenda_item_id, recorded_at, id`,
      [valid],
    ]);
    const history = rows.map(({ votes, registered, ...row }): VoteRecordRow => ({ ...row, result: voteResultOf({ votes, registered }) }));
    return groupBy(ids, history, (v) => v.agendaItemId);
  }

  itemsByIds(ids: readonly string[]): Promise<AgendaItemRow[]> {
    return this.query(ids, (valid) => [`SELECT ${itemColumns('i')} FROM agenda_item i WHERE i.id = ANY($1::uuid[])`, [valid]]);
  }

  async itemTalliesByIds(ids: readonly string[]): Promise<ItemTallyRow[]> {
    const sources: TallySource[] = await this.query(ids, (valid) => [`${TALLY_SOURCE} WHERE i.id = ANY($1::uuid[])`, [valid]]);
    return sources.map(itemTallyOf);
  }

  /** Each meeting's tally: its items' tallies and counts by status, from one statement for all the meetings. */
  async meetingTalliesByIds(ids: readonly string[]): Promise<Map<string, MeetingTallyRow>> {
    const sources: TallySource[] = await this.query(ids, (valid) => [
      `${TALLY_SOURCE} WHERE i.meeting_id = ANY($1::uuid[]) ORDER BY i.meeting_id, i.position`,
      [valid],
    ]);
    const byMeeting = groupBy(ids, sources, (s) => s.meetingId);
    return new Map([...byMeeting].map(([id, list]) => [id, meetingTallyOf(id, list)]));
  }

  /** A malformed id matches nothing (rather than failing in SQL), and no ids means no query. */
  private async query<T>(ids: readonly string[], build: (valid: string[]) => [string, unknown[]]): Promise<T[]> {
    const valid = validUuids(ids);
    if (!valid.length) return [];
    const [sql, params] = build(valid);
    return this.tx.dataSource.query(sql, params);
  }
}
