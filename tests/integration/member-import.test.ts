import os from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { connection, getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { jobs, members, users } from '@/db/schema';
import { settleAuditWrites, verifyAuditChain } from '@/lib/audit/audit';
import type { Viewer } from '@/lib/auth/viewer';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runJobsOnce } from '@/lib/jobs/worker';
import { confirmMemberImport, getMemberImport, loadImporter, startMemberImport, type ImportView } from '@/lib/members/excel/import';
import { getSealed } from '@/lib/members/excel/upload-store';
import { bulkInsertMembers } from '@/lib/members/queries';
import { insertOrg } from '@/lib/orgs/queries';
import { findIdNumbersInClear } from '@/tests/support/pii-scan';
import { largeWorkbookBytes, MEMBER_HEADER, memberRow, syntheticIdNumber, withWrongCheckChar, workbookBytes, type Cell } from '@/tests/support/member-workbook';

// The import runs as jobs: each test uploads, lets the worker validate, confirms, lets the
// worker import, and looks at what the admin would see and what the archive holds.

let db: Database;
let adminA: Viewer; // 城关镇党委, archive
let adminA2: Viewer; // another admin of the same committee
let adminB: Viewer; // 河口镇党委, archive
let branchA1 = '';
let branchB1 = '';
let groupA1 = '';

async function createAdmin(orgId: number, username: string, capabilities: string[] = ['archive']): Promise<Viewer> {
  const [user] = await db.insert(users).values({ username, displayName: username, tier: 'org_admin', orgId, capabilities }).returning();
  const viewer = await loadImporter(db, user.id);
  if (!viewer) throw new Error('test admin not loaded');
  return viewer;
}

async function runJobs(): Promise<void> {
  while ((await runJobsOnce(db, 'test-worker', jobHandlers)) > 0) {}
}

async function upload(viewer: Viewer, bytes: Uint8Array): Promise<string> {
  const started = await startMemberImport(db, viewer, { bytes, name: '党员名单.xlsx' });
  if (!started.ok) throw new Error(started.message);
  return started.token;
}

async function view(viewer: Viewer, token: string): Promise<ImportView> {
  const found = await getMemberImport(db, viewer, token);
  if (!found) throw new Error('import not found for its owner');
  return found;
}

