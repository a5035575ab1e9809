import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AppConfig } from '@tripartite/config';
import { Actor, AppError, isUuid } from '@tripartite/common';
import type { Language } from '@tripartite/domain';
import { SessionPrincipal, SessionPrincipals, sessionLive } from './session-principals';

export const JWT_ISSUER = 'tripartite';
export const JWT_AUDIENCE = 'tripartite-api';

/** What an access token says: whose it is, of which session, until when. Nothing about roles: those are read per request. */
export interface AccessClaims {
  userId: string;
  sessionId: string;
  expiresAt: Date;
}

/** A signed-in caller: the actor as the database has it now, and the session it acts in. */
export interface SessionActor extends Actor {
  sessionId: string;
  /** The language of the caller's pages and emails, as the database says now (read with the session). */
  language: Language;
  /** The session's absolute end. */
  sessionExpiresAt: Date;
}

export function actorOf(p: SessionPrincipal): SessionActor {
  return {
    userId: p.userId,
    roles: p.roles,
    organizationId: p.organizationId,
    group: p.group,
    language: p.language,
    sessionId: p.sessionId,
    sessionExpiresAt: p.expiresAt,
  };
}

@Injectable()
export class TokensService {
  /** Built once: given a string, jsonwebtoken first tries it as a public key on every call (a sixth of the API's CPU). */
  private readonly key: KeyObject;

  constructor(
    private readonly config: AppConfig,
    readonly sessions: SessionPrincipals,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  /** An access token of the session, for JWT_TTL but never past `notAfter` (the session's end). */
  issue(session: { userId: string; sessionId: string; notAfter: Date }): { accessToken: string; expiresAt: Date } {
    const exp = Math.floor(Math.min(Date.now() / 1000 + this.config.jwtTtlSeconds, session.notAfter.getTime() / 1000));
    const accessToken = jwt.sign({ sid: session.sessionId, exp }, this.key, {
      algorithm: 'HS256',
      subject: session.userId,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    return { accessToken, expiresAt: new Date(exp * 1000) };
  }

  /** Verifies signature (HS256 only), issuer, audience, and an expiry that must be there; any failure is UNAUTHENTICATED. */
  verify(token: string): AccessClaims {
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE }) as jwt.JwtPayload;
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw AppError.unauthenticated(expired ? 'Access token expired' : 'Invalid access token');
    }
    // jsonwebtoken accepts a token without exp: one would never expire, nor name a session to end.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || !isUuid(claims.sub) || typeof claims.sid !== 'string' || !isUuid(claims.sid)) {
      throw AppError.unauthenticated('Invalid access token');
    }
    return { userId: claims.sub, sessionId: claims.sid, expiresAt: new Date(claims.exp * 1000) };
  }

  /** The session a genuine token names, expired or not (to end it at sign-out); null for anything else. */
  sessionOf(token: string): string | null {
    try {
      const claims = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        ignoreExpiration: true,
      }) as jwt.JwtPayload;
      return typeof claims.sid === 'string' && isUuid(claims.sid) ? claims.sid : null;
    } catch {
      return null;
    }
  }

  /** The caller a token stands for now: a valid token of a session that has not ended, with the user's current roles. */
  async authenticate(token: string): Promise<SessionActor> {
    const claims = this.verify(token);
    const principal = await this.sessions.get(claims.sessionId);
    if (!sessionLive(principal) || principal.userId !== claims.userId) throw AppError.unauthenticated('Session ended');
    return actorOf(principal);
  }

  /** The token of an `Authorization: Bearer <token>` value; anything else is UNAUTHENTICATED. */
  fromHeader(value: string | undefined | null): string | null {
    if (value === undefined || value === null || value === '') return null;
    const m = /^Bearer\s+(\S+)$/i.exec(value);
    if (!m) throw AppError.unauthenticated('Authorization must be "Bearer <token>"');
    return m[1];
  }
}
