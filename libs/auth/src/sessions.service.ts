import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@tripartite/config';
import { AppError } from '@tripartite/common';
import { Transactions } from '@tripartite/database';
import { AuditService } from '@tripartite/audit';
import { SessionPrincipals } from './session-principals';
import type { SessionEndReason } from './session.entity';

/** A rotated refresh token presented again this soon after its rotation is another tab of the same browser racing. */
export const REFRESH_REUSE_GRACE_SECONDS = 10;
/** Sessions are deleted (with their refresh tokens) a day after their absolute end; a sign-in clears a few. */
const DELETE_AFTER = `interval '1 day'`;

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

interface SessionRow {
  id: string;
  user_id: string;
  expires_at: Date;
  idle_expires_at: Date;
}

/** Sessions in PostgreSQL: started at sign-in, kept alive by rotating refresh tokens, ended at once when asked. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly principals: SessionPrincipals,
    private readonly config: AppConfig,
  ) {}

  async start(userId: string): Promise<StartedSession> {
    const refreshToken = newRefreshToken();
    const idle = Math.min(this.config.sessionIdleSeconds, this.config.sessionMaxSeconds);
    return this.tx.run(async ({ em }) => {
      await em.query(`DELETE FROM auth_session WHERE id IN (SELECT id FROM auth_session WHERE expires_at < now() - ${DELETE_AFTER} LIMIT 100)`);
      const [row]: SessionRow[] = await em.query(
        `INSERT INTO auth_session (user_id, idle_expires_at, expires_at)
         VALUES ($1, now() + make_interval(secs => $2), now() + make_interval(secs => $3))
         RETURNING id, user_id, expires_at, idle_expires_at`,
        [userId, idle, this.config.sessionMaxSeconds],
      );
      await em.query(`INSERT INTO auth_refresh_token (token_hash, session_id) VALUES ($1, $2)`, [digest(refreshToken), row.id]);
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
    type Outcome =
      { kind: 'refused'; message: string } | { kind: 'reused'; sessionId: string } | { kind: 'ok'; session: SessionTimes; refreshToken: string | null };
    const outcome = await this.tx.run(async ({ em }): Promise<Outcome> => {
      const [token]: { session_id: string }[] = await em.query(`SELECT session_id FROM auth_refresh_token WHERE token_hash = $1`, [hash]);
      if (!token) return { kind: 'refused', message: 'Invalid refresh token' };
      // Concurrent refreshes of one session take turns.
      const [session]: (SessionRow & { live: boolean })[] = await em.query(
        `SELECT s.id, s.user_id, s.expires_at, s.idle_expires_at,
                (s.revoked_at IS NULL AND u.deactivated_at IS NULL AND now() < s.idle_expires_at AND now() < s.expires_at) AS live
           FROM auth_session s JOIN app_user u ON u.id = s.user_id
          WHERE s.id = $1
            FOR UPDATE OF s`,
        [token.session_id],
      );
      if (!session?.live) return { kind: 'refused', message: 'Session ended' };
      const [state]: { rotated: boolean; recent: boolean; successor_unused: boolean }[] = await em.query(
        `SELECT t.rotated_at IS NOT NULL AS rotated,
                coalesce(now() - t.rotated_at <= make_interval(secs => $2), false) AS recent,
                coalesce((SELECT n.rotated_at IS NULL FROM auth_refresh_token n WHERE n.token_hash = t.replaced_by), false) AS successor_unused
           FROM auth_refresh_token t WHERE t.token_hash = $1`,
        [hash, REFRESH_REUSE_GRACE_SECONDS],
      );
      if (state.rotated && state.recent && state.successor_unused) return { kind: 'ok', session: times(session), refreshToken: null };
      if (state.rotated) {
        await this.endIn(em, { sessionId: session.id }, 'refresh-reuse');
        await this.audit.record(em, null, 'session.refreshTokenReused', 'User', session.user_id, { sessionId: session.id });
        return { kind: 'reused', sessionId: session.id };
      }
      const next = newRefreshToken();
      await em.query(`UPDATE auth_refresh_token SET rotated_at = now(), replaced_by = $2 WHERE token_hash = $1`, [hash, digest(next)]);
      await em.query(`INSERT INTO auth_refresh_token (token_hash, session_id) VALUES ($1, $2)`, [digest(next), session.id]);
      const [[moved]]: [SessionRow[], number] = await em.query(
        `UPDATE auth_session SET idle_expires_at = least(now() + make_interval(secs => $2), expires_at) WHERE id = $1
         RETURNING id, user_id, expires_at, idle_expires_at`,
        [session.id, this.config.sessionIdleSeconds],
      );
      return { kind: 'ok', session: times(moved), refreshToken: next };
    });
    if (outcome.kind === 'reused') {
      await this.principals.changed({ sessionId: outcome.sessionId });
      throw AppError.unauthenticated('Session ended');
    }
    if (outcome.kind === 'refused') throw AppError.unauthenticated(outcome.message);
    return { ...outcome.session, refreshToken: outcome.refreshToken };
  }

  /** Ends a session (sign-out). False when it had ended already or does not exist. */
  async end(sessionId: string, reason: SessionEndReason = 'signed-out'): Promise<boolean> {
    const ended = await this.tx.run(({ em }) => this.endIn(em, { sessionId }, reason));
    await this.principals.changed({ sessionId });
    return ended > 0;
  }

  /** Ends the session a refresh token belongs to (sign-out with the cookie, when the access token may have expired). */
  async endByRefreshToken(refreshToken: string): Promise<void> {
    if (!REFRESH_TOKEN.test(refreshToken)) return;
    const [token]: { session_id: string }[] = await this.tx.dataSource.query(`SELECT session_id FROM auth_refresh_token WHERE token_hash = $1`, [
      digest(refreshToken),
    ]);
    if (token) await this.end(token.session_id);
  }

  /** Ends sessions inside the caller's transaction; the caller announces the change after the commit. Returns how many ended. */
  async endIn(em: EntityManager, which: { sessionId: string } | { userId: string }, reason: SessionEndReason): Promise<number> {
    const column = 'sessionId' in which ? 'id' : 'user_id';
    const id = 'sessionId' in which ? which.sessionId : which.userId;
    const [, count]: [unknown, number] = await em.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE ${column} = $1 AND revoked_at IS NULL`,
      [id, reason],
    );
    return count;
  }
}

function times(row: SessionRow): SessionTimes {
  return { sessionId: row.id, userId: row.user_id, expiresAt: new Date(row.expires_at), idleExpiresAt: new Date(row.idle_expires_at) };
}
