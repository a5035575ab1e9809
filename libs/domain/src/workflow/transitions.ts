import { isStage, isTerminalStage, STAGES, TERMINAL_STAGES, type Stage } from '../stages';
import { GUARD_NAMES, type GuardName } from './guards';

export interface Transition {
  readonly from: Stage;
  readonly to: Stage;
  readonly guards: readonly GuardName[];
}

/** Loose shape, so a table from anywhere can be checked before it is trusted. */
export interface TransitionLike {
  readonly from: string;
  readonly to: string;
  readonly guards: readonly string[];
}

const opensRound: GuardName[] = ['scheduledRound', 'roundVersionPublished', 'roundDeadlineInFuture', 'roundInvitesOrganizations'];

/** DESIGN.md section 2. Order matters: nextStages lists moves in this order. */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'DRAFTING', to: 'CONSULTATION', guards: opensRound },
  { from: 'DRAFTING', to: 'WITHDRAWN', guards: ['reasonGiven'] },
  { from: 'CONSULTATION', to: 'CONSOLIDATION', guards: ['openRoundClosable'] },
  { from: 'CONSULTATION', to: 'WITHDRAWN', guards: ['reasonGiven'] },
  // Another round opens a round too, so it is held to the same checks plus a newer version.
  { from: 'CONSOLIDATION', to: 'CONSULTATION', guards: [...opensRound, 'roundVersionNewer'] },
  { from: 'CONSOLIDATION', to: 'EXPERTS_MEETING', guards: ['commentsDisposed', 'meetingScheduled'] },
  { from: 'CONSOLIDATION', to: 'WITHDRAWN', guards: ['reasonGiven'] },
  { from: 'EXPERTS_MEETING', to: 'GB_SUBMISSION', guards: ['meetingReportAdopted'] },
  { from: 'EXPERTS_MEETING', to: 'WITHDRAWN', guards: ['reasonGiven'] },
  { from: 'GB_SUBMISSION', to: 'DECIDED', guards: ['finalDecision'] },
  { from: 'GB_SUBMISSION', to: 'CONSOLIDATION', guards: ['referredBack'] },
  { from: 'GB_SUBMISSION', to: 'WITHDRAWN', guards: ['reasonGiven'] },
];

export function movesFrom(stage: Stage, table: readonly Transition[] = TRANSITIONS): Transition[] {
  return table.filter((t) => t.from === stage);
}

export function findMove(from: Stage, to: Stage, table: readonly Transition[] = TRANSITIONS): Transition | undefined {
  return table.find((t) => t.from === from && t.to === to);
}

/** Every problem with a table (empty when sound), so one boot failure shows them all. */
export function validateTransitionTable(table: readonly TransitionLike[], knownGuards: readonly string[] = GUARD_NAMES): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();

  table.forEach((t, i) => {
    const name = `move #${i} ${t.from} -> ${t.to}`;
    if (!isStage(t.from)) problems.push(`${name}: unknown stage ${t.from}`);
    if (!isStage(t.to)) problems.push(`${name}: unknown stage ${t.to}`);
    if (t.from === t.to) problems.push(`${name}: a stage may not move to itself`);
    if (isStage(t.from) && isTerminalStage(t.from)) problems.push(`${name}: ${t.from} is terminal and may have no exits`);
    const key = `${t.from}->${t.to}`;
    if (seen.has(key)) problems.push(`${name}: duplicate move`);
    seen.add(key);
    for (const g of t.guards) {
      if (!knownGuards.includes(g)) problems.push(`${name}: unknown guard ${g}`);
    }
    if (new Set(t.guards).size !== t.guards.length) problems.push(`${name}: a guard is listed twice`);
    if (t.to === 'WITHDRAWN' && !t.guards.includes('reasonGiven')) {
      problems.push(`${name}: withdrawing must require a reason (guard reasonGiven)`);
    }
  });

  const reached = reachableFrom('DRAFTING', table);
  for (const stage of STAGES) {
    if (!reached.has(stage)) problems.push(`${stage} is not reachable from DRAFTING`);
    if (!TERMINAL_STAGES.includes(stage) && !table.some((t) => t.from === stage && t.to === 'WITHDRAWN')) {
      problems.push(`${stage} cannot be withdrawn`);
    }
  }
  return problems;
}

/** Called at boot: a broken table must stop the app, not surface as odd blockers later. */
export function assertValidTransitionTable(table: readonly TransitionLike[] = TRANSITIONS): void {
  const problems = validateTransitionTable(table);
  if (problems.length > 0) {
    throw new Error(`Invalid stage transition table:\n- ${problems.join('\n- ')}`);
  }
}

function reachableFrom(start: string, table: readonly TransitionLike[]): Set<string> {
  const reached = new Set<string>([start]);
  const queue = [start];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const t of table) {
      if (t.from === s && !reached.has(t.to)) {
        reached.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return reached;
}
