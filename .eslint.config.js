// ESLint 9 flat config: `npm run lint` (after tsc --noEmit).
const js = require('@eslint/js');
const { defineConfig, globalIgnores } = require('eslint/config');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const i18next = require('eslint-plugin-i18next');

const internals = {
  group: ['@tripartite/*/*'],
  message: 'Import a capability through its package (@tripartite/x, its index.ts), not its files: the index says what others may use.',
};
const BOUNDARIES = {
  common: [internals],
  libs: [
    {
      group: ['../../*/src', '../../*/src/**', '../../../*/src', '../../../*/src/**', '../../../../*/src/**', '**/apps/**'],
      message: 'A library reaches another only through its package (@tripartite/x), and never an app.',
    },
  ],
  domain: [
    {
      group: ['@nestjs/*', 'typeorm', 'pg', 'ioredis', 'bullmq', 'react', 'urql', '@tripartite/*', '../../*/src/**'],
      message: 'libs/domain is pure TypeScript (rules as data and functions, shared with the web client): no framework, database or other library.',
    },
  ],
  otherApps: (app) => ({
    group: ['api', 'worker', 'cli', 'web'].filter((a) => a !== app).flatMap((a) => [`**/${a}/src`, `**/${a}/src/**`]),
    message: 'Apps never import each other: share code through a library under libs/.',
  }),
};

module.exports = defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'coverage/', 'bench/out/', 'test/artifacts/', 'test/web/screenshots/', 'apps/web/src/gql/', 'test/gql/']),
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
  // Boundaries (issue 14): a capability is used through its package's index, never its files; libs never
  // reach into apps or another lib's folder; apps never import each other; libs/domain stays pure.
  {
    files: ['libs/**/*.ts', 'apps/api/**/*.ts', 'apps/worker/**/*.ts', 'apps/cli/**/*.ts'],
    ignores: ['libs/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: BOUNDARIES.common }] },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/domain/**', '**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...BOUNDARIES.common, ...BOUNDARIES.libs] }] },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: BOUNDARIES.domain }] },
  },
  ...['api', 'worker', 'cli'].map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [...BOUNDARIES.common, BOUNDARIES.otherApps(app)] }] },
  })),
  {
    // The browser client shares the pure rules only.
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tripartite/*', '!@tripartite/domain', '**/libs/**', '**/api/src/**'],
              message: 'The web client uses only @tripartite/domain of the server code.',
            },
          ],
        },
      ],
    },
  },
  {
    // Issue 15: no words hard-coded in the pages; they come from apps/web/src/i18n (t(), <Trans>). JSX text and
    // JSX attribute strings are checked; the attributes below hold names for code, not words for people.
    files: ['apps/web/src/**/*.tsx'],
    ignores: ['apps/web/src/**/*.test.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            exclude: [
              // styling and identity
              'className',
              'style',
              'id',
              'key',
              'htmlFor',
              'name',
              'data-.*',
              // values for the browser, not the reader
              'type',
              'href',
              'to',
              'role',
              'autoComplete',
              'inputMode',
              'sandbox',
              'aria-live',
              'aria-current',
              'aria-hidden',
              'aria-disabled',
              'aria-invalid',
              'aria-labelledby',
              'aria-describedby',
              'aria-controls',
              'lang',
              'labelledBy',
              'path',
              'dateTime',
              'i18nKey',
            ],
          },
          // Digits, punctuation and symbols between translated parts (" · ", "“", "✓ "), and CONSTANT_CASE codes.
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s·—–“”’…✓✗▶●○]+', '[A-Z_-]+'] },
        },
      ],
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
