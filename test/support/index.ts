export * from './env';
export * from './graphql-client';
export * from './people';
export * from './redis-keys';
export * from './test-api';
export * from './test-database';
export * from './medium';
