// ESLint 9 flat config: `npm run lint` (after tsc --noEmit).
const js = require('@eslint/js');
const { defineConfig, globalIgnores } = require('eslint/config');
const tseslint = require('typescript-eslint');
const globals = require('globals');

module.exports = defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'coverage/', 'bench/out/', 'test/artifacts/', 'test/web/screenshots/', 'apps/web/src/gql/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a deliberately unused argument or binding.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Input checks match control characters on purpose (to refuse them).
      'no-control-regex': 'off',
    },
  },
  {
    // Tests may hold untyped GraphQL answers.
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain CommonJS (this file, scripts).
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      sourceType: 'commonjs',
      globals: globals.node,
    },
  },
);
