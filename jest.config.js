// Three tiers (STYLE.md): pure specs beside the code, integration specs on real
// engines, and end-to-end specs that drive an app over HTTP or Kafka.
const moduleNameMapper = {
  '^@app/(contracts|event-store|messaging|read-store|auth|platform|testing)$': '<rootDir>/libs/$1/src',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
};
const base = { rootDir: __dirname, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'], moduleNameMapper, transform };

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'], slowTestThreshold: 30 },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/{apps,test}/**/*.e2e-spec.ts'], slowTestThreshold: 60 },
  ],
};
