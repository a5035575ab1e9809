// The signed-in session. Its access token is in memory and in sessionStorage (this tab only), never in
// localStorage; what keeps the session going is a refresh token the api keeps in an HttpOnly cookie (no script
// reads it) and trades for a new access token at POST /auth/refresh, a little before the current one expires,
// when the tab comes back from sleep, and when a tab opens (a reload, or a new tab of a browser already signed
// in). The session ends on sign-out (POST /auth/logout: the api refuses its tokens from then on), when the api
// refuses to refresh it (signed out elsewhere, deactivated, expired: after the idle time or at the session's
// absolute end), or at that end by the server's clock. Expiry keeps the user's drafts for when they sign in
// again; sign-out removes them.
import type { ConstituentGroup, Role } from '../gql/graphql';
import { noteServerDate, serverNow } from '../graphql/server-clock';
import { adoptUserLanguage } from '../i18n/language-choice';
import { isLanguage, type Language } from '../i18n/languages';
import { tokenExpiresAt } from './token';

export interface SessionUser {
  id: string;
  /** Always there for the user themself (the api hides other people's). */
  email: string;
  displayName: string;
  roles: Role[];
  organization: { id: string; name: string; group: ConstituentGroup } | null;
}

export interface Session {
  accessToken: string;
  /** Milliseconds since the epoch (server clock): when the access token expires. */
  expiresAt: number;
  /** When the session itself ends at the latest (no refresh goes past it). */
  sessionExpiresAt: number;
  /** When this tab's session started: with `generation`, what a new GraphQL client is made for. */
  startedAt: number;
  /** Bumped when the live connection must be opened afresh (after the api refused it, then refreshed). */
  generation: number;
  user: SessionUser;
}

export type EndReason = 'signed-out' | 'expired';

/** What POST /auth/refresh answers (200). */
interface RefreshBody {
  accessToken: string;
  expiresAt: string;
  sessionExpiresAt: string;
  /** With the language the user keeps on the server: a restored session reads in it. */
  user: SessionUser & { language: Language };
}

const SESSION_KEY = 'tripartite.session';
const LAST_EMAIL_KEY = 'tripartite.lastEmail';
export const DRAFT_PREFIX = 'tripartite.draft.';
// setTimeout fires at once for longer delays.
const MAX_TIMER_MS = 2 ** 31 - 1;
/** After a refresh that failed for want of a network (or a 5xx), the next try. */
const RETRY_MS = 5000;
/** How long sign-out waits for the api before ending the session here anyway. */
const SIGN_OUT_WAIT_MS = 5000;
/** A header no form or link can send: the api's cookie endpoints require it. */
const CSRF_HEADERS = { 'x-requested-with': 'tripartite' };

const listeners = new Set<() => void>();
let current: Session | null = restore();
let ended: EndReason | null = null;
let restoring = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
/** While signing out, the api ending the session (its socket closed) is the sign-out, not an expiry. */
let leaving = false;
/** When the current access token was received (server clock): a refresh is due a fifth of its life before its end. */
let receivedAt = serverNow();

function restore(): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Partial<Session> | null;
    if (stored && typeof stored.accessToken === 'string' && typeof stored.expiresAt === 'number' && stored.user?.id) {
      return {
        accessToken: stored.accessToken,
        expiresAt: stored.expiresAt,
        sessionExpiresAt: typeof stored.sessionExpiresAt === 'number' ? stored.sessionExpiresAt : stored.expiresAt,
        startedAt: typeof stored.startedAt === 'number' ? stored.startedAt : Date.now(),
        generation: 0,
        user: stored.user,
      };
    }
  } catch {
    // unreadable: start signed out
  }
  sessionStorage.removeItem(SESSION_KEY);
  return null;
}

function notify(): void {
  for (const listener of listeners) listener();
}

function save(session: Session): void {
  current = session;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  sessionStorage.setItem(LAST_EMAIL_KEY, session.user.email);
}

/** When to refresh: a fifth of the token's life before it expires (1 to 60 s); never, when the session ends first. */
function refreshDueAt(session: Session): number {
  const margin = Math.min(60_000, Math.max(1000, (session.expiresAt - receivedAt) / 5));
  return session.expiresAt - margin;
}

/** Whether a refresh can give a later token: not once the token runs to the session's end (exp has whole seconds). */
const canRefresh = (session: Session) => session.sessionExpiresAt - session.expiresAt > 1000;

function schedule(delay?: number): void {
  clearTimeout(timer);
  if (!current) return;
  const at = delay !== undefined ? serverNow() + delay : canRefresh(current) ? refreshDueAt(current) : current.sessionExpiresAt;
  timer = setTimeout(checkExpiry, Math.max(0, Math.min(at - serverNow(), MAX_TIMER_MS)));
}

/**
 * Refreshes the token when it is due (or past due: timers are late after sleep, so focus checks too), and ends
 * the session at its absolute end.
 */
export function checkExpiry(): void {
  if (!current) return;
  const now = serverNow();
  if (now >= current.sessionExpiresAt) return endSession('expired');
  if (canRefresh(current) && now >= refreshDueAt(current)) void refreshSession();
  else schedule();
}

/** The session, or null when signed out. Stable between changes (usable as a store snapshot). */
export function currentSession(): Session | null {
  return current;
}

/** Whether the tab is still finding out if the browser has a session (a new tab, before the api answered). */
export function sessionRestoring(): boolean {
  return restoring;
}

/** Why the last session ended (null when none ended in this tab since it loaded). */
export function lastEndReason(): EndReason | null {
  return ended;
}

/** The email of the last session, to fill in after an expiry. */
export function lastEmail(): string {
  return sessionStorage.getItem(LAST_EMAIL_KEY) ?? '';
}

