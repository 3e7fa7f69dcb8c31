import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { connection, getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { settleAuditWrites } from '@/lib/audit/audit';
import { isWithinPath } from '@/lib/orgs/paths';
import type { Capability, Viewer } from '@/lib/auth/viewer';
import { exportMembers } from '@/lib/members/export';
import { HOST_FIELDS } from '@/lib/members/field-policy';
import {
  ageBandOf,
  ageOn,
  filterForViewer,
  MISSING_FIELDS,
  parseMemberListParams,
  type MemberListFilter,
  type MemberListPageRequest,
  type MemberSort,
} from '@/lib/members/list-filter';
import { countMembers, listMembers, memberListQuery } from '@/lib/members/list-queries';
import { decryptPii } from '@/lib/security/pii';

// The scoped member list against a seeded demo county, on whichever engine the project runs.
// Every expectation is computed here from the raw rows (an oracle in plain TypeScript), so a
// filter or scope that the SQL got wrong shows up as a difference in ids.

const TODAY = '2026-11-01';

type Org = { id: number; path: string; type: string; parentId: number | null };
type Row = {
  id: string;
  name: string;
  orgId: number;
  orgPath: string;
  groupId: number | null;
  status: string;
  birthDate: string;
  phone: string | null;
  occupation: string | null;
  industry: string | null;
  workUnit: string | null;
  education: string | null;
  emergencyContactPhone: string | null;
  joinedPartyOn: string | null;
  lastContactOn: string | null;
  contactPersonId: string | null;
  skills: string[];
  idNumber: string;
  regionCode: string | null;
  reason: string | null;
  hostPath: string | null;
};

let db: Database;
let all: Row[];
let orgList: Org[];
let root: Org;
let committee: Org;
let branch: Org;
let otherBranch: Org;
let group: Org;
let host: Org;

const viewerAt = (org: Org, tier: Viewer['tier'], capabilities: Capability[] = ['archive']): Viewer => ({
  userId: randomUUID(),
  tier,
  orgId: org.id,
  scopePath: org.path,
  capabilities,
});

async function loadRows(): Promise<Row[]> {
  const rows = await queryRows<Omit<Row, 'idNumber'> & { cipher: Uint8Array }>(
    db,
    sql`SELECT m.id::text AS id, m.name, m.org_id AS "orgId", o.path::text AS "orgPath", m.group_id AS "groupId", m.status::text AS status,
          m.birth_date::text AS "birthDate", m.phone, m.occupation, m.industry, m.work_unit AS "workUnit", m.education,
          m.emergency_contact_phone AS "emergencyContactPhone", m.joined_party_on::text AS "joinedPartyOn",
          m.last_contact_on::text AS "lastContactOn", m.contact_person_id::text AS "contactPersonId", m.skills,
          m.id_number_cipher AS cipher, e.region_code AS "regionCode", e.reason::text AS reason, h.path::text AS "hostPath"
        FROM members m JOIN orgs o ON o.id = m.org_id
        LEFT JOIN outflow_episodes e ON e.member_id = m.id AND e.ended_on IS NULL
        LEFT JOIN orgs h ON h.id = e.host_org_id`,
  );
  return rows.map(({ cipher, ...row }) => ({ ...row, skills: [...row.skills], idNumber: decryptPii(cipher, 'member.id_number') }));
}

/** Walks every page forwards; fails on a repeated row. */
async function allPages(viewer: Viewer, filter: MemberListFilter, limit = 50): Promise<string[]> {
  const ids: string[] = [];
  let page: MemberListPageRequest | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const result = await listMembers(db, { viewer, filter, page, today: TODAY, limit });
    ids.push(...result.rows.map((row) => row.id));
    if (!result.next) break;
    page = { after: result.next };
  }
  expect(new Set(ids).size, 'no row twice').toBe(ids.length);
  return ids;
}

const sorted = (ids: Iterable<string>) => [...ids].sort();
const inScope = (row: Row, path: string) => isWithinPath(row.orgPath, path);
const blank = (value: string | null) => value === null || value === '';

