export * from './instrument.repository';
export * from './version.repository';
export * from './content.repository';
export * from './translation.repository';
