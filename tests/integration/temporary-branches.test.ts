import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { awayAttendance, hostRegistrations, members, orgs, temporaryBranchApplications, temporaryBranchMembers, users } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { ActionState } from '@/lib/actions/action-state';
import { settleAuditWrites } from '@/lib/audit/audit';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { secrets } from '@/lib/config/secrets';
import { recordCardAttendance, recordHostAttendance, recordTemporaryBranchAttendance } from '@/lib/flow/attendance';
import { ECARD_TTL_SECONDS, signECardToken } from '@/lib/flow/ecard-token';
import { acceptRegistration, fileRegistration } from '@/lib/flow/hosting';
import { listHostQueue } from '@/lib/flow/hosting-queries';
import {
  countTemporaryBranches,
  listApplications,
  listCandidatePlaces,
  listCandidates,
  listMemberAttendance,
  listTemporaryBranches,
  readOwnTemporaryBranch,
} from '@/lib/flow/temporary-branch-queries';
import { placeName } from '@/lib/flow/temporary-branch-rules';
import { approveTemporaryBranch, dissolveTemporaryBranch, proposeTemporaryBranch, rejectTemporaryBranch } from '@/lib/flow/temporary-branches';
import { logTransferReceipt, recordTransferOut } from '@/lib/flow/transfers';
import { openOutflowForMember, recordReturnHome } from '@/lib/flow/workflow';
import { messages } from '@/lib/i18n/messages';
import type { MemberCategory } from '@/lib/members/member-status';
import { updateRecord } from '@/lib/members/record-changes';
import { updateSchema } from '@/lib/members/record-edit';
import { listNotifications } from '@/lib/notifications/queries';

// 临时党支部 and attendance away from home on a real database (PGlite, and PostgreSQL when
// configured): an archive admin proposes one for three or more members of its subtree away in the
// same city; the 党委 above — never the proposer — approves it naming the 书记 (creating the org
// and enrolling them, each told) or rejects it with a note; members leave it on returning home,
// and the last one's return dissolves it; the host records the meetings of the members it placed
// (from its list or by the e-card), the 党委 those of its 临时党支部. A 临时党支部 admits no one.

type OrgRow = { id: number; path: string; type: string; parentId: number | null; name: string };
type Person = { id: string; name: string; orgId: number };

// 12:00 in Beijing on 2026-06-15.
const NOW = new Date('2026-06-15T04:00:00Z');
const TODAY = '2026-06-15';
// 12:00 in Beijing on 2026-05-01: when the branches of the return tests are formed.
const EARLIER = new Date('2026-05-01T04:00:00Z');
const IP = '198.51.100.55';
const LEAVES_ON = '2026-03-01';
const NANSHAN = '广东省深圳市南山区'; // 440305
const BAOAN = '广东省深圳市宝安区'; // 440306
const TIANHE = '广东省广州市天河区'; // 440106

const t = messages.temporaryBranches;
const e = t.errors;
const FORBIDDEN = messages.actions.forbidden;
const INVALID = messages.actions.invalid;

let db: Database;
let allOrgs: OrgRow[];
let root: OrgRow;
let committee: OrgRow; // 城关镇党委 (c1)
let homeBranch: OrgRow; // a 支部 under c1 with the most members at home
let siblingBranch: OrgRow; // another 支部 under c1
let otherCommittee: OrgRow; // 陵前镇党委 (c2)
let otherCommitteeBranch: OrgRow;
let host: OrgRow; // 深圳宝安 host-sz-1
let otherHost: OrgRow;
let county: Viewer;
const used = new Set<string>();

const ctx = (viewer: Viewer | null, now: Date = NOW) => ({ viewer, ip: IP, now });
const within = (org: OrgRow, top: OrgRow) => org.path === top.path || org.path.startsWith(`${top.path}.`);

async function adminViewer(org: OrgRow, capabilities: Capability[] = ['archive'], tier: Tier = org.parentId === null ? 'county_admin' : 'org_admin'): Promise<Viewer> {
  const displayName = `测试管理员${Math.random().toString(36).slice(2, 8)}`;
  const [user] = await db
    .insert(users)
    .values({ username: `t${Math.random().toString(36).slice(2, 12)}`, displayName, tier, orgId: org.id, capabilities })
    .returning({ id: users.id });
  return { userId: user.id, tier, orgId: org.id, scopePath: org.path, capabilities, displayName };
}

/** A seeded member of `org` (or its subtree): 在册, never away, of that category, not used by another test. */
async function atHome(org: OrgRow = homeBranch, category: MemberCategory = 'full'): Promise<Person> {
  const [row] = await db
    .select({ id: members.id, name: members.name, orgId: members.orgId })
    .from(members)
    .where(
      and(
        sql`${members.orgId} IN (SELECT o.id FROM orgs o WHERE o.path <@ ${org.path}::ltree)`,
        eq(members.status, 'registered'),
        eq(members.category, category),
        sql`NOT EXISTS (SELECT 1 FROM outflow_episodes e WHERE e.member_id = ${members.id})`,
        used.size === 0 ? undefined : sql`${members.id} NOT IN (${sql.join([...used].map((id) => sql`${id}::uuid`), sql`, `)})`,
      ),
    )
    .orderBy(asc(members.name), asc(members.id))
    .limit(1);
  if (!row) throw new Error(`no ${category} member left under org ${org.id}`);
  used.add(row.id);
  return row;
}

function ok(state: ActionState, what: string): void {
  if (state.status !== 'success') throw new Error(`${what}: ${JSON.stringify(state)}`);
}

/** A member the county has recorded away (流出中) in `region` since `leavesOn`. */
async function away(org: OrgRow = homeBranch, region: string = NANSHAN, category: MemberCategory = 'full', leavesOn: string = LEAVES_ON): Promise<Person> {
  const person = await atHome(org, category);
  const plan = { region, place: '科技园某软件公司', reason: 'work', leavesOn, expectedMonths: '12' };
  ok(await openOutflowForMember(db, ctx(county), { memberId: person.id, ...plan }), 'open outflow');
  return person;
}

const awayMany = async (count: number, org: OrgRow = homeBranch, region: string = NANSHAN): Promise<Person[]> => {
  const people: Person[] = [];
  for (let index = 0; index < count; index++) people.push(await away(org, region));
  return people;
};

let serial = 0;
/** What the admin posts: a name ending in 临时党支部, 深圳南山, the members, the first as 书记. */
const proposal = (people: readonly Person[], overrides: Record<string, unknown> = {}) => ({
  name: `清源县驻深圳第${++serial}流动党员临时党支部`,
  regionCode: '440305',
  memberIds: people.map((person) => person.id),
  secretaryMemberId: people[0]?.id ?? '',
  reason: '成员均在深圳南山区务工，便于集中学习和过组织生活。',
  ...overrides,
});

const applicationsBy = (viewer: Viewer) =>
  db.select().from(temporaryBranchApplications).where(eq(temporaryBranchApplications.proposedBy, viewer.userId)).orderBy(asc(temporaryBranchApplications.createdAt));
const applicationRow = async (id: string) => (await db.select().from(temporaryBranchApplications).where(eq(temporaryBranchApplications.id, id)))[0];
const orgRow = async (id: number) => (await db.select().from(orgs).where(eq(orgs.id, id)))[0];
const enrolmentsOf = (orgId: number) =>
  db
    .select({ memberId: temporaryBranchMembers.memberId, role: temporaryBranchMembers.role, joinedOn: temporaryBranchMembers.joinedOn, leftOn: temporaryBranchMembers.leftOn })
    .from(temporaryBranchMembers)
    .where(eq(temporaryBranchMembers.orgId, orgId))
    .orderBy(asc(temporaryBranchMembers.memberId));