/** The oracle's order: (key, id), as PostgreSQL compares text in a C-collated database and uuids bytewise. */
function oracleOrder(rows: Row[], sort: MemberSort): string[] {
  const key = (row: Row) => (sort === 'name' ? row.name : sort === 'joined' ? (row.joinedPartyOn ?? '0001-01-01') : (row.lastContactOn ?? '0001-01-01'));
  const compare = (a: Row, b: Row) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) return (ka < kb ? -1 : 1) * (sort === 'joined' ? -1 : 1);
    return (a.id < b.id ? -1 : 1) * (sort === 'joined' ? -1 : 1);
  };
  return [...rows].sort(compare).map((row) => row.id);
}

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 1500 });
  orgList = await queryRows<Org>(db, sql`SELECT id, path::text AS path, type::text AS type, parent_id AS "parentId" FROM orgs ORDER BY id`);
  root = orgList.find((org) => org.parentId === null)!;
  committee = orgList.find((org) => org.parentId === root.id && org.type === 'party_committee')!;
  group = orgList.find((org) => org.type === 'party_group' && isWithinPath(org.path, committee.path))!;
  branch = orgList.find((org) => org.id === group.parentId)!;
  otherBranch = orgList.find((org) => org.type === 'branch' && org.id !== branch.id && !isWithinPath(org.path, committee.path))!;
  host = orgList.find((org) => org.type === 'host')!;

  // The demo seed leaves contact fields empty: fill some, so every filter has rows either way.
  const branchMembers = await queryRows<{ id: string }>(db, sql`SELECT id::text AS id FROM members WHERE org_id = ${branch.id} ORDER BY id`);
  const contact = branchMembers[0].id;
  await db.execute(sql`UPDATE members SET contact_person_id = ${contact}::uuid, last_contact_on = DATE '2026-06-01' - (ascii(right(id::text, 1)) % 90)
                       WHERE org_id = ${branch.id} AND id <> ${contact}::uuid AND ascii(right(id::text, 1)) % 3 <> 0`);
  await db.execute(sql`UPDATE members SET work_unit = '清源县建工集团', emergency_contact_phone = '13900000000', last_contact_on = DATE '2026-03-15'
                       WHERE ascii(right(id::text, 2)) % 4 = 0`);
  await db.execute(sql`UPDATE members SET phone = NULL WHERE ascii(right(id::text, 1)) % 7 = 1`);
  await db.execute(sql`UPDATE members SET occupation = NULL, industry = '' WHERE ascii(right(id::text, 1)) % 11 = 2`);
  await db.execute(sql`UPDATE members SET education = NULL, joined_party_on = NULL WHERE ascii(right(id::text, 1)) % 13 = 3`);
  // A member away (流出中) whose place nobody recorded: the episode was closed by mistake.
  await db.execute(sql`UPDATE outflow_episodes SET ended_on = DATE '2026-01-01'
                       WHERE member_id = (SELECT m.id FROM members m JOIN outflow_episodes e ON e.member_id = m.id AND e.ended_on IS NULL
                                          WHERE m.org_id = ${branch.id} AND e.host_org_id IS NULL ORDER BY m.id LIMIT 1)`);
  // A name search for '张伟' needs a 张伟 or two; give them neighbours that contain both characters
  // apart, and one ('伟强张伟') that holds every bigram of '张伟强' without being a match for it.
  const renamed = await queryRows<{ id: string }>(db, sql`SELECT id::text AS id FROM members WHERE org_id = ${branch.id} ORDER BY id DESC LIMIT 4`);
  await db.execute(sql`UPDATE members SET name = CASE id WHEN ${renamed[0].id}::uuid THEN '张伟' WHEN ${renamed[1].id}::uuid THEN '张伟强'
                                                         WHEN ${renamed[2].id}::uuid THEN '伟张' ELSE '伟强张伟' END
                       WHERE id = ANY(${sql.param(renamed.map((row) => row.id))}::uuid[])`);
  await db.execute(sql`ANALYZE`);
  all = await loadRows();
}, 120_000);

