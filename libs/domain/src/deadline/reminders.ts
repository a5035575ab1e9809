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

/** A planned reminder, as a reconcile sees it. */
export interface PlannedReminder {
  jobId: string;
  /** Its time. */
  at: Date;
  /** When its deadline was set (opening, extension, creation): a reminder already past then was never scheduled. */
  since: Date;
  /** The reminders of one deadline share it. */
  deadline: string;
}

/**
 * Of the reminders whose time has come by `now`, those that may be sent late if they were never sent: for each
 * deadline only the latest (it supersedes the earlier ones), and only if it was wanted when the deadline was set.
 */
export function lateReminderCandidates<R extends PlannedReminder>(reminders: readonly R[], now: Date): R[] {
  const latest = new Map<string, R>();
  for (const r of reminders) {
    if (r.at > now) continue;
    const seen = latest.get(r.deadline);
    if (!seen || r.at > seen.at) latest.set(r.deadline, r);
  }
  return [...latest.values()].filter((r) => r.at > r.since);
}
