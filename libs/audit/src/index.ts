// What other capabilities and the apps may use of the audit: the module, its services (recording, sealing,
// verifying, checkpoints, the log) and the types they take and return; the checkpoint format and its checks (for
// audit:verify). The entities and repositories are this lib's own.
export * from './audit.module';
export * from './audit.service';
export * from './audit-sealer';
export * from './audit-verifier';
export * from './audit-log.service';
export * from './audit-keys';
export * from './audit-checkpointer';
export * from './audit-checkpoint-requests';
export * from './audit-chain';
export * from './audit-checkpoint';
export * from './checkpoint-reach';
export * from './canonical-json';
export type { AuditEventRow, CheckpointReason } from './repositories';
export * from './verify-audit-trail';