describe('scope', () => {
  it('shows an admin exactly the members of its subtree, and counts them', async () => {
    for (const org of [branch, committee, root]) {
      const viewer = viewerAt(org, org === root ? 'county_admin' : 'org_admin');
      const expected = all.filter((row) => inScope(row, org.path)).map((row) => row.id);
      expect(expected.length).toBeGreaterThan(0);
      const ids = await allPages(viewer, { sort: 'name' }, 200);
      expect(sorted(ids)).toEqual(sorted(expected));
      expect(await countMembers(db, { viewer, filter: { sort: 'name' }, today: TODAY })).toBe(expected.length);
    }
  });

  it('narrows to a chosen subtree or 党小组 inside the scope, and shows nothing for one outside it', async () => {
    const viewer = viewerAt(committee, 'org_admin');
    const ofBranch = await allPages(viewer, { sort: 'name', subtree: branch.id }, 500);
    expect(sorted(ofBranch)).toEqual(sorted(all.filter((row) => row.orgId === branch.id).map((row) => row.id)));
    const ofGroup = await allPages(viewer, { sort: 'name', subtree: group.id }, 500);
    expect(ofGroup.length).toBeGreaterThan(0);
    expect(sorted(ofGroup)).toEqual(sorted(all.filter((row) => row.groupId === group.id).map((row) => row.id)));

    const branchViewer = viewerAt(branch, 'org_admin');
    for (const outside of [otherBranch.id, root.id, committee.id, 987_654]) {
      const result = await listMembers(db, { viewer: branchViewer, filter: { sort: 'name', subtree: outside }, today: TODAY });
      expect(result).toEqual({ rows: [], next: null, previous: null, outOfScope: true });
      expect(await countMembers(db, { viewer: branchViewer, filter: { sort: 'name', subtree: outside }, today: TODAY })).toBeNull();
    }
  });

  it('refuses a viewer who may not list members at all', async () => {
    await expect(listMembers(db, { viewer: viewerAt(branch, 'org_admin', ['org_life']), filter: { sort: 'name' } })).rejects.toThrow();
    await expect(countMembers(db, { viewer: viewerAt(branch, 'member', ['archive']), filter: { sort: 'name' } })).rejects.toThrow();
  });

  it('gives archive admins masked ID numbers only', async () => {
    const result = await listMembers(db, { viewer: viewerAt(root, 'county_admin', ['archive', 'pii_reveal']), filter: { sort: 'name' }, today: TODAY });
    const byId = new Map(all.map((row) => [row.id, row]));
    for (const row of result.rows) {
      const full = byId.get(row.id)!.idNumber;
      expect(row.idNumberMasked).toBe(`${full.slice(0, 6)}********${full.slice(-4)}`);
      expect(JSON.stringify(row)).not.toContain(full);
    }
  });
});

describe('host (流入地) admins', () => {
  it('see only the members hosted in their subtree, without the fields the policy hides', async () => {
    const viewer = viewerAt(host, 'host_admin', ['org_life']);
    const expected = all.filter((row) => row.hostPath !== null && isWithinPath(row.hostPath, host.path)).map((row) => row.id);
    expect(expected.length).toBeGreaterThan(0);
    const ids = await allPages(viewer, { sort: 'name' }, 25);
    expect(sorted(ids)).toEqual(sorted(expected));
    expect(await countMembers(db, { viewer, filter: { sort: 'name' }, today: TODAY })).toBe(expected.length);

    const { rows } = await listMembers(db, { viewer, filter: { sort: 'name' }, today: TODAY });
    const allowed = new Set(['id', 'name', 'orgName', 'status', 'outflowRegion', 'occupation', 'phone']);
    for (const row of rows) {
      expect(Object.keys(row).filter((key) => !allowed.has(key))).toEqual([]);
      expect(row.outflowRegion).toBe(all.find((item) => item.id === row.id)!.regionCode);
    }
    // Every column shown to a host admin is one the policy lets them see.
    expect(HOST_FIELDS).toEqual(expect.arrayContaining(['name', 'org', 'status', 'occupation', 'phone']));
    expect(HOST_FIELDS).not.toContain('idNumber');
    expect(HOST_FIELDS).not.toContain('lastContactOn');
  });

  it('cannot filter or sort by hidden fields, even with a forged URL', async () => {
    const viewer = viewerAt(host, 'host_admin', ['org_life']);
    const { filter } = filterForViewer(viewer, parseMemberListParams({ age: 'over60', missing: 'workUnit', sort: 'lastContact', contactPerson: all[0].id }));
    expect(filter).toEqual({ sort: 'name' });
    // An archive admin of the county does not see the host org's hosted members as its own branch's.
    const county = viewerAt(root, 'county_admin');
    const ofHost = await listMembers(db, { viewer: county, filter: { sort: 'name', subtree: host.id }, today: TODAY });
    expect(ofHost.rows).toEqual([]);
  });
});

