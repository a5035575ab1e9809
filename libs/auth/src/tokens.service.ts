import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AppConfig } from '@tripartite/config';
import { Actor, AppError } from '@tripartite/common';
import type { ConstituentGroup, Role } from '@tripartite/domain';

export const JWT_ISSUER = 'tripartite';
export const JWT_AUDIENCE = 'tripartite-api';

interface Claims {
  sub: string;
  roles: Role[];
  org: string | null;
  grp: ConstituentGroup | null;
}

@Injectable()
export class TokensService {
  /** Built once: given a string, jsonwebtoken first tries it as a public key on every call (a sixth of the API's CPU). */
  private readonly key: KeyObject;

  constructor(private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  issue(actor: Actor): { accessToken: string; expiresAt: Date } {
    const ttl = this.config.jwtTtlSeconds;
    const claims: Omit<Claims, 'sub'> = { roles: actor.roles, org: actor.organizationId, grp: actor.group };
    const accessToken = jwt.sign(claims, this.key, {
      algorithm: 'HS256',
      subject: actor.userId,
      expiresIn: ttl,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    const { exp } = jwt.decode(accessToken) as { exp: number };
    return { accessToken, expiresAt: new Date(exp * 1000) };
  }

  /** Verifies signature (HS256 only), issuer, audience and expiry; any failure is UNAUTHENTICATED. */
  verify(token: string): Actor & { expiresAt: Date } {
    let claims: Claims & { exp: number };
    try {
      claims = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      }) as Claims & { exp: number };
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw AppError.unauthenticated(expired ? 'Access token expired' : 'Invalid access token');
    }
    if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) throw AppError.unauthenticated('Invalid access token');
    return {
      userId: claims.sub,
      roles: claims.roles,
      organizationId: claims.org ?? null,
      group: claims.grp ?? null,
      expiresAt: new Date(claims.exp * 1000),
    };
  }

  /** The token of an `Authorization: Bearer <token>` value; anything else is UNAUTHENTICATED. */
  fromHeader(value: string | undefined | null): string | null {
    if (value === undefined || value === null || value === '') return null;
    const m = /^Bearer\s+(\S+)$/i.exec(value);
    if (!m) throw AppError.unauthenticated('Authorization must be "Bearer <token>"');
    return m[1];
  }
}
