import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
import { AppConfig } from '@tripartite/config';

export const PUBLISH_TIMEOUT_MS = 1000;

/** The Redis channel of a live channel name, under a QUEUE_PREFIX (so test runs and deployments sharing a Redis never cross). */
export function redisLiveChannel(prefix: string, channel: string): string {
  return `${prefix}:live:${channel}`;
}

/**
 * The Redis-backed PubSub every API instance and the worker share (never memory: any instance delivers
 * what another published). Created on first use, so processes that neither publish nor subscribe open no
 * connection; publishing and subscribing need two connections (a subscribed one can do nothing else).
 */
@Injectable()
export class LivePubSub implements OnApplicationShutdown {
  private readonly logger = new Logger('Live');
  private engine?: RedisPubSub;
  private closed = false;

  constructor(private readonly config: AppConfig) {}

  get pubsub(): RedisPubSub {
    if (this.closed) throw new Error('Live events are shut down');
    this.engine ??= new RedisPubSub({ publisher: this.connect('pub'), subscriber: quietUnsubscribe(this.connect('sub')) });
    return this.engine;
  }

  channel(name: string): string {
    return redisLiveChannel(this.config.QUEUE_PREFIX, name);
  }

  onApplicationShutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.engine?.getPublisher().disconnect();
    this.engine?.getSubscriber().disconnect();
  }

  private connect(role: 'pub' | 'sub'): Redis {
    const client = new Redis(this.config.REDIS_URL, {
      connectionName: `${this.config.QUEUE_PREFIX}-live-${role}`,
      maxRetriesPerRequest: 1,
      // Publishing is awaited after the commit, before the response: a Redis outage may delay a write by this, no more.
      ...(role === 'pub' ? { commandTimeout: PUBLISH_TIMEOUT_MS } : {}),
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    client.on('error', (err: Error) => this.logger.warn({ err: { message: err.message } }, `live ${role} connection to Redis failed`));
    return client;
  }
}

/**
 * RedisPubSub drops the promises of its UNSUBSCRIBE commands. One that fails (a subscription ending while Redis
 * is away, or after shutdown closed the connection) must not become an unhandled rejection, which ends the process.
 */
function quietUnsubscribe(client: Redis): Redis {
  for (const name of ['unsubscribe', 'punsubscribe'] as const) {
    const original = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const result = original(...args);
      result.catch(() => undefined);
      return result;
    };
  }
  return client;
}
