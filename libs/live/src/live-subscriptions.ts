import { Injectable } from '@nestjs/common';
import { LivePubSub } from './live-pubsub';

/** Turns each event into what one subscriber may see of it, or null to skip the event for that subscriber. */
export type LiveSelect<P, R> = (payload: P) => Promise<R | null | undefined>;

/** Events for subscription resolvers, from the shared Redis PubSub. */
@Injectable()
export class LiveSubscriptions {
  constructor(private readonly live: LivePubSub) {}

  /**
   * The events of these channels (names from liveChannel()) as they arrive. With `select`, each event is
   * replaced by what select returns and skipped when it returns null: one read per event and subscriber,
   * through the same visibility-checked reader as queries.
   */
  asyncIterator<P>(channels: string | readonly string[]): AsyncIterableIterator<P>;
  asyncIterator<P, R>(channels: string | readonly string[], select: LiveSelect<P, R>): AsyncIterableIterator<R>;
  asyncIterator<P, R>(channels: string | readonly string[], select?: LiveSelect<P, R>): AsyncIterableIterator<P | R> {
    const names = (typeof channels === 'string' ? [channels] : [...channels]).map((c) => this.live.channel(c));
    const source = this.live.pubsub.asyncIterator<P>(names);
    return select ? selecting(source, select) : source;
  }
}

/**
 * Not an async generator: a generator waiting for the next event would only see `return()` (the client
 * unsubscribing) once another event arrived, keeping the Redis subscription until then.
 */
function selecting<P, R>(source: AsyncIterableIterator<P>, select: LiveSelect<P, R>): AsyncIterableIterator<R> {
  const done = (): IteratorResult<R> => ({ done: true, value: undefined });
  const close = async () => {
    await source.return?.();
    return done();
  };
  const iterator: AsyncIterableIterator<R> = {
    async next() {
      for (;;) {
        const step = await source.next();
        if (step.done) return done();
        let value: R | null | undefined;
        try {
          value = await select(step.value);
        } catch (error) {
          // The subscription ends with this error: let go of the Redis subscription first.
          await close();
          throw error;
        }
        if (value !== null && value !== undefined) return { done: false, value };
      }
    },
    return: close,
    async throw(error: unknown) {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
