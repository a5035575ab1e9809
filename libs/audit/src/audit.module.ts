import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { AuditSealer } from './audit-sealer';
import { AuditVerifier } from './audit-verifier';

@Global()
@Module({
  providers: [AuditService, AuditSealer, AuditVerifier],
  exports: [AuditService, AuditSealer, AuditVerifier],
})
export class AuditModule {}
