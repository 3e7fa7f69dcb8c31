import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { hostRegistrations, members, users } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { ActionState } from '@/lib/actions/action-state';
import type { Viewer } from '@/lib/auth/viewer';
import { acceptRegistration, fileRegistration } from '@/lib/flow/hosting';
import { type FlowOverview, readFlowOverview } from '@/lib/flow/overview-queries';
import { openOutflowForMember } from '@/lib/flow/workflow';

// The flow overview (issue 5 §7) against the records it summarises: each figure equals a count
// written here in plain SQL over the same rows, for the county and for a 党委's subtree, and moves
// as a member away files a 报到 and the host accepts it.

type OrgRow = { id: number; path: string; type: string; parentId: number | null };

const NOW = new Date('2026-06-15T04:00:00Z');
const IP = '198.51.100.66';

let db: Database;
let root: OrgRow;
let committee: OrgRow;
let host: OrgRow;

const ctx = (viewer: Viewer) => ({ viewer, ip: IP, now: NOW });

function ok(state: ActionState, what: string): void {
  if (state.status !== 'success') throw new Error(`${what}: ${JSON.stringify(state)}`);
}

async function adminViewer(org: OrgRow, tier: Viewer['tier'] = org.parentId === null ? 'county_admin' : 'org_admin'): Promise<Viewer> {
  const capabilities = tier === 'host_admin' ? (['org_life'] as const) : (['archive'] as const);
  const [user] = await db
    .insert(users)
    .values({ username: `o${Math.random().toString(36).slice(2, 12)}`, displayName: '概况测试', tier, orgId: org.id, capabilities: [...capabilities] })
    .returning({ id: users.id });
  return { userId: user.id, tier, orgId: org.id, scopePath: org.path, capabilities: [...capabilities], displayName: '概况测试' };
}

/** The overview's figures counted directly: open episodes of the subtree's members and their live 报到. */
async function countedDirectly(scopePath: string) {
  const [row] = await queryRows<{ away: number; registered: number; pending: number; provinces: number; temporary: number }>(
    db,
    sql`WITH away AS (
          SELECT e.id, e.host_org_id, e.region_code FROM members m
          JOIN orgs o ON o.id = m.org_id AND o.path <@ ${scopePath}::ltree
          JOIN outflow_episodes e ON e.member_id = m.id AND e.ended_on IS NULL)
        SELECT (SELECT count(*)::int FROM away) AS away,
               (SELECT count(*)::int FROM away a WHERE a.host_org_id IS NOT NULL
                  OR EXISTS (SELECT 1 FROM host_registrations r WHERE r.episode_id = a.id AND r.status IN ('accepted', 'outside'))) AS registered,
               (SELECT count(*)::int FROM away a WHERE EXISTS (SELECT 1 FROM host_registrations r WHERE r.episode_id = a.id AND r.status = 'pending')) AS pending,
               (SELECT count(DISTINCT substr(a.region_code, 1, 2))::int FROM away a) AS provinces,
               (SELECT count(*)::int FROM orgs o WHERE o.type = 'temporary_branch' AND o.dissolved_at IS NULL AND o.path <@ ${scopePath}::ltree) AS temporary`,
  );
  return row;
}

function expectMatches(overview: FlowOverview | null, direct: Awaited<ReturnType<typeof countedDirectly>>): void {
  expect(overview).not.toBeNull();
  expect({
    away: overview!.away,
    registered: overview!.registered,
    notRegistered: overview!.notRegistered,
    pending: overview!.pendingRegistrations,
    provinces: overview!.byProvince.length,
    temporary: overview!.temporaryBranches.live,
    byProvinceTotal: overview!.byProvince.reduce((total, province) => total + province.members, 0),
  }).toEqual({
    away: direct.away,
    registered: direct.registered,
    notRegistered: direct.away - direct.registered,
    pending: direct.pending,
    provinces: direct.provinces,
    temporary: direct.temporary,
    byProvinceTotal: direct.away,
  });
}

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 600 });
  const orgRows = await queryRows<OrgRow>(db, sql`SELECT id, path::text AS path, type::text AS type, parent_id AS "parentId" FROM orgs ORDER BY id`);
  root = orgRows.find((org) => org.parentId === null)!;
  const [admin] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, 'committee'));
  committee = orgRows.find((org) => org.id === admin.orgId)!;
  host = orgRows.find((org) => org.type === 'host')!;
}, 120_000);

