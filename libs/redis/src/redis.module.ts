import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@tripartite/config';

/** The application's shared Redis client (health, rate limits, session principals, the reconciles' requeue). */
export const REDIS = Symbol('REDIS');

/** A client that fails fast while Redis is away (health, rate limits), and reconnects by itself. */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

/**
 * The REDIS client, one per process. Needs ConfigModule. Import it where REDIS is injected; still global while
 * capabilities that inject REDIS without importing it remain (auth, consultation, meetings, governing body).
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const client = createRedis(config.REDIS_URL, `${config.QUEUE_PREFIX}-app`);
        client.on('error', () => undefined); // readiness reports it; avoid unhandled error events
        return client;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
