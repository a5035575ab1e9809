import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { selectList } from '@tripartite/database';
import { EmailStatus, NotificationEntity } from '../notification.entity';
import { NotificationEventEntity } from '../notification-event.entity';
import type { Keyset, NotificationEventRow } from './notification-event.repository';

/** A notification as its user sees it. */
export type NotificationRow = Pick<NotificationEntity, 'id' | 'kind' | 'title' | 'body' | 'instrumentId' | 'createdAt' | 'readAt'>;

/** Everything of a notification but what its user sees: its event and user, and its email's state. */
const NOT_SHOWN = [
  'eventId',
  'userId',
  'emailedAt',
  'emailStatus',
  'emailOwedSince',
  'emailAttempts',
  'emailNextAttemptAt',
  'emailLastAttemptAt',
  'emailLastError',
  'emailSmtpResponse',
  'emailResends',
] as const satisfies readonly (keyof NotificationEntity)[];

export type UndeliveredStatus = 'PENDING' | 'DEAD';

/** An email not delivered: still owed (retrying) or DEAD (given up). `id` is its notification's. */
export interface UndeliveredEmailRow {
  id: string;
  status: UndeliveredStatus;
  kind: string;
  eventId: string;
  userId: string;
  attempts: number;
  owedSince: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  lastError: string | null;
}

/** One user's email about one event, locked while it is sent, with its event. */
export type EmailToSend = NotificationEventRow & {
  notificationId: string;
  emailStatus: EmailStatus | null;
  /** This try's number. */
  tries: number;
  owedSince: Date;
  now: Date;
};

export interface NewNotifications {
  eventId: string;
  kind: string;
  instrumentId: string | null;
  /** The users told, each with whether they get no email of this kind, and the in-app text in their language. */
  recipients: { userId: string; emailOff: boolean; title: string; body: string }[];
}

