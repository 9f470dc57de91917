// Lint config. Besides the usual TypeScript rules, it enforces the layering of the code:
// imports point down only (engine ← protocol ← server; engine ← store ← views ← ui;
// engine ← traffic ← journal ← scenarios ← app ← ui), and the engine stays pure: no UI libraries, no DOM or Node globals, no wall clock, no Math.random.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiLibraries = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3', 'd3-*'];

/** A no-restricted-imports rule that forbids the given layers (as sibling folders of src/). */
function forbidLayers(layers, extraPackages = []) {
  return [
    'error',
    {
      patterns: [
        ...layers.map((layer) => ({
          group: [`**/${layer}`, `**/${layer}/*`, `**/${layer}/**`],
          message: `This layer must not import from src/${layer} (imports point down only).`,
        })),
        ...(extraPackages.length
          ? [{ group: extraPackages, message: 'This layer must not depend on UI libraries.' }]
          : []),
      ],
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': forbidLayers(
        ['protocol', 'server', 'store', 'views', 'ui', 'scenarios', 'traffic', 'journal', 'app'],
        [...uiLibraries, 'node:*', 'fs', 'http', 'http2', 'path'],
      ),
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'location',
          'fetch',
          'setTimeout',
          'setInterval',
          'setImmediate',
          'requestAnimationFrame',
          'performance',
          'process',
        ].map((name) => ({ name, message: 'The engine is pure: virtual time only, no host globals.' })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: "Use the engine's seeded rng." },
        { object: 'Date', property: 'now', message: "Use the engine's virtual clock." },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Use the engine's virtual clock.",
        },
      ],
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': forbidLayers(
        ['server', 'store', 'views', 'ui', 'scenarios', 'traffic', 'journal', 'app'],
        uiLibraries,
      ),
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': forbidLayers(
        ['store', 'views', 'ui', 'scenarios', 'traffic', 'journal', 'app'],
        uiLibraries,
      ),
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': forbidLayers(['server', 'views', 'ui', 'app', 'journal', 'scenarios', 'traffic']),
    },
  },
  {
    files: ['src/views/**/*.ts', 'src/views/**/*.tsx'],
    rules: { 'no-restricted-imports': forbidLayers(['server', 'ui', 'app']) },
  },
  // The simulated world: traffic (producers and consumers) over the engine, the journal of what was
  // asked of it, lessons that drive it, and the application layer that owns a session; each may use
  // the layers before it and the store's types, never views, ui or the server.
  {
    files: ['src/traffic/**/*.ts'],
    rules: {
      'no-restricted-imports': forbidLayers(
        ['server', 'store', 'views', 'ui', 'scenarios', 'journal', 'app'],
        uiLibraries,
      ),
    },
  },
  {
    files: ['src/journal/**/*.ts'],
    rules: {
      'no-restricted-imports': forbidLayers(['server', 'store', 'views', 'ui', 'scenarios', 'app'], uiLibraries),
    },
  },
  {
    files: ['src/scenarios/**/*.ts'],
    rules: { 'no-restricted-imports': forbidLayers(['server', 'views', 'ui', 'app'], uiLibraries) },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': forbidLayers(
        ['server', 'views', 'ui'],
        ['react', 'react-dom', 'react-dom/*', 'd3', 'd3-*'],
      ),
    },
  },
);
