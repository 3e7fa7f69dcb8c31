import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { env } from '@/lib/config/env';
import { connection, openPostgres, type Database, type Schema } from './client';
import { queryRows } from './rows';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

// Any constant shared by all instances; two instances starting together take turns.
const MIGRATION_LOCK_KEY = 7_245_310_001;

/**
 * Applies pending migrations under a Postgres advisory lock. The drizzle migrator takes no lock
 * of its own (DESIGN.md §9); on PostgreSQL the lock and the migration share one connection.
 */
export async function runMigrations(): Promise<void> {
  const current = connection();
  if (current.engine === 'pglite') {
    await withMigrationLock(current.db, () =>
      migratePglite(current.db as unknown as PgliteDatabase<Schema>, { migrationsFolder }),
    );
    return;
  }
  const dedicated = openPostgres(env().DATABASE_URL!, { max: 1 });
  try {
    await withMigrationLock(dedicated.db, () =>
      migratePostgres(dedicated.db as unknown as PostgresJsDatabase<Schema>, { migrationsFolder }),
    );
  } finally {
    await dedicated.close();
  }
}

async function withMigrationLock(db: Database, work: () => Promise<void>): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    await work();
  } finally {
    await db.execute(sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
  }
}

export type MigrationStatus = { applied: number; expected: number; current: boolean };

/** Whether the database has every migration this build ships (for /healthz). */
export async function migrationStatus(db: Database): Promise<MigrationStatus> {
  const expected = readMigrationFiles({ migrationsFolder });
  const latestExpected = Math.max(...expected.map((migration) => migration.folderMillis));
  const [row] = await queryRows<{ applied: number; latest: number | null }>(
    db,
    sql`SELECT count(*)::int AS applied, max(created_at)::float8 AS latest FROM drizzle.__drizzle_migrations`,
  ).catch(() => [{ applied: 0, latest: null }]);
  return {
    applied: row.applied,
    expected: expected.length,
    current: row.latest !== null && Number(row.latest) >= latestExpected,
  };
}
