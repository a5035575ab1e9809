// The signed-in session: in memory and in sessionStorage (this tab only, gone when it closes), never in
// localStorage. It ends when the token's exp passes (by the server's clock), when the server answers
// UNAUTHENTICATED, or on sign-out. Expiry keeps the user's drafts for when they sign in again;
// sign-out removes them.
import type { ConstituentGroup, Role } from '../gql/graphql';
import { serverNow } from '../graphql/server-clock';
import { tokenExpiresAt } from './token';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  organization: { id: string; name: string; group: ConstituentGroup } | null;
}

export interface Session {
  accessToken: string;
  /** Milliseconds since the epoch (server clock). */
  expiresAt: number;
  user: SessionUser;
}

export type EndReason = 'signed-out' | 'expired';

const SESSION_KEY = 'tripartite.session';
const LAST_EMAIL_KEY = 'tripartite.lastEmail';
export const DRAFT_PREFIX = 'tripartite.draft.';
// setTimeout fires at once for longer delays.
const MAX_TIMER_MS = 2 ** 31 - 1;

const listeners = new Set<() => void>();
let current: Session | null = restore();
let ended: EndReason | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function restore(): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    if (stored && typeof stored.accessToken === 'string' && typeof stored.expiresAt === 'number' && stored.user?.id) return stored;
  } catch {
    // unreadable: start signed out
  }
  sessionStorage.removeItem(SESSION_KEY);
  return null;
}

function notify(): void {
  for (const listener of listeners) listener();
}

function schedule(): void {
  clearTimeout(timer);
  if (!current) return;
  timer = setTimeout(checkExpiry, Math.max(0, Math.min(current.expiresAt - serverNow(), MAX_TIMER_MS)));
}

/** Ends the session if its token has expired; timers are late after sleep, so focus checks too. */
export function checkExpiry(): void {
  if (!current) return;
  if (serverNow() >= current.expiresAt) endSession('expired');
  else schedule();
}

/** The session, or null when signed out. Stable between changes (usable as a store snapshot). */
export function currentSession(): Session | null {
  return current;
}

/** Why the last session ended (null when none ended in this tab since it loaded). */
export function lastEndReason(): EndReason | null {
  return ended;
}

/** The email of the last session, to fill in after an expiry. */
export function lastEmail(): string {
  return sessionStorage.getItem(LAST_EMAIL_KEY) ?? '';
}

export function startSession(accessToken: string, expiresAtIso: string, user: SessionUser): Session {
  const fromServer = Date.parse(expiresAtIso);
  const fromToken = tokenExpiresAt(accessToken);
  const expiresAt = Math.min(Number.isNaN(fromServer) ? Infinity : fromServer, fromToken ?? Infinity);
  current = { accessToken, expiresAt: Number.isFinite(expiresAt) ? expiresAt : serverNow() + 3_600_000, user };
  ended = null;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(current));
  sessionStorage.setItem(LAST_EMAIL_KEY, user.email);
  schedule();
  notify();
  return current;
}

export function endSession(reason: EndReason): void {
  if (!current) return;
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

schedule();
document.addEventListener('visibilitychange', checkExpiry);
window.addEventListener('focus', checkExpiry);
