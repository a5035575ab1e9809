import { CONSTITUENT_GROUPS, type ConstituentGroup, type Position, type TallyOutcome } from '../enums';
import type { VoteResult } from './weighted-vote';

/** Each group's current position; a missing (or null) group has not stated one. */
export type PositionsByGroup = Partial<Record<ConstituentGroup, Position | null>>;

/** The contract's ItemTally without its id. Groups are listed GOVERNMENT, EMPLOYERS, WORKERS. */
export interface TallyResult {
  outcome: TallyOutcome;
  supporting: ConstituentGroup[];
  opposing: ConstituentGroup[];
  abstaining: ConstituentGroup[];
  reserving: ConstituentGroup[];
  pending: ConstituentGroup[];
}

type Lists = Omit<TallyResult, 'outcome'>;

export function groupPositions(positions: PositionsByGroup): Lists {
  const pick = (p: Position) => CONSTITUENT_GROUPS.filter((g) => positions[g] === p);
  return {
    supporting: pick('SUPPORT'),
    opposing: pick('OPPOSE'),
    abstaining: pick('ABSTAIN'),
    reserving: pick('RESERVATION'),
    pending: CONSTITUENT_GROUPS.filter((g) => positions[g] == null),
  };
}

export function voteOutcome(vote: Pick<VoteResult, 'carried'>): TallyOutcome {
  return vote.carried ? 'VOTE_CARRIED' : 'VOTE_FAILED';
}

/** Under CONSENSUS; a recorded vote decides instead (the meeting voted because consensus failed). */
export function tallyConsensus(positions: PositionsByGroup, vote?: Pick<VoteResult, 'carried'> | null): TallyResult {
  const lists = groupPositions(positions);
  return { outcome: vote ? voteOutcome(vote) : consensusOutcome(lists), ...lists };
}

function consensusOutcome(l: Lists): TallyOutcome {
  if (l.pending.length > 0) return 'INCOMPLETE';
  // RESERVATION and ABSTAIN do not block; one SUPPORT is needed.
  return l.opposing.length === 0 && l.supporting.length > 0 ? 'CONSENSUS' : 'NO_CONSENSUS';
}
