import { GB_DECISIONS, type GbDecision } from '../enums';
import { STAGES, type Stage } from '../stages';
import { GUARDS } from './guards';
import { evaluateMove, isEarlyClose, nextStages } from './machine';
import type { WorkflowSnapshot } from './snapshot';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

/** A snapshot in which every guard of every move from `stage` passes. */
function ready(stage: Stage, overrides: Partial<WorkflowSnapshot> = {}): WorkflowSnapshot {
  return {
    stage,
    now: NOW,
    reason: 'Because the Office says so',
    actorMayAdvance: true,
    latestPublishedVersionNumber: 2,
    scheduledRound: { versionNumber: 2, versionPublished: true, closesAt: at(24 * HOUR), invitedCount: 12 },
    openRound: { closesAt: at(-HOUR) },
    lastRoundVersionNumber: 1,
    undisposedComments: 0,
    scheduledMeeting: true,
    meetingReportAdopted: true,
    gbDecision: 'APPROVED',
    ...overrides,
  };
}

const codes = (s: WorkflowSnapshot, to: Stage) => evaluateMove(s, to).map((b) => b.code);

// From DESIGN.md section 2, written out independently of the table.
const ALLOWED = new Set([
  'DRAFTING->CONSULTATION',
  'CONSULTATION->CONSOLIDATION',
  'CONSOLIDATION->CONSULTATION',
  'CONSOLIDATION->EXPERTS_MEETING',
  'EXPERTS_MEETING->GB_SUBMISSION',
  'GB_SUBMISSION->DECIDED',
  'GB_SUBMISSION->CONSOLIDATION',
  'DRAFTING->WITHDRAWN',
  'CONSULTATION->WITHDRAWN',
  'CONSOLIDATION->WITHDRAWN',
  'EXPERTS_MEETING->WITHDRAWN',
  'GB_SUBMISSION->WITHDRAWN',
]);

describe('evaluateMove: every ordered pair of stages', () => {
  const pairs = STAGES.flatMap((from) => STAGES.map((to) => [from, to] as const));

  it('covers 49 pairs', () => expect(pairs).toHaveLength(49));

  it.each(pairs)('%s -> %s', (from, to) => {
    const snapshot = ready(from, { gbDecision: to === 'CONSOLIDATION' ? 'REFERRED_BACK' : 'APPROVED' });
    const blockers = evaluateMove(snapshot, to);
    if (from === to) {
      expect(blockers.map((b) => b.code)).toEqual(['ALREADY_IN_STAGE']);
    } else if (ALLOWED.has(`${from}->${to}`)) {
      expect(blockers).toEqual([]);
    } else {
      expect(blockers).toEqual([{ code: 'NOT_A_MOVE', message: `An instrument in ${from} cannot move to ${to}` }]);
    }
  });
});

describe('NOT_PERMITTED', () => {
  it('is added to an otherwise allowed move', () => {
    expect(codes(ready('DRAFTING', { actorMayAdvance: false }), 'CONSULTATION')).toEqual(['NOT_PERMITTED']);
  });
  it('is listed beside the other blockers', () => {
    expect(codes(ready('DRAFTING', { actorMayAdvance: false, scheduledRound: null }), 'CONSULTATION')).toEqual(['NOT_PERMITTED', 'NO_SCHEDULED_ROUND']);
    expect(codes(ready('DECIDED', { actorMayAdvance: false }), 'DRAFTING')).toEqual(['NOT_PERMITTED', 'NOT_A_MOVE']);
    expect(codes(ready('DECIDED', { actorMayAdvance: false }), 'DECIDED')).toEqual(['NOT_PERMITTED', 'ALREADY_IN_STAGE']);
  });
});

