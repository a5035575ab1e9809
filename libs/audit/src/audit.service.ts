import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '@tripartite/common';

/** Appends audit events inside the caller's transaction; never waits for other writers. */
@Injectable()
export class AuditService {
  async record(
    em: EntityManager,
    actor: Actor | null,
    action: string,
    entityType: string,
    entityId: string,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await em.query(`INSERT INTO audit_event (actor_id, action, entity_type, entity_id, data) VALUES ($1, $2, $3, $4, $5)`, [
      actor?.userId ?? null,
      action,
      entityType,
      entityId,
      JSON.stringify(data),
    ]);
  }
}
