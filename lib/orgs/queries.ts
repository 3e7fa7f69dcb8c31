import 'server-only';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { orgs, type Org } from '@/db/schema';
import { queryRows } from '@/db/rows';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { COMMITTEE_TYPES, type OrgType } from './org-types';
import { childPath, isStrictAncestorPath } from './paths';

export type NewOrgInput = {
  parentId: number | null;
  name: string;
  type: OrgType;
  regionCode?: string | null;
  contactPhone?: string | null;
  sortOrder?: number;
};

/** Inserts an org and sets its path from the parent's (the path needs the generated id). */
export async function insertOrg(db: Executor, input: NewOrgInput): Promise<Org> {
  const parent = input.parentId
    ? (await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, input.parentId)))[0]
    : undefined;
  if (input.parentId && !parent) throw new Error(`parent org ${input.parentId} does not exist`);
  const [created] = await db
    .insert(orgs)
    .values({ ...input, path: 'pending' })
    .returning({ id: orgs.id });
  const [org] = await db
    .update(orgs)
    .set({ path: childPath(parent?.path ?? null, created.id) })
    .where(eq(orgs.id, created.id))
    .returning();
  return org;
}

export async function getOrgsByIds(db: Executor, ids: number[]): Promise<Map<number, Org>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(orgs).where(sql`${orgs.id} = ANY(${sql.param(ids)}::int[])`);
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Whether `upperOrgId` is a 党委 / 党工委 strictly above `lowerOrgId`: approvals that the rules give
 * to a higher level (hardship waivers, ratings, 临时党支部) need an admin of such an org.
 */
export async function isCommitteeStrictlyAbove(db: Executor, upperOrgId: number, lowerOrgId: number): Promise<boolean> {
  const found = await getOrgsByIds(db, [upperOrgId, lowerOrgId]);
  const upper = found.get(upperOrgId);
  const lower = found.get(lowerOrgId);
  if (!upper || !lower || upper.dissolvedAt) return false;
  return COMMITTEE_TYPES.includes(upper.type) && isStrictAncestorPath(upper.path, lower.path);
}

/** The nearest 党委 / 党工委 at or above the org at `orgPath`: the 基层党委 that acts for its branches. */
export async function nearestCommitteeOf(db: Executor, orgPath: string): Promise<Pick<Org, 'id' | 'name' | 'path'> | undefined> {
  const [committee] = await db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(sql`${orgs.path} @> ${orgPath}::ltree`, inArray(orgs.type, [...COMMITTEE_TYPES]), isNull(orgs.dissolvedAt)))
    .orderBy(sql`nlevel(${orgs.path}) DESC`)
    .limit(1);
  return committee;
}

export async function getRootOrg(db: Executor): Promise<Org | undefined> {
  const [root] = await db.select().from(orgs).where(isNull(orgs.parentId)).orderBy(asc(orgs.id)).limit(1);
  return root;
}

export type OrgTreeNode = Pick<Org, 'id' | 'parentId' | 'name' | 'type' | 'path'> & { memberCount: number };

/** The viewer's subtree with the members each org holds directly. */
export async function listOrgTree(db: Executor, { viewer }: { viewer: Viewer }): Promise<OrgTreeNode[]> {
  // A branch counts the members it holds; a 党小组 counts the members grouped in it.
  const counts = db
    .select({ orgId: sql<number>`holder`.as('org_id'), memberCount: sql<number>`count(*)::int`.as('member_count') })
    .from(sql`(SELECT org_id AS holder FROM members UNION ALL SELECT group_id FROM members WHERE group_id IS NOT NULL) AS holders`)
    .groupBy(sql`holder`)
    .as('counts');
  const rows = await db
    .select({
      id: orgs.id,
      parentId: orgs.parentId,
      name: orgs.name,
      type: orgs.type,
      path: orgs.path,
      memberCount: sql<number>`coalesce(${counts.memberCount}, 0)`,
    })
    .from(orgs)
    .leftJoin(counts, eq(counts.orgId, orgs.id))
    .where(and(inViewerScope(orgs.id, viewer), isNull(orgs.dissolvedAt)))
    .orderBy(asc(orgs.path));
  return rows.map((row) => ({ ...row, memberCount: Number(row.memberCount) }));
}

export type CountyOverview = { countyName: string; orgCount: number; memberCount: number; outflowCount: number };

/** Public, aggregate figures only: the name of the deployment's root and a few counts. */
export async function getCountyOverview(db: Executor): Promise<CountyOverview | undefined> {
  const [row] = await queryRows<{ county_name: string; org_count: number; member_count: number; outflow_count: number }>(
    db,
    sql`SELECT
          (SELECT name FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1) AS county_name,
          (SELECT count(*)::int FROM orgs WHERE dissolved_at IS NULL) AS org_count,
          (SELECT count(*)::int FROM members) AS member_count,
          (SELECT count(*)::int FROM members WHERE status = 'outflow') AS outflow_count`,
  );
  if (!row?.county_name) return undefined;
  return {
    countyName: row.county_name,
    orgCount: row.org_count,
    memberCount: row.member_count,
    outflowCount: row.outflow_count,
  };
}

/** The org and its live descendants' counts, for rename / move / dissolve checks. */
export async function getOrgForChange(db: Executor, orgId: number) {
  const [org] = await db.select().from(orgs).where(and(eq(orgs.id, orgId), isNull(orgs.dissolvedAt)));
  if (!org) return undefined;
  const [counts] = await queryRows<{ children: number; members: number }>(
    db,
    sql`SELECT
          (SELECT count(*)::int FROM orgs WHERE parent_id = ${orgId} AND dissolved_at IS NULL) AS children,
          (SELECT count(*)::int FROM members m JOIN orgs o ON o.id = m.org_id OR o.id = m.group_id
             WHERE o.path <@ ${org.path}::ltree AND m.status <> 'transferred_out') AS members`,
  );
  return { org, children: counts.children, members: counts.members };
}

/** Moves an org with its whole subtree under a new parent, rewriting every path in one statement. */
export async function moveOrgSubtree(db: Executor, { org, newParent }: { org: Org; newParent: Org }): Promise<void> {
  await db.execute(
    sql`UPDATE orgs SET path = ${newParent.path}::ltree || subpath(path, nlevel(${org.path}::ltree) - 1), updated_at = now()
        WHERE path <@ ${org.path}::ltree`,
  );
  await db.update(orgs).set({ parentId: newParent.id }).where(eq(orgs.id, org.id));
}
