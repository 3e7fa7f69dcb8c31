import { eq, inArray, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { queryRows } from '@/db/rows';
import { members, orgs, situationReports } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { Viewer } from '@/lib/auth/viewer';
import { assessFourClear, FOUR_CLEAR_DIMENSIONS, isAwayStatus, isManagedStatus } from '@/lib/members/four-clear';
import { computeIdNumberCheckChar } from '@/lib/members/id-number';
import type { MemberCategory, MemberStatus, OutflowReason } from '@/lib/members/member-status';
import {
  countWarnings,
  getContactsByBranch,
  getFourClearByBranch,
  listContactPersons,
  listFourClearGaps,
  listNotReached,
  listWarnings,
} from '@/lib/members/overview-queries';
import { bulkInsertMembers } from '@/lib/members/queries';
import { memberWarnings, WARNING_KINDS } from '@/lib/members/warnings';
import { insertOrg } from '@/lib/orgs/queries';
import { beijingDay } from '@/lib/time/beijing';
import { adminOf } from '@/tests/support/viewers';

// 00:30 on 5 December in Beijing, still 4 December in UTC: a rule that took the UTC day would
// put every boundary below one day off and fail. Six months before is 06-05, three is 09-05.
const NOW = new Date('2026-12-04T16:30:00Z');
const TODAY = '2026-12-05';

type Spec = {
  name: string;
  branch: 'A1' | 'A2' | 'B1';
  status: MemberStatus;
  phone?: string | null;
  outflow?: { place: string; reason: OutflowReason } | null;
  lastContactOn?: string | null;
  reportYears?: number[];
  occupation?: string | null;
  industry?: string | null;
  workUnit?: string | null;
  category?: MemberCategory;
  probationEndsOn?: string | null;
  contactPerson?: string;
};

// The hand-built tree: 测试县委 → 甲镇党委 → A1, A2; 乙镇党委 → B1.
const SPECS: Spec[] = [
  { name: '甲一', branch: 'A1', status: 'outflow', outflow: { place: '广东省深圳市宝安区人民路12号', reason: 'work' }, lastContactOn: '2026-11-01', reportYears: [2026], contactPerson: '甲三' },
  { name: '甲二', branch: 'A1', status: 'outflow', outflow: null, lastContactOn: null, reportYears: [2026], industry: null, contactPerson: '甲三' },
  { name: '甲三', branch: 'A1', status: 'registered', phone: null, lastContactOn: '2026-06-05', category: 'probationary', probationEndsOn: '2027-01-04' },
  { name: '甲四', branch: 'A1', status: 'lost_contact', lastContactOn: '2026-06-06', occupation: null, industry: null },
  { name: '甲五', branch: 'A1', status: 'transferred_out', phone: null, lastContactOn: null, category: 'probationary', probationEndsOn: '2026-12-10' },
  { name: '乙一', branch: 'A2', status: 'outflow', outflow: { place: '浙江省杭州市萧山区建设路8号', reason: 'business' }, lastContactOn: null, category: 'probationary', probationEndsOn: '2027-01-05', contactPerson: '乙二' },
  { name: '乙二', branch: 'A2', status: 'registered', lastContactOn: '2026-09-05', category: 'probationary', probationEndsOn: '2026-11-30' },
  { name: '丙一', branch: 'B1', status: 'outflow', outflow: { place: '', reason: 'work' }, lastContactOn: '2026-12-01', reportYears: [2025], contactPerson: '丙二' },
  { name: '丙二', branch: 'B1', status: 'registered', phone: null, lastContactOn: null },
];

const orgIds: Record<string, number> = {};
const viewers: Record<'county' | 'A' | 'B' | 'A2' | 'demoCounty', Viewer> = {} as never;
const memberIds: Record<string, string> = {};

function idNumber(serial: number): string {
  const first17 = `61042219850101${String(100 + serial).padStart(3, '0')}`;
  return first17 + computeIdNumberCheckChar(first17);
}

async function orgRow(id: number) {
  const [row] = await queryRows<{ id: number; path: string; parent_id: number | null }>(getDb(), sql`SELECT id, path::text AS path, parent_id FROM orgs WHERE id = ${id}`);
  return row;
}

beforeAll(async () => {
  const db = getDb();
  // A small demo county first: another tree in the same database, outside every hand-built scope.
  await seedDemoCounty(db, { memberCount: 400 });
  const [demoRoot] = await db.select({ id: orgs.id }).from(orgs).where(isNull(orgs.parentId));
  viewers.demoCounty = adminOf(await orgRow(demoRoot.id));

  const root = await insertOrg(db, { parentId: null, name: '中共测试县委', type: 'party_committee' });
  const a = await insertOrg(db, { parentId: root.id, name: '中共测试县甲镇委员会', type: 'party_committee' });
  const b = await insertOrg(db, { parentId: root.id, name: '中共测试县乙镇委员会', type: 'party_committee' });
  const host = await insertOrg(db, { parentId: root.id, name: '中共测试流入地党支部', type: 'host' });
  for (const [key, parent] of [['A1', a.id], ['A2', a.id], ['B1', b.id]] as const) {
    orgIds[key] = (await insertOrg(db, { parentId: parent, name: `中共测试县${key}支部委员会`, type: 'branch' })).id;
  }
  viewers.county = adminOf(await orgRow(root.id));
  viewers.A = adminOf(await orgRow(a.id));
  viewers.B = adminOf(await orgRow(b.id));
  viewers.A2 = adminOf(await orgRow(orgIds.A2));

  await bulkInsertMembers(
    db,
    SPECS.map((spec, i) => ({
      orgId: orgIds[spec.branch],
      groupId: null,
      name: spec.name,
      idNumber: idNumber(i),
      phone: spec.phone === undefined ? `1390000${String(1000 + i)}` : spec.phone,
      status: spec.status,
      education: '高中',
      occupation: spec.occupation === undefined ? '建筑工人' : spec.occupation,
      industry: spec.industry === undefined ? '建筑业' : spec.industry,
      skills: [],
      monthlyIncomeFen: null,
      joinedPartyOn: '2010-07-01',
      outflow: spec.outflow ? { regionCode: '440306', place: spec.outflow.place, reason: spec.outflow.reason, startedOn: '2024-03-01', hostOrgId: spec.name === '甲一' ? host.id : null } : null,
    })),
  );
  const rows = await db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.orgId, Object.values(orgIds)));
  for (const row of rows) memberIds[row.name] = row.id;
  for (const spec of SPECS) {
    await db
      .update(members)
      .set({
        lastContactOn: spec.lastContactOn ?? null,
        workUnit: spec.workUnit ?? null,
        category: spec.category ?? 'full',
        probationEndsOn: spec.probationEndsOn ?? null,
        contactPersonId: spec.contactPerson ? memberIds[spec.contactPerson] : null,
      })
      .where(eq(members.id, memberIds[spec.name]));
    for (const year of spec.reportYears ?? []) {
      await db.insert(situationReports).values({ memberId: memberIds[spec.name], year, receivedOn: `${year}-05-20`, summary: `${year}年度外出情况汇报` });
    }
  }
}, 120_000);

