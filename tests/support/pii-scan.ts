import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { queryRows } from '@/db/rows';

export type PiiHit = { table: string; column: string; idNumber: string };

/**
 * Looks through every text, varchar, jsonb, text[] and bytea column of the public schema for
 * any of the given ID numbers written in clear. Candidates are cut out with a regular
 * expression in SQL and matched against the list, so the scan is one pass per column.
 */
export async function findIdNumbersInClear(db: Executor, idNumbers: string[]): Promise<PiiHit[]> {
  const columns = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
    db,
    sql`SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea', 'USER-DEFINED')
        ORDER BY table_name, column_name`,
  );
  const hits: PiiHit[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const ident = sql.raw(`"${table}"."${column}"`);
    // bytea as escaped text keeps printable ASCII (an ID number in clear) as it is.
    const asText = type === 'bytea' ? sql`encode(${ident}, 'escape')` : sql`${ident}::text`;
    const found = await queryRows<{ id_number: string }>(
      db,
      sql`SELECT DISTINCT candidate[1] AS id_number
          FROM ${sql.raw(`"${table}"`)}, regexp_matches(${asText}, '([0-9]{17}[0-9Xx])', 'g') AS candidate
          WHERE upper(candidate[1]) = ANY(${sql.param(idNumbers)}::text[])`,
    );
    for (const row of found) hits.push({ table, column, idNumber: row.id_number });
  }
  return hits;
}

/** The same search over a text such as a server log. */
export function findIdNumbersInText(text: string, idNumbers: string[]): string[] {
  const wanted = new Set(idNumbers);
  return [...new Set(text.match(/[0-9]{17}[0-9Xx]/g) ?? [])].filter((candidate) => wanted.has(candidate.toUpperCase()));
}
