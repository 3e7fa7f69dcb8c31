import { eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { users } from '@/db/schema';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';

// The seeded demo county as scoping tests see it: the county, the demo 党委 and branch (the seed's
// 'committee' and 'branch' admins' orgs), another 党委 beside it and its fullest branch; and real
// accounts for the admins and members a test acts as.

export type OrgRow = { id: number; path: string; type: string; parentId: number | null; name: string };
export type DemoOrgs = { root: OrgRow; committee: OrgRow; branch: OrgRow; otherCommittee: OrgRow; otherBranch: OrgRow };

export async function demoCountyOrgs(db: Database): Promise<DemoOrgs> {
  const allOrgs = await queryRows<OrgRow>(db, sql`SELECT id, path::text AS path, type::text AS type, parent_id AS "parentId", name FROM orgs ORDER BY id`);
  const orgOf = async (username: string) => {
    const [admin] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, username));
    return allOrgs.find((org) => org.id === admin.orgId)!;
  };
  const root = allOrgs.find((org) => org.parentId === null)!;
  const committee = await orgOf('committee');
  const branch = await orgOf('branch');
  const otherCommittee = allOrgs.find((org) => org.parentId === root.id && org.type === 'party_committee' && org.id !== committee.id)!;
  const [{ org_id: otherBranchId }] = await queryRows<{ org_id: number }>(
    db,
    sql`SELECT m.org_id FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.path <@ ${otherCommittee.path}::ltree GROUP BY m.org_id ORDER BY count(*) DESC, m.org_id LIMIT 1`,
  );
  const otherBranch = allOrgs.find((org) => org.id === otherBranchId)!;
  const shapeOk = committee.type === 'party_committee' && committee.parentId === root.id && branch.path.startsWith(`${committee.path}.`) && otherBranch.path.startsWith(`${otherCommittee.path}.`);
  if (!shapeOk) throw new Error('the demo county no longer has a committee with the demo branch and another committee beside it');
  return { root, committee, branch, otherCommittee, otherBranch };
}

/** An admin of `org` with a real `users` row; the root's is a county admin. */
export async function adminWithAccount(db: Database, org: OrgRow, capabilities: Capability[] = ['content'], tier: Tier = org.parentId === null ? 'county_admin' : 'org_admin'): Promise<Viewer> {
  const displayName = `测试管理员${Math.random().toString(36).slice(2, 8)}`;
  const [user] = await db
    .insert(users)
    .values({ username: `t${Math.random().toString(36).slice(2, 12)}`, displayName, tier, orgId: org.id, capabilities })
    .returning({ id: users.id });
  return { userId: user.id, tier, orgId: org.id, scopePath: org.path, capabilities, displayName };
}

/**
 * A member-tier viewer: the first seeded member (in or away) without an account who meets
 * `condition` (over `m` members, `o` their branch, `e` their open outflow episode), given one.
 */
export async function memberWithAccount(db: Database, condition: SQL, label: string): Promise<Viewer> {
  const [row] = await queryRows<{ id: string; name: string; org_id: number; path: string }>(
    db,
    sql`SELECT m.id, m.name, m.org_id, o.path::text AS path
        FROM members m
        JOIN orgs o ON o.id = m.org_id
        LEFT JOIN users u ON u.member_id = m.id
        LEFT JOIN outflow_episodes e ON e.member_id = m.id AND e.ended_on IS NULL
        WHERE u.id IS NULL AND m.status IN ('registered', 'outflow') AND ${condition}
        ORDER BY m.id
        LIMIT 1`,
  );
  if (!row) throw new Error(`the demo county has no member ${label}`);
  const [user] = await db.insert(users).values({ memberId: row.id, displayName: row.name, tier: 'member', orgId: row.org_id }).returning({ id: users.id });
  return { userId: user.id, tier: 'member', orgId: row.org_id, scopePath: row.path, capabilities: [], memberId: row.id, displayName: row.name };
}