const branchName = (key: string) => `中共测试县${key}支部委员会`;
const names = (rows: { name: string }[]) => rows.map((row) => row.name).sort();

describe('四清楚 by branch', () => {
  it('counts each branch’s four rates as worked out by hand', async () => {
    const { rows, totals } = await getFourClearByBranch(viewers.county, { now: NOW });
    const byName = Object.fromEntries(rows.map(({ orgId: _id, orgName, ...counts }) => [orgName, counts]));
    expect(byName).toEqual({
      [branchName('A1')]: { total: 4, quantity: 3, away: 3, whereabouts: 1, thinking: 3, occupation: 2, allClear: 1 },
      [branchName('A2')]: { total: 2, quantity: 2, away: 1, whereabouts: 1, thinking: 1, occupation: 2, allClear: 1 },
      [branchName('B1')]: { total: 2, quantity: 1, away: 1, whereabouts: 0, thinking: 1, occupation: 2, allClear: 0 },
    });
    expect(totals).toEqual({ total: 8, quantity: 6, away: 5, whereabouts: 2, thinking: 5, occupation: 6, allClear: 2 });
  });

  it('never counts members outside the admin’s subtree', async () => {
    const committee = await getFourClearByBranch(viewers.A, { now: NOW });
    expect(committee.rows.map((row) => row.orgName)).toEqual([branchName('A1'), branchName('A2')]);
    expect(committee.totals.total).toBe(6);
    const branch = await getFourClearByBranch(viewers.A2, { now: NOW });
    expect(branch.rows.map((row) => row.orgName)).toEqual([branchName('A2')]);
    expect(branch.totals).toMatchObject({ total: 2, allClear: 1 });
    // The demo county in the same database is another tree: its admin sees none of these.
    const demo = await getFourClearByBranch(viewers.demoCounty, { now: NOW });
    expect(demo.rows.some((row) => row.orgName.startsWith('中共测试县'))).toBe(false);
  });

  it('lists a branch’s members with what is missing, and refuses a branch outside the subtree', async () => {
    const gaps = await listFourClearGaps(viewers.county, { orgId: orgIds.A1, now: NOW });
    expect(gaps?.org.name).toBe(branchName('A1'));
    expect(Object.fromEntries(gaps!.rows.map((row) => [row.name, row.missing]))).toEqual({
      甲二: ['outflowRecord', 'workUnitOrIndustry'],
      甲三: ['phone', 'recentContact'],
      甲四: ['lostContact', 'occupation', 'workUnitOrIndustry'],
    });
    expect(gaps!.next).toBeNull();
    const thinking = await listFourClearGaps(viewers.A, { orgId: orgIds.A1, dimension: 'thinking', now: NOW });
    expect(thinking!.rows).toEqual([{ id: memberIds['甲三'], name: '甲三', orgName: branchName('A1'), status: 'registered', missing: ['recentContact'] }]);
    const whereabouts = await listFourClearGaps(viewers.county, { orgId: orgIds.B1, dimension: 'whereabouts', now: NOW });
    expect(whereabouts!.rows.map((row) => [row.name, row.missing])).toEqual([['丙一', ['place']]]);
    expect(await listFourClearGaps(viewers.B, { orgId: orgIds.A1, now: NOW })).toBeNull();
    expect(await listFourClearGaps(viewers.A2, { orgId: orgIds.A1, now: NOW })).toBeNull();
  });

  it('pages through a long list without repeating or skipping anyone', async () => {
    const demoRoot = viewers.demoCounty.orgId;
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const result = await listFourClearGaps(viewers.demoCounty, { orgId: demoRoot, after, now: NOW });
      seen.push(...result!.rows.map((row) => row.id));
      if (!result!.next) break;
      after = result!.next;
    }
    const { totals } = await getFourClearByBranch(viewers.demoCounty, { now: NOW });
    expect(seen.length).toBe(totals.total - totals.allClear);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(50);
  });
});

