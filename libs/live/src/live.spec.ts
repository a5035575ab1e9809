import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig, loadConfig } from '@tripartite/config';
import { liveChannel } from './live-events';
import { LivePublisher } from './live-publisher';
import { LivePubSub, PUBLISH_TIMEOUT_MS, redisLiveChannel } from './live-pubsub';
import { LiveSubscriptions } from './live-subscriptions';
import { perEvent } from './per-event';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let n = 0;

/** One process's live services; two of them stand for two API instances. */
function instance(prefix: string, redisUrl = REDIS_URL) {
  const pubsub = new LivePubSub(loadConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix }) as AppConfig);
  return { pubsub, publisher: new LivePublisher(pubsub), subscriptions: new LiveSubscriptions(pubsub) };
}

describe('live events over Redis', () => {
  const open: LivePubSub[] = [];
  let redis: Redis;
  let prefix: string;

  const start = (p = prefix, url?: string) => {
    const live = instance(p, url);
    open.push(live.pubsub);
    return live;
  };
  /** How many connections listen on a live channel. */
  const listeners = async (channel: string) => {
    const [, count] = (await redis.pubsub('NUMSUB', redisLiveChannel(prefix, channel))) as [string, number];
    return Number(count);
  };
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
  };

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  beforeEach(() => {
    prefix = `ttlivespec${process.pid}x${++n}`;
  });
  afterEach(() => {
    open.splice(0).forEach((p) => p.onApplicationShutdown());
  });
  afterAll(() => redis.disconnect());

  it('delivers what one process publishes to another, selected per subscriber, nothing of other channels or prefixes', async () => {
    const a = start();
    const b = start();
    const otherRun = start(`${prefix}other`);
    const channel = liveChannel('stageChanged', 'i1');
    const events = a.subscriptions.asyncIterator<{ transitionId: string }, string>(channel, async (e) =>
      e.transitionId === 'hidden' ? null : `seen ${e.transitionId}`,
    );
    const first = events.next();
    await until(async () => (await listeners(channel)) === 1);

    await otherRun.publisher.publish('stageChanged', 'i1', { instrumentId: 'i1', transitionId: 'other run' });
    await b.publisher.publish('stageChanged', 'i2', { instrumentId: 'i2', transitionId: 'other instrument' });
    await b.publisher.publish('stageChanged', 'i1', { instrumentId: 'i1', transitionId: 'hidden' });
    await b.publisher.publish('stageChanged', 'i1', { instrumentId: 'i1', transitionId: 't1' });
    expect(await first).toEqual({ done: false, value: 'seen t1' });
    await events.return!();
  });

  it('lets go of the Redis subscription as soon as the subscriber leaves, even while it waits for an event', async () => {
    const a = start();
    const channel = liveChannel('commentSubmitted', 'r1');
    const events = a.subscriptions.asyncIterator(channel, async (e) => e);
    const waiting = events.next();
    await until(async () => (await listeners(channel)) === 1);
    expect(await listeners(channel)).toBe(1);
    await events.return!();
    expect(await waiting).toEqual({ done: true, value: undefined });
    await until(async () => (await listeners(channel)) === 0);
    expect(await listeners(channel)).toBe(0);
  });

  it('ends the subscription with the error of a failed read, and lets go of Redis', async () => {
    const a = start();
    const channel = liveChannel('notificationAdded', 'u1');
    const events = a.subscriptions.asyncIterator(channel, async () => {
      throw new Error('database away');
    });
    const failed = events.next();
    await until(async () => (await listeners(channel)) === 1);
    await a.publisher.publish('notificationAdded', 'u1', { userId: 'u1', notificationId: 'n1' });
    await expect(failed).rejects.toThrow('database away');
    await until(async () => (await listeners(channel)) === 0);
    expect(await listeners(channel)).toBe(0);
  });

  it('ends a subscription after shutdown closed Redis without an unhandled rejection (which would end the process)', async () => {
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onRejection);
    try {
      const a = start();
      const channel = liveChannel('tallyUpdated', 'm1');
      const events = a.subscriptions.asyncIterator(channel);
      void events.next();
      await until(async () => (await listeners(channel)) === 1);
      a.pubsub.onApplicationShutdown();
      await events.return!();
      await new Promise((r) => setTimeout(r, 100));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('logs a publish that Redis cannot take, and never throws it into the request', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      // Nothing listens on port 1.
      const away = start(prefix, 'redis://127.0.0.1:1');
      const started = Date.now();
      await expect(away.publisher.publish('stageChanged', 'i1', { instrumentId: 'i1', transitionId: 't1' })).resolves.toBeUndefined();
      // The write it follows waits no longer than this.
      expect(Date.now() - started).toBeLessThan(PUBLISH_TIMEOUT_MS + 500);
      expect(error).toHaveBeenCalledWith(expect.objectContaining({ event: 'stageChanged', subjectId: 'i1' }), 'could not publish a live event');
    } finally {
      jest.restoreAllMocks();
    }
  });
});

describe('perEvent', () => {
  it('reads once per event object and again for the next event', async () => {
    const reads: string[] = [];
    const read = perEvent(async (e: { id: string }) => {
      reads.push(e.id);
      return `tally of ${e.id}`;
    });
    const first = { id: 'a' };
    const results = await Promise.all([read(first), read(first), read(first)]);
    expect(results).toEqual(['tally of a', 'tally of a', 'tally of a']);
    expect(await read({ id: 'a' })).toBe('tally of a');
    expect(reads).toEqual(['a', 'a']);
  });

  it('gives every subscriber of a failed read the same failure', async () => {
    const read = perEvent(async (_: object) => {
      throw new Error('database away');
    });
    const event = {};
    await expect(read(event)).rejects.toThrow('database away');
    await expect(read(event)).rejects.toThrow('database away');
  });
});