describe('filters', () => {
  const county = () => viewerAt(root, 'county_admin');
  const contactPerson = () => all.find((row) => row.contactPersonId !== null)!.contactPersonId!;

  const cases: [string, () => MemberListFilter, (row: Row) => boolean][] = [
    ['status', () => ({ sort: 'name', status: 'lost_contact' }), (row) => row.status === 'lost_contact'],
    ['province', () => ({ sort: 'name', province: '44' }), (row) => row.regionCode?.startsWith('44') ?? false],
    ['city', () => ({ sort: 'name', province: '61', city: '6101' }), (row) => row.regionCode?.startsWith('6101') ?? false],
    ['reason', () => ({ sort: 'name', reason: 'business' }), (row) => row.reason === 'business'],
    ['occupation (contains)', () => ({ sort: 'name', occupation: '司机' }), (row) => row.occupation?.includes('司机') ?? false],
    ['industry', () => ({ sort: 'name', industry: '建筑业' }), (row) => row.industry === '建筑业'],
    ['skill', () => ({ sort: 'name', skill: '焊工' }), (row) => row.skills.includes('焊工')],
    ...(['upTo35', '36to45', '46to60', 'over60'] as const).map(
      (band): [string, () => MemberListFilter, (row: Row) => boolean] => [`age ${band}`, () => ({ sort: 'name', age: band }), (row) => ageBandOf(ageOn(row.birthDate, TODAY)) === band],
    ),
    ['contact person', () => ({ sort: 'name', contactPerson: contactPerson() }), (row) => row.contactPersonId === contactPerson()],
    ['name, two characters', () => ({ sort: 'name', q: '张伟' }), (row) => row.name.includes('张伟')],
    ['name, two characters anywhere in the name', () => ({ sort: 'name', q: '伟强' }), (row) => row.name.includes('伟强')],
    ['name, three characters (all its bigrams are not enough)', () => ({ sort: 'name', q: '张伟强' }), (row) => row.name.includes('张伟强')],
    ['name, one character (surname)', () => ({ sort: 'name', q: '张' }), (row) => row.name.startsWith('张')],
    ['name, LIKE wildcards are literal', () => ({ sort: 'name', q: '%_' }), () => false],
    [
      'status + province + skill',
      () => ({ sort: 'name', status: 'outflow', province: '61', skill: '驾驶' }),
      (row) => row.status === 'outflow' && (row.regionCode?.startsWith('61') ?? false) && row.skills.includes('驾驶'),
    ],
  ];
  const missing: Record<(typeof MISSING_FIELDS)[number], (row: Row) => boolean> = {
    phone: (row) => blank(row.phone),
    occupation: (row) => blank(row.occupation),
    industry: (row) => blank(row.industry),
    workUnit: (row) => blank(row.workUnit),
    education: (row) => blank(row.education),
    joinedPartyOn: (row) => row.joinedPartyOn === null,
    emergencyContactPhone: (row) => blank(row.emergencyContactPhone),
    contactPerson: (row) => row.contactPersonId === null,
    lastContact: (row) => row.lastContactOn === null,
    outflowPlace: (row) => row.status === 'outflow' && row.regionCode === null,
  };

  it.each(cases)('%s', async (_name, filter, predicate) => {
    const expected = all.filter(predicate).map((row) => row.id);
    if (_name !== 'name, LIKE wildcards are literal') expect(expected.length, 'the data has rows for this filter').toBeGreaterThan(0);
    const ids = await allPages(county(), filter(), 500);
    expect(sorted(ids)).toEqual(sorted(expected));
    expect(await countMembers(db, { viewer: county(), filter: filter(), today: TODAY })).toBe(expected.length);
  });

  it('finds the members where a field is not filled in, for each missing field', async () => {
    for (const field of MISSING_FIELDS) {
      const expected = all.filter(missing[field]).map((row) => row.id);
      const ids = await allPages(county(), { sort: 'name', missing: field }, 2000);
      expect(sorted(ids), field).toEqual(sorted(expected));
      // Both sides of each field exist in the data, so the filter cannot pass by returning all or none.
      expect(expected.length, field).toBeGreaterThan(0);
      expect(expected.length, field).toBeLessThan(all.length);
    }
  });

  it('combines the filters with the scope', async () => {
    const viewer = viewerAt(committee, 'org_admin');
    const expected = all.filter((row) => inScope(row, committee.path) && row.status === 'outflow' && row.regionCode?.startsWith('44')).map((row) => row.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(await allPages(viewer, { sort: 'name', status: 'outflow', province: '44' }))).toEqual(sorted(expected));
  });
});