describe('warnings', () => {
  it('lists each kind for the subtree, with counts', async () => {
    expect(await countWarnings(viewers.county, { now: NOW })).toEqual({ no_contact: 4, probation_ending: 2, no_situation_report: 2 });
    expect(await countWarnings(viewers.A, { now: NOW })).toEqual({ no_contact: 3, probation_ending: 2, no_situation_report: 1 });
    expect(await countWarnings(viewers.B, { now: NOW })).toEqual({ no_contact: 1, probation_ending: 0, no_situation_report: 1 });

    const noContact = await listWarnings(viewers.county, { kind: 'no_contact', now: NOW });
    expect(names(noContact.rows)).toEqual(['丙二', '乙一', '甲三', '甲二'].sort());
    // Never contacted first, then the longest ago.
    expect(noContact.rows.at(-1)?.name).toBe('甲三');
    const probation = await listWarnings(viewers.county, { kind: 'probation_ending', now: NOW });
    expect(probation.rows.map((row) => [row.name, row.probationEndsOn])).toEqual([
      ['乙二', '2026-11-30'],
      ['甲三', '2027-01-04'],
    ]);
    const reports = await listWarnings(viewers.county, { kind: 'no_situation_report', now: NOW });
    expect(names(reports.rows)).toEqual(['丙一', '乙一'].sort());
    expect(reports.rows.find((row) => row.name === '丙一')?.contactPersonName).toBe('丙二');
  });

  it('moves members on and off the lists as the Beijing days pass', async () => {
    // A day earlier in Beijing: 甲三’s contact of 06-05 is not yet six months old and 甲三’s
    // 预备期 end of 01-04 is still 31 days away; a day later 乙一’s end of 01-05 comes within 30.
    const dayBefore = new Date('2026-12-04T15:59:00Z');
    expect(beijingDay(dayBefore)).toBe('2026-12-04');
    const earlier = await countWarnings(viewers.county, { now: dayBefore });
    expect(earlier.no_contact).toBe(3);
    expect(earlier.probation_ending).toBe(1);
    const dayAfter = new Date('2026-12-05T16:00:00Z');
    expect((await countWarnings(viewers.county, { now: dayAfter })).probation_ending).toBe(3);
  });
});

