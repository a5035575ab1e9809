import { CAPACITY } from '../capacity';
import { type DispositionFacts, dispositionRefusal } from './disposition-refusal';

const ok: DispositionFacts = {
  comment: { roundId: 'r1', status: 'SUBMITTED', dispositionRevision: 2, dispositions: 1 },
  roundId: 'r1',
  expectedRevision: 2,
  stage: 'CONSOLIDATION',
};
const reasonOf = (f: Partial<DispositionFacts>, comment: Partial<NonNullable<DispositionFacts['comment']>> = {}) =>
  dispositionRefusal({ ...ok, ...f, comment: 'comment' in f ? f.comment! : { ...ok.comment!, ...comment } })?.reason ?? null;

describe('dispositionRefusal', () => {
  it('allows a submitted comment of the round on the revision read, in consultation or consolidation', () => {
    expect(dispositionRefusal(ok)).toBeNull();
    expect(reasonOf({ stage: 'CONSULTATION' })).toBeNull();
    expect(reasonOf({ expectedRevision: null }, { dispositionRevision: 7 })).toBeNull();
  });

  it('refuses, with the code a single setDisposition answers, in its order', () => {
    expect(dispositionRefusal({ ...ok, comment: null })).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_FOUND' });
    expect(dispositionRefusal({ ...ok, roundId: 'r2' })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OTHER_ROUND' });
    expect(dispositionRefusal({ ...ok, expectedRevision: 1 })).toMatchObject({
      code: 'CONFLICT',
      reason: 'CHANGED',
      message: expect.stringContaining('is 2, not 1'),
    });
    expect(reasonOf({}, { status: 'WITHDRAWN' })).toBe('WITHDRAWN');
    expect(reasonOf({}, { dispositions: CAPACITY.dispositionRecordsPerComment })).toBe('CAPACITY');
    for (const stage of ['DRAFTING', 'EXPERTS_MEETING', 'GB_SUBMISSION', 'DECIDED', 'WITHDRAWN'] as const) expect(reasonOf({ stage })).toBe('STAGE');
    // A conflict is said first: the page shows the newer state before anything else.
    expect(reasonOf({ expectedRevision: 0, stage: 'DECIDED' }, { status: 'WITHDRAWN' })).toBe('CHANGED');
  });
});
