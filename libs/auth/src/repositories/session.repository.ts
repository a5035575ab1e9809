import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@tripartite/database';
import type { ConstituentGroup, Language, Role } from '@tripartite/domain';
import type { SessionEndReason } from '../session.entity';

/** Sessions are deleted (with their refresh tokens) a day after their absolute end; a sign-in clears a few. */
const DELETE_AFTER = `interval '1 day'`;

/**
 * Marks the one statement authentication adds to a request (when this instance has not read the session within
 * SESSION_CACHE_MS): tests that count a request's statements leave it out.
 */
export const SESSION_READ_TAG = '/* session read */';

/** A session's ends, as the sign-in and the refresh give them back. */
export interface SessionRow {
  id: string;
  user_id: string;
  expires_at: Date;
  idle_expires_at: Date;
}

/** The session a refresh token names, locked, and whether it may still act (not ended, user active, not expired). */
export type LockedSessionRow = SessionRow & { live: boolean };

/** What a refresh token's own row says of its rotation. */
export interface RefreshTokenState {
  rotated: boolean;
  /** Rotated within the grace period given. */
  recent: boolean;
  /** Its successor has not been rotated yet. */
  successor_unused: boolean;
}

/** Who a session acts for, read with the user and the user's organization. */
export interface PrincipalRow {
  session_id: string;
  user_id: string;
  roles: Role[];
  organization_id: string | null;
  group: ConstituentGroup | null;
  expires_at: Date;
  idle_expires_at: Date;
  revoked_reason: SessionEndReason | null;
  deactivated_at: Date | null;
  language: Language | null;
  default_language: Language | null;
}

/** The auth_session and auth_refresh_token tables: sign-ins and the refresh tokens that keep them alive. */
@Injectable()
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deletes a few sessions a day past their absolute end (their refresh tokens go with them). */
  async deleteExpired(tx: Tx): Promise<void> {
    await tx.em.query(`DELETE FROM auth_session WHERE id IN (SELECT id FROM auth_session WHERE expires_at < now() - ${DELETE_AFTER} LIMIT 100)`);
  }

  async insert(tx: Tx, userId: string, idleSeconds: number, maxSeconds: number): Promise<SessionRow> {
    const [row]: SessionRow[] = await tx.em.query(
      `INSERT INTO auth_session (user_id, idle_expires_at, expires_at)
         VALUES ($1, now() + make_interval(secs => $2), now() + make_interval(secs => $3))
         RETURNING id, user_id, expires_at, idle_expires_at`,
      [userId, idleSeconds, maxSeconds],
    );
    return row;
  }

  /** The session of a refresh token, locked (concurrent refreshes of one session take turns). */
  async lockForRefresh(tx: Tx, sessionId: string): Promise<LockedSessionRow | null> {
    const [session]: LockedSessionRow[] = await tx.em.query(
      `SELECT s.id, s.user_id, s.expires_at, s.idle_expires_at,
                (s.revoked_at IS NULL AND u.deactivated_at IS NULL AND now() < s.idle_expires_at AND now() < s.expires_at) AS live
           FROM auth_session s JOIN app_user u ON u.id = s.user_id
          WHERE s.id = $1
            FOR UPDATE OF s`,
      [sessionId],
    );
    return session ?? null;
  }

  /** Moves the idle end, never past the absolute end. */
  async moveIdleEnd(tx: Tx, sessionId: string, idleSeconds: number): Promise<SessionRow> {
    const [[moved]]: [SessionRow[], number] = await tx.em.query(
      `UPDATE auth_session SET idle_expires_at = least(now() + make_interval(secs => $2), expires_at) WHERE id = $1
         RETURNING id, user_id, expires_at, idle_expires_at`,
      [sessionId, idleSeconds],
    );
    return moved;
  }

  /** Ends the sessions not ended yet, one or all of a user's; how many ended. */
  async end(tx: Tx, which: { sessionId: string } | { userId: string }, reason: SessionEndReason): Promise<number> {
    const column = 'sessionId' in which ? 'id' : 'user_id';
    const id = 'sessionId' in which ? which.sessionId : which.userId;
    const [, count]: [unknown, number] = await tx.em.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE ${column} = $1 AND revoked_at IS NULL`,
      [id, reason],
    );
    return count;
  }

  /** The session, its user and organization as they are now: the statement authentication adds to a request. */
  async principal(sessionId: string): Promise<PrincipalRow | null> {
    const rows: PrincipalRow[] = await this.dataSource.query(
      `${SESSION_READ_TAG} SELECT s.id AS session_id, s.user_id, s.expires_at, s.idle_expires_at, s.revoked_reason,
              u.roles, u.organization_id, u.deactivated_at, o."group",
              u.language, o.default_language
         FROM auth_session s
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN organization o ON o.id = u.organization_id
        WHERE s.id = $1`,
      [sessionId],
    );
    return rows[0] ?? null;
  }

  async insertRefreshToken(tx: Tx, tokenHash: Buffer, sessionId: string): Promise<void> {
    await tx.em.query(`INSERT INTO auth_refresh_token (token_hash, session_id) VALUES ($1, $2)`, [tokenHash, sessionId]);
  }

  /** The session a refresh token (by its digest) belongs to; in the caller's transaction when given one. */
  async sessionOfRefreshToken(tokenHash: Buffer, tx?: Tx): Promise<string | null> {
    const [token]: { session_id: string }[] = await (tx?.em ?? this.dataSource).query(`SELECT session_id FROM auth_refresh_token WHERE token_hash = $1`, [
      tokenHash,
    ]);
    return token?.session_id ?? null;
  }

  async refreshTokenState(tx: Tx, tokenHash: Buffer, graceSeconds: number): Promise<RefreshTokenState> {
    const [state]: RefreshTokenState[] = await tx.em.query(
      `SELECT t.rotated_at IS NOT NULL AS rotated,
                coalesce(now() - t.rotated_at <= make_interval(secs => $2), false) AS recent,
                coalesce((SELECT n.rotated_at IS NULL FROM auth_refresh_token n WHERE n.token_hash = t.replaced_by), false) AS successor_unused
           FROM auth_refresh_token t WHERE t.token_hash = $1`,
      [tokenHash, graceSeconds],
    );
    return state;
  }

  async rotateRefreshToken(tx: Tx, tokenHash: Buffer, replacedBy: Buffer): Promise<void> {
    await tx.em.query(`UPDATE auth_refresh_token SET rotated_at = now(), replaced_by = $2 WHERE token_hash = $1`, [tokenHash, replacedBy]);
  }
}
