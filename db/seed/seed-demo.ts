import { sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { queryRows } from '@/db/rows';
import { bulkInsertMembers } from '@/lib/members/queries';
import { insertOrg } from '@/lib/orgs/queries';
import { generateDemoArchive, seedDemoArchive } from './demo-archive';
import { seedDemoContent } from './demo-content';
import { seedDemoCourses } from './demo-courses';
import { generateDemoCounty, type DemoCountyOptions } from './demo-county';
import { seedDemoUsers, type DemoLogins, DEMO_PASSWORD } from './demo-users';

export type SeedResult = { seeded: boolean; orgs: number; members: number; ms: number; logins?: DemoLogins };

/** Loads the demo county into an empty database; a database that has orgs is left alone. */
export async function seedDemoCounty(db: Database, options: DemoCountyOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const county = generateDemoCounty(options);
  const result = await db.transaction(async (tx) => {
    // Serialise concurrent seeders; the second sees the first one's orgs and stops.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7245310002)`);
    const [{ count }] = await queryRows<{ count: number }>(tx, sql`SELECT count(*)::int AS count FROM orgs`);
    if (count > 0) return { seeded: false, orgs: 0, members: 0, logins: undefined };

    const idByKey = new Map<string, number>();
    for (const [index, org] of county.orgs.entries()) {
      const parentId = org.parentKey ? idByKey.get(org.parentKey) : null;
      if (parentId === undefined) throw new Error(`demo org ${org.key} listed before its parent`);
      const created = await insertOrg(tx, {
        parentId,
        name: org.name,
        type: org.type,
        regionCode: org.regionCode,
        contactPhone: org.contactPhone,
        sortOrder: index,
      });
      idByKey.set(org.key, created.id);
    }
    const orgId = (key: string) => {
      const id = idByKey.get(key);
      if (id === undefined) throw new Error(`demo member refers to unknown org ${key}`);
      return id;
    };
    const memberCount = await bulkInsertMembers(
      tx,
      county.members.map((member) => ({
        orgId: orgId(member.orgKey),
        groupId: member.groupKey ? orgId(member.groupKey) : null,
        name: member.name,
        idNumber: member.idNumber,
        phone: member.phone,
        status: member.status,
        education: member.education,
        occupation: member.occupation,
        industry: member.industry,
        skills: member.skills,
        monthlyIncomeFen: member.monthlyIncomeFen,
        joinedPartyOn: member.joinedPartyOn,
        outflow: member.outflow && {
          regionCode: member.outflow.regionCode,
          place: member.outflow.place,
          reason: member.outflow.reason,
          startedOn: member.outflow.startedOn,
          hostOrgId: member.outflow.hostOrgKey ? orgId(member.outflow.hostOrgKey) : null,
        },
      })),
    );
    await seedDemoArchive(tx, county, generateDemoArchive(county, options));
    const logins = await seedDemoUsers(tx);
    await seedDemoContent(tx);
    await seedDemoCourses(tx);
    const temporary = county.orgs.find((org) => org.type === 'temporary_branch');
    if (temporary) await enrolTemporaryBranch(tx, orgId(temporary.key), temporary.regionCode ?? '440300');
    await acceptDemoRegistrations(tx);
    return { seeded: true, orgs: county.orgs.length, members: memberCount, logins };
  });
  if (result.seeded) {
    // PGlite never flushes a GIN pending list by itself (DESIGN.md §9).
    await db.execute(sql`VACUUM ANALYZE members`);
    await db.execute(sql`ANALYZE member_contacts, situation_reports, skills, content_items`);
  }
  return { ...result, ms: Math.round(performance.now() - started) };
}

/**
 * The demo 临时党支部 takes in five full members away in its city — the first by name, the 书记 —
 * enrolled on the day the latest of them arrived, as if approved then.
 */
async function enrolTemporaryBranch(tx: Executor, orgId: number, regionCode: string): Promise<void> {
  await tx.execute(sql`
    WITH chosen AS (
      SELECT m.id, e.started_on, row_number() OVER (ORDER BY m.name, m.id) AS rank
      FROM members m JOIN outflow_episodes e ON e.member_id = m.id AND e.ended_on IS NULL
      WHERE e.region_code LIKE ${`${regionCode.slice(0, 4)}%`} AND m.category = 'full' AND e.started_on <= current_date
      ORDER BY m.name, m.id
      LIMIT 5
    )
    INSERT INTO temporary_branch_members (org_id, member_id, role, joined_on)
    SELECT ${orgId}, id, CASE WHEN rank = 1 THEN 'secretary'::temporary_branch_role ELSE 'member'::temporary_branch_role END, (SELECT max(started_on) FROM chosen)
    FROM chosen`);
}

/**
 * Members away whose episode names a host of the county have reported there (报到) a week after
 * leaving, and the host accepted them, placing them in the host org itself: the host admin's
 * 已接收 list, and the flow overview's 报到 figures, start from these.
 */
async function acceptDemoRegistrations(tx: Executor): Promise<void> {
  await tx.execute(sql`
    INSERT INTO host_registrations (member_id, episode_id, host_org_id, reported_on, status, placed_org_id, decided_at)
    SELECT e.member_id, e.id, e.host_org_id, least(e.started_on + 7, current_date), 'accepted', e.host_org_id, now()
    FROM outflow_episodes e JOIN orgs o ON o.id = e.host_org_id AND o.type = 'host'
    WHERE e.ended_on IS NULL AND e.started_on <= current_date`);
}

/** What the demo's users need to know, for the console (never an ID number: logs are scanned). */
export function describeDemoLogins(logins: DemoLogins): string {
  return [
    `[ejia] demo logins (password for all: ${DEMO_PASSWORD}):`,
    ...logins.admins.map((admin) => `[ejia]   admin  ${admin.username.padEnd(10)} ${admin.role}  → /login/admin (first login enrols an authenticator app)`),
    `[ejia]   member ${logins.member.phone} (${logins.member.name})  → /login`,
    `[ejia]   activation: ${logins.activation.name}, code ${logins.activation.code}, with the ID number in README.md → /activate`,
  ].join('\n');
}
