// ESLint for this service (npm run lint): the recommended rules of ESLint and typescript-eslint,
// with layout left to Prettier (eslint-config-prettier turns off the rules it owns).
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/']),
  eslint.configs.recommended,
  tseslint.configs.recommended,
  // A leading underscore marks a parameter kept for its signature (a handler's `_request`, a hook's `_app`).
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  // Generated from the blueprint, which may name things any way it likes; design-first rewrites these files.
  {
    files: ['src/generated/**'],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  prettier,
);
