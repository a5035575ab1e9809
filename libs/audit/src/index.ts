export * from './audit.service';
export * from './audit-chain';
export * from './audit-sealer';
export * from './audit-verifier';
export * from './audit.module';
export * from './canonical-json';
export * from './audit-log.service';
