import { Injectable } from '@nestjs/common';
import { Actor, AppError } from '@tripartite/common';
import type { VoteResult } from '@tripartite/domain';
import { groupBy, isUuid, validUuids } from './batch';
import { boardMeetingOf, readersOf, readsEveryMeeting } from './meeting-access';
import { ItemTallyRow, MeetingTallyRow, itemTallyOf, meetingTallyOf, voteResultOf } from './meeting-tally';
import {
  AgendaItemRepository,
  AgendaItemRow,
  AmendmentRepository,
  AmendmentRow,
  MeetingRepository,
  MeetingRow,
  ParticipantRepository,
  ParticipantRow,
  PositionRepository,
  PositionRow,
  VoteRepository,
} from './repositories';

export interface TallyWithReaders {
  tally: ItemTallyRow;
  meetingId: string;
  /** The meeting's participants and moderators. */
  readerIds: ReadonlySet<string>;
}

/** A vote of an item's history: the result it had, whether it is still in force, who recorded it and when. */
export interface VoteRecordRow {
  agendaItemId: string;
  result: VoteResult;
  current: boolean;
  recordedById: string;
  recordedAt: Date;
}

/** May the caller read the meeting of this tally? The same rule as the repositories' reader predicate, in memory. */
export function mayReadTally(actor: Actor | null, { readerIds, meetingId }: TallyWithReaders): boolean {
  const board = boardMeetingOf(actor);
  if (board !== null) return board === meetingId;
  return readsEveryMeeting(actor) || (actor !== null && readerIds.has(actor.userId));
}

/** A malformed id matches nothing (rather than failing in SQL), and no ids means no query. */
function batch<T>(ids: readonly string[], load: (valid: string[]) => Promise<T[]>): Promise<T[]> {
  const valid = validUuids(ids);
  return valid.length ? load(valid) : Promise.resolve([]);
}

/**
 * Reads of meetings. `get` and the instrument's list check the caller; the batch reads behind the
 * per-request loaders do not: they are reached from a meeting already checked.
 */