describe('DRAFTING -> CONSULTATION', () => {
  const round = ready('DRAFTING').scheduledRound!;
  const move = (o: Partial<WorkflowSnapshot>) => codes(ready('DRAFTING', o), 'CONSULTATION');

  it('passes with a scheduled round on a published version, a future deadline and invitations', () => {
    expect(move({})).toEqual([]);
  });
  it('NO_SCHEDULED_ROUND', () => expect(move({ scheduledRound: null })).toEqual(['NO_SCHEDULED_ROUND']));
  it('VERSION_NOT_PUBLISHED on the round', () => expect(move({ scheduledRound: { ...round, versionPublished: false } })).toEqual(['VERSION_NOT_PUBLISHED']));
  it('VERSION_NOT_PUBLISHED with no round and nothing published', () =>
    expect(move({ scheduledRound: null, latestPublishedVersionNumber: null })).toEqual(['NO_SCHEDULED_ROUND', 'VERSION_NOT_PUBLISHED']));
  it('DEADLINE_NOT_IN_FUTURE when closesAt is now or past', () => {
    expect(move({ scheduledRound: { ...round, closesAt: NOW } })).toEqual(['DEADLINE_NOT_IN_FUTURE']);
    expect(move({ scheduledRound: { ...round, closesAt: at(-1) } })).toEqual(['DEADLINE_NOT_IN_FUTURE']);
    expect(move({ scheduledRound: { ...round, closesAt: at(1) } })).toEqual([]);
  });
  it('NO_INVITED_ORGANIZATIONS', () => {
    expect(move({ scheduledRound: { ...round, invitedCount: 0 } })).toEqual(['NO_INVITED_ORGANIZATIONS']);
    expect(move({ scheduledRound: { ...round, invitedCount: 1 } })).toEqual([]);
  });
  it('lists every unmet guard', () => {
    expect(
      move({
        actorMayAdvance: false,
        scheduledRound: { versionNumber: 1, versionPublished: false, closesAt: at(-HOUR), invitedCount: 0 },
      }),
    ).toEqual(['NOT_PERMITTED', 'VERSION_NOT_PUBLISHED', 'DEADLINE_NOT_IN_FUTURE', 'NO_INVITED_ORGANIZATIONS']);
  });
  it('ignores the last round (there is none before the first)', () => {
    expect(move({ lastRoundVersionNumber: null })).toEqual([]);
  });
});

describe('CONSULTATION -> CONSOLIDATION', () => {
  const move = (o: Partial<WorkflowSnapshot>) => evaluateMove(ready('CONSULTATION', o), 'CONSOLIDATION');

  it('passes once the deadline has passed, with or without a reason', () => {
    expect(move({ openRound: { closesAt: at(-1) }, reason: null })).toEqual([]);
    expect(move({ openRound: { closesAt: NOW }, reason: undefined })).toEqual([]);
  });
  it('DEADLINE_NOT_PASSED before the deadline without a reason, asking for one', () => {
    for (const reason of [null, undefined, '', '   ']) {
      const blockers = move({ openRound: { closesAt: at(1) }, reason });
      expect(blockers.map((b) => b.code)).toEqual(['DEADLINE_NOT_PASSED']);
      expect(blockers[0].message).toMatch(/reason/);
      expect(blockers[0].message).toContain(at(1).toISOString());
    }
  });
  it('passes early with a reason', () => {
    expect(move({ openRound: { closesAt: at(HOUR) }, reason: 'Constituents asked' })).toEqual([]);
  });
  it('NO_OPEN_ROUND, even with a reason', () => {
    expect(move({ openRound: null }).map((b) => b.code)).toEqual(['NO_OPEN_ROUND']);
  });
});

describe('CONSOLIDATION -> CONSULTATION (another round)', () => {
  const round = ready('CONSOLIDATION').scheduledRound!;
  const move = (o: Partial<WorkflowSnapshot>) => codes(ready('CONSOLIDATION', o), 'CONSULTATION');

  it('passes with a scheduled round on a newer published version', () => expect(move({})).toEqual([]));
  it('NO_NEWER_VERSION when the round is on the version already consulted, or an older one', () => {
    expect(move({ scheduledRound: { ...round, versionNumber: 1 } })).toEqual(['NO_NEWER_VERSION']);
    expect(move({ scheduledRound: { ...round, versionNumber: 1 }, lastRoundVersionNumber: 2 })).toEqual(['NO_NEWER_VERSION']);
  });
  it('NO_SCHEDULED_ROUND, and NO_NEWER_VERSION when no revision is published either', () => {
    expect(move({ scheduledRound: null })).toEqual(['NO_SCHEDULED_ROUND']);
    expect(move({ scheduledRound: null, latestPublishedVersionNumber: 1 })).toEqual(['NO_SCHEDULED_ROUND', 'NO_NEWER_VERSION']);
  });
  it('VERSION_NOT_PUBLISHED', () => expect(move({ scheduledRound: { ...round, versionPublished: false } })).toEqual(['VERSION_NOT_PUBLISHED']));
  it('holds the new round to the same opening checks', () => {
    expect(move({ scheduledRound: { ...round, closesAt: NOW, invitedCount: 0 } })).toEqual(['DEADLINE_NOT_IN_FUTURE', 'NO_INVITED_ORGANIZATIONS']);
  });
  it('lists every unmet guard', () => {
    expect(
      move({
        actorMayAdvance: false,
        scheduledRound: { versionNumber: 1, versionPublished: false, closesAt: NOW, invitedCount: 0 },
      }),
    ).toEqual(['NOT_PERMITTED', 'VERSION_NOT_PUBLISHED', 'DEADLINE_NOT_IN_FUTURE', 'NO_INVITED_ORGANIZATIONS', 'NO_NEWER_VERSION']);
  });
});

