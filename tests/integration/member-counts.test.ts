import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { Viewer } from '@/lib/auth/viewer';
import { findMemberForViewer } from '@/lib/members/detail-queries';
import { countMembers, listMembers } from '@/lib/members/list-queries';
import { writeMemberFields } from '@/lib/members/record';

// The two things migration 0006 keeps by trigger — the per-org member counters behind the list's
// count, and members.host_org_id behind the host admin's list — must stay equal to what they
// summarise whatever writes the rows: the app's own writes and plain SQL alike.

type Org = { id: number; path: string; type: string; parentId: number | null };

let db: Database;
let orgList: Org[];
let root: Org;
let branch: Org;
let otherBranch: Org;
let host: Org;

const viewerAt = (org: Org, tier: Viewer['tier'], capabilities: Viewer['capabilities'] = ['archive']): Viewer => ({
  userId: randomUUID(),
  tier,
  orgId: org.id,
  scopePath: org.path,
  capabilities,
});

/** Counters that disagree with a recount of the members table (none when all is well). */
async function counterDrift() {
  return queryRows<{ org_id: number; status: string; counted: number; actual: number }>(
    db,
    sql`SELECT coalesce(c.org_id, a.org_id) AS org_id, coalesce(c.status, a.status)::text AS status,
               coalesce(c.members, 0) AS counted, coalesce(a.n, 0) AS actual
        FROM (SELECT org_id, status, members FROM org_member_counts WHERE members <> 0) c
        FULL JOIN (SELECT org_id, status, count(*)::int AS n FROM members GROUP BY org_id, status) a
          ON a.org_id = c.org_id AND a.status = c.status
        WHERE coalesce(c.members, 0) <> coalesce(a.n, 0)`,
  );
}

/** Members whose host_org_id is not the host of their open episode. */
async function hostDrift() {
  return queryRows<{ id: string }>(
    db,
    sql`SELECT m.id::text AS id FROM members m
        LEFT JOIN outflow_episodes e ON e.member_id = m.id AND e.ended_on IS NULL
        WHERE m.host_org_id IS DISTINCT FROM e.host_org_id`,
  );
}

const count = (viewer: Viewer, filter: Parameters<typeof countMembers>[1]['filter'] = { sort: 'name' }) => countMembers(db, { viewer, filter });

async function hostedIds(): Promise<string[]> {
  const viewer = viewerAt(host, 'host_admin', ['org_life']);
  const ids: string[] = [];
  let page: Parameters<typeof listMembers>[1]['page'];
  for (let guard = 0; guard < 100; guard++) {
    const result = await listMembers(db, { viewer, filter: { sort: 'name' }, page });
    ids.push(...result.rows.map((row) => row.id));
    if (!result.next) break;
    page = { after: result.next };
  }
  return ids;
}

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 400 });
  orgList = await queryRows<Org>(db, sql`SELECT id, path::text AS path, type::text AS type, parent_id AS "parentId" FROM orgs ORDER BY id`);
  root = orgList.find((org) => org.parentId === null)!;
  const branches = orgList.filter((org) => org.type === 'branch');
  branch = branches[0];
  otherBranch = branches.find((org) => org.parentId !== branch.parentId)!;
  host = orgList.find((org) => org.type === 'host')!;
}, 120_000);

