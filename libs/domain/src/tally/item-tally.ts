import { blocker, type Blocker } from '../blocker';
import { GROUP_LABELS, type AmendmentStatus, type ConstituentGroup, type DecisionRule, type ItemStatus, type TallyOutcome } from '../enums';
import { groupPositions, tallyConsensus, voteOutcome, type PositionsByGroup, type TallyResult } from './consensus';
import type { VoteResult } from './weighted-vote';

/**
 * An item's tally under its meeting's rule. Under GROUP_WEIGHTED_VOTE only a
 * vote decides, so it stays INCOMPLETE until one is recorded; positions are
 * listed either way.
 */
export function tallyItem(rule: DecisionRule, positions: PositionsByGroup, vote?: Pick<VoteResult, 'carried'> | null): TallyResult {
  if (rule === 'CONSENSUS') return tallyConsensus(positions, vote);
  return { outcome: vote ? voteOutcome(vote) : 'INCOMPLETE', ...groupPositions(positions) };
}

export interface CloseItemContext {
  outcome: TallyOutcome;
  hasAcceptedAmendment: boolean;
  itemStatus: ItemStatus;
}

/** What stops closeAgendaItem from setting `target` (every problem, not the first). */
export function closeItemBlockers(target: ItemStatus, ctx: CloseItemContext): Blocker[] {
  const blockers: Blocker[] = [];
  if (ctx.itemStatus !== 'UNDER_DISCUSSION') {
    blockers.push(blocker('ITEM_NOT_UNDER_DISCUSSION', `The item is ${ctx.itemStatus}, not under discussion`));
  }
  switch (target) {
    case 'ADOPTED':
      if (ctx.outcome !== 'CONSENSUS' && ctx.outcome !== 'VOTE_CARRIED') {
        blockers.push(blocker('NO_AGREEMENT', `Adopting needs consensus or a carried vote; the tally is ${ctx.outcome}`));
      }
      break;
    case 'ADOPTED_AS_AMENDED':
      if (!ctx.hasAcceptedAmendment) {
        blockers.push(blocker('NO_ACCEPTED_AMENDMENT', 'Adopting as amended needs an accepted amendment'));
      }
      break;
    case 'NOT_ADOPTED':
    case 'DEFERRED':
      break;
    case 'PENDING':
    case 'UNDER_DISCUSSION':
      blockers.push(blocker('NOT_A_CLOSING_STATUS', `${target} does not close an item`));
      break;
  }
  return blockers;
}

/** decideAmendment ACCEPTED: the amendment's own positions must reach consensus. */
export function amendmentAcceptBlockers(positions: PositionsByGroup, currentStatus?: AmendmentStatus): Blocker[] {
  const blockers: Blocker[] = [];
  if (currentStatus !== undefined && currentStatus !== 'PROPOSED') {
    blockers.push(blocker('AMENDMENT_NOT_PROPOSED', `The amendment is already ${currentStatus}`));
  }
  const tally = tallyConsensus(positions);
  if (tally.outcome === 'INCOMPLETE') {
    blockers.push(blocker('AMENDMENT_INCOMPLETE', `No position recorded yet for ${names(tally.pending)}`));
  } else if (tally.outcome === 'NO_CONSENSUS') {
    blockers.push(blocker('AMENDMENT_NO_CONSENSUS', tally.opposing.length > 0 ? `Opposed by ${names(tally.opposing)}` : 'No group supports the amendment'));
  }
  return blockers;
}

function names(groups: ConstituentGroup[]): string {
  const labels = groups.map((g) => GROUP_LABELS[g]);
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}
