import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { censuses, censusResponses, members, orgs, users } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { getCensusDetail, listCensuses, listCensusesForMember, listNonResponders, NON_RESPONDER_PAGE_SIZE } from '@/lib/census/queries';
import { CENSUS_MEMBER_STATUSES } from '@/lib/census/rules';
import { closeCensus, confirmCensus, openCensus } from '@/lib/census/workflow';
import { fileChangeRequest, withdrawChangeRequest } from '@/lib/change-requests/workflow';
import { beijingDay } from '@/lib/time/beijing';

// 摸底排查 on a real database: who opens one, whom it asks, answers, completion per branch.

type OrgRow = { id: number; path: string; type: string; parentId: number | null };

let db: Database;
let allOrgs: OrgRow[];
let root: OrgRow;
let committee: OrgRow;
let otherCommittee: OrgRow;
let branch: OrgRow;
let otherBranch: OrgRow;

const ctx = (viewer: Viewer | null) => ({ viewer, ip: '198.51.100.9' });
const today = () => beijingDay();
const within = (org: OrgRow, top: OrgRow) => org.path === top.path || org.path.startsWith(`${top.path}.`);

async function adminViewer(org: OrgRow, capabilities: Capability[] = ['archive'], tier: Tier = org.parentId === null ? 'county_admin' : 'org_admin'): Promise<Viewer> {
  const [user] = await db
    .insert(users)
    .values({ username: `c${Math.random().toString(36).slice(2, 12)}`, displayName: '测试', tier, orgId: org.id, capabilities })
    .returning({ id: users.id });
  return { userId: user.id, tier, orgId: org.id, scopePath: org.path, capabilities };
}

async function memberViewer(org: OrgRow): Promise<Viewer> {
  const [row] = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .leftJoin(users, eq(users.memberId, members.id))
    .where(and(eq(members.orgId, org.id), sql`${users.id} IS NULL`, inArray(members.status, [...CENSUS_MEMBER_STATUSES])))
    .orderBy(asc(members.name))
    .limit(1);
  const [user] = await db.insert(users).values({ memberId: row.id, displayName: row.name, tier: 'member', orgId: org.id }).returning({ id: users.id });
  return { userId: user.id, tier: 'member', orgId: org.id, scopePath: org.path, capabilities: [], memberId: row.id };
}

async function open(viewer: Viewer, title = '2026年度流动党员摸底排查'): Promise<string> {
  const state = await openCensus(db, ctx(viewer), { title, note: '请核对本人信息', deadline: today() });
  if (state.status !== 'success') throw new Error(JSON.stringify(state));
  return state.data!.censusId;
}

/** Members a census over `top` asks, counted independently of the code under test, per org. */
async function expectedTotals(top: OrgRow): Promise<Map<number, number>> {
  const rows = await queryRows<{ org_id: number; total: number }>(
    db,
    sql`SELECT m.org_id, count(*)::int AS total FROM members m JOIN orgs o ON o.id = m.org_id
        WHERE o.path <@ ${top.path}::ltree AND m.status::text = ANY(${sql.param([...CENSUS_MEMBER_STATUSES])}::text[]) GROUP BY m.org_id`,
  );
  return new Map(rows.map((row) => [row.org_id, row.total]));
}

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 300 });
  allOrgs = (await db.select({ id: orgs.id, path: orgs.path, type: orgs.type, parentId: orgs.parentId }).from(orgs)).map((org) => ({ ...org, path: String(org.path) }));
  root = allOrgs.find((org) => org.parentId === null)!;
  const [committeeAdmin] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, 'committee'));
  committee = allOrgs.find((org) => org.id === committeeAdmin.orgId)!;
  const [branchAdmin] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, 'branch'));
  branch = allOrgs.find((org) => org.id === branchAdmin.orgId)!;
  otherCommittee = allOrgs.find((org) => org.parentId === root.id && org.id !== committee.id && org.type === 'party_committee')!;
  const populated = new Set((await db.selectDistinct({ orgId: members.orgId }).from(members)).map((row) => row.orgId));
  otherBranch = allOrgs.find((org) => org.type === 'branch' && within(org, otherCommittee) && populated.has(org.id))!;
  expect(otherBranch).toBeDefined();
}, 120_000);

