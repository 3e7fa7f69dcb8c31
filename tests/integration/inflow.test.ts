import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { awayAttendance, inflowMembers, members, users } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { ActionState } from '@/lib/actions/action-state';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { recordInflowAttendance } from '@/lib/flow/attendance';
import { markInflowMemberLeft, registerInflowMember } from '@/lib/flow/inflow';
import { countInflowMembers, INFLOW_PAGE_SIZE, inflowCursor, listInflowMembers, listInflowOrgOptions, type InflowRow, type InflowTab } from '@/lib/flow/inflow-queries';
import { EARLIEST_REPORT_DAY } from '@/lib/flow/inflow-rules';
import { messages } from '@/lib/i18n/messages';
import { computeIdNumberCheckChar } from '@/lib/members/id-number';
import { insertOrg } from '@/lib/orgs/queries';
import { decryptPii, piiLookupHash } from '@/lib/security/pii';
import { auditRowsAfter, lastAuditRowId } from '@/tests/support/audit-rows';

// The 流入党员 register on a real database (PGlite, and PostgreSQL when configured): a host (or an
// archive admin whose subtree holds the receiving org) registers a Party member from outside the
// deployment with the original organisation, the 活动证 number and the 报到 date, places them in
// an org of the receiving org's subtree, and records their leaving. The ID number is stored
// encrypted with a keyed hash; lists and the audit trail carry the masked form only. Each admin
// sees and acts on the rows of receiving orgs inside their own subtree.

type OrgRow = { id: number; path: string; type: string; parentId: number | null; name: string };

// 12:00 in Beijing on 2026-06-15: every date rule below is measured from this day.
const NOW = new Date('2026-06-15T04:00:00Z');
const TODAY = '2026-06-15';
const IP = '198.51.100.44';

const inf = messages.inflow;
const e = inf.errors;
const FORBIDDEN = messages.actions.forbidden;
const INVALID = messages.actions.invalid;

let db: Database;
let allOrgs: OrgRow[];
let root: OrgRow;
let committee: OrgRow;
let branch: OrgRow; // the seed's 'branch' admin's, under `committee`
let host: OrgRow; // 深圳宝安, the seed's 'host' admin's
let hostChild: OrgRow; // a 党小组 under `host`, made for these tests
let otherHost: OrgRow;
let county: Viewer;

const ctx = (viewer: Viewer | null, now: Date = NOW) => ({ viewer, ip: IP, now });

async function adminViewer(org: OrgRow, capabilities: Capability[] = ['archive'], tier: Tier = org.parentId === null ? 'county_admin' : 'org_admin'): Promise<Viewer> {
  const displayName = `测试管理员${Math.random().toString(36).slice(2, 8)}`;
  const [user] = await db
    .insert(users)
    .values({ username: `t${Math.random().toString(36).slice(2, 12)}`, displayName, tier, orgId: org.id, capabilities })
    .returning({ id: users.id });
  return { userId: user.id, tier, orgId: org.id, scopePath: org.path, capabilities, displayName };
}
const hostAdminOf = (org: OrgRow) => adminViewer(org, ['org_life'], 'host_admin');

/** A member-tier viewer: a seeded member of the demo branch, without an account yet, given one. */
async function memberViewer(): Promise<Viewer> {
  const [row] = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .leftJoin(users, eq(users.memberId, members.id))
    .where(and(eq(members.orgId, branch.id), isNull(users.id)))
    .orderBy(asc(members.id))
    .limit(1);
  const [user] = await db.insert(users).values({ memberId: row.id, displayName: row.name, tier: 'member', orgId: branch.id }).returning({ id: users.id });
  return { userId: user.id, tier: 'member', orgId: branch.id, scopePath: branch.path, capabilities: [], memberId: row.id, displayName: row.name };
}

/**
 * A valid ID number no one else in these tests has: Shenzhen Nanshan (outside the demo county, so
 * no seeded member holds it), a birth day from a counter, the right check digit.
 */