/** The notification table: users' in-app rows and the emails they owe. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private shown(alias: string): string {
    return selectList(this.dataSource, NotificationEntity, alias, [...NOT_SHOWN]);
  }

  /**
   * One row per recipient, none for one already told of the event; email_status PENDING records the email each
   * user is owed (until sent). The rows added, by user id.
   */
  insertForRecipients(em: EntityManager, n: NewNotifications): Promise<{ id: string; userId: string; emailOff: boolean }[]> {
    return em.query(
      `WITH added AS (
         INSERT INTO notification (event_id, user_id, kind, title, body, instrument_id, email_status, email_owed_since)
         SELECT $1, r.user_id, $2, r.title, r.body, $3, CASE WHEN r.email_off THEN NULL ELSE 'PENDING' END,
                CASE WHEN r.email_off THEN NULL ELSE clock_timestamp() END
           FROM unnest($4::uuid[], $5::boolean[], $6::text[], $7::text[]) AS r(user_id, email_off, title, body)
         ON CONFLICT (event_id, user_id) DO NOTHING RETURNING id, user_id, email_status)
       SELECT id, user_id AS "userId", email_status IS NULL AS "emailOff" FROM added ORDER BY user_id`,
      [
        n.eventId,
        n.kind,
        n.instrumentId,
        n.recipients.map((r) => r.userId),
        n.recipients.map((r) => r.emailOff),
        n.recipients.map((r) => r.title),
        n.recipients.map((r) => r.body),
      ],
    );
  }

  /** A user's notifications, newest first, keyset-paged by (createdAt, id); each with its created_at exact to the microsecond. */
  page(
    userId: string,
    options: { unreadOnly: boolean; before?: { at: string; id: string } | null; limit: number },
  ): Promise<(NotificationRow & { cursorAt: string })[]> {
    const params: unknown[] = [userId];
    const where = ['n.user_id = $1'];
    if (options.unreadOnly) where.push('n.read_at IS NULL');
    if (options.before) {
      params.push(options.before.at, options.before.id);
      where.push(`(n.created_at, n.id) < ($2::timestamptz, $3::uuid)`);
    }
    params.push(options.limit);
    return this.dataSource.query(
      `SELECT ${this.shown('n')}, to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
         FROM notification n WHERE ${where.join(' AND ')}
        ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ unread }]: { unread: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return unread;
  }

  /** Marks the user's own unread notifications among `ids` read; how many changed. */
  async markRead(userId: string, ids: readonly string[]): Promise<number> {
    const [, changed]: [unknown, number] = await this.dataSource.query(
      `UPDATE notification SET read_at = clock_timestamp() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL`,
      [userId, ids],
    );
    return changed;
  }

  /** The notification, if it is the user's. */
  async ofUser(userId: string, id: string): Promise<NotificationRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${this.shown('n')} FROM notification n WHERE n.id = $1 AND n.user_id = $2`, [id, userId]);
    return row ?? null;
  }

  /** The user's email about the event, locked while it is sent (FOR UPDATE of the notification), with its event. */
  async lockEmail(em: EntityManager, eventId: string, userId: string): Promise<EmailToSend | null> {
    const [row] = await em.query(
      `SELECT n.id AS "notificationId", n.email_status AS "emailStatus", n.email_attempts + 1 AS tries, n.email_owed_since AS "owedSince",
              clock_timestamp() AS now, ${selectList(this.dataSource, NotificationEventEntity, 'e', ['onceKey'])}
         FROM notification n JOIN notification_event e ON e.id = n.event_id
        WHERE n.event_id = $1 AND n.user_id = $2
        FOR UPDATE OF n`,
      [eventId, userId],
    );
    return row ?? null;
  }

  /** The email is not sent (opted out since, user deactivated, no SMTP): SKIPPED. */
  async skipEmail(em: EntityManager, notificationId: string): Promise<void> {
    await em.query(`UPDATE notification SET email_status = 'SKIPPED', email_next_attempt_at = NULL WHERE id = $1`, [notificationId]);
  }

  /** As skipEmail, by event and user, and only while the email is owed. */
  async skipPendingEmail(eventId: string, userId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET email_status = 'SKIPPED', email_next_attempt_at = NULL WHERE event_id = $1 AND user_id = $2 AND email_status = 'PENDING'`,
      [eventId, userId],
    );
  }

  /** A failed try: retried in `retryInMs`, or DEAD when null. */
  async recordFailedTry(em: EntityManager, notificationId: string, tries: number, error: string, retryInMs: number | null): Promise<void> {
    await em.query(
      `UPDATE notification SET email_attempts = $2, email_last_attempt_at = clock_timestamp(), email_last_error = $3,
              email_status = CASE WHEN $4::float8 IS NULL THEN 'DEAD' ELSE 'PENDING' END,
              email_next_attempt_at = clock_timestamp() + make_interval(secs => $4::float8 / 1000)
        WHERE id = $1`,
      [notificationId, tries, error, retryInMs],
    );
  }

  async recordSent(em: EntityManager, notificationId: string, tries: number, smtpResponse: string): Promise<void> {
    await em.query(
      `UPDATE notification SET emailed_at = clock_timestamp(), email_status = 'SENT', email_attempts = $2, email_last_attempt_at = clock_timestamp(),
              email_next_attempt_at = NULL, email_smtp_response = $3
        WHERE id = $1`,
      [notificationId, tries, smtpResponse],
    );
  }

  /** Records as SENT a message the SMTP server accepted (its mark was lost); false if it already was SENT. */
  async recordSentLate(eventId: string, userId: string, smtpResponse: string): Promise<boolean> {
    const [, changed]: [unknown, number] = await this.dataSource.query(
      `UPDATE notification SET emailed_at = clock_timestamp(), email_status = 'SENT', email_attempts = email_attempts + 1,
              email_last_attempt_at = clock_timestamp(), email_next_attempt_at = NULL, email_smtp_response = $3
        WHERE event_id = $1 AND user_id = $2 AND email_status IS DISTINCT FROM 'SENT'`,
      [eventId, userId, smtpResponse],
    );
    return changed > 0;
  }

  /** Emails still owed, after `after` in (created_at, id) order, with how long until each is due. */
  pendingEmails(after: Keyset, limit: number): Promise<(Keyset & { eventId: string; userId: string; resends: number; delayMs: number })[]> {
    return this.dataSource.query(
      `SELECT created_at::text AS at, id, event_id AS "eventId", user_id AS "userId", email_resends AS resends,
              greatest(0, ceil(extract(epoch FROM coalesce(email_next_attempt_at, clock_timestamp()) - clock_timestamp()) * 1000))::float8 AS "delayMs"
         FROM notification
        WHERE email_status = 'PENDING' AND (created_at, id) > ($1::timestamptz, $2::uuid)
        ORDER BY created_at, id LIMIT ${Number(limit)}`,
      [after.at, after.id],
    );
  }

  /** Emails not delivered with these statuses, newest first, before the notification `after` (an id). */
  undelivered(statuses: readonly UndeliveredStatus[], after: string | null, limit: number): Promise<UndeliveredEmailRow[]> {
    return this.dataSource.query(
      `SELECT n.id, n.email_status AS status, n.kind, n.event_id AS "eventId", n.user_id AS "userId", n.email_attempts AS attempts,
              n.email_owed_since AS "owedSince", n.email_last_attempt_at AS "lastAttemptAt",
              CASE WHEN n.email_status = 'PENDING' THEN n.email_next_attempt_at END AS "nextAttemptAt", n.email_last_error AS "lastError"
         FROM notification n
        WHERE n.email_status IN ('PENDING', 'DEAD') AND n.email_status = ANY($1::text[])
          AND ($2::uuid IS NULL OR (n.created_at, n.id) < (SELECT created_at, id FROM notification WHERE id = $2::uuid))
        ORDER BY n.created_at DESC, n.id DESC LIMIT $3`,
      [statuses, after, limit],
    );
  }

  /** These notifications' emails, locked (in id order) for a re-send. */
  lockEmails(em: EntityManager, ids: readonly string[]): Promise<{ id: string; status: EmailStatus | null }[]> {
    return em.query(`SELECT id, email_status AS status FROM notification WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  }

  /** Owes these emails anew: a fresh window of tries, due at once, under a job of their own (email_resends). */
  async resendEmails(em: EntityManager, ids: readonly string[]): Promise<{ id: string; eventId: string; userId: string; resends: number }[]> {
    const [changed]: [{ id: string; eventId: string; userId: string; resends: number }[]] = await em.query(
      `UPDATE notification SET email_status = 'PENDING', email_owed_since = clock_timestamp(), email_attempts = 0,
              email_next_attempt_at = clock_timestamp(), email_resends = email_resends + 1
        WHERE id = ANY($1::uuid[]) RETURNING id, event_id AS "eventId", user_id AS "userId", email_resends AS resends`,
      [ids],
    );
    return changed;
  }
}