describe('contact overview (动态联系)', () => {
  it('counts whom each branch has not reached for 3 and for 6 months, at the Beijing boundaries', async () => {
    const rows = await getContactsByBranch(viewers.county, { now: NOW });
    expect(Object.fromEntries(rows.map(({ orgId: _id, orgName, ...counts }) => [orgName, counts]))).toEqual({
      [branchName('A1')]: { members: 4, notReached3: 3, notReached6: 2, never: 1 },
      [branchName('A2')]: { members: 2, notReached3: 2, notReached6: 1, never: 1 },
      [branchName('B1')]: { members: 2, notReached3: 1, notReached6: 1, never: 1 },
    });
    // 乙二 was last reached on 09-05: three months ago today in Beijing, not yet in UTC.
    const a2 = await listNotReached(viewers.county, { months: 3, orgId: orgIds.A2, now: NOW });
    expect(a2!.rows.map((row) => row.name)).toEqual(['乙一', '乙二']);
    const utcDay = await listNotReached(viewers.county, { months: 3, orgId: orgIds.A2, now: new Date('2026-12-04T15:00:00Z') });
    expect(utcDay!.rows.map((row) => row.name)).toEqual(['乙一']);
  });

  it('counts by 联系人, and lists a 联系人’s members not reached', async () => {
    const persons = await listContactPersons(viewers.county, { now: NOW });
    expect(Object.fromEntries(persons.rows.map((row) => [row.personName, [row.members, row.notReached3, row.notReached6, row.never]]))).toEqual({
      甲三: [2, 1, 1, 1],
      乙二: [1, 1, 1, 1],
      丙二: [1, 0, 0, 0],
    });
    const list = await listNotReached(viewers.A, { months: 6, personId: memberIds['甲三'], now: NOW });
    expect(list).toMatchObject({ personName: '甲三', org: null });
    expect(list!.rows.map((row) => row.name)).toEqual(['甲二']);
  });

  it('keeps every list inside the subtree', async () => {
    expect((await listContactPersons(viewers.B, { now: NOW })).rows.map((row) => row.personName)).toEqual(['丙二']);
    expect(await listNotReached(viewers.B, { months: 3, orgId: orgIds.A1, now: NOW })).toBeNull();
    const foreign = await listNotReached(viewers.B, { months: 3, personId: memberIds['甲三'], now: NOW });
    expect(foreign).toMatchObject({ personName: null, rows: [] });
    expect((await getContactsByBranch(viewers.A2, { now: NOW })).map((row) => row.orgName)).toEqual([branchName('A2')]);
  });
});