describe('opening a census', () => {
  it('is for the county and 党委 / 党工委 admins with the archive capability, with a deadline not in the past', async () => {
    const refusedBranch = await openCensus(db, ctx(await adminViewer(branch)), { title: '支部自查', note: '', deadline: today() });
    expect(refusedBranch).toEqual({ status: 'forbidden', message: '只有县委组织部或党（工）委管理员可以发起摸底排查。' });
    expect(await openCensus(db, ctx(await adminViewer(committee, ['org_life'])), { title: '排查', note: '', deadline: today() })).toMatchObject({ status: 'forbidden' });
    expect(await openCensus(db, ctx(null), { title: '排查', note: '', deadline: today() })).toMatchObject({ status: 'forbidden' });
    const committeeAdmin = await adminViewer(committee);
    expect(await openCensus(db, ctx(committeeAdmin), { title: '查', note: '', deadline: '2020-01-01' })).toEqual({
      status: 'invalid',
      message: expect.any(String),
      fieldErrors: { title: ['标题为2至100个字。'], deadline: ['截止日期不能早于今天。'] },
    });
    expect(await db.select().from(censuses)).toHaveLength(0);

    const id = await open(committeeAdmin, '镇党委摸底排查');
    const [row] = await db.select().from(censuses).where(eq(censuses.id, id));
    expect(row).toMatchObject({ orgId: committee.id, title: '镇党委摸底排查', deadline: today(), closedAt: null });
    await closeCensus(db, ctx(committeeAdmin), { censusId: id });
  });
});

