import type { EventContext } from './event-context';

/** Which of the client's pages a reader is sent to: the secretariat's desk, or the constituents' rounds. */
export type Reader = 'secretariat' | 'constituent';

/** A user with the SECRETARIAT role reads on the desk; everyone else on the constituents' pages. */
export const readerOf = (roles: readonly string[]): Reader => (roles.includes('SECRETARIAT') ? 'secretariat' : 'constituent');

/**
 * The client path of the page an event is about, for this reader (apps/web/src/routes.tsx): a meeting's board;
 * the Governing Body desk for its document deadline; the instrument on the secretariat's desk; the round a
 * constituent comments in. Null when the event names nothing to link.
 */
export function pagePath(ctx: EventContext, reader: Reader): string | null {
  const kind = ctx.event.kind;
  if (kind.startsWith('meeting.')) return ctx.meetingId ? `/meetings/${ctx.meetingId}/board` : null;
  if (kind === 'gb.deadline') return '/desk/governing-body';
  if (reader === 'secretariat') return ctx.event.instrumentId ? `/desk/instruments/${ctx.event.instrumentId}` : null;
  return ctx.roundId ? `/rounds/${ctx.roundId}` : null;
}

/** `path` under the public address (APP_URL), or null without one. */
export function appLink(appUrl: string | null | undefined, path: string | null): string | null {
  return appUrl && path ? `${appUrl.replace(/\/+$/, '')}${path}` : null;
}
