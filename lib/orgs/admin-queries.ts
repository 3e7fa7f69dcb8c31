import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { members } from '@/db/schema';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { listOrgTree, type OrgTreeNode } from './queries';

export async function getScopedOrgTree(viewer: Viewer): Promise<OrgTreeNode[]> {
  return listOrgTree(getDb(), { viewer });
}

export async function getAdminOverview(viewer: Viewer): Promise<{ orgCount: number; memberCount: number; outflowCount: number }> {
  const db = getDb();
  const tree = await listOrgTree(db, { viewer });
  const [row] = await db
    .select({
      memberCount: sql<number>`count(*)::int`,
      outflowCount: sql<number>`count(*) FILTER (WHERE ${members.status} = 'outflow')::int`,
    })
    .from(members)
    .where(inViewerScope(members.orgId, viewer));
  return { orgCount: tree.length, memberCount: Number(row.memberCount), outflowCount: Number(row.outflowCount) };
}
