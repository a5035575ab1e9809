export * from './user.repository';
export * from './organization.repository';
export * from './session.repository';
