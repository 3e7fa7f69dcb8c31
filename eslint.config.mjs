import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // Both rules guard against an UPDATE or DELETE that forgot its WHERE.
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Pages and components never touch the database (DESIGN.md §2).
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/db', '@/db/*', '../db/*'], message: 'Pages use lib/<domain>/queries.ts, never db/.' }] },
      ],
    },
  },
  globalIgnores(['.next/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'next-env.d.ts', 'public/sw.js', 'test-results/**', 'playwright-report/**', 'screenshots/**']),
]);