describe('keyset pages', () => {
  it.each(['name', 'joined', 'lastContact'] as const)('cover every row exactly once, in order, sorted by %s', async (sort) => {
    const viewer = viewerAt(committee, 'org_admin');
    const rows = all.filter((row) => inScope(row, committee.path));
    const ids = await allPages(viewer, { sort }, 37);
    expect(ids).toEqual(oracleOrder(rows, sort));
  });

  it('walks back with the previous-page cursors to the very first page', async () => {
    const viewer = viewerAt(committee, 'org_admin');
    const filter: MemberListFilter = { sort: 'lastContact' };
    const pages: string[][] = [];
    let result = await listMembers(db, { viewer, filter, today: TODAY, limit: 40 });
    expect(result.previous).toBeNull();
    pages.push(result.rows.map((row) => row.id));
    for (let i = 0; i < 3; i++) {
      result = await listMembers(db, { viewer, filter, page: { after: result.next! }, today: TODAY, limit: 40 });
      pages.push(result.rows.map((row) => row.id));
    }
    for (let i = pages.length - 2; i >= 0; i--) {
      result = await listMembers(db, { viewer, filter, page: { before: result.previous! }, today: TODAY, limit: 40 });
      expect(result.rows.map((row) => row.id)).toEqual(pages[i]);
      expect(result.next).not.toBeNull();
    }
    expect(result.previous).toBeNull();
  });
});

describe('name search plan', () => {
  it('uses the bigram GIN index for a two-character name', async () => {
    const viewer = viewerAt(root, 'county_admin');
    const built = await memberListQuery(db, { viewer, filter: { sort: 'name', q: '张伟' }, today: TODAY });
    const query = built!.query;
    const plan = await queryRows<{ 'QUERY PLAN': string }>(db, sql`EXPLAIN ${query.getSQL()}`);
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text, `${connection().engine} plan:\n${text}`).toContain('members_name_bigrams_gin');
  });
});

