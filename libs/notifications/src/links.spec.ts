import type { EventContext } from './event-context';
import type { NotificationKind } from './kinds';
import { appLink, pagePath, readerOf } from './links';

const ctx = (kind: NotificationKind, over: Partial<EventContext> = {}): EventContext => ({
  event: { id: 'e1', kind, instrumentId: 'i1', subjectId: null, data: {}, occurredAt: new Date(), fannedOutAt: null },
  instrument: null,
  deadline: null,
  previousDeadline: null,
  roundNumber: null,
  disposition: null,
  roundId: 'r1',
  meetingId: null,
  comment: null,
  extensionReason: null,
  ...over,
});

describe('pagePath', () => {
  it('sends a constituent to the round, the secretariat to the instrument on its desk', () => {
    for (const kind of ['consultation.opened', 'consultation.extended', 'consultation.closed', 'comment.disposed', 'stage.changed', 'gb.decided'] as const) {
      expect(pagePath(ctx(kind), 'constituent')).toBe('/rounds/r1');
      expect(pagePath(ctx(kind), 'secretariat')).toBe('/desk/instruments/i1');
    }
  });

  it("sends everyone to a meeting's board, and the secretariat to the Governing Body desk for papers", () => {
    expect(pagePath(ctx('meeting.reminder', { meetingId: 'm1' }), 'constituent')).toBe('/meetings/m1/board');
    expect(pagePath(ctx('meeting.scheduled', { meetingId: 'm1' }), 'secretariat')).toBe('/meetings/m1/board');
    expect(pagePath(ctx('gb.deadline'), 'secretariat')).toBe('/desk/governing-body');
  });

  it('links nothing when the event names nothing', () => {
    expect(pagePath(ctx('consultation.opened', { roundId: null }), 'constituent')).toBeNull();
    expect(pagePath(ctx('meeting.reminder'), 'constituent')).toBeNull();
  });
});

describe('readerOf and appLink', () => {
  it('reads the role and joins the address', () => {
    expect(readerOf(['SECRETARIAT', 'ADMIN'])).toBe('secretariat');
    expect(readerOf(['CONSTITUENT'])).toBe('constituent');
    expect(appLink('https://x.org//', '/rounds/r1')).toBe('https://x.org/rounds/r1');
    expect(appLink(null, '/rounds/r1')).toBeNull();
    expect(appLink('https://x.org', null)).toBeNull();
  });
});
