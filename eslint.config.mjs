// Vendor SDKs live only in their adapter folders (STYLE.md); everything else speaks to ports.
import tseslint from 'typescript-eslint';

const VENDORS = ['better-sqlite3', 'pg', 'kafkajs', '@eventstore/db-client'];
const vendorPaths = VENDORS.map((name) => ({ name, message: 'vendor SDKs are imported only under an adapters/<vendor>/ folder of a lib' }));

// Apps never import each other (contracts are the only shared vocabulary), and libs never import an app.
// A path into another app is caught however it is written: relative (../../../providers/src/…),
// from the base URL (apps/providers/src/…) or as an alias (@app/providers).
const APPS = ['providers', 'quality-assurance', 'records', 'ledger'];
const appPath = (names) => `(^|/)(apps/)?(${names.join('|')})/src(/|$)|^apps/|^@app/(${names.join('|')})(/|$)`;
const noAppImports = (names, message) => ['error', { paths: vendorPaths, patterns: [{ regex: appPath(names), message }] }];
const otherApps = (app) => APPS.filter((other) => other !== app);
const appBoundaries = ['providers', 'quality-assurance', 'records'].map((app) => ({
  files: [`apps/${app}/**/*.ts`],
  rules: { 'no-restricted-imports': noAppImports(otherApps(app), `apps never import another app: share events through @app/contracts and fold them in ${app}`) },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.deploy-cache/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: vendorPaths }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  ...appBoundaries,
  {
    // The one exception: apps/ledger is the all-in-one composition root, so it may import the
    // other apps' Nest modules (*.module.ts) to wire them into one process, and nothing else of them.
    files: ['apps/ledger/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: vendorPaths,
        patterns: [{ regex: `(^|/)(apps/)?(${otherApps('ledger').join('|')})/src/(?!([\\w-]+/)*[\\w-]+\\.module$)|^@app/(${otherApps('ledger').join('|')})(/|$)`, message: 'apps/ledger may import only the other apps\' *.module files' }],
      }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': noAppImports(APPS, 'libs never import an app') },
  },
  {
    // The offline verifier trusts nothing of the ledger: no app code, no lib but the crypto one.
    files: ['apps/verifier/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: vendorPaths,
        patterns: [{ regex: `${appPath(APPS)}|^@app/(?!ledger-crypto$)`, message: 'the offline verifier imports only @app/ledger-crypto' }],
      }],
    },
  },
  {
    // Adapters import their vendor SDK; they still never import an app.
    files: ['libs/**/adapters/**/*.ts', 'libs/testing/src/engines/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: appPath(APPS), message: 'libs never import an app' }] }] },
  },
  {
    // Tests may reach an engine directly for fixtures (dropping a schema), never to stand in for an adapter.
    files: ['bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