const enrolmentsOfMember = (memberId: string) => db.select().from(temporaryBranchMembers).where(eq(temporaryBranchMembers.memberId, memberId));
const attendanceRows = (memberId: string) => db.select().from(awayAttendance).where(eq(awayAttendance.memberId, memberId));
const temporaryOrgsNamed = (name: string) => db.select().from(orgs).where(and(eq(orgs.name, name), eq(orgs.type, 'temporary_branch')));
const notificationsOf = async (memberId: string) => (await listNotifications(db, { memberId })).items.map(({ title, body, link }) => ({ title, body, link }));

/** Proposes and returns the stored application's id (the proposer's newest). */
async function proposeOk(proposer: Viewer, people: readonly Person[], overrides: Record<string, unknown> = {}, now: Date = NOW): Promise<string> {
  const state = await proposeTemporaryBranch(db, ctx(proposer, now), proposal(people, overrides));
  expect(state).toEqual({ status: 'success', message: t.results.proposed });
  return (await applicationsBy(proposer)).at(-1)!.id;
}

/** A 临时党支部 proposed by a 支部 admin of the members' branch and approved by a 党委 admin of c1. */
async function formBranch(people: readonly Person[], now: Date = NOW, branch: OrgRow = homeBranch): Promise<{ orgId: number; name: string; applicationId: string; approver: Viewer }> {
  const proposer = await adminViewer(branch);
  const applicationId = await proposeOk(proposer, people, {}, now);
  const approver = await adminViewer(committee);
  ok(await approveTemporaryBranch(db, ctx(approver, now), { applicationId, secretaryMemberId: people[0].id }), 'approve');
  const application = await applicationRow(applicationId);
  return { orgId: application.orgId!, name: application.name, applicationId, approver };
}

async function lastAuditId(): Promise<number> {
  await settleAuditWrites();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`);
  return id;
}

async function auditAfter(id: number) {
  await settleAuditWrites();
  return queryRows<{ action: string; outcome: string; entity_id: string | null; org_id: number | null; actor_user_id: string | null; detail: Record<string, unknown> }>(
    db,
    sql`SELECT action, outcome::text AS outcome, entity_id, org_id, actor_user_id::text AS actor_user_id, detail FROM audit_log WHERE id > ${id} ORDER BY id`,
  );
}

const successAuditAfter = async (id: number) => (await auditAfter(id)).filter((row) => row.outcome === 'success');

/** Everything a refused decision must leave as it was: the application, the org count, the enrolments, the notices. */
async function decisionSnapshot(applicationId: string, people: readonly Person[]) {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM orgs WHERE type = 'temporary_branch'`);
  return {
    application: await applicationRow(applicationId),
    temporaryOrgs: n,
    enrolments: await Promise.all(people.map((person) => enrolmentsOfMember(person.id))),
    notifications: await Promise.all(people.map((person) => notificationsOf(person.id))),
  };
}

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 2000 });
  allOrgs = await queryRows<OrgRow>(db, sql`SELECT id, path::text AS path, type::text AS type, parent_id AS "parentId", name FROM orgs ORDER BY id`);
  const orgOf = async (username: string) => {
    const [admin] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, username));
    return allOrgs.find((org) => org.id === admin.orgId)!;
  };
  root = allOrgs.find((org) => org.parentId === null)!;
  committee = await orgOf('committee');
  // The branches with the most full members at home and never away: every test takes fresh ones.
  const roomy = await queryRows<{ id: number; n: number }>(
    db,
    sql`SELECT m.org_id AS id, count(*)::int AS n FROM members m
        WHERE m.status = 'registered' AND m.category = 'full' AND NOT EXISTS (SELECT 1 FROM outflow_episodes e WHERE e.member_id = m.id)
        GROUP BY m.org_id ORDER BY count(*) DESC, m.org_id`,
  );
  const branchesUnder = (top: OrgRow) => roomy.map((row) => allOrgs.find((org) => org.id === row.id)!).filter((org) => org.type === 'branch' && within(org, top));
  [homeBranch, siblingBranch] = branchesUnder(committee);
  otherCommittee = allOrgs.find((org) => org.parentId === root.id && org.id !== committee.id && org.type === 'party_committee')!;
  [otherCommitteeBranch] = branchesUnder(otherCommittee);
  host = allOrgs.find((org) => org.name === '中共深圳市宝安区清源籍流动党员党支部')!;
  otherHost = allOrgs.find((org) => org.type === 'host' && org.id !== host.id)!;
  county = await adminViewer(root);
  expect(committee.type).toBe('party_committee');
  expect(within(homeBranch, committee) && within(siblingBranch, committee)).toBe(true);
  expect(within(siblingBranch, homeBranch) || within(homeBranch, siblingBranch)).toBe(false);
  expect(within(otherCommitteeBranch, committee)).toBe(false);
  expect(within(host, committee)).toBe(false);
  expect(roomy.find((row) => row.id === homeBranch.id)!.n).toBeGreaterThanOrEqual(55);
}, 120_000);

