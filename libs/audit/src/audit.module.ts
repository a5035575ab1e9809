import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '@tripartite/events';
import { OutboxModule } from '@tripartite/outbox';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';
import { AuditCheckpointRequests } from './audit-checkpoint-requests';
import { AuditCheckpointer } from './audit-checkpointer';
import { AuditEventEntity } from './audit-event.entity';
import { AuditKeys } from './audit-keys';
import { AuditLogService } from './audit-log.service';
import { AuditSealer } from './audit-sealer';
import { AuditService } from './audit.service';
import { AuditSubscriber } from './audit.subscriber';
import { AuditVerifier } from './audit-verifier';
import { AuditCheckpointRepository, AuditEventRepository } from './repositories';

/**
 * The audit trail: the tables audit_event and audit_checkpoint. Needs DatabaseModule and ConfigModule (the
 * application's).
 */
@Module({
  // The entities describe the tables (selectList reads their metadata); only this module's repositories query them.
  imports: [EventsModule, OutboxModule, TypeOrmModule.forFeature([AuditEventEntity, AuditCheckpointEntity])],
  providers: [
    AuditSubscriber,
    AuditService,
    AuditSealer,
    AuditVerifier,
    AuditLogService,
    AuditKeys,
    AuditCheckpointer,
    AuditCheckpointRequests,
    AuditEventRepository,
    AuditCheckpointRepository,
  ],
  exports: [AuditService, AuditSealer, AuditVerifier, AuditLogService, AuditKeys, AuditCheckpointer, AuditCheckpointRequests],
})
export class AuditModule {}
