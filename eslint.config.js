// Lint rules: typescript-eslint's recommended set, plus the layer rule from
// STYLE.md: only src/transport may touch sockets, processes and ssh2.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.lab/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/transport/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'ssh2', message: 'Only src/transport talks SSH (DESIGN.md layers).' },
          { name: 'node:child_process', message: 'Spawn through a Transport (src/transport).' },
          { name: 'node:net', message: 'Dial through a Transport (src/transport).' },
        ],
      }],
    },
  },
);
