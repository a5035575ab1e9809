import { describe, expect, it } from 'vitest';
import { meetingOfBoardToken } from './room-client';

describe('meetingOfBoardToken', () => {
  it("reads the meeting's id at the head of a board link", () => {
    const id = '72215cfd-a1fc-4fae-a5b9-f3f984685acc';
    const bytes = String.fromCharCode(
      ...id
        .replace(/-/g, '')
        .match(/../g)!
        .map((h) => parseInt(h, 16)),
      ...new Array(32).fill(7),
    );
    const token = `tbl_${btoa(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    expect(token).toMatch(/^tbl_[A-Za-z0-9_-]{64}$/);
    expect(meetingOfBoardToken(token)).toBe(id);
  });
  it('is null for anything that is not a board link', () => {
    expect(meetingOfBoardToken('tbl_short')).toBeNull();
    expect(meetingOfBoardToken('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBeNull();
  });
});
