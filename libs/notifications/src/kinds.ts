import { isUuid } from '@tripartite/common';
/** What a notification is about; webhooks subscribe to these (or "*"), users turn email off per kind. */
export const NOTIFICATION_KINDS = [
  'consultation.scheduled',
  'consultation.opened',
  'consultation.extended',
  'consultation.reminder',
  'consultation.closed',
  'comment.disposed',
  'stage.changed',
  'meeting.scheduled',
  'meeting.reminder',
  'gb.deadline',
  'gb.decided',
  'audit.checkpoint',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const ALL_KINDS = '*';

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export type EventData = Record<string, string | number | null>;

/**
 * An event to tell people about. `data` holds ids and plain facts, never personal data; the keys the
 * recipients and templates read: consultation.* roundId (extended: also fromAt, toAt); comment.disposed
 * commentId; stage.changed from, to; meeting.* meetingId, startsAt; gb.deadline sessionId, documentDeadline;
 * gb.decided decision; audit.checkpoint the signed checkpoint (v, sequence, hash, at, keyId, signature).
 */
export interface NotificationEventInput {
  kind: NotificationKind;
  /** Defaults to the instrument of data.roundId, when given. */
  instrumentId?: string | null;
  /** The round, comment, meeting or session the event is about. */
  subjectId?: string | null;
  data: EventData;
}

export { isUuid };

/** data[key] when it is a uuid (ids come from other services; a bad one must not fail SQL). */
export function idIn(data: EventData, key: string): string | null {
  const value = data[key];
  return isUuid(value) ? value : null;
}

/** data[key] as an instant, when it is one. */
export function instantIn(data: EventData, key: string): Date | null {
  const value = data[key];
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}
