import { DAY_MS } from './time';

export const DEFAULT_DOCUMENT_DEADLINE_DAYS = 15;

/** Papers for a GB session are due this many days before it opens (UTC days, so no DST drift). */
export function defaultDocumentDeadline(startsAt: Date, days: number = DEFAULT_DOCUMENT_DEADLINE_DAYS): Date {
  return new Date(startsAt.getTime() - days * DAY_MS);
}