async function memberCount(): Promise<number> {
  const [{ count }] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM members`);
  return count;
}

/** Wall time, this process's CPU time and the machine's load: on a shared machine wall time alone misleads. */
function stopwatch(): () => string {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return `${((performance.now() - wall) / 1000).toFixed(2)} s (app CPU ${((used.user + used.system) / 1e6).toFixed(2)} s, load ${os.loadavg()[0].toFixed(1)})`;
  };
}

beforeAll(async () => {
  db = getDb();
  const root = await insertOrg(db, { parentId: null, name: '中共清源县委', type: 'party_committee' });
  const committeeA = await insertOrg(db, { parentId: root.id, name: '城关镇党委', type: 'party_committee' });
  const committeeB = await insertOrg(db, { parentId: root.id, name: '河口镇党委', type: 'party_committee' });
  const a1 = await insertOrg(db, { parentId: committeeA.id, name: '东关村党支部', type: 'branch' });
  await insertOrg(db, { parentId: a1.id, name: '第一党小组', type: 'party_group' });
  const b1 = await insertOrg(db, { parentId: committeeB.id, name: '河口村党支部', type: 'branch' });
  branchA1 = a1.name;
  groupA1 = '第一党小组';
  branchB1 = b1.name;
  adminA = await createAdmin(committeeA.id, 'import-a');
  adminA2 = await createAdmin(committeeA.id, 'import-a2');
  adminB = await createAdmin(committeeB.id, 'import-b');
});

describe('importing 10,000 members', () => {
  const rows = (branch: string) => Array.from({ length: 10_000 }, (_, i) => memberRow(i, branch));

  it('reports exactly the bad row at line 9,731 and imports nothing', async () => {
    const data = rows(branchA1);
    // Excel line 9,731: the header is line 1, so the 9,730th member.
    const bad = data[9_729];
    bad[1] = withWrongCheckChar(String(bad[1]));
    const token = await upload(adminA, await largeWorkbookBytes([MEMBER_HEADER, ...data]));
    expect((await view(adminA, token)).phase).toBe('queued');

    const validating = stopwatch();
    await runJobs();
    console.log(`[member-import] ${connection().engine}: 10,000 rows with one bad row validated in ${validating()}`);
    const result = await view(adminA, token);
    expect(result.phase).toBe('rejected');
    expect(result.problems).toEqual([{ row: 9_731, column: 'idNumber', message: '身份证号码校验位不正确，请核对后重新输入。' }]);
    expect(result.summary).toMatchObject({ total: 10_000, valid: 9_999, errorRows: 1, errors: 1 });
    expect(await confirmMemberImport(db, adminA, token, null)).toMatchObject({ ok: false, reason: 'notReady' });
    await runJobs();
    expect(await memberCount()).toBe(0);
  });

  it('imports a valid file in one go: every row, the outflow episodes, one audit row without ID numbers', async () => {
    const data = rows(`城关镇党委/${branchA1}`);
    data[0][4] = branchA1;
    const token = await upload(adminA, await largeWorkbookBytes([MEMBER_HEADER, ...data]));
    const validating = stopwatch();
    await runJobs();
    const validatedIn = validating();
    const validated = await view(adminA, token);
    expect(validated).toMatchObject({ phase: 'validated', problems: [], summary: { total: 10_000, valid: 10_000 } });
    expect(validated.preview).toHaveLength(20);
    expect(validated.preview[0]).toMatchObject({ row: 2, org: branchA1, status: '流出中', outflow: '广东省 深圳市 南山区' });

    expect(await confirmMemberImport(db, adminA, token, '203.0.113.9')).toEqual({ ok: true });
    expect((await view(adminA, token)).phase).toBe('importQueued');
    const importing = stopwatch();
    await runJobs();
    const importedIn = importing();
    console.log(`[member-import] ${connection().engine}: valid 10,000 rows validated in ${validatedIn}; imported (checked again, loaded, audited, VACUUM ANALYZE) in ${importedIn}`);

    expect(await view(adminA, token)).toMatchObject({ phase: 'imported', imported: 10_000, pending: false });
    expect(await memberCount()).toBe(10_000);
    const [{ away }] = await queryRows<{ away: number }>(db, sql`SELECT count(*)::int AS away FROM outflow_episodes WHERE region_code = '440305' AND ended_on IS NULL`);
    expect(away).toBe(1_000);
    const [sample] = await db.select().from(members).where(eq(members.name, String(data[0][0]))).limit(1);
    expect(sample).toMatchObject({ status: 'outflow', category: 'full', education: '高中', joinedPartyOn: '2005-07-01', fullMemberOn: '2006-07-01' });

    await settleAuditWrites();
    const audit = await queryRows<{ actor_user_id: string; detail: string; ip: string }>(db, sql`SELECT actor_user_id, detail::text AS detail, ip FROM audit_log WHERE action = 'member.import'`);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(adminA.userId);
    expect(JSON.parse(audit[0].detail)).toEqual({ count: 10_000, rows: 10_000, skipped: 0 });
    expect(audit[0].ip).toBe('203.0.113.9');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    // Neither the audit log nor the jobs' payloads (previews, problems) hold an ID number in clear.
    expect(await findIdNumbersInClear(db, data.slice(0, 50).map((row) => String(row[1])))).toEqual([]);
    // Neither the encrypted upload nor the sealed rows outlive the import.
    const [keys] = await queryRows<{ upload: string; rows: string }>(db, sql`SELECT payload->>'storageKey' AS upload, payload->>'rowsKey' AS rows FROM jobs WHERE unique_key = ${`members.import:${token}`}`);
    expect(keys.rows).toMatch(/^imports\//);
    expect(await getSealed(keys.upload)).toBeNull();
    expect(await getSealed(keys.rows)).toBeNull();
  });
});

describe('checks that need the archive and the org tree', () => {
  const header = ['姓名', '身份证号', '党员类别', '所在党支部', '党小组', '状态'];
  const row = (name: string, id: string, branch: string, group: Cell = null): Cell[] => [name, id, '正式党员', branch, group, '在册'];

  it('reports an ID number given twice in the file, and one already in the archive', async () => {
    const existing = syntheticIdNumber(5);
    const fresh = syntheticIdNumber(50_001);
    const token = await upload(adminA, await workbookBytes([header, row('马超', existing, branchA1), row('林静', fresh, branchA1, groupA1), row('林静', fresh, branchA1), row('何平', syntheticIdNumber(50_002), branchA1)]));
    await runJobs();
    const result = await view(adminA, token);
    expect(result.phase).toBe('rejected');
    expect(result.problems).toEqual([
      { row: 2, column: 'idNumber', message: '该身份证号已在党员档案中，不能重复导入。' },
      { row: 3, column: 'idNumber', message: '身份证号与第 4 行重复。' },
      { row: 4, column: 'idNumber', message: '身份证号与第 3 行重复。' },
    ]);
    expect(result.summary).toMatchObject({ total: 4, valid: 1, errorRows: 3 });
  });

  it('refuses a branch outside the importer’s subtree', async () => {
    const token = await upload(adminA, await workbookBytes([header, row('郭敏', syntheticIdNumber(50_010), branchB1)]));
    await runJobs();
    expect((await view(adminA, token)).problems).toEqual([{ row: 2, column: 'org', message: `在您管理的范围内没有名为“${branchB1}”的党支部。` }]);
    // The same branch is fine for the admin whose subtree holds it.
    const own = await upload(adminB, await workbookBytes([header, row('郭敏', syntheticIdNumber(50_010), branchB1)]));
    await runJobs();
    expect((await view(adminB, own)).phase).toBe('validated');
  });

  it('lets only the admin who uploaded confirm, and checks the archive again at confirm time', async () => {
    const before = await memberCount();
    const ids = [syntheticIdNumber(50_020), syntheticIdNumber(50_021)];
    const token = await upload(adminA, await workbookBytes([header, row('罗刚', ids[0], branchA1), row('徐娟', ids[1], branchA1, groupA1)]));
    await runJobs();
    expect((await view(adminA, token)).phase).toBe('validated');

    // Another admin, in the same subtree or another, holding the token: refused, nothing queued.
    for (const other of [adminA2, adminB]) {
      expect(await confirmMemberImport(db, other, token, null)).toEqual({ ok: false, reason: 'notYours', message: '该导入不存在或不属于您。' });
      expect(await getMemberImport(db, other, token)).toBeNull();
    }
    expect(await confirmMemberImport(db, adminA, 'not-a-token', null)).toMatchObject({ ok: false, reason: 'notYours' });
    const [{ commits }] = await queryRows<{ commits: number }>(db, sql`SELECT count(*)::int AS commits FROM jobs WHERE kind = 'members.import.commit' AND payload->>'token' = ${token}`);
    expect(commits).toBe(0);
    await runJobs();
    expect(await memberCount()).toBe(before);

    // Meanwhile someone else puts one of these people into the archive: the confirmed import
    // is checked again and loads nothing.
    const [{ id: branchId }] = await queryRows<{ id: number }>(db, sql`SELECT id FROM orgs WHERE name = ${branchB1}`);
    await db.transaction((tx) =>
      bulkInsertMembers(tx, [{ orgId: branchId, groupId: null, name: '罗刚', idNumber: ids[0], phone: null, status: 'registered', education: null, occupation: null, industry: null, skills: [], monthlyIncomeFen: null, joinedPartyOn: null, outflow: null }]),
    );
    expect(await confirmMemberImport(db, adminA, token, null)).toEqual({ ok: true });
    expect(await confirmMemberImport(db, adminA, token, null)).toEqual({ ok: true });
    await runJobs();
    const rejected = await view(adminA, token);
    expect(rejected).toMatchObject({ phase: 'importRejected', imported: null });
    expect(rejected.problems).toEqual([{ row: 2, column: 'idNumber', message: '该身份证号已在党员档案中，不能重复导入。' }]);
    expect(await memberCount()).toBe(before + 1);
  });

  it('imports nothing when the admin’s subtree no longer holds the branch at import time', async () => {
    const before = await memberCount();
    const [{ id: committeeA }] = await queryRows<{ id: number }>(db, sql`SELECT id FROM orgs WHERE name = '城关镇党委'`);
    const [{ id: committeeB }] = await queryRows<{ id: number }>(db, sql`SELECT id FROM orgs WHERE name = '河口镇党委'`);
    const mover = await createAdmin(committeeA, 'import-mover');
    const token = await upload(mover, await workbookBytes([header, row('高洋', syntheticIdNumber(50_040), branchA1, groupA1)]));
    await runJobs();
    expect(await confirmMemberImport(db, mover, token, null)).toEqual({ ok: true });
    await db.update(users).set({ orgId: committeeB }).where(eq(users.id, mover.userId));
    await runJobs();
    const rejected = await view(mover, token);
    expect(rejected.phase).toBe('importRejected');
    expect(rejected.problems).toEqual([{ row: 2, column: 'org', message: '该党支部或党小组已撤销或已不在您的管理范围内，未导入任何数据。请核对后重新上传。' }]);
    expect(await memberCount()).toBe(before);
  });

  it('imports nothing for an admin who lost the archive capability after confirming', async () => {
    const before = await memberCount();
    const token = await upload(adminA2, await workbookBytes([header, row('朱丽', syntheticIdNumber(50_030), branchA1)]));
    await runJobs();
    expect(await confirmMemberImport(db, adminA2, token, null)).toEqual({ ok: true });
    await db.update(users).set({ capabilities: ['org_life'] }).where(eq(users.id, adminA2.userId));
    await runJobs();
    expect(await view(adminA2, token)).toMatchObject({ phase: 'failed', message: '您的账号已没有导入党员档案的权限。' });
    expect(await memberCount()).toBe(before);
    const [{ open }] = await queryRows<{ open: number }>(db, sql`SELECT count(*)::int AS open FROM ${jobs} WHERE status IN ('queued', 'running') AND kind <> 'members.import.cleanup'`);
    expect(open).toBe(0);
  });
});
