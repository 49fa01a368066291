/** Tests run TypeScript through swc, which (unlike esbuild) emits the decorator metadata type-graphql reads. */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
  // The WebAssembly schema engine ships as ESM; let swc turn it into CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 60000,
  // One migrated database per run, which tests copy instead of migrating their own (tests/support/global-setup.ts).
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // Jest's default is one worker per core less one: a single worker on CI's 2 cores. Test files spend much of their
  // time waiting on servers, databases, SMTP and the browser, and each has its own scratch database, ports and key
  // prefixes, so two workers halve the wall time without sharing anything.
  maxWorkers: 2,
};
