// Vendor SDKs live only in their adapter folders (STYLE.md); everything else speaks to ports.
import tseslint from 'typescript-eslint';

const VENDORS = ['better-sqlite3', 'pg', 'kafkajs', '@eventstore/db-client'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.deploy-cache/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: VENDORS.map((name) => ({ name, message: 'vendor SDKs are imported only under an adapters/<vendor>/ folder of a lib' })) }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Tests may reach an engine directly for fixtures (dropping a schema), never to stand in for an adapter.
    files: ['libs/**/adapters/**/*.ts', 'bench/**/*.ts', 'libs/testing/src/engines/**/*.ts', 'test/**/*.ts'],
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
