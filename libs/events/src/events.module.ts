import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from './event-bus';

/** The bus; every capability that raises or subscribes imports this module (one bus per application). */
@Module({ providers: [EventBus], exports: [EventBus] })
export class EventsModule {}

@Injectable()
class SubscribersCheck implements OnApplicationBootstrap {
  constructor(private readonly bus: EventBus) {}

  onApplicationBootstrap(): void {
    this.bus.assertComplete();
  }
}

/**
 * For an application's root module: once every module has subscribed (their onModuleInit), the application does
 * not start if an event lacks a subscriber for an effect it declares.
 */
@Module({ imports: [EventsModule], providers: [SubscribersCheck] })
export class EventsCheckModule {}
