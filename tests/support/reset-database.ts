import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { queryRows } from '@/db/rows';

// Reference data the migrations themselves insert (the default 栏目 of migration 0013): kept, as a
// freshly migrated database has it.
const MIGRATION_DATA = ['content_columns'];

/** Empties every application table (not the migrations journal, nor what the migrations insert). */
export async function resetDatabase(db: Database): Promise<void> {
  const tables = (await queryRows<{ name: string }>(db, sql`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`)).filter(
    (table) => !MIGRATION_DATA.includes(table.name),
  );
  if (tables.length === 0) return;
  await db.execute(sql.raw(`TRUNCATE ${tables.map((table) => table.name).join(', ')} RESTART IDENTITY CASCADE`));
}
