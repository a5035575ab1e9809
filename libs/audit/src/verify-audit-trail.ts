import type { DataSource } from 'typeorm';
import { Transactions } from '@tripartite/database';
import type { VerifyKeys } from './audit-checkpoint';
import { AuditSealer } from './audit-sealer';
import { AuditVerification, AuditVerifier } from './audit-verifier';
import type { CheckpointToCheck } from './checkpoint-reach';
import { AuditCheckpointRepository, AuditEventRepository } from './repositories';

/**
 * npm run audit:verify's check, on a data source of its own (no application around it): seals what is finished,
 * then recomputes the chain and checks it reaches every stored checkpoint and every one of `extra`.
 */
export async function verifyAuditTrail(dataSource: DataSource, keys: VerifyKeys, extra: CheckpointToCheck[] = []): Promise<AuditVerification> {
  const events = new AuditEventRepository(dataSource);
  await new AuditSealer(new Transactions(dataSource), events).seal();
  const checkpoints = [...(await new AuditCheckpointRepository(dataSource).stored()), ...extra];
  return new AuditVerifier(events).verify(checkpoints, keys);
}
