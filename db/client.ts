import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '@/lib/config/env';
import { acquirePgliteLock } from './pglite-lock';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Data-layer functions take either, so they compose inside a caller's transaction. */
export type Executor = Database | Transaction;

type Connection = {
  db: Database;
  engine: 'pglite' | 'postgres';
  pglite?: PGlite;
  close: () => Promise<void>;
};

// Cached on globalThis so dev-mode hot reloads reuse the one connection (and the PGlite lock).
const holder = globalThis as unknown as { __ejiaDb?: Connection };

function openPglite(dir: string): Connection {
  const inMemory = dir.startsWith('memory://');
  let release = () => {};
  if (!inMemory) {
    release = acquirePgliteLock(dir);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  // Extensions must be given on every open, not only when they were created (DESIGN.md §9).
  const client = new PGlite({ dataDir: inMemory ? undefined : dir, extensions: { ltree, pg_trgm } });
  return {
    db: drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Database,
    engine: 'pglite',
    pglite: client,
    close: async () => {
      await client.close();
      release();
    },
  };
}

export function openPostgres(url: string, options: { max?: number } = {}): Connection {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Statements stay prepared (parsed once per connection) but are planned for their values every
    // time: one pooled connection serves a branch's 900 members and the county's 1,000,000, and a
    // generic plan chosen after five runs of one would be kept for the other. No JIT: the county's
    // summaries (tens of thousands of rows, estimated dear) spent 0.5–1.5 s compiling for queries
    // that run in a tenth of that; nothing here runs long enough to repay the compilation.
    connection: { plan_cache_mode: 'force_custom_plan', jit: 'off' },
  });
  return {
    db: drizzlePostgres(client, { schema, casing: 'snake_case' }) as unknown as Database,
    engine: 'postgres',
    close: () => client.end({ timeout: 5 }),
  };
}

/** The one database of this process. Opens on first use, never at import or during `next build`. */
export function connection(): Connection {
  if (!holder.__ejiaDb) {
    const e = env();
    holder.__ejiaDb = e.DATABASE_URL ? openPostgres(e.DATABASE_URL) : openPglite(e.pgliteDir);
  }
  return holder.__ejiaDb;
}

export function getDb(): Database {
  return connection().db;
}

export async function closeDb(): Promise<void> {
  const current = holder.__ejiaDb;
  holder.__ejiaDb = undefined;
  await current?.close();
}