describe('proposing a 临时党支部', () => {
  it('stores a pending application for three members away in one city, addressed to the 党委 above, audited', async () => {
    const people = await awayMany(3);
    const proposer = await adminViewer(homeBranch);
    const before = await lastAuditId();
    const input = proposal(people, { name: '  清源县驻深圳南山流动党员临时党支部 ', memberIds: [people[0].id, people[1].id, people[2].id, people[0].id] });
    expect(await proposeTemporaryBranch(db, ctx(proposer), input)).toEqual({ status: 'success', message: '成立申请已提交，等待上级党委审批。' });
    const [row] = await applicationsBy(proposer);
    expect(row).toMatchObject({
      name: '清源县驻深圳南山流动党员临时党支部',
      regionCode: '440305',
      committeeOrgId: committee.id,
      memberIds: people.map((person) => person.id),
      secretaryMemberId: people[0].id,
      status: 'pending',
      decidedBy: null,
      orgId: null,
    });
    expect(await auditAfter(before)).toEqual([
      {
        action: 'temporary_branch.propose',
        outcome: 'success',
        entity_id: String(committee.id),
        org_id: committee.id,
        actor_user_id: proposer.userId,
        // secretaryMemberId is asserted in its own test below (it comes out redacted).
        detail: expect.objectContaining({ applicationId: row.id, name: row.name, region: '440305', memberIds: row.memberIds }),
      },
    ]);
  });

  it('refuses fewer than three members with the Chinese message, storing nothing', async () => {
    const people = await awayMany(2);
    const proposer = await adminViewer(homeBranch);
    const before = await lastAuditId();
    expect(await proposeTemporaryBranch(db, ctx(proposer), proposal(people))).toEqual({
      status: 'invalid',
      message: INVALID,
      fieldErrors: { memberIds: ['临时党支部至少需要 3 名成员。'] },
    });
    // The same member three times is still one member.
    expect(await proposeTemporaryBranch(db, ctx(proposer), proposal(people, { memberIds: [people[0].id, people[0].id, people[1].id] }))).toMatchObject({
      status: 'invalid',
      fieldErrors: { memberIds: ['临时党支部至少需要 3 名成员。'] },
    });
    expect(await applicationsBy(proposer)).toEqual([]);
    expect(await auditAfter(before)).toEqual([]);
  });

  it('refuses bad fields one by one in Chinese, storing nothing', async () => {
    const people = await awayMany(3);
    const proposer = await adminViewer(homeBranch);
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ name: '南山流动党员支部' }, { name: ['支部名称须为 6–100 字，并以“临时党支部”结尾。'] }],
      [{ regionCode: '999999' }, { regionCode: ['请填写有效的 6 位行政区划代码。'] }],
      [{ reason: '方便' }, { reason: ['请填写成立理由（5–1000 字）。'] }],
      [{ secretaryMemberId: '00000000-0000-4000-8000-000000000000' }, { secretaryMemberId: ['书记须从成员中选定。'] }],
      [{ memberIds: [people[0].id, people[1].id, 'not-a-uuid'] }, { memberIds: [INVALID] }],
    ];
    for (const [overrides, fieldErrors] of cases) {
      expect(await proposeTemporaryBranch(db, ctx(proposer), proposal(people, overrides)), JSON.stringify(overrides)).toEqual({ status: 'invalid', message: INVALID, fieldErrors });
    }
    expect(await applicationsBy(proposer)).toEqual([]);
  });

  it('names the members who are not away, away in another city or already in a 临时党支部, and refuses a 预备党员 as 书记', async () => {
    const formed = await awayMany(3);
    await formBranch(formed);
    const good = await awayMany(2);
    const atHomeMember = await atHome();
    const inGuangzhou = await away(homeBranch, TIANHE);
    const probationary = await away(homeBranch, NANSHAN, 'probationary');
    const inBaoan = await away(homeBranch, BAOAN);
    const proposer = await adminViewer(homeBranch);
    const before = await lastAuditId();

    const state = await proposeTemporaryBranch(db, ctx(proposer), proposal([...good, atHomeMember, inGuangzhou, formed[1]]));
    expect(state).toEqual({
      status: 'invalid',
      message: INVALID,
      fieldErrors: {
        memberIds: [
          `${atHomeMember.name} 当前不在外，不能编入临时党支部。`,
          `${inGuangzhou.name} 不在${placeName('440305')}，成员须在同一城市。`,
          `${formed[1].name} 已在其他临时党支部。`,
        ],
      },
    });
    expect(placeName('440305')).toBe('广东省 深圳市');

    // A 预备党员 may take part, but has no 被选举权: not the 书记.
    expect(await proposeTemporaryBranch(db, ctx(proposer), proposal([probationary, ...good], { secretaryMemberId: probationary.id }))).toEqual({
      status: 'invalid',
      message: INVALID,
      fieldErrors: { secretaryMemberId: ['预备党员没有被选举权，不能担任书记。'] },
    });
    // A member away in another district of the same city is in the same place.
    expect(await proposeTemporaryBranch(db, ctx(proposer), proposal([probationary, inBaoan, ...good], { secretaryMemberId: good[0].id }))).toMatchObject({ status: 'success' });
    expect((await applicationsBy(proposer)).map((row) => row.memberIds)).toEqual([[probationary.id, inBaoan.id, ...good.map((person) => person.id)]]);
    expect((await auditAfter(before)).map((row) => row.action)).toEqual(['temporary_branch.propose']);
  });

  it('refuses members outside the proposer’s subtree, or unknown, as forbidden, storing nothing', async () => {
    const own = await awayMany(2);
    const sibling = await away(siblingBranch);
    const proposer = await adminViewer(homeBranch);
    const before = await lastAuditId();
    // The sibling's member is away in 深圳 like the others: only the scope stands in the way.
    expect(await proposeTemporaryBranch(db, ctx(proposer), proposal([...own, sibling]))).toEqual({ status: 'forbidden', message: '所选党员不全在您的管理范围内。' });
    expect(await proposeTemporaryBranch(db, ctx(proposer), proposal([...own, { id: '00000000-0000-4000-8000-000000000000', name: '', orgId: 0 }]))).toEqual({
      status: 'forbidden',
      message: e.membersOutOfScope,
    });
    // Admins without the archive capability, host admins and members are refused outright.
    for (const viewer of [await adminViewer(homeBranch, ['org_life']), await adminViewer(host, ['org_life'], 'host_admin'), null]) {
      expect(await proposeTemporaryBranch(db, ctx(viewer), proposal([...own, sibling]))).toEqual({ status: 'forbidden', message: FORBIDDEN });
    }
    expect(await applicationsBy(proposer)).toEqual([]);
    expect(await auditAfter(before)).toEqual([]);
    // The 党委 above both branches may propose it: the application goes to that 党委.
    const committeeAdmin = await adminViewer(committee);
    await proposeOk(committeeAdmin, [...own, sibling]);
    expect((await applicationsBy(committeeAdmin))[0].committeeOrgId).toBe(committee.id);
  });

  it('addresses members of two 党委 to the county 党委 above both', async () => {
    const people = [...(await awayMany(2)), await away(otherCommitteeBranch)];
    const proposer = await adminViewer(root);
    await proposeOk(proposer, people);
    expect((await applicationsBy(proposer))[0].committeeOrgId).toBe(root.id);
    // The 党委 of c1 cannot approve it: it is not above the member of c2.
    const [application] = await applicationsBy(proposer);
    expect(await approveTemporaryBranch(db, ctx(await adminViewer(committee)), { applicationId: application.id, secretaryMemberId: people[0].id })).toEqual({
      status: 'forbidden',
      message: e.notFound,
    });
    expect((await applicationRow(application.id)).status).toBe('pending');
  });
});

