import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@tripartite/config';
import { AppError } from '@tripartite/common';
import { REDIS } from '@tripartite/queue';

/** Login throttling shared by every API instance through Redis. */
@Injectable()
export class LoginRateLimiter {
  private readonly failuresByEmail: RateLimiterRedis;
  private readonly attemptsByClient: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, config: AppConfig) {
    this.failuresByEmail = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.QUEUE_PREFIX}:rl:login-email`,
      points: config.LOGIN_MAX_FAILURES_PER_EMAIL,
      duration: config.LOGIN_FAILURE_WINDOW_SECONDS,
    });
    this.attemptsByClient = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.QUEUE_PREFIX}:rl:login-client`,
      points: config.LOGIN_MAX_ATTEMPTS_PER_CLIENT,
      duration: config.LOGIN_CLIENT_WINDOW_SECONDS,
    });
  }

  /** Counts this attempt for the client, and refuses when the client or the email is over its limit. */
  async beforeAttempt(email: string, client: string): Promise<void> {
    try {
      await this.attemptsByClient.consume(client);
    } catch (error) {
      throw this.limited(error);
    }
    const failures = await this.failuresByEmail.get(email.toLowerCase());
    if (failures && failures.consumedPoints >= this.failuresByEmail.points) throw this.limited(failures);
  }

  async recordFailure(email: string): Promise<void> {
    await this.failuresByEmail.penalty(email.toLowerCase(), 1);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.failuresByEmail.delete(email.toLowerCase());
  }

  private limited(error: unknown): Error {
    if (error instanceof RateLimiterRes) return AppError.rateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    return error as Error;
  }
}
