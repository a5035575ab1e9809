import { BOARD_LINK_DEFAULT_AFTER_END_MS, BOARD_LINK_MAX_MS, boardLinkExpiry, boardLinkOpens } from './board-link';

const now = new Date('2026-06-01T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('boardLinkExpiry', () => {
  it('defaults to a day after the meeting ends', () => {
    expect(boardLinkExpiry(later(3600_000), null, now)).toEqual(later(3600_000 + BOARD_LINK_DEFAULT_AFTER_END_MS));
  });
  it('defaults to a day from now for a meeting that has ended', () => {
    expect(boardLinkExpiry(later(-5 * BOARD_LINK_DEFAULT_AFTER_END_MS), undefined, now)).toEqual(later(BOARD_LINK_DEFAULT_AFTER_END_MS));
  });
  it('takes a requested expiry in the future, within the maximum', () => {
    expect(boardLinkExpiry(now, later(60_000), now)).toEqual(later(60_000));
    expect(boardLinkExpiry(now, later(BOARD_LINK_MAX_MS), now)).toEqual(later(BOARD_LINK_MAX_MS));
    expect(boardLinkExpiry(now, now, now)).toBe('must be in the future');
    expect(boardLinkExpiry(now, later(BOARD_LINK_MAX_MS + 1), now)).toBe('may be at most 400 days ahead');
  });
});

describe('boardLinkOpens', () => {
  const link = { revokedAt: null, expiresAt: later(1000), meetingStatus: 'IN_SESSION' as const };
  it('opens until revoked, expired or the report adopted', () => {
    expect(boardLinkOpens(link, now)).toBe(true);
    expect(boardLinkOpens({ ...link, meetingStatus: 'CLOSED' }, now)).toBe(true);
    expect(boardLinkOpens({ ...link, revokedAt: now }, now)).toBe(false);
    expect(boardLinkOpens(link, later(1000))).toBe(false);
    expect(boardLinkOpens({ ...link, meetingStatus: 'REPORT_ADOPTED' }, now)).toBe(false);
  });
});
