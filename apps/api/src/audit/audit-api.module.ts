import { Module } from '@nestjs/common';
import { AuditModule } from '@tripartite/audit';
import { AuditResolver } from './audit.resolver';

/** auditLog and verifyAuditChain (the actor of each event through the request's loaders). */
@Module({
  imports: [AuditModule],
  providers: [AuditResolver],
})
export class AuditApiModule {}