function sessionFrom(
  accessToken: string,
  expiresAtIso: string,
  sessionExpiresAtIso: string,
  user: SessionUser,
  startedAt: number,
  generation: number,
): Session {
  const fromServer = Date.parse(expiresAtIso);
  const fromToken = tokenExpiresAt(accessToken);
  const expiresAt = Math.min(Number.isNaN(fromServer) ? Infinity : fromServer, fromToken ?? Infinity);
  const end = Date.parse(sessionExpiresAtIso);
  const tokenEnd = Number.isFinite(expiresAt) ? expiresAt : serverNow() + 3_600_000;
  receivedAt = serverNow();
  return { accessToken, expiresAt: tokenEnd, sessionExpiresAt: Number.isNaN(end) ? tokenEnd : end, startedAt, generation, user };
}

export function startSession(accessToken: string, expiresAtIso: string, sessionExpiresAtIso: string, user: SessionUser): Session {
  save(sessionFrom(accessToken, expiresAtIso, sessionExpiresAtIso, user, Date.now(), 0));
  ended = null;
  schedule();
  notify();
  return current!;
}

export function endSession(reason: EndReason): void {
  if (!current) return;
  if (leaving) reason = 'signed-out';
  if (reason === 'signed-out') {
    clearDrafts(current.user.id);
    sessionStorage.removeItem(LAST_EMAIL_KEY);
  }
  current = null;
  ended = reason;
  clearTimeout(timer);
  sessionStorage.removeItem(SESSION_KEY);
  notify();
}

/** Signs out: the api ends the session (its tokens refused everywhere, the cookie cleared), then this tab does. */
export async function signOut(): Promise<void> {
  const session = current;
  if (!session) return;
  leaving = true;
  const request = fetch('/auth/logout', {
    method: 'POST',
    headers: { ...CSRF_HEADERS, authorization: `Bearer ${session.accessToken}` },
    credentials: 'same-origin',
    keepalive: true,
  }).catch(() => undefined);
  try {
    await Promise.race([request, new Promise((resolve) => setTimeout(resolve, SIGN_OUT_WAIT_MS))]);
    endSession('signed-out');
  } finally {
    leaving = false;
  }
}

/**
 * Before the session's absolute end (no refresh goes past it): ends this tab's session the way an expiry would,
 * keeping the drafts, after asking the api to end it too, so that signing in again starts a new one.
 */
export async function signInAgain(): Promise<void> {
  const session = current;
  if (!session) return;
  await Promise.race([
    fetch('/auth/logout', {
      method: 'POST',
      headers: { ...CSRF_HEADERS, authorization: `Bearer ${session.accessToken}` },
      credentials: 'same-origin',
    }).catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, SIGN_OUT_WAIT_MS)),
  ]);
  endSession('expired');
}

/**
 * A new access token for the session (one refresh at a time). True when there is one; false when there is no
 * session any more (then it has ended here too) or the api could not be reached (tried again shortly).
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= exchange().finally(() => (refreshing = null));
  return refreshing;
}

/** After the api refused a token: a refresh, or, if the session is over, the end of it here. */
export async function refreshOrEnd(): Promise<void> {
  if (current) await refreshSession();
}

/** The access token to send now, refreshed first if it is due (requests wait for a refresh in flight). */
export async function freshAccessToken(): Promise<string | null> {
  if (refreshing) await refreshing;
  if (current && canRefresh(current) && serverNow() >= refreshDueAt(current)) await refreshSession();
  return current?.accessToken ?? null;
}

/** The live connection was refused although a refresh then succeeded: have a new one opened. */
export function reopenLive(): void {
  if (!current) return;
  current = { ...current, generation: current.generation + 1 };
  notify();
}

async function exchange(): Promise<boolean> {
  const before = current;
  if (!before && !restoring) return false;
  let response: Response;
  try {
    response = await fetch('/auth/refresh', { method: 'POST', headers: CSRF_HEADERS, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    if (current) schedule(RETRY_MS);
    return false;
  }
  noteServerDate(response.headers.get('date'));
  if (response.status === 200) {
    const body = (await response.json()) as RefreshBody;
    // The browser's session belongs to someone else now (signed in in another tab): this one is over.
    if (before && body.user.id !== before.user.id) {
      endSession('expired');
      return false;
    }
    // Signed out meanwhile, or no longer waiting for a session to restore.
    if (before ? !current : !restoring) return false;
    const { language, ...user } = body.user;
    save(sessionFrom(body.accessToken, body.expiresAt, body.sessionExpiresAt, user, before?.startedAt ?? Date.now(), before?.generation ?? 0));
    if (!before) {
      ended = null;
      // Only when restoring: a refresh during the session must not undo a switch made meanwhile.
      if (isLanguage(language)) adoptUserLanguage(language);
    }
    schedule();
    notify();
    return true;
  }
  if (response.status === 204 || response.status === 401 || response.status === 403) {
    endSession('expired');
    return false;
  }
  // The api is in trouble (5xx, 429): the session may well be fine.
  if (current) schedule(RETRY_MS);
  return false;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function clearDrafts(userId: string): void {
  const prefix = `${DRAFT_PREFIX}${userId}.`;
  const keys: string[] = [];
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  for (const key of keys) sessionStorage.removeItem(key);
}

if (current) {
  // A reload: the stored token may have expired meanwhile; the cookie renews it.
  checkExpiry();
} else {
  // A new tab: the browser may be signed in already.
  restoring = true;
  void refreshSession().finally(() => {
    restoring = false;
    notify();
  });
}
document.addEventListener('visibilitychange', checkExpiry);
window.addEventListener('focus', checkExpiry);