describe('approving', () => {
  it('refuses a 支部 admin, a 党委 of another subtree and the proposer (even a 党委 admin), changing nothing', async () => {
    const people = await awayMany(3);
    const proposer = await adminViewer(committee);
    const applicationId = await proposeOk(proposer, people);
    const before = await decisionSnapshot(applicationId, people);
    const auditBefore = await lastAuditId();
    const approve = (viewer: Viewer | null) => approveTemporaryBranch(db, ctx(viewer), { applicationId, secretaryMemberId: people[0].id });

    expect(await approve(await adminViewer(homeBranch))).toEqual({ status: 'forbidden', message: '找不到这份申请，或它不在您的管理范围内。' });
    expect(await approve(await adminViewer(otherCommittee))).toEqual({ status: 'forbidden', message: e.notFound });
    expect(await approve(proposer)).toEqual({ status: 'forbidden', message: '不能审批自己提交的申请。' });
    expect(await approve(await adminViewer(committee, ['org_life']))).toEqual({ status: 'forbidden', message: FORBIDDEN });
    expect(await approve(await adminViewer(host, ['org_life'], 'host_admin'))).toEqual({ status: 'forbidden', message: FORBIDDEN });
    expect(await approve(null)).toEqual({ status: 'forbidden', message: FORBIDDEN });
    // The proposer cannot reject it either.
    expect(await rejectTemporaryBranch(db, ctx(proposer), { applicationId, note: '自己撤回' })).toEqual({ status: 'forbidden', message: e.ownProposal });

    expect(await decisionSnapshot(applicationId, people)).toEqual(before);
    expect(before.application.status).toBe('pending');
    expect(await successAuditAfter(auditBefore)).toEqual([]);
  });

  it('the 党委 above approves, naming the 书记: the org is created under it, the members enrolled and told, audited', async () => {
    const people = await awayMany(4);
    const proposer = await adminViewer(homeBranch);
    const applicationId = await proposeOk(proposer, people, { name: '清源县驻深圳南山科技园流动党员临时党支部' });
    const approver = await adminViewer(committee);
    const auditBefore = await lastAuditId();
    const countBefore = await countTemporaryBranches(db, approver);

    // The 党委 names another full member of the list as 书记; one outside the list is refused.
    expect(await approveTemporaryBranch(db, ctx(approver), { applicationId, secretaryMemberId: (await atHome()).id })).toEqual({
      status: 'invalid',
      message: INVALID,
      fieldErrors: { secretaryMemberId: ['书记须从成员中选定。'] },
    });
    const secretary = people[2];
    const state = await approveTemporaryBranch(db, ctx(approver), { applicationId, secretaryMemberId: secretary.id, note: ' 同意成立 ' });
    expect(state).toEqual({ status: 'success', message: '已批准成立清源县驻深圳南山科技园流动党员临时党支部，成员已编入。' });

    const application = await applicationRow(applicationId);
    expect(application).toMatchObject({ status: 'approved', secretaryMemberId: secretary.id, decidedBy: approver.userId, decidedAt: NOW, decisionNote: '同意成立' });
    const org = await orgRow(application.orgId!);
    expect(org).toMatchObject({ name: '清源县驻深圳南山科技园流动党员临时党支部', type: 'temporary_branch', parentId: committee.id, regionCode: '440305', dissolvedAt: null });
    expect(String(org.path)).toBe(`${committee.path}.${org.id}`);
    expect(await enrolmentsOf(org.id)).toEqual(
      people
        .map((person) => ({ memberId: person.id, role: person.id === secretary.id ? 'secretary' : 'member', joinedOn: TODAY, leftOn: null }))
        .sort((a, b) => a.memberId.localeCompare(b.memberId)),
    );
    // Membership stays at home: the members' own branch and status do not change.
    for (const person of people) {
      const [row] = await db.select({ orgId: members.orgId, status: members.status }).from(members).where(eq(members.id, person.id));
      expect(row).toEqual({ orgId: homeBranch.id, status: 'outflow' });
    }

    expect(await auditAfter(auditBefore)).toEqual([
      {
        action: 'temporary_branch.approve',
        outcome: 'success',
        entity_id: String(org.id),
        org_id: org.id,
        actor_user_id: approver.userId,
        detail: expect.objectContaining({ applicationId, name: org.name, parentId: committee.id, memberIds: people.map((person) => person.id) }),
      },
    ]);
    for (const person of people) {
      const role = person.id === secretary.id ? '书记' : '成员';
      // Newest first: the 编入 notice above the one of the journey being recorded.
      expect((await notificationsOf(person.id))[0]).toEqual({
        title: '已编入临时党支部',
        body: `您已被编入清源县驻深圳南山科技园流动党员临时党支部（${role}），在外期间请参加该支部的组织生活。`,
        link: '/flow',
      });
      expect((await notificationsOf(person.id)).filter((item) => item.title === '已编入临时党支部')).toHaveLength(1);
      expect(await readOwnTemporaryBranch(db, person.id)).toEqual({ name: org.name, role: person.id === secretary.id ? 'secretary' : 'member', secretaryName: secretary.name, joinedOn: TODAY });
    }

    // The 党委's list shows it, 书记 first, with each member's home branch; the county sees it too.
    const listed = (await listTemporaryBranches(db, approver)).find((branch) => branch.id === org.id);
    expect(listed).toMatchObject({ name: org.name, parentName: committee.name, place: '广东省 深圳市 南山区', state: 'ok' });
    expect(listed!.members[0]).toEqual({ memberId: secretary.id, name: secretary.name, role: 'secretary', homeBranchName: homeBranch.name, joinedOn: TODAY });
    expect(listed!.members.map((member) => member.memberId).sort()).toEqual(people.map((person) => person.id).sort());
    expect((await listTemporaryBranches(db, county)).some((branch) => branch.id === org.id)).toBe(true);
    // The proposing 支部, another 党委 and a host do not see it.
    expect((await listTemporaryBranches(db, proposer)).some((branch) => branch.id === org.id)).toBe(false);
    expect((await listTemporaryBranches(db, await adminViewer(otherCommittee))).some((branch) => branch.id === org.id)).toBe(false);
    expect(await listTemporaryBranches(db, await adminViewer(host, ['org_life'], 'host_admin'))).toEqual([]);
    expect(await countTemporaryBranches(db, approver)).toEqual({ live: countBefore.live + 1, tooFew: countBefore.tooFew });

    // The enrolled members are no longer candidates for another one.
    expect((await listCandidates(db, proposer, '4403', NOW)).some((candidate) => people.some((person) => person.id === candidate.id))).toBe(false);
  });

  // The audit redactor blanks keys containing "secret" (as in "secretary"): the 书记 goes in as
  // leaderMemberId, so the trail still says whom the proposer named and the 党委 chose.
  it('names the 书记 in the propose and approve audit rows', async () => {
    const people = await awayMany(3);
    const before = await lastAuditId();
    const { orgId } = await formBranch(people);
    const rows = (await successAuditAfter(before)).filter((row) => row.action.startsWith('temporary_branch.'));
    expect(rows.map((row) => [row.action, row.detail.leaderMemberId])).toEqual([
      ['temporary_branch.propose', people[0].id],
      ['temporary_branch.approve', people[0].id],
    ]);
    expect(rows[1].entity_id).toBe(String(orgId));
  });

  it('checks the members again at approval: one who came home in between fails it, and nothing is created', async () => {
    const people = await awayMany(3);
    const proposer = await adminViewer(homeBranch);
    const applicationId = await proposeOk(proposer, people);
    ok(await recordReturnHome(db, ctx(proposer), { memberId: people[1].id, returnedOn: '2026-06-14' }), 'return');
    const approver = await adminViewer(committee);
    const before = await decisionSnapshot(applicationId, people);
    expect(await approveTemporaryBranch(db, ctx(approver), { applicationId, secretaryMemberId: people[0].id })).toEqual({
      status: 'failed',
      message: `${people[1].name} 当前不在外，不能编入临时党支部。`,
    });
    expect(await decisionSnapshot(applicationId, people)).toEqual(before);
    expect((await applicationRow(applicationId)).status).toBe('pending');
  });

  it('refuses at approval a member moved since the proposal to a branch outside the approving 党委', async () => {
    const people = await awayMany(3);
    const proposer = await adminViewer(homeBranch);
    const applicationId = await proposeOk(proposer, people);
    const moved = await updateRecord(county, updateSchema.parse({ memberId: people[2].id, org: String(otherCommitteeBranch.id), group: '' }), { ip: IP, today: TODAY });
    expect(moved).toMatchObject({ status: 'success' });
    const approver = await adminViewer(committee);
    const before = await decisionSnapshot(applicationId, people);
    expect(await approveTemporaryBranch(db, ctx(approver), { applicationId, secretaryMemberId: people[0].id })).toEqual({ status: 'failed', message: e.membersOutOfScope });
    expect(await decisionSnapshot(applicationId, people)).toEqual(before);
  });
});

describe('rejecting', () => {
  it('needs a note, then rejects keeping it; a decided application cannot be decided again', async () => {
    const people = await awayMany(3);
    const proposer = await adminViewer(homeBranch);
    const applicationId = await proposeOk(proposer, people);
    const approver = await adminViewer(committee);
    const before = await decisionSnapshot(applicationId, people);
    for (const note of ['', ' ', '否', 'x'.repeat(501)]) {
      expect(await rejectTemporaryBranch(db, ctx(approver), { applicationId, note }), note).toEqual({
        status: 'invalid',
        message: INVALID,
        fieldErrors: { note: ['请填写审批意见（2–500 字）。'] },
      });
    }
    expect(await decisionSnapshot(applicationId, people)).toEqual(before);

    const auditBefore = await lastAuditId();
    expect(await rejectTemporaryBranch(db, ctx(approver), { applicationId, note: ' 成员流动性大，暂不成立 ' })).toEqual({ status: 'success', message: '已退回成立申请。' });
    expect(await applicationRow(applicationId)).toMatchObject({ status: 'rejected', decidedBy: approver.userId, decidedAt: NOW, decisionNote: '成员流动性大，暂不成立', orgId: null });
    expect(await auditAfter(auditBefore)).toEqual([
      {
        action: 'temporary_branch.reject',
        outcome: 'success',
        entity_id: String(committee.id),
        org_id: committee.id,
        actor_user_id: approver.userId,
        detail: { applicationId, note: '成员流动性大，暂不成立' },
      },
    ]);

    // Decided: neither the same admin nor another may approve or reject it again.
    const decided = await decisionSnapshot(applicationId, people);
    const again = await adminViewer(committee);
    expect(await approveTemporaryBranch(db, ctx(again), { applicationId, secretaryMemberId: people[0].id })).toEqual({ status: 'failed', message: '这份申请已经审批过了。' });
    expect(await rejectTemporaryBranch(db, ctx(approver), { applicationId, note: '再次退回' })).toEqual({ status: 'failed', message: e.alreadyDecided });
    expect(await decisionSnapshot(applicationId, people)).toEqual(decided);
    expect(decided.enrolments).toEqual([[], [], []]);
    expect(decided.temporaryOrgs).toBe(before.temporaryOrgs);

    // Approved ones too.
    const { applicationId: approvedId } = await formBranch(await awayMany(3));
    expect(await rejectTemporaryBranch(db, ctx(again), { applicationId: approvedId, note: '事后退回' })).toEqual({ status: 'failed', message: e.alreadyDecided });
    expect(await approveTemporaryBranch(db, ctx(again), { applicationId: approvedId, secretaryMemberId: people[0].id })).toEqual({ status: 'failed', message: e.alreadyDecided });
    expect((await applicationRow(approvedId)).status).toBe('approved');
  });
});

