import type { SQL } from 'drizzle-orm';
import type { Executor } from './client';

// Raw results differ between drivers (PGlite `{ rows }`, postgres.js an array; int8 as
// number/bigint vs string). Raw SQL goes through here and comes out as plain rows.
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
      out[key] = typeof value === 'bigint' ? Number(value) : value;
    }
    return out as T;
  });
}
