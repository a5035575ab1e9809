import { Module } from '@nestjs/common';
import { LivePublisher } from './live-publisher';
import { LivePubSub } from './live-pubsub';
import { LiveSubscriptions } from './live-subscriptions';

/**
 * Live events over Redis. Needs ConfigModule (global). Import it in every module whose services publish
 * (workflow, consultation, notifications, meetings) and where subscriptions are served; Nest keeps one instance.
 */
@Module({
  providers: [LivePubSub, LivePublisher, LiveSubscriptions],
  exports: [LivePublisher, LiveSubscriptions],
})
export class LiveModule {}
