import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// One-way imports: contract/ is shared by both sides and imports neither; the SPA and the
// server never import each other.
const boundary = (message, group) => ({
  'no-restricted-imports': ['error', { patterns: [{ group, message }] }],
});

// A feature is used from outside only through its index.ts, its public surface: what it lets
// other features and src/app rely on. The rest (its api/, components/, hooks…) may change
// without anyone else noticing. The app may also import a feature's routes.ts: the screens it
// mounts (loaded lazily) and their prefetching, kept out of the index so that the router's
// chunk, part of the first download, does not take in all the index offers other features.
// Features are listed from the folder, so a new one is covered at once.
const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
// Minimatch against the resolved absolute path of what is imported.
const FEATURE_INDEX = '**/src/features/*/index.ts';
const FEATURE_ROUTES = '**/src/features/*/routes.ts';
const THROUGH_THE_INDEX =
  'Import another feature through its index (`features/<name>`), its public surface; ' +
  'export what you need there rather than reaching into its folders.';
const THROUGH_INDEX_OR_ROUTES =
  'Import a feature through its index (`features/<name>`), or its `features/<name>/routes` ' +
  'for the screens the router mounts; export what you need there rather than reaching in.';
const featureBoundaries = {
  'import-x/no-restricted-paths': [
    'error',
    {
      zones: [
        ...FEATURES.map((feature) => ({
          target: `src/features/${feature}/**/*`,
          from: `src/features/!(${feature})/**/*`,
          except: [FEATURE_INDEX],
          message: THROUGH_THE_INDEX,
        })),
        {
          target: ['src/app/**/*', 'src/components/**/*', 'src/lib/**/*', 'src/main.tsx'],
          from: 'src/features/**/*',
          except: [FEATURE_INDEX, FEATURE_ROUTES],
          message: THROUGH_INDEX_OR_ROUTES,
        },
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['dist', 'node_modules', '.data', 'coverage', 'playwright-report', 'test-results'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }],
      ...boundary('The SPA talks to the server only over HTTP (src/lib/api-client.ts).', [
        '**/server/**',
      ]),
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'contract/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Which files the plugin reads (and parses with the TypeScript parser) to follow imports.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // No path aliases here, so the plugin's own resolver with TypeScript's extensions finds
      // every import, extensionless or `.ts` (twice as fast as the TypeScript resolver).
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
  },
  {
    // Import cycles make module initialization order matter (a value read before its module
    // ran is undefined) and tangle layers that should depend one way. A test file is imported
    // by nothing, so it cannot close a cycle: skipping them saves a third of the rule's time.
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'contract/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    // Feature boundaries hold for the code that ships. Tests (src/test/ and *.test.*) may
    // import any module of a feature: each pins one layer below the public surface (the
    // hosted-API contract tests drive every feature's api/ modules, the upload queue and the
    // helpers that read answers, against recorded answers), and exporting those from an index
    // only for a test would make them look public.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/test/**', 'src/**/*.test.{ts,tsx}'],
    rules: featureBoundaries,
  },
  {
    files: ['server/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['server/**/*.ts'],
    rules: boundary('The server must not import SPA code.', ['**/src/**']),
  },
  {
    // Tests read loosely typed JSON responses.
    files: ['**/*.test.{ts,tsx}', 'server/test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['contract/**/*.ts'],
    rules: boundary('contract/ holds wire types only: no SPA or server imports.', [
      '**/src/**',
      '**/server/**',
      'react',
      'node:*',
    ]),
  },
);
