import { Injectable, Logger } from '@nestjs/common';
import { LiveEventName, LiveEventPayloads, liveChannel } from './live-events';
import { LivePubSub } from './live-pubsub';

/** Publishes live events. Call it after the commit only: `tx.afterCommit(() => live.publish(...))`. */
@Injectable()
export class LivePublisher {
  private readonly logger = new Logger('Live');

  constructor(private readonly live: LivePubSub) {}

  /** Resolves once Redis took the event or refused it; a failure is logged, never thrown (the write has committed). */
  async publish<E extends LiveEventName>(event: E, subjectId: string, payload: LiveEventPayloads[E]): Promise<void> {
    try {
      await this.live.pubsub.publish(this.live.channel(liveChannel(event, subjectId)), payload);
    } catch (error) {
      this.logger.error({ err: { message: (error as Error)?.message }, event, subjectId }, 'could not publish a live event');
    }
  }
}
