export * from './data-source-options';
export * from './database.module';
export * from './transactions';
export * from './pg-errors';
export * from './create-database';
export * from './run-migrations';
export * from './select-list';