@Injectable()
export class MeetingReadService {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly participants: ParticipantRepository,
    private readonly items: AgendaItemRepository,
    private readonly positions: PositionRepository,
    private readonly amendments: AmendmentRepository,
    private readonly votes: VoteRepository,
  ) {}

  /** The meeting, if the caller may read it (participants, its moderators, secretariat, admins, observers); NOT_FOUND otherwise. */
  async get(actor: Actor | null, id: string): Promise<MeetingRow> {
    const board = boardMeetingOf(actor);
    // A board link reads its own meeting, as the system would; any other is NOT_FOUND to it.
    if (board !== null) {
      const own = board === id ? await this.meetings.readable(id, [true, null]) : null;
      if (!own) throw AppError.notFound('Meeting', id);
      return own;
    }
    const meeting = isUuid(id) ? await this.meetings.readable(id, readersOf(actor)) : null;
    if (!meeting) throw AppError.notFound('Meeting', id);
    return meeting;
  }

  /** One agenda item of a meeting the caller may read (NOT_FOUND otherwise). */
  async getItem(actor: Actor | null, id: string): Promise<AgendaItemRow> {
    const item = isUuid(id) ? await this.items.readable(id, readersOf(actor)) : null;
    if (!item) throw AppError.notFound('Agenda item', id);
    return item;
  }

  /** The meetings of each instrument the caller may read, oldest first. */
  async byInstrumentIds(actor: Actor | null, ids: readonly string[]): Promise<Map<string, MeetingRow[]>> {
    const rows = await batch(ids, (valid) => this.meetings.readableByInstrumentIds(valid, readersOf(actor)));
    return groupBy(ids, rows, (m) => m.instrumentId);
  }

  /**
   * One agenda item's tally with who may read its meeting besides those who read every meeting (null: no such
   * item): read once per live event, then filtered per subscriber with mayReadTally.
   */
  async itemTallyWithReaders(agendaItemId: string): Promise<TallyWithReaders | null> {
    if (!isUuid(agendaItemId)) return null;
    const source = await this.items.tallySourceWithReaders(agendaItemId);
    return source ? { tally: itemTallyOf(source), meetingId: source.meetingId, readerIds: new Set(source.readerIds) } : null;
  }

  // Batch reads for DataLoaders.

  byIds(ids: readonly string[]): Promise<MeetingRow[]> {
    return batch(ids, (valid) => this.meetings.byIds(valid));
  }

  async participantsByMeetingIds(ids: readonly string[]): Promise<Map<string, ParticipantRow[]>> {
    return groupBy(ids, await batch(ids, (valid) => this.participants.byMeetingIds(valid)), (p) => p.meetingId);
  }

  /** User ids of each meeting's moderators, in assignment order. */
  async moderatorIdsByMeetingIds(ids: readonly string[]): Promise<Map<string, string[]>> {
    const map = groupBy(ids, await batch(ids, (valid) => this.participants.moderatorsByMeetingIds(valid)), (r) => r.meetingId);
    return new Map([...map].map(([k, v]) => [k, v.map((r) => r.userId)]));
  }

  async agendaByMeetingIds(ids: readonly string[]): Promise<Map<string, AgendaItemRow[]>> {
    return groupBy(ids, await batch(ids, (valid) => this.items.byMeetingIds(valid)), (i) => i.meetingId);
  }

  /** The position in force per group, in group order. */
  async currentPositionsByItemIds(ids: readonly string[]): Promise<Map<string, PositionRow[]>> {
    return groupBy(ids, await batch(ids, (valid) => this.positions.currentByItemIds(valid)), (p) => p.subjectId);
  }

  /** Every position recorded, oldest first. */
  async positionHistoryByItemIds(ids: readonly string[]): Promise<Map<string, PositionRow[]>> {
    return groupBy(ids, await batch(ids, (valid) => this.positions.historyByItemIds(valid)), (p) => p.subjectId);
  }

  async amendmentsByItemIds(ids: readonly string[]): Promise<Map<string, AmendmentRow[]>> {
    return groupBy(ids, await batch(ids, (valid) => this.amendments.byItemIds(valid)), (a) => a.agendaItemId);
  }

  async currentAmendmentPositionsByIds(ids: readonly string[]): Promise<Map<string, PositionRow[]>> {
    return groupBy(ids, await batch(ids, (valid) => this.amendments.currentPositionsByIds(valid)), (p) => p.subjectId);
  }

  async amendmentPositionHistoryByIds(ids: readonly string[]): Promise<Map<string, PositionRow[]>> {
    return groupBy(ids, await batch(ids, (valid) => this.amendments.positionHistoryByIds(valid)), (p) => p.subjectId);
  }

  /** The current vote's result per item (absent: no vote). */
  async votesByItemIds(ids: readonly string[]): Promise<Map<string, VoteResult>> {
    const rows = await batch(ids, (valid) => this.votes.currentByItemIds(valid));
    return new Map(rows.map((r) => [r.agendaItemId, voteResultOf(r)]));
  }

  /** Every vote recorded on each item, oldest first (the last is the current one). */
  async voteHistoryByItemIds(ids: readonly string[]): Promise<Map<string, VoteRecordRow[]>> {
    const rows = await batch(ids, (valid) => this.votes.historyByItemIds(valid));
    const history = rows.map((v): VoteRecordRow => ({
      agendaItemId: v.agendaItemId,
      result: voteResultOf(v),
      current: v.current,
      recordedById: v.recordedBy,
      recordedAt: v.recordedAt,
    }));
    return groupBy(ids, history, (v) => v.agendaItemId);
  }

  itemsByIds(ids: readonly string[]): Promise<AgendaItemRow[]> {
    return batch(ids, (valid) => this.items.byIds(valid));
  }

  async itemTalliesByIds(ids: readonly string[]): Promise<ItemTallyRow[]> {
    return (await batch(ids, (valid) => this.items.tallySourcesByIds(valid))).map(itemTallyOf);
  }

  /** Each meeting's tally: its items' tallies and counts by status, from one statement for all the meetings. */
  async meetingTalliesByIds(ids: readonly string[]): Promise<Map<string, MeetingTallyRow>> {
    const byMeeting = groupBy(ids, await batch(ids, (valid) => this.items.tallySourcesByMeetingIds(valid)), (s) => s.meetingId);
    return new Map([...byMeeting].map(([id, list]) => [id, meetingTallyOf(id, list)]));
  }
}
