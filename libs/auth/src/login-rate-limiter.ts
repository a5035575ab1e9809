import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@tripartite/config';
import { AppError } from '@tripartite/common';
import { REDIS } from '@tripartite/redis';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** The Redis key part of an email: its SHA-256, never the text someone submitted. */
export const emailKey = (email: string) => sha256(email.trim().toLowerCase());

/** A client as it is counted: its address (bounded), or the digest of anything else. */
export const clientKey = (client: string) => (isIP(client) ? client : sha256(client));

/** The counters one attempt touches. */
export interface LoginAttempt {
  client: string;
  email: string;
  emailClient: string;
}

/**
 * Sign-in throttling shared by every api instance through Redis, after OWASP's authentication guidance: a
 * lockout that an attacker cannot turn against the owner of an address.
 * - every client (address) has an overall budget of attempts (LOGIN_MAX_ATTEMPTS_PER_CLIENT per window);
 * - a client that failed LOGIN_MAX_FAILURES_PER_EMAIL times for one email is refused for that email for the
 *   window, whatever the password: that client only;
 * - once an email has failed LOGIN_GLOBAL_FAILURES_PER_EMAIL times from all clients together (an attack spread
 *   over many addresses), every client that has failed for it at least once is refused until that window ends.
 *   A client with no failure for the email still gets in with the right password.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly attemptsByClient: RateLimiterRedis;
  private readonly failuresByEmailClient: RateLimiterRedis;
  private readonly failuresByEmail: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, config: AppConfig) {
    const limiter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.QUEUE_PREFIX}:rl:${name}`, points, duration });
    this.attemptsByClient = limiter('login-client', config.LOGIN_MAX_ATTEMPTS_PER_CLIENT, config.LOGIN_CLIENT_WINDOW_SECONDS);
    this.failuresByEmailClient = limiter('login-email-client', config.LOGIN_MAX_FAILURES_PER_EMAIL, config.LOGIN_FAILURE_WINDOW_SECONDS);
    this.failuresByEmail = limiter('login-email', config.LOGIN_GLOBAL_FAILURES_PER_EMAIL, config.LOGIN_GLOBAL_FAILURE_WINDOW_SECONDS);
  }

  /** Counts the attempt for the client; RATE_LIMITED when the client, or this client for this email, may not try now. */
  async beforeAttempt(email: string, client: string): Promise<LoginAttempt> {
    const attempt: LoginAttempt = { client: clientKey(client), email: emailKey(email), emailClient: '' };
    attempt.emailClient = `${attempt.email}:${attempt.client}`;
    try {
      await this.attemptsByClient.consume(attempt.client);
    } catch (error) {
      throw this.limited(error);
    }
    const own = await this.failuresByEmailClient.get(attempt.emailClient);
    // No failure of its own for this email: nothing anyone else did can keep this client out.
    if (!own || own.consumedPoints <= 0) return attempt;
    if (own.consumedPoints >= this.failuresByEmailClient.points) throw this.limited(own);
    const all = await this.failuresByEmail.get(attempt.email);
    if (all && all.consumedPoints >= this.failuresByEmail.points) throw this.limited(all);
    return attempt;
  }

  async recordFailure(attempt: LoginAttempt): Promise<void> {
    await Promise.all([this.failuresByEmailClient.penalty(attempt.emailClient, 1), this.failuresByEmail.penalty(attempt.email, 1)]);
  }

  /** The client proved it knows the password: its own failures are forgotten (the email's total is not). */
  async recordSuccess(attempt: LoginAttempt): Promise<void> {
    await this.failuresByEmailClient.delete(attempt.emailClient);
  }

  private limited(error: unknown): Error {
    if (error instanceof RateLimiterRes) return AppError.rateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    return error as Error;
  }
}
