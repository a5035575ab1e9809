// The fault suite's jest config: the root config's transform, aliases and database setup, fault files only.
const { jest: root } = require('../../package.json');

module.exports = {
  rootDir: '../..',
  testEnvironment: root.testEnvironment,
  testMatch: ['<rootDir>/test/faults/**/*.faults.ts'],
  transform: root.transform,
  moduleNameMapper: root.moduleNameMapper,
  globalSetup: root.globalSetup,
  globalTeardown: root.globalTeardown,
  setupFiles: root.setupFiles,
  setupFilesAfterEnv: root.setupFilesAfterEnv,
  testTimeout: 120000,
};
