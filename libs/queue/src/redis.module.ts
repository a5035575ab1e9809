import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@tripartite/config';
import { Queues } from './queues.service';

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
    Queues,
  ],
  exports: [REDIS, Queues],
})
export class RedisModule {}
