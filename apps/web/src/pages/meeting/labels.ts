// The meeting room's enums in words, each with a symbol so colour is never the only signal.
import type { AmendmentStatus, ConstituentGroup, DecisionRule, ItemStatus, MeetingStatus, Position, TallyOutcome } from '../../gql/graphql';

export interface Label {
  words: string;
  symbol: string;
}

export const POSITION_LABELS: Record<Position, Label> = {
  SUPPORT: { words: 'Support', symbol: '✓' },
  OPPOSE: { words: 'Oppose', symbol: '✗' },
  ABSTAIN: { words: 'Abstain', symbol: '–' },
  RESERVATION: { words: 'Reservation', symbol: '!' },
};

/** A group that has not stated a position yet. */
export const NO_POSITION: Label = { words: 'No position', symbol: '…' };

/** The console's order of the buttons, and the number key of each. */
export const POSITION_ORDER: Position[] = ['SUPPORT', 'OPPOSE', 'ABSTAIN', 'RESERVATION'];

/** The console's group keys: g, e, w. */
export const GROUP_KEYS: Record<string, ConstituentGroup> = { g: 'GOVERNMENT', e: 'EMPLOYERS', w: 'WORKERS' };

export const OUTCOME_LABELS: Record<TallyOutcome, Label> = {
  INCOMPLETE: { words: 'Incomplete', symbol: '…' },
  CONSENSUS: { words: 'Consensus', symbol: '✓' },
  NO_CONSENSUS: { words: 'No consensus', symbol: '✗' },
  VOTE_CARRIED: { words: 'Vote carried', symbol: '✓' },
  VOTE_FAILED: { words: 'Vote failed', symbol: '✗' },
};

export const ITEM_STATUS_WORDS: Record<ItemStatus, string> = {
  PENDING: 'Pending',
  UNDER_DISCUSSION: 'Under discussion',
  ADOPTED: 'Adopted',
  ADOPTED_AS_AMENDED: 'Adopted as amended',
  NOT_ADOPTED: 'Not adopted',
  DEFERRED: 'Deferred',
};

/** The verb of each close choice ("Adopt", "Defer" ...). */
export const CLOSE_ACTION_WORDS: Record<'ADOPTED' | 'ADOPTED_AS_AMENDED' | 'NOT_ADOPTED' | 'DEFERRED', string> = {
  ADOPTED: 'Adopt',
  ADOPTED_AS_AMENDED: 'Adopt as amended',
  NOT_ADOPTED: 'Do not adopt',
  DEFERRED: 'Defer',
};

export const AMENDMENT_STATUS_WORDS: Record<AmendmentStatus, string> = {
  PROPOSED: 'Proposed',
  ACCEPTED: 'Accepted',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
};

export const MEETING_STATUS_WORDS: Record<MeetingStatus, string> = {
  SCHEDULED: 'Scheduled',
  IN_SESSION: 'In session',
  CLOSED: 'Closed',
  REPORT_ADOPTED: 'Report adopted',
};

export const DECISION_RULE_WORDS: Record<DecisionRule, string> = {
  CONSENSUS: 'Consensus (a vote may decide when it fails)',
  GROUP_WEIGHTED_VOTE: 'Group-weighted vote',
};

/** The position lists of an ItemTally, by position. */
export const TALLY_LISTS: Record<Position, 'supporting' | 'opposing' | 'abstaining' | 'reserving'> = {
  SUPPORT: 'supporting',
  OPPOSE: 'opposing',
  ABSTAIN: 'abstaining',
  RESERVATION: 'reserving',
};

export interface TallyLists {
  supporting: ConstituentGroup[];
  opposing: ConstituentGroup[];
  abstaining: ConstituentGroup[];
  reserving: ConstituentGroup[];
}

/** A group's position as an ItemTally lists it (null: none yet). */
export function positionInTally(tally: TallyLists, group: ConstituentGroup): Position | null {
  return POSITION_ORDER.find((p) => tally[TALLY_LISTS[p]].includes(group)) ?? null;
}

/** "Government", "Government and Workers", "Government, Employers and Workers". */
export function listOf(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "Guideline 1.2", with its title when it has one. */
export function itemName(item: { guideline: { number: string; title: string | null } }): string {
  return `Guideline ${item.guideline.number}${item.guideline.title ? ` (${item.guideline.title})` : ''}`;
}
