import { DAY_MS } from './time';

/** Reminders before a round closes: 7 days and 1 day (DESIGN.md section 6). */
export const DEFAULT_REMINDER_OFFSETS_MS: readonly number[] = [7 * DAY_MS, DAY_MS];

export interface ReminderTime {
  offsetMs: number;
  at: Date;
}

/**
 * When to remind before `closesAt`, earliest first. A reminder due at or
 * before the round opens would only duplicate the opening notice, so it is
 * skipped; so are non-positive offsets and repeats.
 */
export function reminderTimes(closesAt: Date, opensAt: Date, offsetsMs: readonly number[] = DEFAULT_REMINDER_OFFSETS_MS): ReminderTime[] {
  const offsets = [...new Set(offsetsMs)].filter((o) => Number.isFinite(o) && o > 0);
  return offsets
    .map((offsetMs) => ({ offsetMs, at: new Date(closesAt.getTime() - offsetMs) }))
    .filter((r) => r.at.getTime() > opensAt.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
