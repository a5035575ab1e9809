export * from './app-error';
export * from './actor';
export * from './logging.module';
export * from './pagination';
export * from './ids';
export * from './log-format';
