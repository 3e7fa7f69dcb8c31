import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { queryRows } from '@/db/rows';

/** Empties every application table (not the migrations journal). */
export async function resetDatabase(db: Database): Promise<void> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`,
  );
  if (tables.length === 0) return;
  await db.execute(sql.raw(`TRUNCATE ${tables.map((table) => table.name).join(', ')} RESTART IDENTITY CASCADE`));
}
