import { STAGES } from '../stages';
import { ROUND_STATUSES } from '../enums';
import { LATE_STAGES, acceptsLateComments } from './late-acceptance';

describe('acceptsLateComments', () => {
  const base = { acceptLate: true, status: 'OPEN' as const, isLatest: true, stage: 'CONSULTATION' as const };

  it('takes a late comment on the latest opened round of an instrument in consultation or consolidation', () => {
    expect(acceptsLateComments(base)).toBe(true);
    expect(acceptsLateComments({ ...base, status: 'CLOSED', stage: 'CONSOLIDATION' })).toBe(true);
  });

  it('refuses when the round does not accept late comments', () => {
    expect(acceptsLateComments({ ...base, acceptLate: false })).toBe(false);
  });

  it('refuses on a round that has not opened', () => {
    expect(acceptsLateComments({ ...base, status: 'SCHEDULED' })).toBe(false);
  });

  it('refuses on an earlier round once a later one exists', () => {
    expect(acceptsLateComments({ ...base, isLatest: false })).toBe(false);
  });

  it.each(STAGES.filter((s) => !LATE_STAGES.includes(s)))('refuses once the instrument is in %s', (stage) => {
    expect(acceptsLateComments({ ...base, stage })).toBe(false);
  });

  it('decides every combination by the four facts alone', () => {
    for (const status of ROUND_STATUSES)
      for (const stage of STAGES)
        for (const acceptLate of [true, false])
          for (const isLatest of [true, false])
            expect(acceptsLateComments({ acceptLate, status, stage, isLatest })).toBe(
              acceptLate && isLatest && status !== 'SCHEDULED' && LATE_STAGES.includes(stage),
            );
  });
});
