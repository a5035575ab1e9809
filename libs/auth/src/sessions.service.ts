import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@tripartite/config';
import { AppError } from '@tripartite/common';
import { Transactions, type Tx } from '@tripartite/database';
import { EventBus } from '@tripartite/events';
import { SessionRepository, type SessionRow } from './repositories';
import { SessionPrincipals } from './session-principals';
import type { SessionEndReason } from './session.entity';

/** A rotated refresh token presented again this soon after its rotation is another tab of the same browser racing. */
export const REFRESH_REUSE_GRACE_SECONDS = 10;

export interface SessionTimes {
  sessionId: string;
  userId: string;
  /** Absolute end. */
  expiresAt: Date;
  idleExpiresAt: Date;
}

/** A new session and the refresh token that keeps it alive (given to the client once, stored as a digest). */
export interface StartedSession extends SessionTimes {
  refreshToken: string;
}

/** A refreshed session; refreshToken is null when the one presented had just been rotated by a concurrent refresh. */
export interface RefreshedSession extends SessionTimes {
  refreshToken: string | null;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();
const newRefreshToken = () => randomBytes(32).toString('base64url');
const REFRESH_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Sessions in PostgreSQL: started at sign-in, kept alive by rotating refresh tokens, ended at once when asked. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly sessions: SessionRepository,
    private readonly principals: SessionPrincipals,
    private readonly config: AppConfig,
  ) {}

  async start(userId: string): Promise<StartedSession> {
    const refreshToken = newRefreshToken();
    const idle = Math.min(this.config.sessionIdleSeconds, this.config.sessionMaxSeconds);
    return this.tx.run(async (tx) => {
      await this.sessions.deleteExpired(tx);
      const row = await this.sessions.insert(tx, userId, idle, this.config.sessionMaxSeconds);
      await this.sessions.insertRefreshToken(tx, digest(refreshToken), row.id);
      return { ...times(row), refreshToken };
    });
  }

  /**
   * Trades a refresh token for a new one (rotation) and moves the session's idle end. A token already rotated
   * is refused, and ends its session (whoever holds the newer token is then refused too): a refresh token is
   * used once, so a second use means it was copied. Within REFRESH_REUSE_GRACE_SECONDS of its rotation, while
   * its successor is unused, it is another tab of the same browser: the session goes on without a new token.
   */
  async refresh(refreshToken: string): Promise<RefreshedSession> {
    if (!REFRESH_TOKEN.test(refreshToken)) throw AppError.unauthenticated('Invalid refresh token');
    const hash = digest(refreshToken);
    type Outcome = { kind: 'refused'; message: string } | { kind: 'reused' } | { kind: 'ok'; session: SessionTimes; refreshToken: string | null };
    // A reuse's event ends the session on every instance once this has committed (its subscriber announces it).
    const outcome = await this.tx.run(async (tx): Promise<Outcome> => {
      const sessionId = await this.sessions.sessionOfRefreshToken(hash, tx);
      if (!sessionId) return { kind: 'refused', message: 'Invalid refresh token' };
      const session = await this.sessions.lockForRefresh(tx, sessionId);
      if (!session?.live) return { kind: 'refused', message: 'Session ended' };
      const state = await this.sessions.refreshTokenState(tx, hash, REFRESH_REUSE_GRACE_SECONDS);
      if (state.rotated && state.recent && state.successor_unused) return { kind: 'ok', session: times(session), refreshToken: null };
      if (state.rotated) {
        await this.endIn(tx, { sessionId: session.id }, 'refresh-reuse');
        await this.events.raise(tx, { name: 'session.refreshTokenReused', actor: null, entityId: session.user_id, data: { sessionId: session.id } });
        return { kind: 'reused' };
      }
      const next = newRefreshToken();
      await this.sessions.rotateRefreshToken(tx, hash, digest(next));
      await this.sessions.insertRefreshToken(tx, digest(next), session.id);
      const moved = await this.sessions.moveIdleEnd(tx, session.id, this.config.sessionIdleSeconds);
      return { kind: 'ok', session: times(moved), refreshToken: next };
    });
    if (outcome.kind === 'reused') throw AppError.unauthenticated('Session ended');
    if (outcome.kind === 'refused') throw AppError.unauthenticated(outcome.message);
    return { ...outcome.session, refreshToken: outcome.refreshToken };
  }

  /** Ends a session (sign-out). False when it had ended already or does not exist. */
  async end(sessionId: string, reason: SessionEndReason = 'signed-out'): Promise<boolean> {
    const ended = await this.tx.run((tx) => this.endIn(tx, { sessionId }, reason));
    await this.principals.changed({ sessionId });
    return ended > 0;
  }

  /** Ends the session a refresh token belongs to (sign-out with the cookie, when the access token may have expired). */
  async endByRefreshToken(refreshToken: string): Promise<void> {
    if (!REFRESH_TOKEN.test(refreshToken)) return;
    const sessionId = await this.sessions.sessionOfRefreshToken(digest(refreshToken));
    if (sessionId) await this.end(sessionId);
  }

  /** Ends sessions inside the caller's transaction; the caller announces the change after the commit. Returns how many ended. */
  endIn(tx: Tx, which: { sessionId: string } | { userId: string }, reason: SessionEndReason): Promise<number> {
    return this.sessions.end(tx, which, reason);
  }
}

function times(row: SessionRow): SessionTimes {
  return { sessionId: row.id, userId: row.user_id, expiresAt: new Date(row.expires_at), idleExpiresAt: new Date(row.idle_expires_at) };
}
