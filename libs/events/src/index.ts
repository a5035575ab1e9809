export * from './event';
export * from './catalogue';
export * from './event-bus';
export * from './events.module';
