import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import { orgs } from '@/db/schema';
import type { Viewer } from './viewer';

// The one place that turns a scope into SQL. Scoped tables store only org_id; the org's ltree
// path decides whether a row lies inside the viewer's subtree (GiST index on orgs.path).

/** "The org in `orgIdColumn` lies inside the subtree rooted at `scopePath`." */
export function orgInSubtree(orgIdColumn: AnyPgColumn, scopePath: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${orgs} AS scope_org WHERE scope_org.id = ${orgIdColumn} AND scope_org.path <@ ${scopePath}::ltree)`;
}

export function inViewerScope(orgIdColumn: AnyPgColumn, viewer: Pick<Viewer, 'scopePath'>): SQL {
  return orgInSubtree(orgIdColumn, viewer.scopePath);
}

/**
 * The same test as orgInSubtree, against the subtree's org ids read first. Meant for columns whose
 * values are few and skewed (outflow_episodes.host_org_id: mostly null, a handful of host orgs):
 * against a list of ids the planner reads the column's statistics, while through the join it
 * assumes an average org and misjudges such a subtree's rows a hundredfold (and the plan with them).
 * The ids are read at query time, so the rows are those of orgInSubtree at that moment.
 */
export async function orgInSubtreeByIds(db: Executor, orgIdColumn: AnyPgColumn | SQL, scopePath: string): Promise<SQL> {
  const ids = await db.select({ id: orgs.id }).from(orgs).where(sql`${orgs.path} <@ ${scopePath}::ltree`);
  // One id as an equality: PostgreSQL 15 reads `= ANY(array)` off an index in no particular order,
  // so a list sorted on the index's next columns would sort every match instead of stopping at a page.
  if (ids.length === 1) return sql`${orgIdColumn} = ${ids[0].id}`;
  return sql`${orgIdColumn} = ANY(${sql.param(ids.map((org) => org.id))}::int[])`;
}