describe('CONSOLIDATION -> EXPERTS_MEETING', () => {
  const move = (o: Partial<WorkflowSnapshot>) => evaluateMove(ready('CONSOLIDATION', o), 'EXPERTS_MEETING');

  it('passes when every comment is disposed and a meeting is scheduled', () => expect(move({})).toEqual([]));
  it('UNDISPOSED_COMMENTS, counted for a person', () => {
    expect(move({ undisposedComments: 1 })).toEqual([{ code: 'UNDISPOSED_COMMENTS', message: '1 comment has no disposition' }]);
    expect(move({ undisposedComments: 3 })).toEqual([{ code: 'UNDISPOSED_COMMENTS', message: '3 comments have no disposition' }]);
  });
  it('NO_SCHEDULED_MEETING', () => expect(move({ scheduledMeeting: false }).map((b) => b.code)).toEqual(['NO_SCHEDULED_MEETING']));
  it('lists every unmet guard', () =>
    expect(move({ undisposedComments: 2, scheduledMeeting: false }).map((b) => b.code)).toEqual(['UNDISPOSED_COMMENTS', 'NO_SCHEDULED_MEETING']));
});

describe('EXPERTS_MEETING -> GB_SUBMISSION', () => {
  const move = (o: Partial<WorkflowSnapshot>) => codes(ready('EXPERTS_MEETING', o), 'GB_SUBMISSION');
  it('passes when the report is adopted', () => expect(move({})).toEqual([]));
  it('REPORT_NOT_ADOPTED', () => expect(move({ meetingReportAdopted: false })).toEqual(['REPORT_NOT_ADOPTED']));
});

describe('GB_SUBMISSION -> DECIDED and -> CONSOLIDATION', () => {
  const decided: Record<GbDecision, string[]> = {
    APPROVED: [],
    APPROVED_WITH_AMENDMENTS: [],
    NOT_APPROVED: [],
    DEFERRED: ['DECISION_DEFERRED'],
    REFERRED_BACK: ['DECISION_REFERRED_BACK'],
  };
  it.each(GB_DECISIONS)('decision %s', (gbDecision) => {
    const s = ready('GB_SUBMISSION', { gbDecision });
    expect(codes(s, 'DECIDED')).toEqual(decided[gbDecision]);
    expect(codes(s, 'CONSOLIDATION')).toEqual(gbDecision === 'REFERRED_BACK' ? [] : ['DECISION_NOT_REFERRED_BACK']);
  });
  it('NO_DECISION both ways', () => {
    const s = ready('GB_SUBMISSION', { gbDecision: null });
    expect(codes(s, 'DECIDED')).toEqual(['NO_DECISION']);
    expect(codes(s, 'CONSOLIDATION')).toEqual(['NO_DECISION']);
  });
});

describe('* -> WITHDRAWN', () => {
  const live = STAGES.filter((s) => s !== 'DECIDED' && s !== 'WITHDRAWN');
  it.each(live)('%s needs a reason', (stage) => {
    expect(codes(ready(stage), 'WITHDRAWN')).toEqual([]);
    for (const reason of [null, undefined, '', ' \n\t ']) {
      expect(codes(ready(stage, { reason }), 'WITHDRAWN')).toEqual(['REASON_REQUIRED']);
    }
  });
  it('does not care about the other guards', () => {
    const nothing = ready('CONSULTATION', {
      scheduledRound: null,
      openRound: null,
      undisposedComments: 9,
      scheduledMeeting: false,
      meetingReportAdopted: false,
      gbDecision: null,
    });
    expect(codes(nothing, 'WITHDRAWN')).toEqual([]);
  });
  it('DECIDED cannot be withdrawn', () => expect(codes(ready('DECIDED'), 'WITHDRAWN')).toEqual(['NOT_A_MOVE']));
  it('WITHDRAWN is already withdrawn', () => expect(codes(ready('WITHDRAWN'), 'WITHDRAWN')).toEqual(['ALREADY_IN_STAGE']));
});

