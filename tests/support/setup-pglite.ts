import { afterAll } from 'vitest';
import { closeDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { prepareTemporaryDataDir } from './test-env';

// Each test file gets its own in-memory PGlite, migrated from the committed SQL.
prepareTemporaryDataDir();
delete process.env.DATABASE_URL;
process.env.EJIA_PGLITE_DIR = 'memory://';
await runMigrations();

afterAll(async () => {
  await closeDb();
});
