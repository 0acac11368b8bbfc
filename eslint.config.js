import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';

const SPA = {
  regex: '^(\\.\\./)+(server|sandbox)(/|$)',
  message: 'The SPA never imports the server or the sandbox: share code through src/contract/.',
};
const CONTRACT = {
  regex: '^\\.\\./',
  message: 'src/contract/ imports nothing from the rest of src/ (the server imports it too).',
};
const SERVER = {
  regex: '^(\\.\\./)+src/(?!contract/)',
  message: 'The server imports nothing from src/ but src/contract/.',
};
// The sandbox simulates the upstream APIs: it may use the SPA's schemas of those APIs
// (src/api/*-schemas.ts, so its answers are checked against them) and the contract.
const SANDBOX = {
  regex: '^(\\.\\./)+src/(?!contract/|api/[a-z-]+-schemas\\.ts$)',
  message: 'The sandbox imports nothing from src/ but src/contract/ and the upstream schemas.',
};
const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist', 'data', 'node_modules', 'test-results', 'playwright-report', '.bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['server/**', 'sandbox/**', 'scripts/**', 'e2e/**', 'bench/**', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // Import direction. src/ and server/ meet only in src/contract/ (what both must agree on);
  // later blocks repeat the earlier patterns because a rule's options are replaced, not merged.
  { files: ['src/**'], rules: { 'no-restricted-imports': restrict(SPA) } },
  {
    files: ['src/contract/**'],
    rules: { 'no-restricted-imports': restrict(SPA, CONTRACT) },
  },
  {
    // Feature folders keep to themselves: shared code lives in components/ or lib/.
    files: ['src/features/processes/**'],
    rules: {
      'no-restricted-imports': restrict(SPA, {
        regex: '^(\\.\\./)+(features/)?transfers/',
        message: 'Feature folders do not import each other: move shared code down.',
      }),
    },
  },
  {
    files: ['src/features/audit/**', 'src/features/session/**', 'src/features/notifications/**'],
    rules: {
      'no-restricted-imports': restrict(SPA, {
        regex: '^(\\.\\./)+(features/)?(processes|transfers|audit|session)/',
        message: 'Feature folders do not import each other: move shared code down.',
      }),
    },
  },
  {
    files: ['src/features/transfers/**'],
    rules: {
      'no-restricted-imports': restrict(SPA, {
        regex: '^(\\.\\./)+(features/)?processes/',
        message: 'Feature folders do not import each other: move shared code down.',
      }),
    },
  },
  {
    files: ['src/features/overview/**'],
    rules: {
      'no-restricted-imports': restrict(SPA, {
        regex: '^(\\.\\./)+(features/)?(processes|transfers|audit|session|search)/',
        message: 'Feature folders do not import each other: move shared code down.',
      }),
    },
  },
  { files: ['server/**'], rules: { 'no-restricted-imports': restrict(SERVER) } },
  { files: ['sandbox/**'], rules: { 'no-restricted-imports': restrict(SANDBOX) } },
);
