import 'server-only';
import { sql } from 'drizzle-orm';
import { connection, getDb } from '@/db/client';
import { migrationStatus, type MigrationStatus } from '@/db/migrate';
import { getCountyOverview, type CountyOverview } from '@/lib/orgs/queries';
import { startPlatform } from './startup';

export async function getPublicOverview(): Promise<CountyOverview | undefined> {
  await startPlatform();
  return getCountyOverview(getDb());
}

export type Health = {
  ok: boolean;
  engine: 'pglite' | 'postgres';
  databaseMs: number;
  migrations: MigrationStatus;
};

/** For /healthz: the database answers and has every migration this build ships. */
export async function checkHealth(): Promise<Health> {
  await startPlatform();
  const db = getDb();
  const t0 = performance.now();
  await db.execute(sql`SELECT 1`);
  const databaseMs = Math.round((performance.now() - t0) * 100) / 100;
  const migrations = await migrationStatus(db);
  return { ok: migrations.current, engine: connection().engine, databaseMs, migrations };
}
