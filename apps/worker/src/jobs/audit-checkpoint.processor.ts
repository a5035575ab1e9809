import { Injectable } from '@nestjs/common';
import { AuditCheckpoint, AuditCheckpointer } from '@tripartite/audit';
import { NotificationsService } from '@tripartite/notifications';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

/** Signs a checkpoint when due and raises it as the audit.checkpoint event, so webhooks carry it out of the database. */
@Injectable()
@JobHandler('maintenance', 'audit.checkpoint')
export class AuditCheckpointProcessor implements HandlesJob<'maintenance', 'audit.checkpoint'> {
  constructor(
    private readonly checkpointer: AuditCheckpointer,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(payload: JobPayload<'maintenance', 'audit.checkpoint'>): Promise<AuditCheckpoint | null> {
    return this.checkpointer.checkpoint({ reason: payload.reason ?? 'interval', afterTxid: payload.afterTxid }, (tx, checkpoint) =>
      this.notifications.emit(tx.em, { kind: 'audit.checkpoint', data: { ...checkpoint } }),
    );
  }
}