describe('answering and completion', () => {
  it('asks the members in scope; counts confirmations and corrections per branch; lists who has not answered', async () => {
    const county = await adminViewer(root);
    const countyCensus = await open(county, '全县摸底排查');
    const committeeAdmin = await adminViewer(committee);
    const committeeCensus = await open(committeeAdmin, '镇党委摸底排查');

    const confirmer = await memberViewer(branch);
    const corrector = await memberViewer(branch);
    const outsider = await memberViewer(otherBranch);
    expect((await listCensusesForMember(db, { viewer: confirmer })).map((census) => census.title).sort()).toEqual(['全县摸底排查', '镇党委摸底排查']);
    expect((await listCensusesForMember(db, { viewer: outsider })).map((census) => census.title)).toEqual(['全县摸底排查']);

    // One tap to confirm, once.
    expect(await confirmCensus(db, ctx(confirmer), { censusId: committeeCensus })).toEqual({ status: 'success', message: '已确认，谢谢！' });
    expect(await confirmCensus(db, ctx(confirmer), { censusId: committeeCensus })).toEqual({ status: 'failed', message: '您已响应过本次摸底排查。' });
    // A census that does not cover the member, and callers who are not members, change nothing.
    expect(await confirmCensus(db, ctx(outsider), { censusId: committeeCensus })).toEqual({ status: 'failed', message: '该摸底排查已结束或不适用于您。' });
    expect(await confirmCensus(db, ctx(committeeAdmin), { censusId: committeeCensus })).toMatchObject({ status: 'forbidden' });

    // 有变化: a change request linked to the census answers it as a correction.
    const filed = await fileChangeRequest(db, ctx(corrector), {
      fields: ['workUnit'],
      values: { new_workUnit: '西安某建筑公司' },
      reason: '今年换了单位',
      evidence: [],
      censusId: committeeCensus,
    });
    expect(filed.status).toBe('success');
    const requestId = filed.status === 'success' ? filed.data!.requestId : '';
    const [response] = await db.select().from(censusResponses).where(and(eq(censusResponses.censusId, committeeCensus), eq(censusResponses.memberId, corrector.memberId!)));
    expect(response).toMatchObject({ outcome: 'corrected', changeRequestId: requestId });
    expect((await listCensusesForMember(db, { viewer: corrector })).find((census) => census.id === committeeCensus)?.response).toBe('corrected');
    expect(await fileChangeRequest(db, ctx(outsider), { fields: ['workUnit'], values: { new_workUnit: '某单位' }, reason: '换了单位', evidence: [], censusId: committeeCensus })).toEqual({
      status: 'failed',
      message: '该摸底排查已结束或不适用于您。',
    });

    const totals = await expectedTotals(committee);
    const detail = (await getCensusDetail(db, { viewer: committeeAdmin, censusId: committeeCensus }))!;
    expect(new Map(detail.branches.map((row) => [row.orgId, row.total]))).toEqual(totals);
    expect(detail.branches.find((row) => row.orgId === branch.id)).toMatchObject({ responded: 2, corrected: 1, total: totals.get(branch.id) });
    expect(detail.branches.filter((row) => row.orgId !== branch.id).every((row) => row.responded === 0)).toBe(true);
    expect(detail).toMatchObject({ responded: 2, corrected: 1, total: [...totals.values()].reduce((a, b) => a + b, 0), phase: 'open', mayClose: true });

    // The branch admin sees its own branch only; an admin of another committee sees nothing.
    const branchAdmin = await adminViewer(branch);
    const branchView = (await getCensusDetail(db, { viewer: branchAdmin, censusId: committeeCensus }))!;
    expect(branchView.branches.map((row) => row.orgId)).toEqual([branch.id]);
    expect(branchView.mayClose).toBe(false);
    const stranger = await adminViewer(otherCommittee);
    expect(await getCensusDetail(db, { viewer: stranger, censusId: committeeCensus })).toBeNull();
    expect((await listCensuses(db, { viewer: stranger })).map((census) => census.id)).toEqual([countyCensus]);
    expect(await listNonResponders(db, { viewer: stranger, censusId: committeeCensus })).toEqual([]);

    const pending = await listNonResponders(db, { viewer: branchAdmin, censusId: committeeCensus });
    expect(pending.length).toBe(Math.min(totals.get(branch.id)! - 2, NON_RESPONDER_PAGE_SIZE));
    expect(pending.map((row) => row.id)).not.toContain(confirmer.memberId);
    expect(pending.map((row) => row.id)).not.toContain(corrector.memberId);
    expect(pending.map((row) => row.name)).toEqual([...pending.map((row) => row.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    // Withdrawing the correction withdraws the answer: the member is asked again.
    expect((await withdrawChangeRequest(db, ctx(corrector), { requestId })).status).toBe('success');
    expect((await getCensusDetail(db, { viewer: branchAdmin, censusId: committeeCensus }))!.branches[0]).toMatchObject({ responded: 1, corrected: 0 });

    // The county's census counts the whole county and the outsider too.
    expect(await confirmCensus(db, ctx(outsider), { censusId: countyCensus })).toMatchObject({ status: 'success' });
    const countyView = (await getCensusDetail(db, { viewer: county, censusId: countyCensus }))!;
    expect(countyView).toMatchObject({ responded: 1, total: [...(await expectedTotals(root)).values()].reduce((a, b) => a + b, 0) });

    await closeCensus(db, ctx(county), { censusId: countyCensus });
    await closeCensus(db, ctx(committeeAdmin), { censusId: committeeCensus });
  });

  it('pages through non-responders by keyset without repeats', async () => {
    const county = await adminViewer(root);
    const id = await open(county, '分页测试');
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listNonResponders(db, { viewer: county, censusId: id, after });
      seen.push(...page.map((row) => row.id));
      if (page.length < NON_RESPONDER_PAGE_SIZE) break;
      after = page.at(-1)!.id;
    }
    const total = [...(await expectedTotals(root)).values()].reduce((a, b) => a + b, 0);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    await closeCensus(db, ctx(county), { censusId: id });
  });
});

describe('closing a census', () => {
  it('is for the opener’s level or above; a closed census asks nobody', async () => {
    const committeeAdmin = await adminViewer(committee);
    const id = await open(committeeAdmin);
    const member = await memberViewer(branch);
    for (const viewer of [await adminViewer(branch), await adminViewer(otherCommittee), await adminViewer(committee, ['org_life']), member, null]) {
      expect(await closeCensus(db, ctx(viewer), { censusId: id }), viewer?.tier ?? 'anonymous').toMatchObject({ status: 'forbidden' });
    }
    expect(await closeCensus(db, ctx(await adminViewer(root)), { censusId: id })).toEqual({ status: 'success', message: '摸底排查已结束。' });
    expect(await closeCensus(db, ctx(committeeAdmin), { censusId: id })).toEqual({ status: 'failed', message: '该摸底排查已结束。' });
    expect((await listCensusesForMember(db, { viewer: member })).map((census) => census.id)).not.toContain(id);
    expect(await confirmCensus(db, ctx(member), { censusId: id })).toEqual({ status: 'failed', message: '该摸底排查已结束或不适用于您。' });
    expect((await getCensusDetail(db, { viewer: committeeAdmin, censusId: id }))!.phase).toBe('closed');
  });
});