let idCounter = 0;
function freshIdNumber(): string {
  const birth = new Date(Date.UTC(1960, 0, 1 + idCounter++)).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `440305${birth}123`;
  return `${first17}${computeIdNumberCheckChar(first17)}`;
}
const wrongCheckDigit = (idNumber: string) => `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`;
const masked = (idNumber: string) => `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;

const form = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  receivingOrgId: String(host.id),
  placedOrgId: String(hostChild.id),
  name: '李建国',
  idNumber: freshIdNumber(),
  phone: '13800138000',
  originalOrgName: '中共湖南省某某县某某镇某某村支部委员会',
  originalOrgContact: '王书记 13900001111',
  certificateNumber: '〔2026〕0031号',
  reportedOn: '2026-05-20',
  note: '',
  ...overrides,
});

function ok(state: ActionState, what: string): string {
  if (state.status !== 'success') throw new Error(`${what}: ${JSON.stringify(state)}`);
  return state.data?.inflowMemberId ?? '';
}

async function registerOk(viewer: Viewer, overrides: Record<string, unknown> = {}): Promise<{ id: string; fields: Record<string, unknown> }> {
  const fields = form(overrides);
  return { id: ok(await registerInflowMember(db, ctx(viewer), fields), 'register'), fields };
}

const inflowRows = () => db.select().from(inflowMembers).orderBy(asc(inflowMembers.createdAt), asc(inflowMembers.id));
const rowOf = async (id: string) => (await db.select().from(inflowMembers).where(eq(inflowMembers.id, id)))[0];
const listed = (viewer: Viewer, tab: InflowTab, before?: string) => listInflowMembers(db, { viewer, tab, before });
const listedIds = async (viewer: Viewer, tab: InflowTab) => (await listed(viewer, tab)).map((row) => row.id);

const lastAuditId = () => lastAuditRowId(db);
const auditAfter = (id: number) => auditRowsAfter(db, id);

/** A refused or invalid act leaves the register as it was and writes no success row. */
async function expectNothingChanged(act: () => Promise<ActionState>, expected: ActionState): Promise<void> {
  const before = await inflowRows();
  const audit = await lastAuditId();
  expect(await act()).toEqual(expected);
  expect(await inflowRows()).toEqual(before);
  expect((await auditAfter(audit)).filter((row) => row.outcome === 'success')).toEqual([]);
}

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 200 });
  const load = async () =>
    (allOrgs = await queryRows<OrgRow>(db, sql`SELECT id, path::text AS path, type::text AS type, parent_id AS "parentId", name FROM orgs ORDER BY id`));
  await load();
  const orgOf = async (username: string) => {
    const [admin] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, username));
    return allOrgs.find((org) => org.id === admin.orgId)!;
  };
  root = allOrgs.find((org) => org.parentId === null)!;
  committee = await orgOf('committee');
  branch = await orgOf('branch');
  host = await orgOf('host');
  otherHost = allOrgs.find((org) => org.type === 'host' && org.id !== host.id)!;
  const child = await insertOrg(db, { parentId: host.id, name: '宝安区西乡街道流入党员党小组', type: 'party_group' });
  await load();
  hostChild = allOrgs.find((org) => org.id === child.id)!;
  expect(host.type).toBe('host');
  expect(branch.path.startsWith(`${committee.path}.`)).toBe(true);
  expect(host.path.startsWith(`${committee.path}.`)).toBe(false);
  county = await adminViewer(root);
}, 120_000);

describe('registering', () => {
  it('registers a member from outside: stored encrypted, listed and audited with the masked ID number only', async () => {
    const hostAdmin = await hostAdminOf(host);
    const idNumber = freshIdNumber();
    const before = await lastAuditId();
    const state = await registerInflowMember(db, ctx(hostAdmin), form({ idNumber: idNumber.toLowerCase(), name: ' 李建国 ', phone: '138 0013 8000', note: '在宝安区某电子厂务工' }));
    const id = ok(state, 'register');
    expect(state).toEqual({ status: 'success', message: inf.results.registered, data: { inflowMemberId: id } });

    const row = await rowOf(id);
    expect(row).toMatchObject({
      receivingOrgId: host.id,
      placedOrgId: hostChild.id,
      name: '李建国',
      gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
      idNumberMasked: masked(idNumber),
      phone: '13800138000',
      originalOrgName: '中共湖南省某某县某某镇某某村支部委员会',
      originalOrgContact: '王书记 13900001111',
      certificateNumber: '〔2026〕0031号',
      reportedOn: '2026-05-20',
      status: 'active',
      leftOn: null,
      note: '在宝安区某电子厂务工',
      registeredBy: hostAdmin.userId,
    });
    expect(row.createdAt).toEqual(NOW);
    // Encrypted at rest, with the same keyed hash a member's number has.
    expect(decryptPii(row.idNumberCipher, 'member.id_number')).toBe(idNumber);
    expect(Buffer.from(row.idNumberCipher).toString('latin1')).not.toContain(idNumber);
    expect(Buffer.from(row.idNumberHash)).toEqual(Buffer.from(piiLookupHash(idNumber, 'member.id_number')));

    // The host's 在册 list shows it with the masked number; nothing it returns holds the full one.
    const list = await listed(hostAdmin, 'active');
    expect(list.find((item) => item.id === id)).toEqual({
      id,
      name: '李建国',
      gender: row.gender,
      idNumberMasked: masked(idNumber),
      phone: '13800138000',
      originalOrgName: '中共湖南省某某县某某镇某某村支部委员会',
      originalOrgContact: '王书记 13900001111',
      certificateNumber: '〔2026〕0031号',
      reportedOn: '2026-05-20',
      status: 'active',
      leftOn: null,
      note: '在宝安区某电子厂务工',
      receivingOrgName: host.name,
      placedOrgName: hostChild.name,
      attended: 0,
    } satisfies InflowRow);
    expect(JSON.stringify(list)).not.toContain(idNumber);
    expect(await listedIds(hostAdmin, 'left')).not.toContain(id);

    const audit = await auditAfter(before);
    expect(audit).toEqual([
      {
        action: 'inflow.register',
        outcome: 'success',
        entity_type: 'inflow_member',
        entity_id: id,
        org_id: host.id,
        actor_user_id: hostAdmin.userId,
        detail: { receivingOrgId: host.id, placedOrgId: hostChild.id, idNumberMasked: masked(idNumber), originalOrgName: '中共湖南省某某县某某镇某某村支部委员会', certificateNumber: '〔2026〕0031号', reportedOn: '2026-05-20' },
      },
    ]);
    // Neither the ID number nor the phone is in the trail.
    expect(JSON.stringify(audit)).not.toContain(idNumber);
    expect(JSON.stringify(audit)).not.toContain('13800138000');
  });

  it('leaves the optional fields empty, and lets an archive admin receive into a branch of its subtree', async () => {
    const committeeAdmin = await adminViewer(committee);
    const { id } = await registerOk(committeeAdmin, { receivingOrgId: String(committee.id), placedOrgId: String(branch.id), originalOrgContact: '', certificateNumber: '  ', reportedOn: EARLIEST_REPORT_DAY });
    expect(await rowOf(id)).toMatchObject({ receivingOrgId: committee.id, placedOrgId: branch.id, originalOrgContact: null, certificateNumber: null, note: null, reportedOn: EARLIEST_REPORT_DAY });
    const row = (await listed(committeeAdmin, 'active')).find((item) => item.id === id);
    expect(row).toMatchObject({ receivingOrgName: committee.name, placedOrgName: branch.name, certificateNumber: null });
    // The county sees every receiving org's rows; the host's admin not the committee's.
    expect(await listedIds(county, 'active')).toContain(id);
    expect(await listedIds(await hostAdminOf(host), 'active')).not.toContain(id);
  });

  it('gives a clear Chinese message for a bad check digit, a future 报到 date or no original organisation, and changes nothing', async () => {
    const hostAdmin = await hostAdminOf(host);
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [form({ idNumber: wrongCheckDigit(freshIdNumber()) }), { idNumber: ['身份证号码校验位不正确，请核对后重新输入。'] }],
      [form({ idNumber: '44030519900307' }), { idNumber: [messages.idNumber.format] }],
      [form({ reportedOn: '2026-06-16' }), { reportedOn: ['报到日期不能晚于今天。'] }],
      [form({ reportedOn: '1999-12-31' }), { reportedOn: ['报到日期不能早于 2000-01-01。'] }],
      [form({ reportedOn: '2026-02-30' }), { reportedOn: [e.reportedOn] }],
      [form({ originalOrgName: '' }), { originalOrgName: ['请填写原组织关系所在党组织（2 到 100 字）。'] }],
      [form({ originalOrgName: undefined }), { originalOrgName: [e.originalOrgName] }],
      [form({ name: '', phone: '12345' }), { name: [e.name], phone: [e.phone] }],
      [form({ placedOrgId: '' }), { placedOrgId: [e.placement] }],
    ];
    for (const [raw, fieldErrors] of cases) {
      await expectNothingChanged(() => registerInflowMember(db, ctx(hostAdmin), raw), { status: 'invalid', message: INVALID, fieldErrors });
    }
    // The invalid answer never carries the number back.
    const idNumber = wrongCheckDigit(freshIdNumber());
    expect(JSON.stringify(await registerInflowMember(db, ctx(hostAdmin), form({ idNumber })))).not.toContain(idNumber);
  });

  it('refuses a receiving org outside the viewer’s subtree and a placement outside the receiving org’s', async () => {
    const hostAdmin = await hostAdminOf(host);
    const committeeAdmin = await adminViewer(committee);
    const outOfScope: ActionState = { status: 'forbidden', message: e.outOfScope };
    const badPlacement: ActionState = { status: 'invalid', message: INVALID, fieldErrors: { placedOrgId: [e.placement] } };
    // Another host; the committee's branch; an org that does not exist (answered the same way).
    await expectNothingChanged(() => registerInflowMember(db, ctx(hostAdmin), form({ receivingOrgId: String(otherHost.id), placedOrgId: String(otherHost.id) })), outOfScope);
    await expectNothingChanged(() => registerInflowMember(db, ctx(hostAdmin), form({ receivingOrgId: String(branch.id), placedOrgId: String(branch.id) })), outOfScope);
    await expectNothingChanged(() => registerInflowMember(db, ctx(hostAdmin), form({ receivingOrgId: '999999' })), outOfScope);
    // A town committee's admin does not reach the host (it hangs under the county root).
    await expectNothingChanged(() => registerInflowMember(db, ctx(committeeAdmin), form()), outOfScope);

    const dissolved = await insertOrg(db, { parentId: host.id, name: '已撤销的流入党员党小组', type: 'party_group' });
    await db.execute(sql`UPDATE orgs SET dissolved_at = ${NOW.toISOString()}::timestamptz WHERE id = ${dissolved.id}`);
    // Placed in another host, outside the receiving host, dissolved, or no org at all.
    for (const placedOrgId of [otherHost.id, branch.id, root.id, dissolved.id, 999999]) {
      await expectNothingChanged(() => registerInflowMember(db, ctx(county), form({ placedOrgId: String(placedOrgId) })), badPlacement);
    }
    // Receiving at the committee, placing in the committee itself: a 党委 holds no organisation life.
    await expectNothingChanged(() => registerInflowMember(db, ctx(committeeAdmin), form({ receivingOrgId: String(committee.id), placedOrgId: String(committee.id) })), badPlacement);
    // A dissolved org receives no one.
    await expectNothingChanged(() => registerInflowMember(db, ctx(county), form({ receivingOrgId: String(dissolved.id), placedOrgId: String(dissolved.id) })), {
      status: 'invalid',
      message: INVALID,
      fieldErrors: { receivingOrgId: ['该党组织已撤销，不能再接收党员。'] },
    });
  });

  it('refuses members, admins without the archive capability and callers who are not signed in', async () => {
    const noCapability = await adminViewer(committee, ['content', 'org_life']);
    for (const viewer of [await memberViewer(), noCapability, null]) {
      await expectNothingChanged(() => registerInflowMember(db, ctx(viewer), form()), { status: 'forbidden', message: FORBIDDEN });
      expect(await listInflowMembers(db, { viewer: viewer ?? noCapability, tab: 'active' })).toEqual([]);
      expect(await listInflowOrgOptions(db, viewer ?? noCapability)).toEqual({ receiving: [], placements: [] });
    }
  });

  it('refuses the same ID number twice while active, wherever it was registered, and takes it again after leaving', async () => {
    const hostAdmin = await hostAdminOf(host);
    const otherHostAdmin = await hostAdminOf(otherHost);
    const { id, fields } = await registerOk(hostAdmin);
    const again = (viewer: Viewer, overrides: Record<string, unknown> = {}) => () => registerInflowMember(db, ctx(viewer), { ...fields, ...overrides });
    const duplicate: ActionState = { status: 'failed', message: '该身份证号码已有一条在册的流入登记，不能重复登记。如该党员已离开原接收地，请先为原登记办理离开登记。' };
    await expectNothingChanged(again(hostAdmin), duplicate);
    // Typed with a lower-case x or spaces, it is still the same number.
    await expectNothingChanged(again(hostAdmin, { idNumber: ` ${String(fields.idNumber).toLowerCase()} ` }), duplicate);
    await expectNothingChanged(again(otherHostAdmin, { receivingOrgId: String(otherHost.id), placedOrgId: String(otherHost.id) }), duplicate);

    ok(await markInflowMemberLeft(db, ctx(hostAdmin), { inflowMemberId: id, leftOn: TODAY }), 'leave');
    const back = ok(await registerInflowMember(db, ctx(otherHostAdmin), { ...fields, receivingOrgId: String(otherHost.id), placedOrgId: String(otherHost.id), reportedOn: TODAY }), 'register again');
    expect(back).not.toBe(id);
    expect(await listedIds(otherHostAdmin, 'active')).toContain(back);
    expect(await listedIds(hostAdmin, 'left')).toContain(id);
  });

  it('refuses the ID number of a member the deployment keeps (they report through 报到)', async () => {
    const [member] = await db.select({ cipher: members.idNumberCipher }).from(members).where(and(eq(members.orgId, branch.id), eq(members.status, 'registered'))).limit(1);
    const idNumber = decryptPii(member.cipher, 'member.id_number');
    await expectNothingChanged(() => registerInflowMember(db, ctx(county), form({ idNumber })), { status: 'failed', message: e.deploymentMember });
  });
});

describe('leaving', () => {
  it('moves the row to 已离开 on the day given, with the reason, audited', async () => {
    const hostAdmin = await hostAdminOf(host);
    const { id, fields } = await registerOk(hostAdmin, { note: '在宝安区务工' });
    const before = await lastAuditId();
    expect(await markInflowMemberLeft(db, ctx(hostAdmin), { inflowMemberId: id, leftOn: '2026-06-01', reason: ' 返回原籍 ' })).toEqual({ status: 'success', message: inf.results.left });
    expect(await rowOf(id)).toMatchObject({ status: 'left', leftOn: '2026-06-01', note: '在宝安区务工\n离开原因：返回原籍' });
    expect(await listedIds(hostAdmin, 'active')).not.toContain(id);
    expect((await listed(hostAdmin, 'left')).find((row) => row.id === id)).toMatchObject({ status: 'left', leftOn: '2026-06-01', idNumberMasked: masked(String(fields.idNumber)) });
    const audit = await auditAfter(before);
    expect(audit).toEqual([
      {
        action: 'inflow.leave',
        outcome: 'success',
        entity_type: 'inflow_member',
        entity_id: id,
        org_id: host.id,
        actor_user_id: hostAdmin.userId,
        detail: { idNumberMasked: masked(String(fields.idNumber)), leftOn: '2026-06-01', reason: '返回原籍' },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(String(fields.idNumber));
    // Leaving twice is refused.
    await expectNothingChanged(() => markInflowMemberLeft(db, ctx(hostAdmin), { inflowMemberId: id, leftOn: TODAY }), { status: 'failed', message: e.alreadyLeft });
  });

  it('refuses a day before the 报到 or in the future, and changes nothing', async () => {
    const hostAdmin = await hostAdminOf(host);
    const { id } = await registerOk(hostAdmin, { reportedOn: '2026-05-20' });
    const leave = (leftOn: string) => () => markInflowMemberLeft(db, ctx(hostAdmin), { inflowMemberId: id, leftOn });
    await expectNothingChanged(leave('2026-05-19'), { status: 'invalid', message: INVALID, fieldErrors: { leftOn: ['离开日期不能早于报到日期。'] } });
    await expectNothingChanged(leave('2026-06-16'), { status: 'invalid', message: INVALID, fieldErrors: { leftOn: ['离开日期不能晚于今天。'] } });
    await expectNothingChanged(leave(''), { status: 'invalid', message: INVALID, fieldErrors: { leftOn: [e.leftOn] } });
    ok(await markInflowMemberLeft(db, ctx(hostAdmin), { inflowMemberId: id, leftOn: '2026-05-20' }), 'leave on the 报到 day');
  });

  it('is out of reach of another host’s admin, a town committee’s admin and a member, who see nothing of it', async () => {
    const hostAdmin = await hostAdminOf(host);
    const { id } = await registerOk(hostAdmin);
    const notFound: ActionState = { status: 'forbidden', message: e.notFound };
    for (const viewer of [await hostAdminOf(otherHost), await adminViewer(committee)]) {
      expect(await listedIds(viewer, 'active')).not.toContain(id);
      await expectNothingChanged(() => markInflowMemberLeft(db, ctx(viewer), { inflowMemberId: id, leftOn: TODAY }), notFound);
    }
    const member = await memberViewer();
    await expectNothingChanged(() => markInflowMemberLeft(db, ctx(member), { inflowMemberId: id, leftOn: TODAY }), { status: 'forbidden', message: FORBIDDEN });
    expect(await listedIds(member, 'active')).toEqual([]);
    await expectNothingChanged(() => markInflowMemberLeft(db, ctx(hostAdmin), { inflowMemberId: '00000000-0000-4000-8000-000000000000', leftOn: TODAY }), notFound);
    // The county, whose subtree holds every host, may.
    ok(await markInflowMemberLeft(db, ctx(county), { inflowMemberId: id, leftOn: TODAY }), 'county marks left');
    expect(await listedIds(hostAdmin, 'left')).toContain(id);
  });
});

describe('attendance', () => {
  const meeting = { heldOn: '2026-06-01', kind: 'theme_day', topic: '学习新修订的《中国共产党纪律处分条例》' };
  const attendanceOf = (id: string) => db.select().from(awayAttendance).where(eq(awayAttendance.inflowMemberId, id));

  it('records a meeting for registered 流入党员, held where each was placed, and counts it on the list', async () => {
    const hostAdmin = await hostAdminOf(host);
    const first = await registerOk(hostAdmin);
    const second = await registerOk(hostAdmin, { name: '王秀英', placedOrgId: String(host.id) });
    const state = await recordInflowAttendance(db, ctx(hostAdmin), { ...meeting, memberIds: [first.id, second.id] });
    expect(state).toEqual({ status: 'success', message: messages.temporaryBranches.results.recorded(2) });
    expect((await attendanceOf(first.id)).map((row) => [row.orgId, row.heldOn, row.kind, row.source])).toEqual([[hostChild.id, '2026-06-01', 'theme_day', 'list']]);
    expect((await attendanceOf(second.id)).map((row) => row.orgId)).toEqual([host.id]);
    const list = await listed(hostAdmin, 'active');
    expect(list.find((row) => row.id === first.id)?.attended).toBe(1);
    // The same meeting twice is refused and nothing is added.
    expect(await recordInflowAttendance(db, ctx(hostAdmin), { ...meeting, memberIds: [first.id] })).toEqual({ status: 'failed', message: messages.temporaryBranches.errors.duplicate });
    expect(await attendanceOf(first.id)).toHaveLength(1);
  });

  it('records nothing for another host’s 流入党员, a forged id, a day before the 报到 or a future day', async () => {
    const hostAdmin = await hostAdminOf(host);
    const { id } = await registerOk(hostAdmin);
    const notHere: ActionState = { status: 'forbidden', message: messages.temporaryBranches.errors.notHostedHere };
    expect(await recordInflowAttendance(db, ctx(await hostAdminOf(otherHost)), { ...meeting, memberIds: [id] })).toEqual(notHere);
    // All or nothing: one good id beside a forged one records neither.
    expect(await recordInflowAttendance(db, ctx(hostAdmin), { ...meeting, memberIds: [id, '00000000-0000-4000-8000-000000000000'] })).toEqual(notHere);
    const early = await recordInflowAttendance(db, ctx(hostAdmin), { ...meeting, heldOn: '2026-05-01', memberIds: [id] });
    expect(early).toEqual({ status: 'invalid', message: INVALID, fieldErrors: { heldOn: [messages.temporaryBranches.errors.heldOnBeforeReport] } });
    const future = await recordInflowAttendance(db, ctx(hostAdmin), { ...meeting, heldOn: '2026-06-16', memberIds: [id] });
    expect(future).toEqual({ status: 'invalid', message: INVALID, fieldErrors: { heldOn: [messages.temporaryBranches.errors.heldOnFuture] } });
    expect(await attendanceOf(id)).toEqual([]);
  });
});

describe('reading', () => {
  it('pages the list newest 报到 first by keyset, and counts each tab of the viewer’s subtree', async () => {
    // A host of its own, so the counts are this test's alone.
    const created = await insertOrg(db, { parentId: root.id, name: '中共广州市天河区清源籍流动党员党支部', type: 'host' });
    const pagedHost = { id: created.id, path: String(created.path), type: 'host', parentId: root.id, name: created.name };
    const admin = await hostAdminOf(pagedHost);
    const total = INFLOW_PAGE_SIZE + 3;
    const days = Array.from({ length: total }, (_, index) => `2026-0${1 + (index % 5)}-${String(1 + (index % 28)).padStart(2, '0')}`);
    const ids: string[] = [];
    for (const day of days) ids.push((await registerOk(admin, { receivingOrgId: String(pagedHost.id), placedOrgId: String(pagedHost.id), reportedOn: day })).id);
    ok(await markInflowMemberLeft(db, ctx(admin), { inflowMemberId: ids[0], leftOn: TODAY }), 'one leaves');
    expect(await countInflowMembers(db, admin)).toEqual({ active: total - 1, left: 1 });

    const first = await listed(admin, 'active');
    expect(first).toHaveLength(INFLOW_PAGE_SIZE);
    const second = await listed(admin, 'active', inflowCursor('active', first.at(-1)!));
    const all = [...first, ...second];
    expect(all).toHaveLength(total - 1);
    expect(new Set(all.map((row) => row.id)).size).toBe(total - 1);
    const keys = all.map((row) => `${row.reportedOn} ${row.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(all.map((row) => row.id)).not.toContain(ids[0]);
    expect(await listed(admin, 'left')).toMatchObject([{ id: ids[0], leftOn: TODAY }]);
    // A forged cursor is read as none.
    expect(await listed(admin, 'active', 'x')).toEqual(first);
  });

  it('offers the orgs of the viewer’s subtree that can receive, and their placements', async () => {
    const hostAdmin = await hostAdminOf(host);
    const options = await listInflowOrgOptions(db, hostAdmin);
    // The host and the 党小组 made here (the dissolved one an earlier test made is left out); nothing of the committee.
    expect(options.receiving.map((org) => [org.id, org.depth])).toEqual([
      [host.id, 0],
      [hostChild.id, 1],
    ]);
    expect(options.placements.map((org) => org.id)).toEqual([host.id, hostChild.id]);
    const committeeOptions = await listInflowOrgOptions(db, await adminViewer(committee));
    expect(committeeOptions.receiving.map((org) => org.id)).toContain(committee.id);
    expect(committeeOptions.receiving.map((org) => org.id)).toContain(branch.id);
    expect(committeeOptions.receiving.map((org) => org.id)).not.toContain(host.id);
    expect(committeeOptions.placements.every((org) => ['host', 'branch', 'joint_branch', 'temporary_branch', 'party_group'].includes(org.type))).toBe(true);
    expect(committeeOptions.placements.map((org) => org.id)).not.toContain(committee.id);
  });
});
