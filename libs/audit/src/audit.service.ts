import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '@tripartite/common';
import { AuditEventRepository } from './repositories';

/** Appends audit events inside the caller's transaction; never waits for other writers. */
@Injectable()
export class AuditService {
  constructor(private readonly events: AuditEventRepository) {}

  async record(
    em: EntityManager,
    actor: Actor | null,
    action: string,
    entityType: string,
    entityId: string,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await this.events.insert(em, { actorId: actor?.userId ?? null, action, entityType, entityId, data });
  }
}
