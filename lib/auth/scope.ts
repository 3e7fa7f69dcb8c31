import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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
