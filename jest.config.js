// Three tiers (STYLE.md): pure specs beside the code, integration specs on real
// engines, and end-to-end specs that drive an app over HTTP or Kafka.
const moduleNameMapper = {
  '^@app/(contracts|event-store|messaging|read-store|auth|personal-data|ledger-crypto|platform|testing)$': '<rootDir>/libs/$1/src',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
};
const base = { rootDir: __dirname, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'], moduleNameMapper, transform };
// Integration and end-to-end tiers need real engines, found or started once before the run.
const engines = { globalSetup: '<rootDir>/test/engines.global-setup.ts', globalTeardown: '<rootDir>/test/engines.global-teardown.ts' };

module.exports = {
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, ...engines, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'], slowTestThreshold: 30 },
    { ...base, ...engines, displayName: 'e2e', testMatch: ['<rootDir>/{apps,test}/**/*.e2e-spec.ts'], slowTestThreshold: 60 },
  ],
};
