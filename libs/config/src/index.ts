export * from './app-config';
export * from './config.module';
export * from './ed25519-keys';
export * from './describe';
export * from './config-table';
