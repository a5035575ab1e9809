import { Injectable } from '@nestjs/common';
import { AuditSealer } from '@tripartite/audit';
import { HandlesJob, JobHandler } from '@tripartite/queue';

@Injectable()
@JobHandler('maintenance', 'audit.seal')
export class AuditSealProcessor implements HandlesJob<'maintenance', 'audit.seal'> {
  constructor(private readonly sealer: AuditSealer) {}

  handle(): Promise<number> {
    return this.sealer.seal();
  }
}