describe('the lists of applications and candidates', () => {
  it('shows a pending application to the 党委 that decides it and to its proposer, not to another subtree', async () => {
    const people = await awayMany(3);
    const proposer = await adminViewer(homeBranch);
    const applicationId = await proposeOk(proposer, people, { name: '清源县驻深圳待审批流动党员临时党支部' });
    const approver = await adminViewer(committee);

    const pending = (await listApplications(db, approver, 'pending')).find((row) => row.id === applicationId);
    expect(pending).toMatchObject({
      name: '清源县驻深圳待审批流动党员临时党支部',
      place: '广东省 深圳市 南山区',
      committeeName: committee.name,
      status: 'pending',
      proposedByName: proposer.displayName,
      proposedByViewer: false,
      secretaryMemberId: people[0].id,
    });
    expect(pending!.members).toEqual(people.map((person) => ({ id: person.id, name: person.name, homeBranchName: homeBranch.name, category: 'full' })));
    expect((await listApplications(db, proposer, 'pending')).find((row) => row.id === applicationId)).toMatchObject({ proposedByViewer: true });
    expect((await listApplications(db, county, 'pending')).some((row) => row.id === applicationId)).toBe(true);
    expect((await listApplications(db, await adminViewer(otherCommittee), 'pending')).some((row) => row.id === applicationId)).toBe(false);
    expect((await listApplications(db, await adminViewer(siblingBranch), 'pending')).some((row) => row.id === applicationId)).toBe(false);
    expect(await listApplications(db, await adminViewer(host, ['org_life'], 'host_admin'), 'pending')).toEqual([]);
    expect((await listApplications(db, approver, 'decided')).some((row) => row.id === applicationId)).toBe(false);

    ok(await rejectTemporaryBranch(db, ctx(approver), { applicationId, note: '请补充材料' }), 'reject');
    expect((await listApplications(db, approver, 'pending')).some((row) => row.id === applicationId)).toBe(false);
    expect((await listApplications(db, proposer, 'decided')).find((row) => row.id === applicationId)).toMatchObject({ status: 'rejected', decisionNote: '请补充材料' });
  });

  it('lists the cities and members of the subtree away and not yet in a 临时党支部', async () => {
    const admin = await adminViewer(homeBranch);
    const placesBefore = await listCandidatePlaces(db, admin, NOW);
    const shenzhenBefore = placesBefore.find((place) => place.key === '4403')?.members ?? 0;
    const inShenzhen = await away(homeBranch, BAOAN);
    const inGuangzhou = await away(homeBranch, TIANHE);
    const elsewhere = await away(siblingBranch, NANSHAN);
    const places = await listCandidatePlaces(db, admin, NOW);
    expect(places.find((place) => place.key === '4403')).toEqual({ key: '4403', name: '广东省 深圳市', members: shenzhenBefore + 1 });
    expect(places.find((place) => place.key === '4401')?.members).toBeGreaterThanOrEqual(1);

    const candidates = await listCandidates(db, admin, '4403', NOW);
    expect(candidates.find((candidate) => candidate.id === inShenzhen.id)).toEqual({
      id: inShenzhen.id,
      name: inShenzhen.name,
      category: 'full',
      homeBranchName: homeBranch.name,
      place: '广东省 深圳市 宝安区 科技园某软件公司',
    });
    expect(candidates.some((candidate) => candidate.id === inGuangzhou.id)).toBe(false);
    // The sibling branch's member is away in 深圳 too, but outside this admin's subtree.
    expect(candidates.some((candidate) => candidate.id === elsewhere.id)).toBe(false);
    expect((await listCandidates(db, await adminViewer(committee), '4403', NOW)).some((candidate) => candidate.id === elsewhere.id)).toBe(true);
    expect(await listCandidates(db, admin, '44; DROP', NOW)).toEqual([]);
  });
});

