// What other capabilities and the apps may use of identity: the module, its services, guard and decorators, its
// read model and the row types they return. The entities stay exported while other capabilities still name them
// (as types, and notifications' email preferences); the repositories are this lib's own.
export * from './access.guard';
export * from './admin.service';
export * from './auth.decorators';
export * from './auth.module';
export * from './board-credentials';
export * from './auth.service';
export * from './identity.read-model';
export * from './password';
export * from './personal-data';
export * from './session-principals';
export * from './sessions.service';
export * from './tokens.service';
export * from './read-models/meetings.read-model';
export { OrganizationEntity } from './organization.entity';
export { UserEntity } from './user.entity';
export type { SessionEndReason } from './session.entity';
export type { UserRow, OrganizationRow } from './repositories';
export { SESSION_READ_TAG } from './repositories';
export * from './read-models/paper.read-model';
export * from './read-models/recipients.read-model';
export * from './read-models/consultation.read-model';
