import type { MeetingStatus } from '../enums';

/** A board link given no expiry lasts until a day after its meeting ends (at least a day from now). */
export const BOARD_LINK_DEFAULT_AFTER_END_MS = 24 * 3600_000;
/** The longest a board link may be set to last. */
export const BOARD_LINK_MAX_MS = 400 * 24 * 3600_000;

/**
 * When a new board link expires: `requested`, which must be in the future and at most BOARD_LINK_MAX_MS ahead; else a
 * day after the meeting ends, or a day from now when that is sooner. A string is the refusal's message (for `expiresAt`).
 */
export function boardLinkExpiry(meetingEndsAt: Date, requested: Date | null | undefined, now: Date): Date | string {
  if (requested) {
    if (requested.getTime() <= now.getTime()) return 'must be in the future';
    if (requested.getTime() - now.getTime() > BOARD_LINK_MAX_MS) return 'may be at most 400 days ahead';
    return requested;
  }
  return new Date(Math.max(meetingEndsAt.getTime(), now.getTime()) + BOARD_LINK_DEFAULT_AFTER_END_MS);
}

/** Whether a board link still opens its board: not revoked, not expired, and its meeting's report not yet adopted. */
export function boardLinkOpens(link: { revokedAt: Date | null; expiresAt: Date; meetingStatus: MeetingStatus }, now: Date): boolean {
  return link.revokedAt === null && now.getTime() < link.expiresAt.getTime() && link.meetingStatus !== 'REPORT_ADOPTED';
}
