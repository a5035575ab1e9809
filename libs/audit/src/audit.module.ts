import { Global, Module } from '@nestjs/common';
import { EventsModule } from '@tripartite/events';
import { AuditSubscriber } from './audit.subscriber';
import { AuditService } from './audit.service';
import { AuditSealer } from './audit-sealer';
import { AuditVerifier } from './audit-verifier';
import { AuditLogService } from './audit-log.service';
import { AuditKeys } from './audit-keys';
import { AuditCheckpointer } from './audit-checkpointer';
import { AuditCheckpointRequests } from './audit-checkpoint-requests';

/** Needs DatabaseModule, ConfigModule and OutboxModule (global). */
@Global()
@Module({
  imports: [EventsModule],
  providers: [AuditSubscriber, AuditService, AuditSealer, AuditVerifier, AuditLogService, AuditKeys, AuditCheckpointer, AuditCheckpointRequests],
  exports: [AuditService, AuditSealer, AuditVerifier, AuditLogService, AuditKeys, AuditCheckpointer, AuditCheckpointRequests],
})
export class AuditModule {}