describe('flow overview', () => {
  it('counts what the records hold, for the county and for a 党委, with the demo 临时党支部 in the county’s', async () => {
    const county = await adminViewer(root);
    const direct = await countedDirectly(root.path);
    // The demo county has members away, most of them reported to a host, and one live 临时党支部.
    expect(direct.away).toBeGreaterThan(100);
    expect(direct.registered).toBeGreaterThan(0);
    expect(direct.temporary).toBe(1);
    expectMatches(await readFlowOverview(db, county, NOW), direct);
    expect((await readFlowOverview(db, county, NOW))!.temporaryBranches.tooFew).toBe(0);
    expectMatches(await readFlowOverview(db, await adminViewer(committee), NOW), await countedDirectly(committee.path));
    // A host admin has no overview: it is the home side's.
    expect(await readFlowOverview(db, await adminViewer(host, 'host_admin'), NOW)).toBeNull();
  });

  it('moves a member from 未报到 to 待接收 when the 报到 is filed, and to 已报到 when the host accepts it', async () => {
    const county = await adminViewer(root);
    const [person] = await db
      .select({ id: members.id, name: members.name, orgId: members.orgId })
      .from(members)
      .where(and(eq(members.status, 'registered'), sql`${members.orgId} IN (SELECT o.id FROM orgs o WHERE o.path <@ ${committee.path}::ltree)`))
      .orderBy(asc(members.name), asc(members.id))
      .limit(1);
    const before = (await readFlowOverview(db, county, NOW))!;
    ok(await openOutflowForMember(db, ctx(county), { memberId: person.id, region: '广东省深圳市宝安区', place: '西乡街道某物流园', reason: 'work', leavesOn: '2026-05-01', expectedMonths: '6' }), 'away');
    const away = (await readFlowOverview(db, county, NOW))!;
    expect([away.away, away.notRegistered, away.pendingRegistrations]).toEqual([before.away + 1, before.notRegistered + 1, before.pendingRegistrations]);

    const [account] = await db.insert(users).values({ memberId: person.id, displayName: person.name, tier: 'member', orgId: person.orgId }).returning({ id: users.id });
    const member: Viewer = { userId: account.id, tier: 'member', orgId: person.orgId, scopePath: '', capabilities: [], memberId: person.id, displayName: person.name };
    ok(await fileRegistration(db, ctx(member), { where: 'host', hostOrgId: String(host.id), reportedOn: '2026-05-10' }), '报到');
    const filed = (await readFlowOverview(db, county, NOW))!;
    expect([filed.notRegistered, filed.pendingRegistrations, filed.registered]).toEqual([away.notRegistered, away.pendingRegistrations + 1, away.registered]);

    const [registration] = await db.select({ id: hostRegistrations.id }).from(hostRegistrations).where(eq(hostRegistrations.memberId, person.id));
    ok(await acceptRegistration(db, ctx(await adminViewer(host, 'host_admin')), { registrationId: registration.id, placedOrgId: host.id, certificateChecked: false }), 'accept');
    const accepted = (await readFlowOverview(db, county, NOW))!;
    expect([accepted.notRegistered, accepted.pendingRegistrations, accepted.registered]).toEqual([away.notRegistered - 1, away.pendingRegistrations, away.registered + 1]);
    expectMatches(accepted, await countedDirectly(root.path));
  });
});
