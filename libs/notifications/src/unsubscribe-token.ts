import { createHmac, timingSafeEqual } from 'node:crypto';
import { isNotificationKind, isUuid, type NotificationKind } from './kinds';

/** Keeps these tokens apart from anything else signed with the same secret. */
const PURPOSE = 'tripartite/email-unsubscribe/v1';

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(`${PURPOSE}\n${payload}`).digest('base64url');

/**
 * The token of an email's one-click unsubscribe link (RFC 8058): the user and the kind, signed (HMAC-SHA256) with the
 * api's signing secret. It does not expire: a link in an old email still turns that kind off, and does nothing else.
 */
export function unsubscribeToken(secret: string, userId: string, kind: NotificationKind): string {
  const payload = `${userId}.${kind}`;
  return `${Buffer.from(payload).toString('base64url')}.${mac(secret, payload)}`;
}

/** The user and kind a token names, or null when it is not one this secret signed. */
export function readUnsubscribeToken(secret: string, token: unknown): { userId: string; kind: NotificationKind } | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined) return null;
  const payload = Buffer.from(encoded, 'base64url').toString('utf8');
  const want = Buffer.from(mac(secret, payload));
  const got = Buffer.from(signature);
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  const dot = payload.indexOf('.');
  const userId = payload.slice(0, dot);
  const kind = payload.slice(dot + 1);
  return dot > 0 && isUuid(userId) && isNotificationKind(kind) ? { userId, kind } : null;
}

/** Where an email's List-Unsubscribe points: the api's one-click endpoint under the public address. */
export function unsubscribeUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, '')}/email/unsubscribe?token=${encodeURIComponent(token)}`;
}
