import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this file; migrations are applied by the programmatic
// migrator (db/migrate.ts) because `drizzle-kit migrate` fails silently on PGlite (DESIGN.md §9).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
  strict: true,
});
