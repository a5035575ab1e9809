import { blocker, type Blocker } from '../blocker';
import type { Stage } from '../stages';
import { GUARDS } from './guards';
import type { WorkflowSnapshot } from './snapshot';
import { findMove, movesFrom, TRANSITIONS, type Transition } from './transitions';

export interface StageOption {
  stage: Stage;
  allowed: boolean;
  blockers: Blocker[];
}

/** Every unmet guard of moving to `to` (empty: the move may go ahead). */
export function evaluateMove(snapshot: WorkflowSnapshot, to: Stage, table: readonly Transition[] = TRANSITIONS): Blocker[] {
  const blockers: Blocker[] = [];
  if (!snapshot.actorMayAdvance) {
    blockers.push(blocker('NOT_PERMITTED', 'You may not advance this instrument'));
  }
  if (to === snapshot.stage) {
    blockers.push(blocker('ALREADY_IN_STAGE', `The instrument is already in ${to}`));
    return blockers;
  }
  const move = findMove(snapshot.stage, to, table);
  if (!move) {
    blockers.push(blocker('NOT_A_MOVE', `An instrument in ${snapshot.stage} cannot move to ${to}`));
    return blockers;
  }
  for (const name of move.guards) {
    for (const b of GUARDS[name](snapshot)) {
      // Two guards may report the same cause (e.g. NO_DECISION); say it once.
      if (!blockers.some((x) => x.code === b.code)) blockers.push(b);
    }
  }
  return blockers;
}

/** The moves from the current stage, in table order, each with what blocks it. */
export function nextStages(snapshot: WorkflowSnapshot, table: readonly Transition[] = TRANSITIONS): StageOption[] {
  return movesFrom(snapshot.stage, table).map((t) => {
    const blockers = evaluateMove(snapshot, t.to, table);
    return { stage: t.to, allowed: blockers.length === 0, blockers };
  });
}

/** Closing consultation before its deadline: allowed with a reason, and audited as such. */
export function isEarlyClose(snapshot: WorkflowSnapshot, to: Stage = 'CONSOLIDATION'): boolean {
  return (
    snapshot.stage === 'CONSULTATION' && to === 'CONSOLIDATION' && snapshot.openRound !== null && snapshot.openRound.closesAt.getTime() > snapshot.now.getTime()
  );
}
