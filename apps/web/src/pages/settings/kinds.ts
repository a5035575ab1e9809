// The notification kinds (libs/notifications NOTIFICATION_KINDS, which webhooks subscribe to and e-mails are turned
// off by) and the key of each one's words (settings.kinds.*). test/web/admin.test.ts keeps the two lists equal.
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

type Camel<S extends string> = S extends `${infer A}.${infer B}` ? `${A}${Capitalize<B>}` : S;
export type KindKey = Camel<NotificationKind>;

/** "consultation.opened" → "consultationOpened" (the words' key). */
export function kindKey(kind: NotificationKind): KindKey {
  return kind.replace(/\.(\w)/, (_, c: string) => c.toUpperCase()) as KindKey;
}

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** Users never get e-mails about audit checkpoints (webhooks only): the settings page leaves it out. */
export const EMAIL_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter((k) => k !== 'audit.checkpoint');
