import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);
const shared = {
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside a React Server bundle; tests import the data layer directly.
      'server-only': path.join(root, 'tests/support/server-only.ts'),
    },
  },
};

const integrationFiles = ['tests/integration/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'components/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        ...shared,
        test: {
          name: 'integration-pglite',
          include: integrationFiles,
          setupFiles: ['tests/support/setup-pglite.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              ...shared,
              test: {
                name: 'integration-postgres',
                include: integrationFiles,
                setupFiles: ['tests/support/setup-postgres.ts'],
                testTimeout: 60_000,
                hookTimeout: 120_000,
                // Files share one database per worker, so they must not run side by side in it.
                fileParallelism: true,
              },
            },
          ]
        : []),
    ],
  },
});
