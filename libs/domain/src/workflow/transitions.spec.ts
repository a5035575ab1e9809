import { STAGES, type Stage } from '../stages';
import { GUARD_NAMES } from './guards';
import { assertValidTransitionTable, findMove, movesFrom, TRANSITIONS, validateTransitionTable, type TransitionLike } from './transitions';

// Written out by hand from DESIGN.md section 2, independent of TRANSITIONS.
const DESIGN_MOVES: [Stage, Stage][] = [
  ['DRAFTING', 'CONSULTATION'],
  ['CONSULTATION', 'CONSOLIDATION'],
  ['CONSOLIDATION', 'CONSULTATION'],
  ['CONSOLIDATION', 'EXPERTS_MEETING'],
  ['EXPERTS_MEETING', 'GB_SUBMISSION'],
  ['GB_SUBMISSION', 'DECIDED'],
  ['GB_SUBMISSION', 'CONSOLIDATION'],
  ['DRAFTING', 'WITHDRAWN'],
  ['CONSULTATION', 'WITHDRAWN'],
  ['CONSOLIDATION', 'WITHDRAWN'],
  ['EXPERTS_MEETING', 'WITHDRAWN'],
  ['GB_SUBMISSION', 'WITHDRAWN'],
];

const key = (from: string, to: string) => `${from}->${to}`;

describe('TRANSITIONS', () => {
  it('holds exactly the moves of the design', () => {
    expect(TRANSITIONS.map((t) => key(t.from, t.to)).sort()).toEqual(DESIGN_MOVES.map(([f, t]) => key(f, t)).sort());
  });

  it('is valid', () => {
    expect(validateTransitionTable(TRANSITIONS)).toEqual([]);
    expect(() => assertValidTransitionTable()).not.toThrow();
  });

  it('names its guards per move', () => {
    expect(findMove('DRAFTING', 'CONSULTATION')?.guards).toEqual([
      'scheduledRound',
      'roundVersionPublished',
      'roundDeadlineInFuture',
      'roundInvitesOrganizations',
    ]);
    expect(findMove('CONSOLIDATION', 'CONSULTATION')?.guards).toContain('roundVersionNewer');
    expect(findMove('CONSULTATION', 'CONSOLIDATION')?.guards).toEqual(['openRoundClosable']);
    expect(findMove('CONSOLIDATION', 'EXPERTS_MEETING')?.guards).toEqual(['commentsDisposed', 'meetingScheduled']);
    expect(findMove('EXPERTS_MEETING', 'GB_SUBMISSION')?.guards).toEqual(['meetingReportAdopted']);
    expect(findMove('GB_SUBMISSION', 'DECIDED')?.guards).toEqual(['finalDecision']);
    expect(findMove('GB_SUBMISSION', 'CONSOLIDATION')?.guards).toEqual(['referredBack']);
    for (const t of TRANSITIONS.filter((m) => m.to === 'WITHDRAWN')) expect(t.guards).toEqual(['reasonGiven']);
  });

  it('uses every guard somewhere', () => {
    const used = new Set(TRANSITIONS.flatMap((t) => t.guards));
    expect([...used].sort()).toEqual([...GUARD_NAMES].sort());
  });

  it.each(STAGES)('movesFrom(%s) follows the table order', (stage) => {
    expect(movesFrom(stage)).toEqual(TRANSITIONS.filter((t) => t.from === stage));
  });

  it('gives terminal stages no moves', () => {
    expect(movesFrom('DECIDED')).toEqual([]);
    expect(movesFrom('WITHDRAWN')).toEqual([]);
  });
});

describe('validateTransitionTable', () => {
  const table = (): TransitionLike[] => TRANSITIONS.map((t) => ({ ...t, guards: [...t.guards] }));
  const without = (from: string, to: string) => table().filter((t) => !(t.from === from && t.to === to));

  it('catches an unreachable stage', () => {
    const problems = validateTransitionTable(without('EXPERTS_MEETING', 'GB_SUBMISSION'));
    expect(problems).toContain('GB_SUBMISSION is not reachable from DRAFTING');
    expect(problems).toContain('DECIDED is not reachable from DRAFTING');
  });

  it('catches exits from terminal stages', () => {
    const problems = validateTransitionTable([...table(), { from: 'DECIDED', to: 'CONSOLIDATION', guards: [] }]);
    expect(problems).toEqual([expect.stringMatching(/DECIDED -> CONSOLIDATION: DECIDED is terminal/)]);
    expect(validateTransitionTable([...table(), { from: 'WITHDRAWN', to: 'DRAFTING', guards: [] }])).toEqual([expect.stringMatching(/WITHDRAWN is terminal/)]);
  });

  it('catches duplicate moves', () => {
    const problems = validateTransitionTable([...table(), { from: 'DRAFTING', to: 'CONSULTATION', guards: [] }]);
    expect(problems).toEqual([expect.stringMatching(/DRAFTING -> CONSULTATION: duplicate move/)]);
  });

  it('catches self-loops', () => {
    const problems = validateTransitionTable([...table(), { from: 'CONSOLIDATION', to: 'CONSOLIDATION', guards: [] }]);
    expect(problems).toEqual([expect.stringMatching(/may not move to itself/)]);
  });

  it('catches unknown guard names and repeated guards', () => {
    const t = table();
    t[0] = { ...t[0], guards: ['scheduledRound', 'moonIsFull', 'scheduledRound'] };
    const problems = validateTransitionTable(t);
    expect(problems).toEqual([expect.stringMatching(/unknown guard moonIsFull/), expect.stringMatching(/a guard is listed twice/)]);
  });

  it('checks guard names against the list it is given', () => {
    expect(validateTransitionTable(table(), ['reasonGiven'])).toEqual(expect.arrayContaining([expect.stringMatching(/unknown guard scheduledRound/)]));
  });

  it('catches unknown stages', () => {
    const problems = validateTransitionTable([...table(), { from: 'DRAFTING', to: 'LIMBO', guards: [] }]);
    expect(problems).toEqual([expect.stringMatching(/unknown stage LIMBO/)]);
  });

  it('catches a stage that cannot be withdrawn, and a withdrawal without a reason', () => {
    expect(validateTransitionTable(without('EXPERTS_MEETING', 'WITHDRAWN'))).toEqual(['EXPERTS_MEETING cannot be withdrawn']);
    const t = table().map((m) => (m.from === 'DRAFTING' && m.to === 'WITHDRAWN' ? { ...m, guards: [] } : m));
    expect(validateTransitionTable(t)).toEqual([expect.stringMatching(/DRAFTING -> WITHDRAWN: withdrawing must require a reason/)]);
  });

  it('reports every problem at once, and assert throws with all of them', () => {
    const broken: TransitionLike[] = [
      ...without('GB_SUBMISSION', 'DECIDED'),
      { from: 'DECIDED', to: 'DRAFTING', guards: [] },
      { from: 'DRAFTING', to: 'DRAFTING', guards: ['nope'] },
    ];
    const problems = validateTransitionTable(broken);
    expect(problems.length).toBeGreaterThanOrEqual(4);
    expect(() => assertValidTransitionTable(broken)).toThrow(new RegExp(problems.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')));
  });

  it('treats an empty table as broken', () => {
    expect(validateTransitionTable([])).toEqual(expect.arrayContaining(['CONSULTATION is not reachable from DRAFTING', 'DRAFTING cannot be withdrawn']));
  });
});
