import { afterAll } from 'vitest';
import postgres from 'postgres';
import { closeDb, getDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { resetDatabase } from './reset-database';
import { prepareTemporaryDataDir } from './test-env';

// One database per test worker on the real server; each test file starts from empty tables.
const base = new URL(process.env.TEST_DATABASE_URL!);
const workerDb = `${base.pathname.slice(1)}_w${process.env.VITEST_POOL_ID ?? '1'}`;
const admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
const [exists] = await admin`SELECT 1 FROM pg_database WHERE datname = ${workerDb}`;
if (!exists) {
  await admin.unsafe(
    `CREATE DATABASE "${workerDb}" ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8' TEMPLATE template0`,
  );
}
await admin.end();

prepareTemporaryDataDir();
const workerUrl = new URL(base.toString());
workerUrl.pathname = `/${workerDb}`;
process.env.DATABASE_URL = workerUrl.toString();
await runMigrations();
await resetDatabase(getDb());

afterAll(async () => {
  await closeDb();
});
