export * from './session.repository';
export * from './submission.repository';
