import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { connection, getDb, openPostgres, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { members, orgs, outflowEpisodes, outflowReports, users } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { ActionState } from '@/lib/actions/action-state';
import { settleAuditWrites } from '@/lib/audit/audit';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { flowQueueCursor, listFlowQueue, readOwnFlow } from '@/lib/flow/queries';
import {
  confirmOutflowReport,
  fileOutflowReport,
  openOutflowForMember,
  recordReturnHome,
  returnOutflowReport,
  withdrawOutflowReport,
} from '@/lib/flow/workflow';
import type { MemberStatus } from '@/lib/members/member-status';
import { listNotifications } from '@/lib/notifications/queries';

// The 外出报告 workflow on a real database (PGlite, and PostgreSQL when configured): a member
// reports going away, the branch confirms (opening the outflow episode) or sends it back, and
// records the return home. The report, the episode, the member's status, the counters, the
// notification and the audit row move together or not at all, and only for admins in scope.

type OrgRow = { id: number; path: string; type: string; parentId: number | null };
type MemberViewer = Viewer & { memberId: string };

// 12:00 in Beijing on 2026-06-15: every date rule below is measured from this day.
const NOW = new Date('2026-06-15T04:00:00Z');
const TODAY = '2026-06-15';
const IP = '198.51.100.7';

const ERR = {
  invalid: '填写的内容有误，请按提示修改后重新提交。',
  regionUnknown: '无法识别外出地区，请写到区县，如“广东省深圳市南山区”，或填写 6 位行政区划代码。',
  regionNotCounty: '外出地区请写到区县一级，如“广东省深圳市南山区”。',
  placeRequired: '请填写详细地址或单位（200 字以内）。',
  reason: '请选择外出原因。',
  leavesOn: '请填写外出日期。',
  leavesOnTooEarly: '外出日期不能早于一年前；更早的外出请联系支部登记。',
  leavesOnTooLate: '外出日期不能晚于半年后。',
  expectedMonths: '预计外出时长请填 1 到 120 之间的整数（月）。',
  phoneAway: '请填写正确的联系电话。',
  notAllowed: '您当前的党员状态不能提交外出报告（已在外或组织关系已转出）。如有疑问，请联系所在支部。',
  pendingExists: '您已有一份外出报告等待支部确认，请等确认后再提交，或先撤回那一份。',
  notFound: '没有找到这份外出报告。',
  outOfScope: '该党员不在您的管理范围内。',
  alreadyDecided: '这份报告已经处理过了，请刷新页面查看。',
  memberAway: '该党员已有未结束的外出登记，请先登记返乡。',
  memberNotAvailable: '该党员当前的状态不能开始外出登记。',
  decisionReason: '请写明退回理由（2 到 500 字），党员会看到它。',
  notAway: '该党员当前没有未结束的外出登记。',
  returnedOn: '请填写返乡日期。',
  returnedOnFuture: '返乡日期不能晚于今天。',
  returnedBeforeLeaving: '返乡日期不能早于外出日期。',
};

let db: Database;
let allOrgs: OrgRow[];
let root: OrgRow;
let branch: OrgRow;
let committee: OrgRow;
let siblingBranch: OrgRow;
let otherCommittee: OrgRow;
let otherCommitteeBranch: OrgRow;
let host: OrgRow;

const ctx = (viewer: Viewer | null, now: Date = NOW) => ({ viewer, ip: IP, now });
const within = (org: OrgRow, top: OrgRow) => org.path === top.path || org.path.startsWith(`${top.path}.`);

/** What a member writes in the form: a job in 深圳南山, leaving a few weeks before NOW. */
const plan = (overrides: Record<string, unknown> = {}) => ({
  region: '广东省深圳市南山区',
  place: '科技园某软件公司',
  reason: 'work',
  leavesOn: '2026-05-20',
  expectedMonths: '12',
  phoneAway: '139 1234 5678',
  ...overrides,
});

async function adminViewer(org: OrgRow, capabilities: Capability[] = ['archive'], tier: Tier = org.parentId === null ? 'county_admin' : 'org_admin'): Promise<Viewer> {
  const displayName = `测试管理员${Math.random().toString(36).slice(2, 8)}`;
  const [user] = await db
    .insert(users)
    .values({ username: `t${Math.random().toString(36).slice(2, 12)}`, displayName, tier, orgId: org.id, capabilities })
    .returning({ id: users.id });
  return { userId: user.id, tier, orgId: org.id, scopePath: org.path, capabilities, displayName };
}

/**
 * A seeded member of `org` given an account, and put at home (在册, no episode): the demo
 * county sends many members away, and each test starts from one who has not left.
 */
async function memberViewer(org: OrgRow = branch): Promise<MemberViewer> {
  const [row] = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .leftJoin(users, eq(users.memberId, members.id))
    .where(and(eq(members.orgId, org.id), isNull(users.id)))
    .orderBy(sql`${members.status} = 'registered' DESC`, asc(members.name), asc(members.id))
    .limit(1);
  if (!row) throw new Error(`no member left in org ${org.id}`);
  await db.delete(outflowEpisodes).where(eq(outflowEpisodes.memberId, row.id));
  await db.update(members).set({ status: 'registered' }).where(eq(members.id, row.id));
  const [user] = await db.insert(users).values({ memberId: row.id, displayName: row.name, tier: 'member', orgId: org.id }).returning({ id: users.id });
  return { userId: user.id, tier: 'member', orgId: org.id, scopePath: org.path, capabilities: [], memberId: row.id, displayName: row.name };
}

function dataOf(state: ActionState, key: string): string {
  if (state.status !== 'success' || !state.data?.[key]) throw new Error(`expected success with ${key}: ${JSON.stringify(state)}`);
  return state.data[key];
}

async function fileOk(member: MemberViewer, overrides: Record<string, unknown> = {}, now: Date = NOW): Promise<string> {
  return dataOf(await fileOutflowReport(db, ctx(member, now), plan(overrides)), 'reportId');
}

/** A member the branch has recorded away, leaving on `leavesOn`. */
async function awayMember(leavesOn = '2026-03-01', org: OrgRow = branch): Promise<MemberViewer> {
  const member = await memberViewer(org);
  dataOf(await openOutflowForMember(db, ctx(await adminViewer(org)), { memberId: member.memberId, ...plan({ leavesOn }) }), 'episodeId');
  return member;
}

const reportRow = async (id: string) => (await db.select().from(outflowReports).where(eq(outflowReports.id, id)))[0];
const reportsOf = (memberId: string) => db.select().from(outflowReports).where(eq(outflowReports.memberId, memberId)).orderBy(asc(outflowReports.createdAt));
const episodesOf = (memberId: string) => db.select().from(outflowEpisodes).where(eq(outflowEpisodes.memberId, memberId)).orderBy(asc(outflowEpisodes.startedOn));
const memberRow = async (memberId: string) => (await db.select().from(members).where(eq(members.id, memberId)))[0];
const statusOf = async (memberId: string): Promise<MemberStatus> => (await memberRow(memberId)).status;
/** What the member reads in 消息, newest first. */
const notificationsOf = async (memberId: string) => (await listNotifications(db, { memberId })).items.map(({ title, body, link, read }) => ({ title, body, link, read }));

/** Everything a refused or invalid act must leave as it was. */
async function snapshot(memberId: string) {
  return {
    member: await memberRow(memberId),
    reports: await reportsOf(memberId),
    episodes: await episodesOf(memberId),
    notifications: await notificationsOf(memberId),
  };
}

async function lastAuditId(): Promise<number> {
  await settleAuditWrites();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`);
  return id;
}

async function auditAfter(id: number) {
  await settleAuditWrites();
  return queryRows<{ action: string; outcome: string; entity_id: string | null; detail: Record<string, unknown> }>(
    db,
    sql`SELECT action, outcome::text AS outcome, entity_id, detail FROM audit_log WHERE id > ${id} AND outcome = 'success' ORDER BY id`,
  );
}

/** The org's members per status, as the counters say and as a recount finds them. */
async function tally(orgId: number) {
  const asMap = (rows: { status: string; n: number }[]) => Object.fromEntries(rows.map((row) => [row.status, row.n]));
  const counted = await queryRows<{ status: string; n: number }>(db, sql`SELECT status::text AS status, members AS n FROM org_member_counts WHERE org_id = ${orgId} AND members <> 0`);
  const actual = await queryRows<{ status: string; n: number }>(db, sql`SELECT status::text AS status, count(*)::int AS n FROM members WHERE org_id = ${orgId} GROUP BY status`);
  return { counted: asMap(counted), actual: asMap(actual) };
}

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 600 });
  allOrgs = (await db.select({ id: orgs.id, path: orgs.path, type: orgs.type, parentId: orgs.parentId }).from(orgs)).map((org) => ({ ...org, path: String(org.path) }));
  const orgOf = async (username: string) => {
    const [admin] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, username));
    return allOrgs.find((org) => org.id === admin.orgId)!;
  };
  branch = await orgOf('branch');
  committee = await orgOf('committee');
  root = allOrgs.find((org) => org.parentId === null)!;
  siblingBranch = allOrgs.find((org) => org.type === 'branch' && org.id !== branch.id && within(org, committee))!;
  otherCommittee = allOrgs.find((org) => org.parentId === root.id && org.id !== committee.id && org.type !== 'host' && allOrgs.some((b) => b.type === 'branch' && within(b, org)))!;
  otherCommitteeBranch = allOrgs.find((org) => org.type === 'branch' && within(org, otherCommittee))!;
  host = allOrgs.find((org) => org.type === 'host')!;
  expect(within(branch, committee)).toBe(true);
  expect(within(siblingBranch, branch)).toBe(false);
  expect(within(branch, otherCommittee)).toBe(false);
}, 120_000);

describe('filing a report', () => {
  it('files a report from a member at home, which then waits for the branch; a second one is refused', async () => {
    const member = await memberViewer();
    const before = await lastAuditId();
    const state = await fileOutflowReport(db, ctx(member), plan({ plannedHost: '南山区流动党员党支部' }));
    expect(state).toMatchObject({ status: 'success', message: '外出报告已提交。' });
    const reportId = dataOf(state, 'reportId');

    expect(await reportsOf(member.memberId)).toEqual([
      expect.objectContaining({
        id: reportId,
        status: 'pending',
        regionCode: '440305',
        place: '科技园某软件公司',
        reason: 'work',
        leavesOn: '2026-05-20',
        expectedMonths: 12,
        plannedHost: '南山区流动党员党支部',
        phoneAway: '13912345678',
        filedBy: member.userId,
        decidedBy: null,
        episodeId: null,
      }),
    ]);
    const own = await readOwnFlow(db, member);
    expect(own).toMatchObject({ status: 'registered', mayReport: false, away: null, pending: { id: reportId, status: 'pending', leavesOn: '2026-05-20', byAdmin: false } });
    expect(own!.pending!.region).toContain('南山区');

    const audit = await auditAfter(before);
    expect(audit.map((row) => [row.action, row.entity_id])).toEqual([['outflow_report.file', member.memberId]]);
    expect(audit[0].detail).toMatchObject({ reportId, reason: 'work', leavesOn: '2026-05-20', expectedMonths: 12 });

    // Filing is not confirming: the member is still at home.
    expect(await statusOf(member.memberId)).toBe('registered');
    expect(await episodesOf(member.memberId)).toEqual([]);

    expect(await fileOutflowReport(db, ctx(member), plan({ region: '440306', place: '宝安区福永街道某电子厂' }))).toEqual({ status: 'failed', message: ERR.pendingExists });
    expect((await reportsOf(member.memberId)).map((row) => [row.id, row.status])).toEqual([[reportId, 'pending']]);
  });

  it('refuses bad input field by field in Chinese, and writes nothing', async () => {
    const member = await memberViewer();
    const before = await snapshot(member.memberId);
    const auditBefore = await lastAuditId();
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ region: '火星' }, { region: [ERR.regionUnknown] }],
      [{ region: '广东省深圳市' }, { region: [ERR.regionNotCounty] }],
      [{ place: '' }, { place: [ERR.placeRequired] }],
      [{ place: '   ' }, { place: [ERR.placeRequired] }],
      [{ reason: 'holiday' }, { reason: [ERR.reason] }],
      [{ leavesOn: '2026-02-30' }, { leavesOn: [ERR.leavesOn] }],
      // A year back and half a year ahead, counted from the Beijing day of NOW.
      [{ leavesOn: '2025-06-14' }, { leavesOn: [ERR.leavesOnTooEarly] }],
      [{ leavesOn: '2026-12-16' }, { leavesOn: [ERR.leavesOnTooLate] }],
      [{ expectedMonths: '0' }, { expectedMonths: [ERR.expectedMonths] }],
      [{ expectedMonths: '121' }, { expectedMonths: [ERR.expectedMonths] }],
      [{ expectedMonths: 'abc' }, { expectedMonths: [ERR.expectedMonths] }],
      [{ phoneAway: '12345' }, { phoneAway: [ERR.phoneAway] }],
      [{ phoneAway: '1391234567x' }, { phoneAway: [ERR.phoneAway] }],
      [{ region: '火星', place: '', expectedMonths: '0' }, { region: [ERR.regionUnknown], place: [ERR.placeRequired], expectedMonths: [ERR.expectedMonths] }],
    ];
    for (const [overrides, fieldErrors] of cases) {
      expect(await fileOutflowReport(db, ctx(member), plan(overrides)), JSON.stringify(overrides)).toEqual({ status: 'invalid', message: ERR.invalid, fieldErrors });
    }
    expect(await snapshot(member.memberId)).toEqual(before);
    expect(await auditAfter(auditBefore)).toEqual([]);
  });

  it('accepts a county by its full name, without the province, or by its code, and a late report', async () => {
    const member = await memberViewer();
    for (const region of ['广东省深圳市南山区', '深圳市南山区', '440305']) {
      const id = await fileOk(member, { region });
      expect((await reportRow(id)).regionCode, region).toBe('440305');
      expect(await withdrawOutflowReport(db, ctx(member), { reportId: id })).toMatchObject({ status: 'success' });
    }
    // Already away for 200 days and only now reporting it.
    const late = await fileOk(member, { leavesOn: '2025-11-27' });
    expect(await reportRow(late)).toMatchObject({ status: 'pending', leavesOn: '2025-11-27' });
  });

  it('measures the window from the Beijing day, not the UTC one', async () => {
    const member = await memberViewer();
    // 16:30 UTC on the 15th is already the 16th in Beijing: half a year ahead now reaches the 16th of December.
    const id = await fileOk(member, { leavesOn: '2026-12-16' }, new Date('2026-06-15T16:30:00Z'));
    expect((await reportRow(id)).leavesOn).toBe('2026-12-16');
  });

  it('keeps the destination in the audit trail of a filing and of a journey the branch records', async () => {
    const member = await memberViewer();
    const other = await memberViewer();
    const auditBefore = await lastAuditId();
    await fileOk(member, { region: '440305' });
    await openOutflowForMember(db, ctx(await adminViewer(branch)), { memberId: other.memberId, ...plan({ region: '320583' }) });
    const audit = await auditAfter(auditBefore);
    expect(audit.map((row) => row.action)).toEqual(['outflow_report.file', 'outflow.open']);
    // Under whatever key: an auditor must be able to tell where the member said they were going.
    expect(JSON.stringify(audit[0].detail)).toContain('440305');
    expect(JSON.stringify(audit[1].detail)).toContain('320583');
  });

  it('refuses a member already away, and anyone who is not a member', async () => {
    const away = await awayMember();
    expect(await fileOutflowReport(db, ctx(away), plan())).toEqual({ status: 'failed', message: ERR.notAllowed });
    expect(await reportsOf(away.memberId)).toHaveLength(1); // the branch's own record of the journey

    for (const viewer of [await adminViewer(branch), await adminViewer(root), null]) {
      expect(await fileOutflowReport(db, ctx(viewer), plan()), viewer?.tier).toMatchObject({ status: 'forbidden' });
    }
  });
});

describe('confirming a report', () => {
  it('opens the episode from the day the member left, moves the counters, notifies and audits, once', async () => {
    const member = await memberViewer();
    const reportId = await fileOk(member, { place: '南山区科技园某软件公司', leavesOn: '2026-05-20' });
    const admin = await adminViewer(branch);
    const countsBefore = await tally(member.orgId);
    expect(countsBefore.counted).toEqual(countsBefore.actual);
    const auditBefore = await lastAuditId();

    expect(await confirmOutflowReport(db, ctx(admin), { reportId })).toEqual({ status: 'success', message: '已确认，外出登记已开始。' });

    expect(await statusOf(member.memberId)).toBe('outflow');
    const episodes = await episodesOf(member.memberId);
    expect(episodes).toEqual([
      expect.objectContaining({ startedOn: '2026-05-20', endedOn: null, regionCode: '440305', place: '南山区科技园某软件公司', reason: 'work', hostOrgId: null }),
    ]);
    expect(await reportRow(reportId)).toMatchObject({ status: 'confirmed', decidedBy: admin.userId, decidedAt: NOW, episodeId: episodes[0].id });

    const countsAfter = await tally(member.orgId);
    expect(countsAfter.counted).toEqual(countsAfter.actual);
    expect(countsAfter.actual.registered ?? 0).toBe((countsBefore.actual.registered ?? 0) - 1);
    expect(countsAfter.actual.outflow ?? 0).toBe((countsBefore.actual.outflow ?? 0) + 1);

    const audit = await auditAfter(auditBefore);
    expect(audit.map((row) => [row.action, row.entity_id])).toEqual([['outflow_report.confirm', member.memberId]]);
    expect(audit[0].detail).toMatchObject({ reportId, episodeId: episodes[0].id, before: { status: 'registered' }, after: { status: 'outflow' } });

    const inbox = await notificationsOf(member.memberId);
    expect(inbox).toEqual([{ title: '外出报告已确认', body: expect.stringContaining('南山区科技园某软件公司'), link: '/flow', read: false }]);

    const own = await readOwnFlow(db, member);
    expect(own).toMatchObject({ status: 'outflow', mayReport: false, pending: null, away: { startedOn: '2026-05-20', place: '南山区科技园某软件公司', reason: 'work', hostOrgName: null } });

    // A second click (or a second admin) finds it decided and writes nothing more.
    const decided = await snapshot(member.memberId);
    const auditMid = await lastAuditId();
    expect(await confirmOutflowReport(db, ctx(await adminViewer(committee)), { reportId })).toEqual({ status: 'failed', message: ERR.alreadyDecided });
    expect(await returnOutflowReport(db, ctx(admin), { reportId, reason: '信息有误' })).toEqual({ status: 'failed', message: ERR.alreadyDecided });
    expect(await snapshot(member.memberId)).toEqual(decided);
    expect(await auditAfter(auditMid)).toEqual([]);
  });

  it('is open to admins higher up the tree: the committee and the county', async () => {
    for (const org of [committee, root]) {
      const member = await memberViewer();
      const reportId = await fileOk(member);
      expect(await confirmOutflowReport(db, ctx(await adminViewer(org)), { reportId }), org.type).toMatchObject({ status: 'success' });
      expect(await statusOf(member.memberId)).toBe('outflow');
    }
  });

  it('refuses when the member was recorded away meanwhile, or is no longer registered', async () => {
    const admin = await adminViewer(branch);

    const recordedAway = await memberViewer();
    const first = await fileOk(recordedAway);
    // An episode opened by another path (an import, say) after the member filed.
    await db.insert(outflowEpisodes).values({ memberId: recordedAway.memberId, startedOn: '2026-04-01', regionCode: '320583', place: '昆山市某工厂', reason: 'work' });
    await db.update(members).set({ status: 'outflow' }).where(eq(members.id, recordedAway.memberId));
    const awayBefore = await snapshot(recordedAway.memberId);
    expect(await confirmOutflowReport(db, ctx(admin), { reportId: first })).toEqual({ status: 'failed', message: ERR.memberAway });
    expect(await snapshot(recordedAway.memberId)).toEqual(awayBefore);
    expect((await reportRow(first)).status).toBe('pending');

    const transferred = await memberViewer();
    const second = await fileOk(transferred);
    await db.update(members).set({ status: 'transferred_out' }).where(eq(members.id, transferred.memberId));
    const transferredBefore = await snapshot(transferred.memberId);
    expect(await confirmOutflowReport(db, ctx(admin), { reportId: second })).toEqual({ status: 'failed', message: ERR.memberNotAvailable });
    expect(await snapshot(transferred.memberId)).toEqual(transferredBefore);
    expect((await reportRow(second)).status).toBe('pending');
    expect(await statusOf(transferred.memberId)).toBe('transferred_out');
  });
});

describe('who may decide', () => {
  it('refuses admins outside the branch, without the archive capability, host admins and members, changing nothing', async () => {
    const member = await memberViewer();
    const reportId = await fileOk(member);
    const atHome = await memberViewer();
    const away = await awayMember();
    // Hosted by the host org, whose admin is among the refused.
    const [episode] = await episodesOf(away.memberId);
    await db.update(outflowEpisodes).set({ hostOrgId: host.id }).where(eq(outflowEpisodes.id, episode.id));

    const watched = [member.memberId, atHome.memberId, away.memberId];
    const before = await Promise.all(watched.map(snapshot));
    const auditBefore = await lastAuditId();

    const outOfScope = [await adminViewer(siblingBranch), await adminViewer(otherCommittee, ['archive', 'pii_reveal']), await adminViewer(otherCommitteeBranch)];
    const noCapability = [await adminViewer(branch, ['org_life', 'dues', 'pii_reveal']), await adminViewer(root, ['content', 'accounts']), await adminViewer(host, ['archive', 'org_life'], 'host_admin')];
    const memberCallers = [await memberViewer(), member, null];

    for (const viewer of [...outOfScope, ...noCapability, ...memberCallers]) {
      const label = `${viewer?.tier ?? 'anonymous'} at ${viewer?.orgId}`;
      const results = [
        await confirmOutflowReport(db, ctx(viewer), { reportId }),
        await returnOutflowReport(db, ctx(viewer), { reportId, reason: '信息不全，请补充' }),
        await openOutflowForMember(db, ctx(viewer), { memberId: atHome.memberId, ...plan() }),
        await recordReturnHome(db, ctx(viewer), { memberId: away.memberId, returnedOn: '2026-06-10' }),
      ];
      for (const result of results) expect(result, label).toMatchObject({ status: 'forbidden' });
      // An admin who may decide in general, but not here, is told why.
      if (outOfScope.includes(viewer as Viewer)) for (const result of results) expect(result, label).toEqual({ status: 'forbidden', message: ERR.outOfScope });
    }

    expect(await Promise.all(watched.map(snapshot))).toEqual(before);
    expect((await reportRow(reportId)).status).toBe('pending');
    expect(await auditAfter(auditBefore)).toEqual([]);
    for (const viewer of outOfScope) expect((await listFlowQueue(db, { viewer })).map((row) => row.id)).not.toContain(reportId);
  });

  it('refuses an unknown report and an unknown member as out of reach', async () => {
    const admin = await adminViewer(root);
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect(await confirmOutflowReport(db, ctx(admin), { reportId: nobody })).toEqual({ status: 'forbidden', message: ERR.notFound });
    expect(await returnOutflowReport(db, ctx(admin), { reportId: nobody, reason: '理由充分' })).toEqual({ status: 'forbidden', message: ERR.notFound });
    expect(await openOutflowForMember(db, ctx(admin), { memberId: nobody, ...plan() })).toMatchObject({ status: 'forbidden' });
    expect(await recordReturnHome(db, ctx(admin), { memberId: nobody, returnedOn: TODAY })).toMatchObject({ status: 'forbidden' });
  });
});

describe('sending a report back', () => {
  it('needs a reason of 2 to 500 characters, which the member then reads; the member may report again', async () => {
    const member = await memberViewer();
    const reportId = await fileOk(member);
    const admin = await adminViewer(branch);
    const before = await snapshot(member.memberId);

    for (const reason of ['', ' ', '缺', ` ${'长'.repeat(501)} `]) {
      expect(await returnOutflowReport(db, ctx(admin), { reportId, reason }), `${reason.length} characters`).toEqual({
        status: 'invalid',
        message: ERR.invalid,
        fieldErrors: { reason: [ERR.decisionReason] },
      });
    }
    expect(await snapshot(member.memberId)).toEqual(before);

    const auditBefore = await lastAuditId();
    expect(await returnOutflowReport(db, ctx(admin), { reportId, reason: ' 请写明具体单位和地址 ' })).toEqual({ status: 'success', message: '已退回，党员会收到退回理由。' });
    expect(await reportRow(reportId)).toMatchObject({ status: 'returned', decisionNote: '请写明具体单位和地址', decidedBy: admin.userId, episodeId: null });
    expect(await statusOf(member.memberId)).toBe('registered');
    expect(await episodesOf(member.memberId)).toEqual([]);
    expect(await notificationsOf(member.memberId)).toEqual([{ title: '外出报告被退回', body: expect.stringContaining('请写明具体单位和地址'), link: '/flow', read: false }]);
    const audit = await auditAfter(auditBefore);
    expect(audit.map((row) => [row.action, row.detail.reason])).toEqual([['outflow_report.return', '请写明具体单位和地址']]);

    const own = await readOwnFlow(db, member);
    expect(own).toMatchObject({ status: 'registered', mayReport: true, pending: null });
    expect(own!.reports[0]).toMatchObject({ id: reportId, status: 'returned', decisionNote: '请写明具体单位和地址' });

    const again = await fileOk(member, { place: '南山区粤海街道某软件公司' });
    expect((await reportRow(again)).status).toBe('pending');
    expect(await withdrawOutflowReport(db, ctx(member), { reportId })).toEqual({ status: 'failed', message: ERR.alreadyDecided });
  });
});

describe('withdrawing a report', () => {
  it('lets the owner take back a pending report, and no one else; a decided one stays', async () => {
    const owner = await memberViewer();
    const neighbour = await memberViewer();
    const first = await fileOk(owner);

    expect(await withdrawOutflowReport(db, ctx(neighbour), { reportId: first })).toEqual({ status: 'forbidden', message: ERR.notFound });
    expect(await withdrawOutflowReport(db, ctx(await adminViewer(branch)), { reportId: first })).toMatchObject({ status: 'forbidden' });
    expect((await reportRow(first)).status).toBe('pending');

    const auditBefore = await lastAuditId();
    expect(await withdrawOutflowReport(db, ctx(owner), { reportId: first })).toEqual({ status: 'success', message: '外出报告已撤回。' });
    expect(await reportRow(first)).toMatchObject({ status: 'withdrawn', episodeId: null });
    expect((await auditAfter(auditBefore)).map((row) => [row.action, row.entity_id])).toEqual([['outflow_report.withdraw', owner.memberId]]);
    expect(await readOwnFlow(db, owner)).toMatchObject({ mayReport: true, pending: null });
    expect(await withdrawOutflowReport(db, ctx(owner), { reportId: first })).toEqual({ status: 'failed', message: ERR.alreadyDecided });
    // Withdrawn is withdrawn: the branch cannot confirm it afterwards.
    expect(await confirmOutflowReport(db, ctx(await adminViewer(branch)), { reportId: first })).toEqual({ status: 'failed', message: ERR.alreadyDecided });
    expect(await statusOf(owner.memberId)).toBe('registered');

    const second = await fileOk(owner);
    expect(await confirmOutflowReport(db, ctx(await adminViewer(branch)), { reportId: second })).toMatchObject({ status: 'success' });
    expect(await withdrawOutflowReport(db, ctx(owner), { reportId: second })).toEqual({ status: 'failed', message: ERR.alreadyDecided });
    expect((await reportRow(second)).status).toBe('confirmed');
    expect(await statusOf(owner.memberId)).toBe('outflow');
  });
});

describe('recording a journey the member did not report', () => {
  it('opens the episode at once, as a confirmed report filed by the admin', async () => {
    const member = await memberViewer();
    const admin = await adminViewer(branch);
    const countsBefore = await tally(member.orgId);
    const auditBefore = await lastAuditId();

    const state = await openOutflowForMember(db, ctx(admin), { memberId: member.memberId, ...plan({ region: '江苏省苏州市昆山市', place: '花桥镇某物流园', reason: 'business', leavesOn: '2026-01-10' }) });
    expect(state).toMatchObject({ status: 'success', message: '外出登记已开始，党员会收到通知。' });
    const episodeId = dataOf(state, 'episodeId');

    expect(await statusOf(member.memberId)).toBe('outflow');
    expect(await episodesOf(member.memberId)).toEqual([
      expect.objectContaining({ id: episodeId, startedOn: '2026-01-10', endedOn: null, regionCode: '320583', place: '花桥镇某物流园', reason: 'business' }),
    ]);
    expect(await reportsOf(member.memberId)).toEqual([expect.objectContaining({ status: 'confirmed', filedBy: admin.userId, decidedBy: admin.userId, episodeId, leavesOn: '2026-01-10' })]);
    const countsAfter = await tally(member.orgId);
    expect(countsAfter.counted).toEqual(countsAfter.actual);
    expect(countsAfter.actual.outflow ?? 0).toBe((countsBefore.actual.outflow ?? 0) + 1);

    const audit = await auditAfter(auditBefore);
    expect(audit.map((row) => row.action)).toEqual(['outflow.open']);
    expect(audit[0].detail).toMatchObject({ episodeId, supersededReports: [], before: { status: 'registered' }, after: { status: 'outflow' } });
    expect(await notificationsOf(member.memberId)).toEqual([{ title: '支部已为您登记外出', body: expect.stringContaining('花桥镇某物流园'), link: '/flow', read: false }]);

    const own = await readOwnFlow(db, member);
    expect(own).toMatchObject({ status: 'outflow', mayReport: false, away: { startedOn: '2026-01-10', reason: 'business' } });
    expect(own!.reports[0]).toMatchObject({ status: 'confirmed', byAdmin: true });
    expect(own!.away!.region).toContain('昆山市');

    // Already away: neither a second record nor a report of the member's own.
    const away = await snapshot(member.memberId);
    expect(await openOutflowForMember(db, ctx(admin), { memberId: member.memberId, ...plan() })).toEqual({ status: 'failed', message: ERR.memberAway });
    expect(await fileOutflowReport(db, ctx(member), plan())).toEqual({ status: 'failed', message: ERR.notAllowed });
    expect(await snapshot(member.memberId)).toEqual(away);
  });

  it('supersedes the member’s own pending report', async () => {
    const member = await memberViewer();
    const pending = await fileOk(member);
    const admin = await adminViewer(committee);
    const auditBefore = await lastAuditId();
    const episodeId = dataOf(await openOutflowForMember(db, ctx(admin), { memberId: member.memberId, ...plan({ leavesOn: '2026-06-01' }) }), 'episodeId');

    expect(await reportRow(pending)).toMatchObject({ status: 'withdrawn', decidedBy: admin.userId, episodeId: null });
    const reports = await reportsOf(member.memberId);
    expect(reports.map((row) => row.status).sort()).toEqual(['confirmed', 'withdrawn']);
    expect(reports.find((row) => row.status === 'confirmed')).toMatchObject({ episodeId, filedBy: admin.userId });
    expect((await auditAfter(auditBefore))[0].detail).toMatchObject({ supersededReports: [pending] });
    expect(await readOwnFlow(db, member)).toMatchObject({ pending: null, status: 'outflow' });
  });

  it('refuses bad input and a member who may not go away, writing nothing', async () => {
    const member = await memberViewer();
    const admin = await adminViewer(branch);
    const before = await snapshot(member.memberId);
    expect(await openOutflowForMember(db, ctx(admin), { memberId: member.memberId, ...plan({ region: '广东省深圳市', leavesOn: '2025-01-01', expectedMonths: '121' }) })).toEqual({
      status: 'invalid',
      message: ERR.invalid,
      fieldErrors: { region: [ERR.regionNotCounty], leavesOn: [ERR.leavesOnTooEarly], expectedMonths: [ERR.expectedMonths] },
    });
    expect(await snapshot(member.memberId)).toEqual(before);

    await db.update(members).set({ status: 'lost_contact' }).where(eq(members.id, member.memberId));
    const lost = await snapshot(member.memberId);
    expect(await openOutflowForMember(db, ctx(admin), { memberId: member.memberId, ...plan() })).toEqual({ status: 'failed', message: ERR.memberNotAvailable });
    expect(await snapshot(member.memberId)).toEqual(lost);
  });
});

describe('recording the return home', () => {
  it('closes the episode on the day of return, takes the member off the host’s list and notifies', async () => {
    const member = await awayMember('2026-03-01');
    const admin = await adminViewer(branch);
    const [episode] = await episodesOf(member.memberId);
    await db.update(outflowEpisodes).set({ hostOrgId: host.id }).where(eq(outflowEpisodes.id, episode.id));
    expect((await memberRow(member.memberId)).hostOrgId).toBe(host.id);
    const inboxBefore = await notificationsOf(member.memberId);

    const before = await snapshot(member.memberId);
    for (const [returnedOn, message] of [
      ['2026-02-28', ERR.returnedBeforeLeaving],
      ['2026-06-16', ERR.returnedOnFuture],
      ['2026-6-10', ERR.returnedOn],
      ['2026-02-30', ERR.returnedOn],
      ['', ERR.returnedOn],
    ] as const) {
      expect(await recordReturnHome(db, ctx(admin), { memberId: member.memberId, returnedOn }), returnedOn).toEqual({ status: 'invalid', message: ERR.invalid, fieldErrors: { returnedOn: [message] } });
    }
    expect(await recordReturnHome(db, ctx(admin), { memberId: member.memberId, returnedOn: '2026-06-10', note: '长'.repeat(501) })).toMatchObject({ status: 'invalid', fieldErrors: { note: [expect.any(String)] } });
    expect(await snapshot(member.memberId)).toEqual(before);

    const countsBefore = await tally(member.orgId);
    const auditBefore = await lastAuditId();
    expect(await recordReturnHome(db, ctx(admin), { memberId: member.memberId, returnedOn: '2026-06-10', note: ' 回村务农 ' })).toEqual({ status: 'success', message: '已登记返乡。' });

    expect(await episodesOf(member.memberId)).toEqual([expect.objectContaining({ id: episode.id, startedOn: '2026-03-01', endedOn: '2026-06-10', hostOrgId: host.id })]);
    const row = await memberRow(member.memberId);
    expect(row).toMatchObject({ status: 'returned', hostOrgId: null });
    const countsAfter = await tally(member.orgId);
    expect(countsAfter.counted).toEqual(countsAfter.actual);
    expect(countsAfter.actual.returned ?? 0).toBe((countsBefore.actual.returned ?? 0) + 1);
    expect(countsAfter.actual.outflow ?? 0).toBe((countsBefore.actual.outflow ?? 0) - 1);

    const audit = await auditAfter(auditBefore);
    expect(audit.map((entry) => entry.action)).toEqual(['outflow.return_home']);
    expect(audit[0].detail).toMatchObject({ episodeId: episode.id, returnedOn: '2026-06-10', note: '回村务农', before: { status: 'outflow' }, after: { status: 'returned' } });
    const inbox = await notificationsOf(member.memberId);
    expect(inbox).toHaveLength(inboxBefore.length + 1);
    expect(inbox[0]).toEqual({ title: '已登记返乡', body: expect.stringContaining('2026-06-10'), link: '/flow', read: false });

    // Home now: nothing left to close.
    const home = await snapshot(member.memberId);
    expect(await recordReturnHome(db, ctx(admin), { memberId: member.memberId, returnedOn: TODAY })).toEqual({ status: 'failed', message: ERR.notAway });
    expect(await snapshot(member.memberId)).toEqual(home);
  });

  it('accepts today as the day of return, and lets the member report the next journey', async () => {
    const member = await awayMember('2026-06-15');
    const admin = await adminViewer(branch);
    expect(await recordReturnHome(db, ctx(admin), { memberId: member.memberId, returnedOn: TODAY })).toMatchObject({ status: 'success' });
    expect(await readOwnFlow(db, member)).toMatchObject({ status: 'returned', mayReport: true, away: null });

    const next = await fileOk(member, { region: '440306', place: '宝安区福永街道某电子厂', leavesOn: '2026-07-01' });
    const auditBefore = await lastAuditId();
    expect(await confirmOutflowReport(db, ctx(admin), { reportId: next })).toMatchObject({ status: 'success' });
    expect((await auditAfter(auditBefore))[0].detail).toMatchObject({ before: { status: 'returned' }, after: { status: 'outflow' } });
    const episodes = await episodesOf(member.memberId);
    expect(episodes.map((episode) => [episode.startedOn, episode.endedOn, episode.regionCode])).toEqual([
      ['2026-06-15', '2026-06-15', '440305'],
      ['2026-07-01', null, '440306'],
    ]);
    expect(await statusOf(member.memberId)).toBe('outflow');
  });

  it('refuses a member who is not away', async () => {
    const member = await memberViewer();
    const before = await snapshot(member.memberId);
    expect(await recordReturnHome(db, ctx(await adminViewer(branch)), { memberId: member.memberId, returnedOn: '2026-06-10' })).toEqual({ status: 'failed', message: ERR.notAway });
    expect(await snapshot(member.memberId)).toEqual(before);
  });
});

describe('the branch’s queue', () => {
  it('shows reports of the admin’s subtree only, newest first, filtered by status', async () => {
    // Later than every other report in this file, an hour apart, so the order is the filing order.
    const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
    const inBranch = await memberViewer();
    const inSibling = await memberViewer(siblingBranch);
    const elsewhere = await memberViewer(otherCommitteeBranch);
    const laterInBranch = await memberViewer();
    const oldest = await fileOk(inBranch, {}, at(1));
    const sibling = await fileOk(inSibling, {}, at(2));
    const foreign = await fileOk(elsewhere, {}, at(3));
    const newest = await fileOk(laterInBranch, {}, at(4));
    const decider = await adminViewer(branch);
    await confirmOutflowReport(db, ctx(decider), { reportId: newest });
    const mine = new Set([oldest, sibling, foreign, newest]);
    const queue = async (viewer: Viewer, status?: 'pending' | 'confirmed', before?: string) =>
      (await listFlowQueue(db, { viewer, status, before })).filter((row) => mine.has(row.id));

    const committeeAdmin = await adminViewer(committee);
    const all = await queue(committeeAdmin);
    expect(all.map((row) => row.id)).toEqual([newest, sibling, oldest]);
    expect(all[0]).toMatchObject({ memberId: laterInBranch.memberId, memberName: laterInBranch.displayName, status: 'confirmed', deciderName: decider.displayName, byAdmin: false });
    expect(all[2]).toMatchObject({ memberId: inBranch.memberId, status: 'pending', deciderName: null });
    expect((await queue(committeeAdmin, 'pending')).map((row) => row.id)).toEqual([sibling, oldest]);
    expect((await queue(committeeAdmin, 'confirmed')).map((row) => row.id)).toEqual([newest]);

    expect((await queue(await adminViewer(branch))).map((row) => row.id)).toEqual([newest, oldest]);
    expect((await queue(await adminViewer(otherCommittee))).map((row) => row.id)).toEqual([foreign]);
    expect((await queue(await adminViewer(root), 'pending')).map((row) => row.id)).toEqual([foreign, sibling, oldest]);
    expect(await listFlowQueue(db, { viewer: await adminViewer(committee, ['org_life']) })).toEqual([]);
    expect(await listFlowQueue(db, { viewer: await adminViewer(host, ['archive'], 'host_admin') })).toEqual([]);
  });

  it('pages on to older reports from the cursor of the last one shown', async () => {
    const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
    const filed: string[] = [];
    for (const hours of [5, 6, 7]) filed.push(await fileOk(await memberViewer(), {}, at(hours)));
    const admin = await adminViewer(branch);
    const first = await listFlowQueue(db, { viewer: admin, status: 'pending' });
    const ids = first.map((row) => row.id);
    expect(ids.filter((id) => filed.includes(id))).toEqual([...filed].reverse());
    // What 更早的报告 asks for after a page ending on the second-newest of these.
    const cut = ids.indexOf(filed[1]);
    const older = await listFlowQueue(db, { viewer: admin, status: 'pending', before: flowQueueCursor(first[cut]) });
    // The rest of the first page continues it exactly (the second page may reach further).
    expect(older.slice(0, ids.length - cut - 1).map((row) => row.id)).toEqual(ids.slice(cut + 1));
    expect(older.map((row) => row.id)).toContain(filed[0]);
  });
});

describe('simultaneous decisions', () => {
  const onPglite = connection().engine === 'pglite';

  it.skipIf(onPglite)('confirms a report once when two admins confirm it at the same moment — PostgreSQL only: PGlite is a single connection', async () => {
    const member = await memberViewer();
    const reportId = await fileOk(member);
    const second = openPostgres(process.env.DATABASE_URL!, { max: 1 });
    try {
      const results = await Promise.all([
        confirmOutflowReport(db, ctx(await adminViewer(branch)), { reportId }),
        confirmOutflowReport(second.db, ctx(await adminViewer(committee)), { reportId }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['failed', 'success']);
      expect(results.find((result) => result.status === 'failed')).toEqual({ status: 'failed', message: ERR.alreadyDecided });
    } finally {
      await second.close();
    }
    expect(await episodesOf(member.memberId)).toHaveLength(1);
    expect(await notificationsOf(member.memberId)).toHaveLength(1);
    expect(await statusOf(member.memberId)).toBe('outflow');
    const counts = await tally(member.orgId);
    expect(counts.counted).toEqual(counts.actual);
  });

  it.skipIf(onPglite)('keeps one pending report when a member submits twice at once — PostgreSQL only: PGlite is a single connection', async () => {
    const member = await memberViewer();
    const second = openPostgres(process.env.DATABASE_URL!, { max: 1 });
    try {
      const results = await Promise.all([fileOutflowReport(db, ctx(member), plan()), fileOutflowReport(second.db, ctx(member), plan({ place: '另一个地址' }))]);
      expect(results.map((result) => result.status).sort()).toEqual(['failed', 'success']);
      expect(results.find((result) => result.status === 'failed')).toEqual({ status: 'failed', message: ERR.pendingExists });
    } finally {
      await second.close();
    }
    expect((await reportsOf(member.memberId)).map((row) => row.status)).toEqual(['pending']);
  });

  it.skipIf(onPglite)(
    'answers both admins when one confirms a report while another records the same member away — PostgreSQL only: needs concurrent connections',
    async () => {
      const member = await memberViewer();
      const reportId = await fileOk(member);
      const holder = openPostgres(process.env.DATABASE_URL!, { max: 1 });
      const confirmer = openPostgres(process.env.DATABASE_URL!, { max: 1 });
      const opener = openPostgres(process.env.DATABASE_URL!, { max: 1 });
      /** Backends of this database waiting for a lock. */
      const waiting = async () =>
        (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n;
      const until = async (n: number) => {
        while ((await waiting()) < n) await new Promise((resolve) => setTimeout(resolve, 20));
      };
      try {
        // Line the two up deterministically: hold the member row, let the admin recording the
        // journey queue for it first, then the confirming admin (who has locked the report by then).
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let held!: () => void;
        const holding = new Promise<void>((resolve) => (held = resolve));
        const holderTx = holder.db.transaction(async (tx) => {
          await tx.execute(sql`SELECT id FROM members WHERE id = ${member.memberId}::uuid FOR UPDATE`);
          held();
          await released;
        });
        await holding;
        const opening = openOutflowForMember(opener.db, ctx(await adminViewer(committee)), { memberId: member.memberId, ...plan({ leavesOn: '2026-06-01' }) });
        await until(1);
        const confirming = confirmOutflowReport(confirmer.db, ctx(await adminViewer(branch)), { reportId });
        await until(2);
        release();
        await holderTx;
        const settled = await Promise.allSettled([opening, confirming]);
        const outcomes = settled.map((result) => {
          if (result.status === 'fulfilled') return result.value.status;
          const error = result.reason as Error & { cause?: { code?: string; message?: string } };
          return `threw: ${error.cause?.code ?? ''} ${error.cause?.message ?? error.message}`;
        });
        // Each admin gets an answer: one of them opens the episode, the other is told why not.
        expect(outcomes.sort()).toEqual(['failed', 'success']);
      } finally {
        await Promise.all([holder.close(), confirmer.close(), opener.close()]);
      }
      expect(await episodesOf(member.memberId)).toHaveLength(1);
      expect(await statusOf(member.memberId)).toBe('outflow');
      expect((await reportsOf(member.memberId)).filter((row) => row.status === 'pending')).toEqual([]);
    },
  );
});
