import { ItemStatus, PositionsByGroup, TallyResult, VoteResult, tallyItem, weighVote, type DecisionRule } from '@tripartite/domain';
import type { StoredVote } from './repositories';

/** What an item's tally is computed from, read for many items in one statement (MeetingReadService). */
export interface TallySource {
  agendaItemId: string;
  meetingId: string;
  status: ItemStatus;
  decisionRule: DecisionRule;
  /** Current position per group (null: none recorded). */
  positions: PositionsByGroup | null;
  /** The current vote, if any. */
  vote: StoredVote | null;
}

export interface ItemTallyRow extends TallyResult {
  agendaItemId: string;
}

export interface MeetingTallyRow {
  meetingId: string;
  items: ItemTallyRow[];
  adopted: number;
  notAdopted: number;
  deferred: number;
  open: number;
}

/** A stored vote's result (its counts were validated against the same registered numbers when recorded). */
export function voteResultOf(vote: StoredVote): VoteResult {
  return weighVote(vote.votes, vote.registered);
}

export function itemTallyOf(source: TallySource): ItemTallyRow {
  const vote = source.vote ? voteResultOf(source.vote) : null;
  return { agendaItemId: source.agendaItemId, ...tallyItem(source.decisionRule, source.positions ?? {}, vote) };
}

const count = (sources: readonly TallySource[], ...statuses: ItemStatus[]) => sources.filter((s) => statuses.includes(s.status)).length;

/** Sources in agenda order. */
export function meetingTallyOf(meetingId: string, sources: readonly TallySource[]): MeetingTallyRow {
  return {
    meetingId,
    items: sources.map(itemTallyOf),
    adopted: count(sources, 'ADOPTED', 'ADOPTED_AS_AMENDED'),
    notAdopted: count(sources, 'NOT_ADOPTED'),
    deferred: count(sources, 'DEFERRED'),
    open: count(sources, 'PENDING', 'UNDER_DISCUSSION'),
  };
}
