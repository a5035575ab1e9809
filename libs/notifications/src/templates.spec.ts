import type { EventContext } from './event-context';
import { NOTIFICATION_KINDS, NotificationKind } from './kinds';
import { formatInstant, renderEmail, renderMessage } from './templates';

const closesAt = new Date('2025-06-30T17:00:00.000Z');

function context(kind: NotificationKind, over: Partial<EventContext> = {}, data: EventContext['event']['data'] = {}): EventContext {
  return {
    event: { id: 'e1', kind, instrumentId: 'i1', subjectId: null, data, occurredAt: new Date(), fannedOutAt: null },
    instrument: { reference: 'MFLM/2025', title: 'Labour migration framework' },
    deadline: closesAt,
    previousDeadline: null,
    roundNumber: 2,
    disposition: null,
    ...over,
  };
}

describe('formatInstant', () => {
  it('shows an instant in UTC and in the given zone, with the zone named', () => {
    expect(formatInstant(closesAt, 'Europe/Zurich')).toEqual({
      utc: 'Mon, 30 June 2025 at 17:00 UTC',
      local: 'Mon, 30 June 2025 at 19:00 CEST (Europe/Zurich)',
    });
  });

  it('follows the zone across midnight and in winter', () => {
    expect(formatInstant(new Date('2025-01-15T23:30:00Z'), 'Europe/Zurich').local).toBe('Thu, 16 January 2025 at 00:30 CET (Europe/Zurich)');
  });
});

describe('renderMessage', () => {
  it('has a title and a plain-words body for every kind', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const m = renderMessage(context(kind, {}, { from: 'CONSULTATION', to: 'CONSOLIDATION', decision: 'APPROVED' }), 'Europe/Zurich');
      expect(m.title).toContain('MFLM/2025');
      expect(m.body.length).toBeGreaterThan(20);
      expect(m.body).not.toMatch(/undefined|null|\[object/);
    }
  });

  it('gives the deadline of a reminder in UTC and in the secretariat zone', () => {
    const m = renderMessage(context('consultation.reminder'), 'Europe/Zurich');
    expect(m.title).toBe('Reminder: comments on MFLM/2025');
    expect(m.body).toContain('has not submitted a comment in round 2 of the consultation on MFLM/2025 "Labour migration framework"');
    expect(m.body).toContain('Mon, 30 June 2025 at 17:00 UTC (Mon, 30 June 2025 at 19:00 CEST (Europe/Zurich))');
  });

  it('says where an extended deadline moved from and to', () => {
    const m = renderMessage(context('consultation.extended', { previousDeadline: new Date('2025-06-23T17:00:00Z') }), 'UTC');
    expect(m.body).toMatch(/extended from Mon, 23 June 2025 at 17:00 UTC .* to Mon, 30 June 2025 at 17:00 UTC/);
  });

  it('names stages and dispositions in words', () => {
    expect(renderMessage(context('stage.changed', { deadline: null }, { from: 'CONSOLIDATION', to: 'EXPERTS_MEETING' }), 'UTC').body).toBe(
      `MFLM/2025 "Labour migration framework" moved from consolidation to the experts' meeting.`,
    );
    expect(renderMessage(context('comment.disposed', { disposition: 'PARTIALLY_ACCEPTED' }), 'UTC').body).toContain(': partially accepted.');
  });

  it('still reads when the instrument is unknown', () => {
    expect(renderMessage(context('gb.deadline', { instrument: null }), 'UTC').title).toBe('Governing Body papers due');
  });
});

describe('renderEmail', () => {
  it('puts the reference and the deadline in the subject, and both times in both parts', () => {
    const ctx = context('consultation.opened');
    const email = renderEmail(ctx, renderMessage(ctx, 'Europe/Zurich'), 'Ana', 'Europe/Zurich');
    expect(email.subject).toBe('[MFLM/2025] Consultation open: MFLM/2025 (comments due Mon, 30 June 2025 at 17:00 UTC)');
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Mon, 30 June 2025 at 17:00 UTC');
      expect(part).toContain('Mon, 30 June 2025 at 19:00 CEST (Europe/Zurich)');
    }
    expect(email.text).not.toContain('<');
  });

  it('escapes every user-supplied value in the HTML part', () => {
    const ctx = context('consultation.opened', { instrument: { reference: 'X<1>', title: '<img src=x onerror="alert(1)">' } });
    const email = renderEmail(ctx, renderMessage(ctx, 'UTC'), `<b>Mallory</b> & "co"`, 'UTC');
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('<b>Mallory');
    expect(email.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(email.html).toContain('&lt;b&gt;Mallory&lt;/b&gt; &amp; &quot;co&quot;');
    expect(email.text).toContain('<img src=x onerror="alert(1)">');
  });

  it('keeps the subject on one line', () => {
    const ctx = context('stage.changed', { instrument: { reference: 'A\r\nBcc: x@y', title: 't' }, deadline: null }, { from: 'DRAFTING', to: 'CONSULTATION' });
    expect(renderEmail(ctx, renderMessage(ctx, 'UTC'), 'n', 'UTC').subject).not.toMatch(/[\r\n]/);
  });
});
