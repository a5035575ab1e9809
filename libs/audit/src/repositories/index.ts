export * from './audit-event.repository';
export * from './audit-checkpoint.repository';
