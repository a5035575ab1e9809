import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '@tripartite/events';
import { LivePublisher } from '@tripartite/live';

/** After a move commits, subscribers of stageChanged on every api instance hear of it. */
@Injectable()
export class WorkflowLiveSubscriber implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly live: LivePublisher,
  ) {}

  onModuleInit(): void {
    this.bus.afterCommit(['stage.changed'], 'live', WorkflowLiveSubscriber.name, (e) =>
      this.live.publish('stageChanged', e.entityId, { instrumentId: e.entityId, transitionId: e.data.transitionId }),
    );
  }
}