describe('Excel export', () => {
  async function readWorkbook(stream: ReadableStream<Uint8Array>): Promise<string[][]> {
    const chunks: Buffer[] = [];
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ''))));
    return rows;
  }

  async function auditCount(action: string, outcome: string): Promise<number> {
    await settleAuditWrites();
    const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND outcome = ${outcome}`);
    return row.n;
  }

  it('exports the filtered members with masked ID numbers, and audits the filter and row count', async () => {
    const viewer = viewerAt(committee, 'org_admin');
    const filter: MemberListFilter = { sort: 'name', status: 'outflow' };
    const expected = all.filter((row) => inScope(row, committee.path) && row.status === 'outflow');
    const before = await auditCount('member.export', 'success');
    const result = await exportMembers({ viewer, filter, full: false, ip: '198.51.100.7', today: TODAY }, db);
    if (!result.ok) throw new Error(result.message);
    expect(result.rows).toBe(expected.length);
    const rows = await readWorkbook(result.stream);
    const header = rows[0];
    const idColumn = header.indexOf('身份证号');
    expect(header.slice(0, 3)).toEqual(['姓名', '身份证号', '性别']);
    expect(rows.length - 1).toBe(expected.length);
    const byName = new Set(expected.map((row) => row.name));
    for (const row of rows.slice(1)) {
      expect(byName.has(row[0])).toBe(true);
      expect(row[idColumn]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
    expect(await auditCount('member.export', 'success')).toBe(before + 1);
    const [audit] = await queryRows<{ detail: string; ip: string }>(db, sql`SELECT detail::text AS detail, ip FROM audit_log WHERE action = 'member.export' ORDER BY id DESC LIMIT 1`);
    expect(JSON.parse(audit.detail)).toEqual({ filter: { sort: 'name', status: 'outflow' }, full: false, rows: expected.length });
    expect(audit.ip).toBe('198.51.100.7');
  });

  it('gives the full ID number only to a county admin holding pii_reveal', async () => {
    const county = viewerAt(root, 'county_admin', ['archive', 'pii_reveal']);
    const result = await exportMembers({ viewer: county, filter: { sort: 'name', subtree: branch.id }, full: true, ip: null, today: TODAY }, db);
    if (!result.ok) throw new Error(result.message);
    const rows = await readWorkbook(result.stream);
    const ids = new Set(all.filter((row) => row.orgId === branch.id).map((row) => row.idNumber));
    expect(rows.slice(1).map((row) => row[1]).every((id) => ids.has(id))).toBe(true);
    expect(rows.length - 1).toBe(ids.size);

    for (const viewer of [viewerAt(root, 'county_admin', ['archive']), viewerAt(committee, 'org_admin', ['archive', 'pii_reveal'])]) {
      const failures = await auditCount('member.export', 'failure');
      const refused = await exportMembers({ viewer, filter: { sort: 'name' }, full: true, ip: null, today: TODAY }, db);
      expect(refused).toEqual({ ok: false, status: 403, message: '导出完整身份证号需要县级管理员的“查看完整身份信息”权限。' });
      expect(await auditCount('member.export', 'failure')).toBe(failures + 1);
    }
  });

  it('refuses an export out of scope or without the archive capability, and writes nothing', async () => {
    const successes = await auditCount('member.export', 'success');
    const outOfScope = await exportMembers({ viewer: viewerAt(branch, 'org_admin'), filter: { sort: 'name', subtree: otherBranch.id }, full: false, ip: null, today: TODAY }, db);
    expect(outOfScope).toEqual({ ok: false, status: 404, message: '所选党组织不在您的管理范围内。' });
    for (const viewer of [viewerAt(host, 'host_admin', ['org_life']), viewerAt(branch, 'org_admin', ['org_life'])]) {
      expect(await exportMembers({ viewer, filter: { sort: 'name' }, full: false, ip: null, today: TODAY }, db)).toEqual({ ok: false, status: 403, message: '您没有导出党员名单的权限。' });
    }
    expect(await exportMembers({ viewer: null, filter: { sort: 'name' }, full: false, ip: null, today: TODAY }, db)).toMatchObject({ ok: false, status: 401 });
    expect(await auditCount('member.export', 'success')).toBe(successes);
  });

  it('streams an export larger than one batch', async () => {
    const county = viewerAt(root, 'county_admin');
    const result = await exportMembers({ viewer: county, filter: { sort: 'joined' }, full: false, ip: null, today: TODAY }, db);
    if (!result.ok) throw new Error(result.message);
    const rows = await readWorkbook(result.stream);
    expect(rows.length - 1).toBe(all.length);
    // Sorted as the list is: newest joining date first.
    const joinedColumn = rows[0].indexOf('入党时间');
    const joined = rows.slice(1).map((row) => row[joinedColumn]);
    expect(joined.filter(Boolean)).toEqual([...joined.filter(Boolean)].sort().reverse());
  });
});
