import { Injectable } from '@nestjs/common';
import { NotificationRecipients, UserEntity } from '@tripartite/auth';
import { Actor, AppError, FieldErrors } from '@tripartite/common';
import { DEFAULT_LANGUAGE, type Language, type Role } from '@tripartite/domain';
import { AppConfig } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { EventBus } from '@tripartite/events';
import { isNotificationKind, isUuid, NOTIFICATION_KINDS } from './kinds';
import { NotificationRepository, NotificationRow } from './repositories';
import { readUnsubscribeToken } from './unsubscribe-token';

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
    private readonly notifications: NotificationRepository,
    private readonly users: NotificationRecipients,
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly config: AppConfig,
  ) {}

  /** Newest first, keyset-paged by (createdAt, id). */
  async page(actor: Actor, options: { unreadOnly: boolean; first: number; after?: string | null }): Promise<NotificationPage> {
    const before = options.after ? decodeNotificationCursor(options.after) : null;
    const rows = await this.notifications.page(actor.userId, { unreadOnly: options.unreadOnly, before, limit: options.first + 1 });
    const unread = await this.notifications.unreadCount(actor.userId);
    const edges = rows.slice(0, options.first).map(({ cursorAt, ...node }) => ({ cursor: encodeNotificationCursor(cursorAt, node.id), node }));
    return { edges, hasNextPage: rows.length > options.first, unreadCount: unread };
  }

  /** The caller's own notification; null for another's, or none. */
  own(actor: Actor, id: string): Promise<NotificationRow | null> {
    return this.notifications.ofUser(actor.userId, id);
  }

  /** Marks the caller's own unread notifications among `ids` read; others' ids change nothing. Returns how many changed. */
  async markRead(actor: Actor, ids: string[]): Promise<number> {
    const errors = new FieldErrors().check(ids.length <= MARK_MAX, 'ids', `must name at most ${MARK_MAX} notifications`);
    ids.forEach((id, i) => errors.check(isUuid(id), `ids[${i}]`, 'is not a notification id'));
    errors.throwIfAny();
    if (!ids.length) return 0;
    return this.notifications.markRead(actor.userId, [...new Set(ids)]);
  }

  /** Turns email off for these kinds (and on for all others); in-app notifications continue. */
  async setEmailPreferences(actor: Actor, disabledKinds: string[]): Promise<UserEntity> {
    const errors = new FieldErrors();
    disabledKinds.forEach((k, i) => errors.check(isNotificationKind(k), `disabledKinds[${i}]`, 'is not a notification kind'));
    errors.throwIfAny();
    const kinds = NOTIFICATION_KINDS.filter((k) => disabledKinds.includes(k));
    return this.tx.run(async (tx) => {
      const user = await this.users.setEmailOptOut(tx.em, actor.userId, kinds);
      if (!user) throw AppError.notFound('User', actor.userId);
      await this.events.raise(tx, { name: 'user.email-preferences-changed', actor, entityId: actor.userId, data: { disabledKinds: kinds } });
      return user;
    });
  }

  /**
   * One click from an email (RFC 8058): turns email off for the kind the signed token names, for the user it names, as
   * setEmailPreferences does (the user's row locked, audited as theirs, one transaction). No session: the token is the
   * proof. A token this api did not sign is BAD_USER_INPUT; the kind already off changes nothing and says so.
   */
  async unsubscribe(token: unknown): Promise<{ kind: string; changed: boolean; language: Language }> {
    const named = readUnsubscribeToken(this.config.jwtSecret, token);
    if (!named) throw AppError.badInput([{ field: 'token', message: 'is not an unsubscribe token of this application' }]);
    return this.tx.run(async (tx) => {
      const user = await this.users.lockEmailOptOut(tx.em, named.userId);
      if (!user) throw AppError.badInput([{ field: 'token', message: 'names no user' }]);
      const language = (await this.users.languageOf(tx.em, named.userId)) ?? DEFAULT_LANGUAGE;
      if (user.emailOptOut.includes(named.kind)) return { kind: named.kind, changed: false, language };
      const kinds = NOTIFICATION_KINDS.filter((k) => k === named.kind || user.emailOptOut.includes(k));
      await this.users.setEmailOptOut(tx.em, named.userId, kinds);
      const actor: Actor = { userId: named.userId, roles: user.roles as Role[], organizationId: user.organizationId, group: null };
      await this.events.raise(tx, { name: 'user.email-preferences-changed', actor, entityId: named.userId, data: { disabledKinds: kinds } });
      return { kind: named.kind, changed: true, language };
    });
  }

  /** The kind a valid unsubscribe token names and its person's language (the page they see); null: not a valid token. */
  async unsubscribeTarget(token: unknown): Promise<{ kind: string; language: Language } | null> {
    const named = readUnsubscribeToken(this.config.jwtSecret, token);
    if (!named) return null;
    const language = await this.tx.run(async (tx) => this.users.languageOf(tx.em, named.userId));
    return language ? { kind: named.kind, language } : null;
  }
}