describe('leaving and dissolving', () => {
  it('ends the membership of a member who comes home; below three the branch shows as too few; the last return dissolves it, audited', async () => {
    const people = await awayMany(3);
    const { orgId, name, approver } = await formBranch(people, EARLIER);
    const branchAdmin = await adminViewer(homeBranch);
    const countBefore = await countTemporaryBranches(db, approver);
    expect((await listTemporaryBranches(db, approver)).find((branch) => branch.id === orgId)?.state).toBe('ok');

    ok(await recordReturnHome(db, ctx(branchAdmin), { memberId: people[1].id, returnedOn: '2026-06-10' }), 'return 1');
    expect(await enrolmentsOfMember(people[1].id)).toEqual([{ orgId, memberId: people[1].id, role: 'member', joinedOn: '2026-05-01', leftOn: '2026-06-10' }]);
    expect(await readOwnTemporaryBranch(db, people[1].id)).toBeNull();
    const listed = (await listTemporaryBranches(db, approver)).find((branch) => branch.id === orgId);
    expect(listed).toMatchObject({ state: 'too_few' });
    expect(listed!.members.map((member) => member.memberId).sort()).toEqual([people[0].id, people[2].id].sort());
    expect(await countTemporaryBranches(db, approver)).toEqual({ live: countBefore.live, tooFew: countBefore.tooFew + 1 });
    expect((await orgRow(orgId)).dissolvedAt).toBeNull();

    // A return dated before the member was enrolled still ends the membership, on its first day.
    ok(await recordReturnHome(db, ctx(branchAdmin), { memberId: people[0].id, returnedOn: '2026-04-20' }), 'return 0');
    expect((await enrolmentsOfMember(people[0].id))[0].leftOn).toBe('2026-05-01');
    expect(await readOwnTemporaryBranch(db, people[2].id)).toEqual({ name, role: 'member', secretaryName: null, joinedOn: '2026-05-01' });

    const auditBefore = await lastAuditId();
    ok(await recordReturnHome(db, ctx(branchAdmin), { memberId: people[2].id, returnedOn: '2026-06-12' }), 'return 2');
    const org = await orgRow(orgId);
    expect(org.dissolvedAt).toEqual(NOW);
    expect((await enrolmentsOf(orgId)).every((row) => row.leftOn !== null)).toBe(true);
    const audit = await successAuditAfter(auditBefore);
    expect(audit.map((row) => row.action)).toEqual(['temporary_branch.dissolve', 'outflow.return_home']);
    expect(audit[0]).toEqual({
      action: 'temporary_branch.dissolve',
      outcome: 'success',
      entity_id: String(orgId),
      org_id: orgId,
      actor_user_id: branchAdmin.userId,
      detail: { name, reason: 'all_returned', lastMemberId: people[2].id },
    });
    expect((await listTemporaryBranches(db, approver)).some((branch) => branch.id === orgId)).toBe(false);
    expect(await countTemporaryBranches(db, approver)).toEqual({ live: countBefore.live - 1, tooFew: countBefore.tooFew });
    // Dissolved: no meeting can be recorded for it, and the 党委 cannot dissolve it again.
    expect(await dissolveTemporaryBranch(db, ctx(approver), { orgId })).toEqual({ status: 'failed', message: '这个临时党支部已经撤销。' });
  });

  it('ends the membership when the 回执 of a transfer out is logged', async () => {
    const people = await awayMany(3);
    const { orgId, approver } = await formBranch(people, EARLIER);
    const branchAdmin = await adminViewer(homeBranch);
    const recorded = await recordTransferOut(db, ctx(branchAdmin), {
      memberId: people[0].id,
      letterNumber: '清组转字〔2026〕第031号',
      issuedOn: '2026-06-10',
      validUntil: '2026-07-10',
      receivingOrgName: '中共深圳市南山区粤海街道某社区委员会',
      note: '',
    });
    expect(recorded).toMatchObject({ status: 'success' });
    const transferId = recorded.status === 'success' ? recorded.data!.transferId : '';
    ok(await logTransferReceipt(db, ctx(branchAdmin), { transferId, receiptOn: '2026-06-12' }), 'receipt');
    expect((await enrolmentsOfMember(people[0].id))[0]).toMatchObject({ orgId, leftOn: '2026-06-12' });
    expect((await listTemporaryBranches(db, approver)).find((branch) => branch.id === orgId)).toMatchObject({ state: 'too_few' });
  });

  // A 回执 dated before the journey began removes the journey (as when called off); the member,
  // 组织关系已转出, must leave the 临时党支部 all the same.
  it('ends the membership when a 回执 dated before the journey began removes the journey', async () => {
    const people: Person[] = [];
    for (let index = 0; index < 3; index++) people.push(await away(otherCommitteeBranch, NANSHAN, 'full', '2026-04-01'));
    const { orgId } = await (async () => {
      const proposer = await adminViewer(otherCommitteeBranch);
      const applicationId = await proposeOk(proposer, people, {}, EARLIER);
      ok(await approveTemporaryBranch(db, ctx(await adminViewer(otherCommittee), EARLIER), { applicationId, secretaryMemberId: people[0].id }), 'approve');
      return { orgId: (await applicationRow(applicationId)).orgId! };
    })();
    const branchAdmin = await adminViewer(otherCommitteeBranch);
    const recorded = await recordTransferOut(db, ctx(branchAdmin), {
      memberId: people[0].id,
      letterNumber: '陵组转字〔2026〕第007号',
      issuedOn: '2026-03-20',
      validUntil: '2026-04-20',
      receivingOrgName: '中共深圳市南山区粤海街道某社区委员会',
      note: '',
    });
    expect(recorded).toMatchObject({ status: 'success' });
    const transferId = recorded.status === 'success' ? recorded.data!.transferId : '';
    ok(await logTransferReceipt(db, ctx(branchAdmin), { transferId, receiptOn: '2026-03-25' }), 'receipt');
    const [member] = await db.select({ status: members.status }).from(members).where(eq(members.id, people[0].id));
    expect(member.status).toBe('transferred_out');
    expect(await readOwnTemporaryBranch(db, people[0].id)).toBeNull();
    expect((await enrolmentsOfMember(people[0].id)).every((row) => row.leftOn !== null)).toBe(true);
    expect((await listTemporaryBranches(db, county)).find((branch) => branch.id === orgId)?.members.map((row) => row.memberId)).not.toContain(people[0].id);
  });

  it('the 党委 dissolves one by hand, audited; a 支部 admin or another 党委 cannot', async () => {
    const people = await awayMany(3);
    const { orgId, name, approver } = await formBranch(people);
    const auditBefore = await lastAuditId();
    for (const viewer of [await adminViewer(homeBranch), await adminViewer(otherCommittee)]) {
      expect(await dissolveTemporaryBranch(db, ctx(viewer), { orgId })).toEqual({ status: 'forbidden', message: '找不到这个临时党支部，或它不在您的管理范围内。' });
    }
    expect(await dissolveTemporaryBranch(db, ctx(await adminViewer(host, ['org_life'], 'host_admin')), { orgId })).toEqual({ status: 'forbidden', message: FORBIDDEN });
    // An ordinary 支部 is not dissolved here.
    expect(await dissolveTemporaryBranch(db, ctx(approver), { orgId: homeBranch.id })).toEqual({ status: 'forbidden', message: e.branchNotFound });
    expect((await orgRow(orgId)).dissolvedAt).toBeNull();
    expect((await orgRow(homeBranch.id)).dissolvedAt).toBeNull();
    expect((await enrolmentsOf(orgId)).every((row) => row.leftOn === null)).toBe(true);
    expect(await successAuditAfter(auditBefore)).toEqual([]);

    const other = await adminViewer(committee);
    expect(await dissolveTemporaryBranch(db, ctx(other), { orgId })).toEqual({ status: 'success', message: '临时党支部已撤销。' });
    expect((await orgRow(orgId)).dissolvedAt).toEqual(NOW);
    expect((await enrolmentsOf(orgId)).map((row) => row.leftOn)).toEqual([TODAY, TODAY, TODAY]);
    for (const person of people) expect(await readOwnTemporaryBranch(db, person.id)).toBeNull();
    expect(await successAuditAfter(auditBefore)).toEqual([
      { action: 'temporary_branch.dissolve', outcome: 'success', entity_id: String(orgId), org_id: orgId, actor_user_id: other.userId, detail: { name, reason: 'decided' } },
    ]);
    expect((await listTemporaryBranches(db, approver)).some((branch) => branch.id === orgId)).toBe(false);
    // Its members are free to be proposed for another one.
    expect((await listCandidates(db, approver, '4403', NOW)).filter((candidate) => people.some((person) => person.id === candidate.id))).toHaveLength(3);
  });
});

describe('a 临时党支部 admits no members', () => {
  it('refuses moving a member’s home org to a 临时党支部 through the record edit', async () => {
    const people = await awayMany(3, siblingBranch);
    const { orgId } = await formBranch(people, NOW, siblingBranch);
    const member = await atHome(siblingBranch);
    const before = await db.select().from(members).where(eq(members.id, member.id));
    for (const memberId of [member.id, people[1].id]) {
      const state = await updateRecord(county, updateSchema.parse({ memberId, org: String(orgId), group: '' }), { ip: IP, today: TODAY });
      expect(state).toEqual({ status: 'invalid', message: INVALID, fieldErrors: { org: ['请选择您管理范围内的党支部。'] } });
    }
    expect(await db.select().from(members).where(eq(members.id, member.id))).toEqual(before);
    expect((await db.select({ orgId: members.orgId }).from(members).where(eq(members.id, people[1].id)))[0].orgId).toBe(siblingBranch.id);
    // The same edit to an ordinary 支部 goes through.
    expect(await updateRecord(county, updateSchema.parse({ memberId: member.id, org: String(homeBranch.id), group: '' }), { ip: IP, today: TODAY })).toMatchObject({ status: 'success' });
  });
});