describe('the SQL twins agree with the pure rules', () => {
  it('on every member of the seeded demo county', async () => {
    const raw = await queryRows<{
      org_id: number;
      name: string;
      phone: string | null;
      status: MemberStatus;
      category: MemberCategory;
      probation_ends_on: string | null;
      last_contact_on: string | null;
      occupation: string | null;
      work_unit: string | null;
      industry: string | null;
      region_code: string | null;
      place: string | null;
      host_org_id: number | null;
      reason: OutflowReason | null;
      episode: string | null;
      reported: boolean;
    }>(
      getDb(),
      sql`SELECT m.org_id, m.name, m.phone, m.status::text AS status, m.category::text AS category,
                 m.probation_ends_on::text AS probation_ends_on, m.last_contact_on::text AS last_contact_on,
                 m.occupation, m.work_unit, m.industry, e.region_code, e.place, e.host_org_id, e.reason::text AS reason, e.id::text AS episode,
                 EXISTS (SELECT 1 FROM situation_reports r WHERE r.member_id = m.id AND r.year = 2026) AS reported
          FROM members m JOIN orgs o ON o.id = m.org_id LEFT JOIN outflow_episodes e ON e.member_id = m.id AND e.ended_on IS NULL
          WHERE o.path <@ ${viewers.demoCounty.scopePath}::ltree`,
    );
    const expected = new Map<number, Record<string, number>>();
    const warnings: Record<string, number> = { no_contact: 0, probation_ending: 0, no_situation_report: 0 };
    for (const row of raw.filter((r) => isManagedStatus(r.status))) {
      const result = assessFourClear(
        {
          name: row.name,
          hasIdNumber: true,
          phone: row.phone,
          orgId: row.org_id,
          status: row.status,
          openOutflow: row.episode === null ? null : { regionCode: row.region_code, place: row.place, hostOrgId: row.host_org_id, reason: row.reason },
          lastContactOn: row.last_contact_on,
          hasReportThisYear: Boolean(row.reported),
          occupation: row.occupation,
          workUnit: row.work_unit,
          industry: row.industry,
        },
        TODAY,
      );
      const counts = expected.get(row.org_id) ?? { total: 0, quantity: 0, away: 0, whereabouts: 0, thinking: 0, occupation: 0, allClear: 0 };
      counts.total++;
      if (isAwayStatus(row.status)) counts.away++;
      for (const dimension of FOUR_CLEAR_DIMENSIONS) if (result[dimension].applicable && result[dimension].clear) counts[dimension]++;
      if (result.allClear) counts.allClear++;
      expected.set(row.org_id, counts);
      const input = { status: row.status, category: row.category, probationEndsOn: row.probation_ends_on, lastContactOn: row.last_contact_on, hasReportThisYear: Boolean(row.reported) };
      for (const kind of memberWarnings(input, TODAY)) warnings[kind]++;
    }
    const { rows } = await getFourClearByBranch(viewers.demoCounty, { now: NOW });
    expect(Object.fromEntries(rows.map(({ orgId, orgName: _name, ...counts }) => [orgId, counts]))).toEqual(Object.fromEntries(expected));
    expect(await countWarnings(viewers.demoCounty, { now: NOW })).toEqual(warnings);
    // The demo data gives every list something to show.
    for (const kind of WARNING_KINDS) expect(warnings[kind], kind).toBeGreaterThan(0);
    const sums = rows.reduce((acc, row) => ({ total: acc.total + row.total, allClear: acc.allClear + row.allClear }), { total: 0, allClear: 0 });
    expect(sums.allClear).toBeLessThan(sums.total);
  });
});
