import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Folders say where code runs (see DESIGN.md): these rules keep each runtime's
// imports inside its own world.
const nodeOnly = ['electron', 'node:*', 'fs', 'path', 'os', 'http', 'crypto', 'child_process'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: nodeOnly, message: 'src/shared is pure TypeScript: no electron, no node:.' }, { group: ['react', 'react-dom', '**/renderer/**', '**/main/**'], message: 'src/shared imports nothing above it.' }] },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/component/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: nodeOnly, message: 'The renderer has no Node and no Electron.' }, { group: ['**/main/**', '**/preload/**', '!**/preload/*.d.ts'], message: 'The renderer reaches main only through window.workbench.' }] },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/ipc/electronBinding.ts', 'src/main/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src/main/index.ts, the IPC binding and platform adapters import electron; services take collaborators.' }], patterns: [{ group: ['**/renderer/**'], message: 'main never imports the renderer.' }] },
      ],
    },
  },
);