describe('nextStages', () => {
  it('lists the moves from the current stage in table order, with blockers', () => {
    const s = ready('CONSOLIDATION', { undisposedComments: 3, reason: null });
    expect(nextStages(s)).toEqual([
      { stage: 'CONSULTATION', allowed: true, blockers: [] },
      {
        stage: 'EXPERTS_MEETING',
        allowed: false,
        blockers: [{ code: 'UNDISPOSED_COMMENTS', message: '3 comments have no disposition' }],
      },
      { stage: 'WITHDRAWN', allowed: false, blockers: [{ code: 'REASON_REQUIRED', message: 'A reason is required' }] },
    ]);
  });
  it('shows the same blockers as evaluateMove', () => {
    for (const stage of STAGES) {
      const s = ready(stage, { gbDecision: 'DEFERRED', actorMayAdvance: false, reason: '' });
      for (const option of nextStages(s)) {
        expect(option.blockers).toEqual(evaluateMove(s, option.stage));
        expect(option.allowed).toBe(option.blockers.length === 0);
      }
    }
  });
  it('is empty for terminal stages', () => {
    expect(nextStages(ready('DECIDED'))).toEqual([]);
    expect(nextStages(ready('WITHDRAWN'))).toEqual([]);
  });
  it('marks nothing allowed when the actor may not advance', () => {
    expect(nextStages(ready('GB_SUBMISSION', { actorMayAdvance: false })).every((o) => !o.allowed)).toBe(true);
  });
});

describe('isEarlyClose', () => {
  it('is true only when closing consultation before its deadline', () => {
    expect(isEarlyClose(ready('CONSULTATION', { openRound: { closesAt: at(1) } }))).toBe(true);
    expect(isEarlyClose(ready('CONSULTATION', { openRound: { closesAt: NOW } }))).toBe(false);
    expect(isEarlyClose(ready('CONSULTATION', { openRound: { closesAt: at(-1) } }))).toBe(false);
    expect(isEarlyClose(ready('CONSULTATION', { openRound: null }))).toBe(false);
    expect(isEarlyClose(ready('CONSULTATION', { openRound: { closesAt: at(1) } }), 'WITHDRAWN')).toBe(false);
    expect(isEarlyClose(ready('CONSOLIDATION', { openRound: { closesAt: at(1) } }))).toBe(false);
  });
});

describe('guards', () => {
  it('each returns nothing on a ready snapshot of its stage', () => {
    const s = ready('DRAFTING');
    for (const [name, guard] of Object.entries(GUARDS)) {
      const expected = name === 'referredBack' ? ['DECISION_NOT_REFERRED_BACK'] : [];
      expect(guard(s).map((b) => b.code)).toEqual(expected);
    }
  });
  it('write messages for people, with SCREAMING_SNAKE codes', () => {
    const bad = [
      ready('DRAFTING', {
        reason: null,
        scheduledRound: { versionNumber: 1, versionPublished: false, closesAt: NOW, invitedCount: 0 },
        openRound: { closesAt: at(1) },
        lastRoundVersionNumber: 1,
        undisposedComments: 5,
        scheduledMeeting: false,
        meetingReportAdopted: false,
        gbDecision: 'DEFERRED',
      }),
      ready('DRAFTING', { scheduledRound: null, latestPublishedVersionNumber: null, openRound: null, gbDecision: null }),
      ready('DRAFTING', { gbDecision: 'REFERRED_BACK' }),
    ];
    const all = bad.flatMap((s) => Object.values(GUARDS).flatMap((g) => g(s)));
    expect([...new Set(all.map((b) => b.code))].sort()).toEqual(
      [
        'NO_SCHEDULED_ROUND',
        'VERSION_NOT_PUBLISHED',
        'DEADLINE_NOT_IN_FUTURE',
        'NO_INVITED_ORGANIZATIONS',
        'NO_NEWER_VERSION',
        'NO_OPEN_ROUND',
        'DEADLINE_NOT_PASSED',
        'UNDISPOSED_COMMENTS',
        'NO_SCHEDULED_MEETING',
        'REPORT_NOT_ADOPTED',
        'NO_DECISION',
        'DECISION_DEFERRED',
        'DECISION_REFERRED_BACK',
        'DECISION_NOT_REFERRED_BACK',
        'REASON_REQUIRED',
      ].sort(),
    );
    for (const b of all) {
      expect(b.code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
      expect(b.message.length).toBeGreaterThan(0);
      expect(b.message).not.toMatch(/\.$/);
    }
  });
});
