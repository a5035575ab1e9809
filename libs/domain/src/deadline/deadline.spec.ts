import fc from 'fast-check';
import { defaultDocumentDeadline } from './document-deadline';
import { gbDeadlineReminderJobId, jobId, meetingReminderJobId, reminderJobId, roundCloseJobId } from './job-ids';
import { DEFAULT_REMINDER_OFFSETS_MS, lateReminderCandidates, reminderTimes } from './reminders';
import { DAY_MS, HOUR_MS } from './time';

const closesAt = new Date('2025-06-30T17:00:00.000Z');
const daysBefore = (d: number) => new Date(closesAt.getTime() - d * DAY_MS);

describe('reminderTimes', () => {
  it('defaults to 7 days and 1 day before the deadline, earliest first', () => {
    expect(reminderTimes(closesAt, daysBefore(30))).toEqual([
      { offsetMs: 7 * DAY_MS, at: new Date('2025-06-23T17:00:00.000Z') },
      { offsetMs: DAY_MS, at: new Date('2025-06-29T17:00:00.000Z') },
    ]);
    expect(DEFAULT_REMINDER_OFFSETS_MS).toEqual([7 * DAY_MS, DAY_MS]);
  });

  it('skips reminders due at or before the round opens', () => {
    expect(reminderTimes(closesAt, daysBefore(7), [7 * DAY_MS, DAY_MS]).map((r) => r.offsetMs)).toEqual([DAY_MS]);
    expect(reminderTimes(closesAt, daysBefore(6), [7 * DAY_MS, DAY_MS]).map((r) => r.offsetMs)).toEqual([DAY_MS]);
    expect(reminderTimes(closesAt, daysBefore(1), [7 * DAY_MS, DAY_MS])).toEqual([]);
  });

  it('ignores repeated, zero, negative and non-finite offsets', () => {
    expect(reminderTimes(closesAt, daysBefore(30), [HOUR_MS, 0, -HOUR_MS, NaN, Infinity, HOUR_MS]).map((r) => r.offsetMs)).toEqual([HOUR_MS]);
  });

  it('only ever gives times strictly between opening and closing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * DAY_MS }), fc.array(fc.integer({ min: -DAY_MS, max: 90 * DAY_MS })), (openFor, offsets) => {
        const opensAt = new Date(closesAt.getTime() - openFor);
        const times = reminderTimes(closesAt, opensAt, offsets);
        for (const r of times) {
          expect(r.at.getTime()).toBeGreaterThan(opensAt.getTime());
          expect(r.at.getTime()).toBeLessThan(closesAt.getTime());
          expect(r.at.getTime()).toBe(closesAt.getTime() - r.offsetMs);
        }
        expect(times.map((r) => r.at.getTime())).toEqual([...times.map((r) => r.at.getTime())].sort((a, b) => a - b));
      }),
    );
  });
});

describe('lateReminderCandidates', () => {
  const t = (m: number) => new Date(Date.UTC(2031, 0, 1) + m * 60_000);
  const now = t(100);
  const r = (jobId: string, deadline: string, at: number, since = 0) => ({ jobId, deadline, at: t(at), since: t(since) });

  it('offers, per deadline, only the latest reminder whose time has come', () => {
    const got = lateReminderCandidates([r('a7d', 'A', 10), r('a1d', 'A', 90), r('a1h', 'A', 150), r('b', 'B', 100)], now);
    expect(got.map((x) => x.jobId).sort()).toEqual(['a1d', 'b']);
  });

  it('offers none whose time had already passed when its deadline was set', () => {
    expect(lateReminderCandidates([r('early', 'A', 40, 50), r('ok', 'B', 60, 50)], now).map((x) => x.jobId)).toEqual(['ok']);
  });

  it('offers none still ahead', () => {
    expect(lateReminderCandidates([r('ahead', 'A', 101)], now)).toEqual([]);
  });
});

describe('job ids', () => {
  const roundId = '7c1f3b9e-2d4a-4e7b-9f00-1a2b3c4d5e6f';

  it('follow round-close-<roundId>-<epoch ms>', () => {
    expect(roundCloseJobId(roundId, closesAt)).toBe(`round-close-${roundId}-${closesAt.getTime()}`);
    expect(reminderJobId(roundId, closesAt, DAY_MS)).toBe(`round-reminder-${roundId}-${closesAt.getTime()}-${DAY_MS}`);
  });

  it('name meeting and GB reminders by what they are for and the instant they count from', () => {
    expect(meetingReminderJobId(roundId, closesAt)).toBe(`meeting-reminder-${roundId}-${closesAt.getTime()}`);
    expect(gbDeadlineReminderJobId(roundId, closesAt)).toBe(`gb-deadline-reminder-${roundId}-${closesAt.getTime()}`);
    expect(meetingReminderJobId(roundId, closesAt)).not.toBe(meetingReminderJobId(roundId, new Date(closesAt.getTime() + 1)));
  });

  it('change when the deadline moves, and not otherwise', () => {
    expect(roundCloseJobId(roundId, closesAt)).toBe(roundCloseJobId(roundId, new Date(closesAt.getTime())));
    expect(roundCloseJobId(roundId, closesAt)).not.toBe(roundCloseJobId(roundId, new Date(closesAt.getTime() + 1)));
    expect(reminderJobId(roundId, closesAt, DAY_MS)).not.toBe(reminderJobId(roundId, closesAt, 7 * DAY_MS));
  });

  it('never contain ":" and are never plain integers', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 4e12 }), fc.nat(), (id, epoch, offset) => {
        for (const j of [
          roundCloseJobId(id, new Date(epoch)),
          reminderJobId(id, new Date(epoch), offset),
          meetingReminderJobId(id, new Date(epoch)),
          gbDeadlineReminderJobId(id, new Date(epoch)),
          jobId('x', id),
        ]) {
          expect(j).not.toContain(':');
          expect(j).not.toMatch(/^\d+$/);
        }
      }),
    );
    expect(roundCloseJobId('urn:round:1', closesAt)).toBe(`round-close-urn_round_1-${closesAt.getTime()}`);
  });
});

describe('defaultDocumentDeadline', () => {
  it('is 15 days before the session opens, or as configured', () => {
    const startsAt = new Date('2025-11-03T09:00:00.000Z');
    expect(defaultDocumentDeadline(startsAt)).toEqual(new Date('2025-10-19T09:00:00.000Z'));
    expect(defaultDocumentDeadline(startsAt, 30)).toEqual(new Date('2025-10-04T09:00:00.000Z'));
    expect(defaultDocumentDeadline(startsAt, 0)).toEqual(startsAt);
  });
});
