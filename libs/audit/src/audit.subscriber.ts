import { Injectable, OnModuleInit } from '@nestjs/common';
import { DOMAIN_EVENTS, EventBus } from '@tripartite/events';
import { AuditService } from './audit.service';

/** Every domain event is an audit event, written in the write's own transaction: its action is the event's name. */
@Injectable()
export class AuditSubscriber implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.bus.onWrite('all', 'audit', AuditSubscriber.name, (tx, event) =>
      this.audit.record(tx.em, event.actor, event.name, DOMAIN_EVENTS[event.name].entity, event.entityId, event.data as Record<string, unknown>),
    );
  }
}
