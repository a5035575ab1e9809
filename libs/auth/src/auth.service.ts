import { Injectable } from '@nestjs/common';
import { AppError, FieldErrors } from '@tripartite/common';
import { LoginRateLimiter } from './login-rate-limiter';
import { DUMMY_HASH, verifyPassword } from './password';
import { UserRepository, type UserRow } from './repositories';
import { SessionsService } from './sessions.service';
import { SessionActor, TokensService } from './tokens.service';

export interface LoginResult {
  accessToken: string;
  expiresAt: Date;
  /** The session's absolute end: no refresh goes past it. */
  sessionExpiresAt: Date;
  /** For the HttpOnly cookie of POST /auth/refresh; never in a response body. */
  refreshToken: string;
  user: UserRow;
}

export interface RefreshResult {
  accessToken: string;
  expiresAt: Date;
  sessionExpiresAt: Date;
  /** null: the token presented had just been rotated by a concurrent refresh, whose cookie stands. */
  refreshToken: string | null;
  user: UserRow;
}

const BAD_CREDENTIALS = 'Invalid email or password';
export const MAX_EMAIL_LENGTH = 320;
export const MAX_PASSWORD_LENGTH = 1024;

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokensService,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginRateLimiter,
  ) {}

  async login(email: string, password: string, client: string): Promise<LoginResult> {
    // Before any Redis or scrypt work: what no account can have is refused at the door.
    new FieldErrors()
      .check(email.length <= MAX_EMAIL_LENGTH, 'email', `must be at most ${MAX_EMAIL_LENGTH} characters`)
      .check(password.length <= MAX_PASSWORD_LENGTH, 'password', `must be at most ${MAX_PASSWORD_LENGTH} characters`)
      .throwIfAny();
    const normalized = email.trim().toLowerCase();
    const attempt = await this.limiter.beforeAttempt(normalized, client);
    const user = await this.users.forLogin(normalized);
    // Unknown email, wrong password and deactivated user take the same path, the same time, and the same answer.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.deactivatedAt) {
      await this.limiter.recordFailure(attempt);
      throw AppError.unauthenticated(BAD_CREDENTIALS);
    }
    await this.limiter.recordSuccess(attempt);
    const session = await this.sessions.start(user.id);
    const { passwordHash: _omit, ...rest } = user;
    return {
      ...this.tokens.issue({ userId: user.id, sessionId: session.sessionId, notAfter: session.expiresAt }),
      sessionExpiresAt: session.expiresAt,
      refreshToken: session.refreshToken,
      user: rest,
    };
  }

  /** A new access token (and refresh token) for the session of a refresh token; UNAUTHENTICATED once the session has ended. */
  async refresh(refreshToken: string): Promise<RefreshResult> {
    const session = await this.sessions.refresh(refreshToken);
    const user = await this.users.get(session.userId);
    if (!user) throw new Error(`the user of session ${session.sessionId} is gone`);
    return {
      ...this.tokens.issue({ userId: session.userId, sessionId: session.sessionId, notAfter: session.expiresAt }),
      sessionExpiresAt: session.expiresAt,
      refreshToken: session.refreshToken,
      user,
    };
  }

  /** Ends the caller's session: its access and refresh tokens are refused from now on, on every instance. */
  async logout(actor: SessionActor): Promise<void> {
    await this.sessions.end(actor.sessionId);
  }

  /** Sign-out with whatever the client still holds (a refresh token, an access token that may have expired). */
  async logoutWith(credentials: { refreshToken?: string | null; accessToken?: string | null }): Promise<void> {
    if (credentials.refreshToken) await this.sessions.endByRefreshToken(credentials.refreshToken);
    const sessionId = credentials.accessToken ? this.tokens.sessionOf(credentials.accessToken) : null;
    if (sessionId) await this.sessions.end(sessionId);
  }
}
