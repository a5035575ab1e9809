import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { AuditSealer } from './audit-sealer';
import { AuditVerifier } from './audit-verifier';
import { AuditLogService } from './audit-log.service';

@Global()
@Module({
  providers: [AuditService, AuditSealer, AuditVerifier, AuditLogService],
  exports: [AuditService, AuditSealer, AuditVerifier, AuditLogService],
})
export class AuditModule {}