describe('member counters', () => {
  it('start equal to the seeded rows', async () => {
    expect(await counterDrift()).toEqual([]);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM members`);
    expect(await count(viewerAt(root, 'county_admin'))).toBe(n);
  });

  it('follow a member who moves to another branch, changes status, and is deleted', async () => {
    const county = viewerAt(root, 'county_admin');
    const [member] = await queryRows<{ id: string }>(db, sql`SELECT id::text AS id FROM members WHERE org_id = ${branch.id} AND status = 'registered' ORDER BY id LIMIT 1`);
    const before = {
      branch: await count(viewerAt(branch, 'org_admin')),
      other: await count(viewerAt(otherBranch, 'org_admin')),
      lost: await count(county, { sort: 'name', status: 'lost_contact' }),
      county: await count(county),
    };

    await db.transaction((tx) => writeMemberFields(tx, member.id, { org: String(otherBranch.id) }));
    expect(await count(viewerAt(branch, 'org_admin'))).toBe(before.branch! - 1);
    expect(await count(viewerAt(otherBranch, 'org_admin'))).toBe(before.other! + 1);
    expect(await count(county)).toBe(before.county);

    await db.execute(sql`UPDATE members SET status = 'lost_contact' WHERE id = ${member.id}::uuid`);
    expect(await count(county, { sort: 'name', status: 'lost_contact' })).toBe(before.lost! + 1);
    expect(await count(viewerAt(otherBranch, 'org_admin'), { sort: 'name', status: 'lost_contact' })).toBeGreaterThan(0);

    await db.execute(sql`DELETE FROM members WHERE id = ${member.id}::uuid`);
    expect(await count(county)).toBe(before.county! - 1);
    expect(await count(county, { sort: 'name', status: 'lost_contact' })).toBe(before.lost);
    expect(await counterDrift()).toEqual([]);
  });

  it('stay exact through a rolled-back bulk change and a many-row update', async () => {
    const county = viewerAt(root, 'county_admin');
    const total = await count(county);
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE members SET org_id = ${otherBranch.id} WHERE org_id = ${branch.id}`);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(await counterDrift()).toEqual([]);

    await db.execute(sql`UPDATE members SET status = 'returned' WHERE status = 'outflow' AND org_id = ${branch.id}`);
    expect(await counterDrift()).toEqual([]);
    expect(await count(county)).toBe(total);
  });

  it('counts a filtered list by its rows, not by the counters', async () => {
    const county = viewerAt(root, 'county_admin');
    const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM members WHERE occupation LIKE '%司机%'`);
    expect(await count(county, { sort: 'name', occupation: '司机' })).toBe(n);
  });
});

describe('members.host_org_id', () => {
  it('puts a member on the host list when an episode hosted there opens, and takes them off when it ends', async () => {
    expect(await hostDrift()).toEqual([]);
    const hostViewer = viewerAt(host, 'host_admin', ['org_life']);
    const [member] = await queryRows<{ id: string }>(
      db,
      sql`SELECT m.id::text AS id FROM members m WHERE m.status = 'registered'
            AND NOT EXISTS (SELECT 1 FROM outflow_episodes e WHERE e.member_id = m.id AND e.ended_on IS NULL) ORDER BY m.id LIMIT 1`,
    );
    expect(await hostedIds()).not.toContain(member.id);
    expect(await findMemberForViewer({ viewer: hostViewer, memberId: member.id })).toBeNull();

    await db.execute(sql`INSERT INTO outflow_episodes (member_id, started_on, region_code, place, reason, host_org_id)
                         VALUES (${member.id}::uuid, DATE '2026-10-01', '440306', '深圳市宝安区', 'work', ${host.id})`);
    expect(await hostedIds()).toContain(member.id);
    expect((await findMemberForViewer({ viewer: hostViewer, memberId: member.id }))?.access).toBe('host');
    const hostedCount = await count(hostViewer);

    await db.execute(sql`UPDATE outflow_episodes SET ended_on = DATE '2026-11-20' WHERE member_id = ${member.id}::uuid AND ended_on IS NULL`);
    expect(await hostedIds()).not.toContain(member.id);
    expect(await count(hostViewer)).toBe(hostedCount! - 1);
    expect(await findMemberForViewer({ viewer: hostViewer, memberId: member.id })).toBeNull();
    expect(await hostDrift()).toEqual([]);
  });

  it('follows an episode moved to no host, and one deleted', async () => {
    const [hosted] = await queryRows<{ id: string; member_id: string }>(
      db,
      sql`SELECT id::text AS id, member_id::text AS member_id FROM outflow_episodes WHERE ended_on IS NULL AND host_org_id = ${host.id} ORDER BY id LIMIT 2`,
    );
    await db.execute(sql`UPDATE outflow_episodes SET host_org_id = NULL WHERE id = ${hosted.id}::uuid`);
    expect(await hostedIds()).not.toContain(hosted.member_id);
    await db.execute(sql`UPDATE outflow_episodes SET host_org_id = ${host.id} WHERE id = ${hosted.id}::uuid`);
    expect(await hostedIds()).toContain(hosted.member_id);
    await db.execute(sql`DELETE FROM outflow_episodes WHERE id = ${hosted.id}::uuid`);
    expect(await hostedIds()).not.toContain(hosted.member_id);
    expect(await hostDrift()).toEqual([]);
  });
});
