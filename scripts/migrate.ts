// `npm run db:migrate`: apply pending migrations to the configured database (PGlite or DATABASE_URL).
import { closeDb, connection } from '@/db/client';
import { runMigrations } from '@/db/migrate';

await runMigrations();
console.log(`[ejia] migrations applied (${connection().engine})`);
await closeDb();
