import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@tripartite/audit';
import { UserEntity } from '@tripartite/auth';
import { Actor, AppError, FieldErrors } from '@tripartite/common';
import { Transactions } from '@tripartite/database';
import { isNotificationKind, isUuid, NOTIFICATION_KINDS } from './kinds';

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  instrumentId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationPage {
  edges: { cursor: string; node: NotificationRow }[];
  hasNextPage: boolean;
  unreadCount: number;
}

const CURSOR = /^n\|(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)\|(.+)$/;
const MARK_MAX = 500;

export const encodeNotificationCursor = (at: string, id: string): string => Buffer.from(`n|${at}|${id}`).toString('base64url');

function decodeNotificationCursor(cursor: string): { at: string; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !isUuid(match[2])) throw AppError.badInput([{ field: 'after', message: 'is not a cursor of this list' }]);
  return { at: match[1], id: match[2] };
}

/** A user's own notifications (always the caller's: no one reads another's), and their email preferences. */
@Injectable()
export class NotificationInbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Newest first, keyset-paged by (createdAt, id). */
  async page(actor: Actor, options: { unreadOnly: boolean; first: number; after?: string | null }): Promise<NotificationPage> {
    const params: unknown[] = [actor.userId];
    const where = ['n.user_id = $1'];
    if (options.unreadOnly) where.push('n.read_at IS NULL');
    if (options.after) {
      const cursor = decodeNotificationCursor(options.after);
      params.push(cursor.at, cursor.id);
      where.push(`(n.created_at, n.id) < ($2::timestamptz, $3::uuid)`);
    }
    params.push(options.first + 1);
    const rows: (NotificationRow & { cursorAt: string })[] = await this.dataSource.query(
      `SELECT n.id, n.kind, n.title, n.body, n.instrument_id AS "instrumentId", n.created_at AS "createdAt", n.read_at AS "readAt",
              to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
         FROM notification n WHERE ${where.join(' AND ')}
        ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
      params,
    );
    const [{ unread }] = await this.dataSource.query(`SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`, [actor.userId]);
    const edges = rows.slice(0, options.first).map(({ cursorAt, ...node }) => ({ cursor: encodeNotificationCursor(cursorAt, node.id), node }));
    return { edges, hasNextPage: rows.length > options.first, unreadCount: unread };
  }

  /** Marks the caller's own unread notifications among `ids` read; others' ids change nothing. Returns how many changed. */
  async markRead(actor: Actor, ids: string[]): Promise<number> {
    const errors = new FieldErrors().check(ids.length <= MARK_MAX, 'ids', `must name at most ${MARK_MAX} notifications`);
    ids.forEach((id, i) => errors.check(isUuid(id), `ids[${i}]`, 'is not a notification id'));
    errors.throwIfAny();
    if (!ids.length) return 0;
    const [, changed]: [unknown, number] = await this.dataSource.query(
      `UPDATE notification SET read_at = clock_timestamp() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL`,
      [actor.userId, [...new Set(ids)]],
    );
    return changed;
  }

  /** Turns email off for these kinds (and on for all others); in-app notifications continue. */
  async setEmailPreferences(actor: Actor, disabledKinds: string[]): Promise<UserEntity> {
    const errors = new FieldErrors();
    disabledKinds.forEach((k, i) => errors.check(isNotificationKind(k), `disabledKinds[${i}]`, 'is not a notification kind'));
    errors.throwIfAny();
    const kinds = NOTIFICATION_KINDS.filter((k) => disabledKinds.includes(k));
    return this.tx.run(async ({ em }) => {
      const [[changed]] = await em.query(`UPDATE app_user SET email_opt_out = $2 WHERE id = $1 RETURNING id`, [actor.userId, kinds]);
      if (!changed) throw AppError.notFound('User', actor.userId);
      await this.audit.record(em, actor, 'user.email-preferences-changed', 'User', actor.userId, { disabledKinds: kinds });
      return em.findOneByOrFail(UserEntity, { id: actor.userId });
    });
  }
}