describe('attendance away from home', () => {
  /** A member away in 宝安 since LEAVES_ON who reported to the host on 2026-04-10 and was placed there. */
  async function placedAt(hostOrg: OrgRow, hostAdmin: Viewer, org: OrgRow = siblingBranch): Promise<Person> {
    const person = await away(org, BAOAN);
    const [account] = await db.insert(users).values({ memberId: person.id, displayName: person.name, tier: 'member', orgId: person.orgId }).returning({ id: users.id });
    const viewer: Viewer = { userId: account.id, tier: 'member', orgId: person.orgId, scopePath: '', capabilities: [], memberId: person.id, displayName: person.name };
    ok(await fileRegistration(db, ctx(viewer), { where: 'host', hostOrgId: String(hostOrg.id), reportedOn: '2026-04-10' }), 'file 报到');
    const [registration] = await db.select({ id: hostRegistrations.id }).from(hostRegistrations).where(eq(hostRegistrations.memberId, person.id));
    ok(await acceptRegistration(db, ctx(hostAdmin), { registrationId: registration.id, placedOrgId: hostOrg.id, certificateChecked: false }), 'accept');
    return person;
  }

  const meeting = (overrides: Record<string, unknown> = {}) => ({ heldOn: '2026-06-01', kind: 'theme_day', topic: '学习新修订的党章', ...overrides });

  it('the host records a meeting for the members it placed; the home side reads it with the host’s name, audited', async () => {
    const hostAdmin = await adminViewer(host, ['org_life'], 'host_admin');
    const [a, b] = [await placedAt(host, hostAdmin), await placedAt(host, hostAdmin)];
    const auditBefore = await lastAuditId();
    expect(await recordHostAttendance(db, ctx(hostAdmin), { memberIds: [a.id, b.id], ...meeting({ topic: ' 学习新修订的党章 ' }) })).toEqual({ status: 'success', message: '已记录 2 人参加。' });
    for (const person of [a, b]) {
      expect(await listMemberAttendance(db, person.id)).toEqual([
        { id: expect.any(String), heldOn: '2026-06-01', kind: 'theme_day', topic: '学习新修订的党章', orgName: host.name, source: 'list' },
      ]);
      expect((await attendanceRows(person.id))[0]).toMatchObject({ orgId: host.id, recordedBy: hostAdmin.userId, inflowMemberId: null });
    }
    expect(await auditAfter(auditBefore)).toEqual([
      {
        action: 'attendance.record',
        outcome: 'success',
        entity_id: String(host.id),
        org_id: host.id,
        actor_user_id: hostAdmin.userId,
        detail: { heldOn: '2026-06-01', kind: 'theme_day', topic: '学习新修订的党章', source: 'list', attendees: [a.id, b.id], orgIds: [host.id] },
      },
    ]);

    // The same meeting again: a clear failure, nothing doubled.
    expect(await recordHostAttendance(db, ctx(hostAdmin), { memberIds: [b.id], ...meeting() })).toEqual({ status: 'failed', message: '这次组织生活已经登记过其中的党员。' });
    expect(await attendanceRows(b.id)).toHaveLength(1);
    // Another kind of meeting on the same day is another meeting.
    ok(await recordHostAttendance(db, ctx(hostAdmin), { memberIds: b.id, ...meeting({ kind: 'party_lecture', topic: '党课：党的二十大精神' }) }), 'lecture');
    expect((await listMemberAttendance(db, b.id)).map((row) => row.kind).sort()).toEqual(['party_lecture', 'theme_day']);
  });

  it('refuses members it did not place, and records nothing for the valid ones posted with them', async () => {
    const hostAdmin = await adminViewer(host, ['org_life'], 'host_admin');
    const mine = await placedAt(host, hostAdmin);
    const notReported = await away(siblingBranch, BAOAN);
    const atOtherHost = await placedAt(otherHost, await adminViewer(otherHost, ['org_life'], 'host_admin'));
    const auditBefore = await lastAuditId();
    for (const intruder of [notReported.id, atOtherHost.id, '00000000-0000-4000-8000-000000000000']) {
      expect(await recordHostAttendance(db, ctx(hostAdmin), { memberIds: [mine.id, intruder], ...meeting() }), intruder).toEqual({
        status: 'forbidden',
        message: '所选党员不全在您这里参加组织生活，未登记。',
      });
    }
    for (const person of [mine, notReported, atOtherHost]) expect(await attendanceRows(person.id)).toEqual([]);
    expect(await successAuditAfter(auditBefore)).toEqual([]);
    expect(await recordHostAttendance(db, ctx(hostAdmin), { memberIds: [], ...meeting() })).toEqual({ status: 'invalid', message: INVALID, fieldErrors: { memberIds: ['请至少勾选一名参加人员。'] } });
    expect(await recordHostAttendance(db, ctx(await atHomeViewer()), { memberIds: [mine.id], ...meeting() })).toEqual({ status: 'forbidden', message: FORBIDDEN });

    // After the member comes home the host no longer records for them.
    ok(await recordReturnHome(db, ctx(county), { memberId: mine.id, returnedOn: '2026-06-14' }), 'return');
    expect(await recordHostAttendance(db, ctx(hostAdmin), { memberIds: [mine.id], ...meeting() })).toEqual({ status: 'forbidden', message: e.notHostedHere });
    expect(await attendanceRows(mine.id)).toEqual([]);
  });

  it('counts on the host’s list only the meetings of the member’s present journey', async () => {
    const hostAdmin = await adminViewer(host, ['org_life'], 'host_admin');
    const person = await placedAt(host, hostAdmin);
    ok(await recordHostAttendance(db, ctx(hostAdmin), { memberIds: [person.id], ...meeting({ heldOn: '2026-06-10' }) }), 'first journey');
    const attendedNow = async () => (await listHostQueue(db, hostAdmin, 'accepted')).find((row) => row.memberId === person.id)?.attended;
    expect(await attendedNow()).toBe(1);
    // Home on 06-10 and away again the same day, placed with the same host: the new journey starts
    // at none, though the last meeting of the old one fell on its first day.
    ok(await recordReturnHome(db, ctx(county), { memberId: person.id, returnedOn: '2026-06-10' }), 'return');
    const plan = { region: BAOAN, place: '西乡街道某物流园', reason: 'work', leavesOn: '2026-06-10', expectedMonths: '6' };
    ok(await openOutflowForMember(db, ctx(county), { memberId: person.id, ...plan }), 'away again');
    const [account] = await db.select({ id: users.id }).from(users).where(eq(users.memberId, person.id));
    const viewer: Viewer = { userId: account.id, tier: 'member', orgId: person.orgId, scopePath: '', capabilities: [], memberId: person.id, displayName: person.name };
    ok(await fileRegistration(db, ctx(viewer), { where: 'host', hostOrgId: String(host.id), reportedOn: '2026-06-10' }), 'second 报到');
    const [second] = await db.select({ id: hostRegistrations.id }).from(hostRegistrations).where(and(eq(hostRegistrations.memberId, person.id), eq(hostRegistrations.status, 'pending')));
    ok(await acceptRegistration(db, ctx(hostAdmin), { registrationId: second.id, placedOrgId: host.id, certificateChecked: false }), 'accept again');
    expect(await attendedNow()).toBe(0);
    ok(await recordHostAttendance(db, ctx(hostAdmin), { memberIds: [person.id], ...meeting({ heldOn: '2026-06-13' }) }), 'second journey');
    expect(await attendedNow()).toBe(1);
    // The member's own record keeps both.
    expect((await listMemberAttendance(db, person.id)).map((row) => row.heldOn)).toEqual(['2026-06-13', '2026-06-10']);
  });

  /** A plain member account, for "members are refused". */
  async function atHomeViewer(): Promise<Viewer> {
    const person = await atHome(otherCommitteeBranch);
    const [account] = await db.insert(users).values({ memberId: person.id, displayName: person.name, tier: 'member', orgId: person.orgId }).returning({ id: users.id });
    return { userId: account.id, tier: 'member', orgId: person.orgId, scopePath: '', capabilities: [], memberId: person.id, displayName: person.name };
  }

  it('refuses a day before the 报到, in the future or more than a year back, and bad kinds and topics, field by field', async () => {
    const hostAdmin = await adminViewer(host, ['org_life'], 'host_admin');
    const person = await placedAt(host, hostAdmin);
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ heldOn: '2026-04-09' }, { heldOn: ['日期早于党员来报到的日期。'] }],
      [{ heldOn: '2026-06-16' }, { heldOn: ['日期不能晚于今天。'] }],
      [{ heldOn: '2025-06-14' }, { heldOn: ['只能登记一年内的组织生活。'] }],
      [{ heldOn: '2026-02-30' }, { heldOn: ['请填写有效的日期。'] }],
      [{ kind: 'dinner' }, { kind: ['请选择组织生活形式。'] }],
      [{ topic: '学' }, { topic: ['请填写主题（2–200 字）。'] }],
    ];
    for (const [overrides, fieldErrors] of cases) {
      expect(await recordHostAttendance(db, ctx(hostAdmin), { memberIds: [person.id], ...meeting(overrides) }), JSON.stringify(overrides)).toEqual({ status: 'invalid', message: INVALID, fieldErrors });
    }
    expect(await attendanceRows(person.id)).toEqual([]);
    // The day of the 报到 itself, and today, are fine.
    ok(await recordHostAttendance(db, ctx(hostAdmin), { memberIds: [person.id], ...meeting({ heldOn: '2026-04-10' }) }), 'report day');
    ok(await recordHostAttendance(db, ctx(hostAdmin), { memberIds: [person.id], ...meeting({ heldOn: TODAY }) }), 'today');
    expect((await listMemberAttendance(db, person.id)).map((row) => row.heldOn)).toEqual([TODAY, '2026-04-10']);
  });

  it('records one member by a good e-card code, with source ecard; an expired, altered or foreign code is refused', async () => {
    const hostAdmin = await adminViewer(host, ['org_life'], 'host_admin');
    const person = await placedAt(host, hostAdmin);
    const code = signECardToken(person.id, NOW, secrets().hmacKey).token;
    const auditBefore = await lastAuditId();

    const expired = signECardToken(person.id, new Date(NOW.getTime() - (ECARD_TTL_SECONDS + 60) * 1000), secrets().hmacKey).token;
    const last = code.at(-2) === 'A' ? 'B' : 'A';
    const altered = `${code.slice(0, -2)}${last}${code.slice(-1)}`;
    expect(await recordCardAttendance(db, ctx(hostAdmin), { code: expired, ...meeting() })).toEqual({ status: 'failed', message: messages.flow.ecard.errors.expired });
    expect(await recordCardAttendance(db, ctx(hostAdmin), { code: altered, ...meeting() })).toEqual({ status: 'failed', message: messages.flow.ecard.errors.signature });
    expect(await recordCardAttendance(db, ctx(hostAdmin), { code: 'garbage', ...meeting() })).toEqual({ status: 'failed', message: messages.flow.ecard.errors.malformed });
    expect(await attendanceRows(person.id)).toEqual([]);
    const failures = await auditAfter(auditBefore);
    expect(failures.map((row) => [row.action, row.outcome, row.detail.reason])).toEqual([
      ['attendance.record', 'failure', 'expired'],
      ['attendance.record', 'failure', 'signature'],
      ['attendance.record', 'failure', 'malformed'],
    ]);

    // The good code, spaced out as read aloud, records the member it names.
    const spaced = code.match(/.{1,4}/g)!.join(' ');
    expect(await recordCardAttendance(db, ctx(hostAdmin), { code: spaced, ...meeting() })).toEqual({ status: 'success', message: '已记录 1 人参加。' });
    expect(await listMemberAttendance(db, person.id)).toEqual([{ id: expect.any(String), heldOn: '2026-06-01', kind: 'theme_day', topic: '学习新修订的党章', orgName: host.name, source: 'ecard' }]);
    expect(await recordCardAttendance(db, ctx(hostAdmin), { code, ...meeting() })).toEqual({ status: 'failed', message: e.duplicate });

    // A good code of a member another host placed: refused here.
    const elsewhere = await placedAt(otherHost, await adminViewer(otherHost, ['org_life'], 'host_admin'));
    expect(await recordCardAttendance(db, ctx(hostAdmin), { code: signECardToken(elsewhere.id, NOW, secrets().hmacKey).token, ...meeting() })).toEqual({
      status: 'forbidden',
      message: e.notHostedHere,
    });
    expect(await attendanceRows(elsewhere.id)).toEqual([]);
    // A good code, a day before the 报到.
    expect(await recordCardAttendance(db, ctx(hostAdmin), { code, ...meeting({ heldOn: '2026-04-01', kind: 'party_lecture' }) })).toEqual({
      status: 'invalid',
      message: INVALID,
      fieldErrors: { heldOn: [e.heldOnBeforeReport] },
    });
  });

  it('the 党委 records a meeting of its 临时党支部 for enrolled members only; not for a dissolved one', async () => {
    const people = await awayMany(3, siblingBranch);
    const { orgId, name, approver } = await formBranch(people, EARLIER, siblingBranch);
    const outsider = await away(siblingBranch);
    const record = (viewer: Viewer, raw: Record<string, unknown>) => recordTemporaryBranchAttendance(db, ctx(viewer), { orgId: String(orgId), ...meeting(), ...raw });

    expect(await record(approver, { memberIds: [people[0].id, outsider.id] })).toEqual({ status: 'forbidden', message: e.notHostedHere });
    expect(await record(approver, { memberIds: [people[0].id, '00000000-0000-4000-8000-000000000000'] })).toEqual({ status: 'forbidden', message: e.notHostedHere });
    expect(await record(approver, { memberIds: [people[0].id], heldOn: '2026-04-30' })).toEqual({ status: 'invalid', message: INVALID, fieldErrors: { heldOn: ['日期早于党员编入临时党支部的日期。'] } });
    // The 支部 admin of the members' home branch, another 党委 and a host do not run it.
    for (const viewer of [await adminViewer(siblingBranch), await adminViewer(otherCommittee)]) {
      expect(await record(viewer, { memberIds: [people[0].id] })).toEqual({ status: 'forbidden', message: e.branchNotFound });
    }
    expect(await record(await adminViewer(host, ['org_life'], 'host_admin'), { memberIds: [people[0].id] })).toEqual({ status: 'forbidden', message: FORBIDDEN });
    // An ordinary 支部's id is not a 临时党支部.
    expect(await recordTemporaryBranchAttendance(db, ctx(approver), { orgId: String(siblingBranch.id), memberIds: [people[0].id], ...meeting() })).toEqual({
      status: 'forbidden',
      message: e.branchNotFound,
    });
    for (const person of [...people, outsider]) expect(await attendanceRows(person.id)).toEqual([]);

    const auditBefore = await lastAuditId();
    expect(await record(approver, { memberIds: people.map((person) => person.id), kind: 'general_meeting', topic: '临时党支部成立后第一次党员大会' })).toEqual({ status: 'success', message: '已记录 3 人参加。' });
    for (const person of people) {
      expect(await listMemberAttendance(db, person.id)).toEqual([{ id: expect.any(String), heldOn: '2026-06-01', kind: 'general_meeting', topic: '临时党支部成立后第一次党员大会', orgName: name, source: 'list' }]);
    }
    expect((await successAuditAfter(auditBefore)).map((row) => [row.action, row.org_id, row.actor_user_id])).toEqual([['attendance.record', orgId, approver.userId]]);

    // A member who came home is no longer recorded there.
    ok(await recordReturnHome(db, ctx(county), { memberId: people[2].id, returnedOn: '2026-06-10' }), 'return');
    expect(await record(approver, { memberIds: [people[2].id], heldOn: '2026-06-12' })).toEqual({ status: 'forbidden', message: e.notHostedHere });

    ok(await dissolveTemporaryBranch(db, ctx(approver), { orgId }), 'dissolve');
    expect(await record(approver, { memberIds: [people[0].id], heldOn: '2026-06-14' })).toEqual({ status: 'forbidden', message: e.branchNotFound });
    expect(await attendanceRows(people[0].id)).toHaveLength(1);
  });
});

// The seeded 临时党支部 of the demo county is a live one too, under the root.
describe('the demo county’s 临时党支部', () => {
  it('is counted for the county and listed with its 书记 first', async () => {
    const listed = await listTemporaryBranches(db, county);
    const demo = listed.find((branch) => branch.name === '中共清源县驻深圳流动党员临时党支部');
    expect(demo).toBeDefined();
    expect(demo!.parentName).toBe(root.name);
    expect(demo!.members[0].role).toBe('secretary');
    expect((await temporaryOrgsNamed('中共清源县驻深圳流动党员临时党支部')).length).toBe(1);
    expect((await countTemporaryBranches(db, county)).live).toBe(listed.length);
  });
});
