import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '@tripartite/events';
import { NotificationsService } from './notifications.service';

/**
 * Domain events that people are told of: each becomes a notification event in the write's own transaction
 * (in-app rows, emails and webhook deliveries follow through the outbox). One subscription per event, so the
 * kind and data each notification carries read here.
 */
@Injectable()
export class DomainEventNotifications implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    const by = DomainEventNotifications.name;
    this.bus.onWrite(['stage.changed'], 'notify', by, (tx, e) =>
      this.notifications.emit(tx.em, { kind: 'stage.changed', instrumentId: e.entityId, subjectId: e.entityId, data: { from: e.data.from, to: e.data.to } }),
    );
  }
}
