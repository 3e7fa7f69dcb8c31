import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { connection, getDb, openPostgres, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { activityCertificates, hostRegistrations, membershipTransfers, members, orgs, outflowEpisodes, users } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { ActionState } from '@/lib/actions/action-state';
import { settleAuditWrites } from '@/lib/audit/audit';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { issueCertificate } from '@/lib/flow/certificates';
import { countTransfers, cursorOf, listMemberTransfers, listTransfers, TRANSFER_PAGE_SIZE, type TransferRow, type TransferTab } from '@/lib/flow/transfer-queries';
import { cancelTransfer, logTransferReceipt, recordTransferOut } from '@/lib/flow/transfers';
import { openOutflowForMember } from '@/lib/flow/workflow';
import { listNotifications } from '@/lib/notifications/queries';
import { nearestCommitteeOf } from '@/lib/orgs/queries';
import { LocalDiskStore } from '@/lib/storage/file-store';
import { bytes, JPEG_EOI, JPEG_SOI, jpegSegment } from '../support/bytes';

// 组织关系转出 on a real database (PGlite, and PostgreSQL when configured): the branch records the
// 介绍信, stays responsible while it is out — a letter past its validity without a 回执 is a
// possible 口袋党员 —, logs the receipt (the member is 组织关系已转出, the journey ends, the 活动证
// comes back) or withdraws the letter; members away six months are suggested a transfer. Only
// archive admins whose subtree holds the member's branch may act or see.

type OrgRow = { id: number; path: string; type: string; parentId: number | null; name: string };
type MemberViewer = Viewer & { memberId: string };

// 12:00 in Beijing on 2026-06-15: every date rule below is measured from this day.
const NOW = new Date('2026-06-15T04:00:00Z');
const TODAY = '2026-06-15';
const IP = '198.51.100.9';
/** Noon in Beijing on `day`. */
const noonOn = (day: string) => new Date(`${day}T04:00:00Z`);

const RECEIVING = '中共深圳市南山区粤海街道工作委员会';

const ERR = {
  invalid: '填写的内容有误，请按提示修改后重新提交。',
  forbidden: '您没有权限进行此操作。',
  outOfScope: '该党员不在您的管理范围内。',
  letterNumber: '请填写介绍信编号（40 字以内）。',
  issuedOn: '请填写开具日期。',
  issuedOnFuture: '开具日期不能晚于今天。',
  issuedOnTooEarly: '开具日期不能早于 90 天前。',
  validUntil: '请填写有效期。',
  validUntilRange: '有效期须在开具日期之后、90 天以内。',
  receivingOrgName: '请填写接收党组织名称（2 到 100 字）。',
  note: '备注请在 500 字以内。',
  receiptOn: '请填写回执日期。',
  receiptOnFuture: '回执日期不能晚于今天。',
  receiptBeforeLetter: '回执日期不能早于介绍信开具日期。',
  cancelReason: '请写明撤销原因（2 到 500 字）。',
  notManaged: '该党员当前的状态不能转出组织关系。',
  letterOut: '该党员已有一份介绍信在等待回执。',
  notFound: '没有找到这份介绍信。',
  notAwaiting: '这份介绍信已回执或已撤销。',
};
const OK = {
  recorded: '已登记转出，等待回执。',
  received: '已登记回执，组织关系转出完成。',
  cancelled: '介绍信已撤销。',
};

let db: Database;
let store: LocalDiskStore;
let allOrgs: OrgRow[];
let root: OrgRow;
let branch: OrgRow;
let committee: OrgRow;
let issuer: OrgRow;
let siblingBranch: OrgRow;
let otherCommittee: OrgRow;
let otherCommitteeBranch: OrgRow;
let host: OrgRow;

const ctx = (viewer: Viewer | null, now: Date = NOW) => ({ viewer, ip: IP, now });
const within = (org: OrgRow, top: OrgRow) => org.path === top.path || org.path.startsWith(`${top.path}.`);

/** The 介绍信 as the admin types it in: issued a few days before NOW, valid a month. */
const letter = (overrides: Record<string, unknown> = {}) => ({
  letterNumber: '南组转字〔2026〕第018号',
  issuedOn: '2026-06-10',
  validUntil: '2026-07-10',
  receivingOrgName: RECEIVING,
  note: '',
  ...overrides,
});

/** A one-block JPEG, enough for the upload checks (signature, metadata stripping). */
const photo = () => ({
  name: '证件照.jpg',
  bytes: bytes(
    JPEG_SOI,
    jpegSegment(0xe0, 'JFIF\0', [1, 2, 1, 0, 72, 0, 72, 0, 0]),
    jpegSegment(0xdb, [0x00], Array.from({ length: 64 }, (_, i) => i + 1)),
    jpegSegment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]),
    jpegSegment(0xc4, [0x00, 1, ...new Array(15).fill(0), 0x00]),
    jpegSegment(0xda, [1, 1, 0x00, 0, 63, 0]),
    [0x12, 0xff, 0x00, 0x34, 0xa5, 0xff, 0xd0, 0x56, 0x78, 0xff, 0x00, 0x9a],
    JPEG_EOI,
  ),
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
 * A seeded member of `org` given an account, reset to 在册 at home: each test starts from a member
 * no other test has used.
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

/** A member the branch has recorded away (流出中) since `leavesOn`, to 深圳南山. */
async function awayMember(leavesOn: string, org: OrgRow = branch): Promise<MemberViewer> {
  const member = await memberViewer(org);
  const plan = { region: '广东省深圳市南山区', place: '科技园某软件公司', reason: 'work', leavesOn, expectedMonths: '12' };
  dataOf(await openOutflowForMember(db, ctx(await adminViewer(org)), { memberId: member.memberId, ...plan }), 'episodeId');
  return member;
}

async function recordOk(admin: Viewer, memberId: string, overrides: Record<string, unknown> = {}, now: Date = NOW): Promise<string> {
  return dataOf(await recordTransferOut(db, ctx(admin, now), { memberId, ...letter(overrides) }), 'transferId');
}

async function issueOk(memberId: string, terms: { issuedOn: string; validUntil: string; extensionReason?: string }): Promise<string> {
  const state = await issueCertificate(db, { ...ctx(await adminViewer(issuer)), store }, { memberId, ...terms, photo: photo() });
  return dataOf(state, 'certificateId');
}

const transferRow = async (id: string) => (await db.select().from(membershipTransfers).where(eq(membershipTransfers.id, id)))[0];
const transfersOf = (memberId: string) => db.select().from(membershipTransfers).where(eq(membershipTransfers.memberId, memberId)).orderBy(asc(membershipTransfers.createdAt));
const episodesOf = (memberId: string) => db.select().from(outflowEpisodes).where(eq(outflowEpisodes.memberId, memberId)).orderBy(asc(outflowEpisodes.startedOn));
const certificatesOf = (memberId: string) => db.select().from(activityCertificates).where(eq(activityCertificates.memberId, memberId)).orderBy(asc(activityCertificates.createdAt));
const memberRow = async (memberId: string) => (await db.select().from(members).where(eq(members.id, memberId)))[0];
/** What the member reads in 消息, newest first. */
const notificationsOf = async (memberId: string) => (await listNotifications(db, { memberId })).items.map(({ title, body, link, read }) => ({ title, body, link, read }));

/** Everything a refused or invalid act must leave as it was. */
async function snapshot(memberId: string) {
  return {
    member: await memberRow(memberId),
    transfers: await transfersOf(memberId),
    episodes: await episodesOf(memberId),
    certificates: await certificatesOf(memberId),
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

/** A whole tab as the admin pages through it with 更多, each page from the cursor of the last row. */
async function wholeTab(viewer: Viewer, tab: TransferTab, now: Date = NOW): Promise<TransferRow[]> {
  const rows: TransferRow[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await listTransfers(db, { viewer, tab, before, now });
    rows.push(...page);
    if (page.length < TRANSFER_PAGE_SIZE) return rows;
    before = cursorOf(tab, page[page.length - 1]);
  }
}
/** Which of these letters (by transfer id) the tab shows, in its order. */
const lettersIn = async (viewer: Viewer, tab: TransferTab, ids: string[], now: Date = NOW) =>
  (await wholeTab(viewer, tab, now)).map((row) => row.transfer?.id).filter((id): id is string => id !== undefined && ids.includes(id));
/** Which of these members the suggested tab shows, in its order. */
const suggestedIn = async (viewer: Viewer, memberIds: string[], now: Date = NOW) =>
  (await wholeTab(viewer, 'suggested', now)).map((row) => row.memberId).filter((id) => memberIds.includes(id));

beforeAll(async () => {
  db = getDb();
  store = new LocalDiskStore(fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-transfers-')));
  await seedDemoCounty(db, { memberCount: 600 });
  allOrgs = (await db.select({ id: orgs.id, path: orgs.path, type: orgs.type, parentId: orgs.parentId, name: orgs.name }).from(orgs)).map((org) => ({ ...org, path: String(org.path) }));
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
  // The 党委 that issues the branch's 活动证 (setup only: certificates are tested elsewhere).
  const nearest = await nearestCommitteeOf(db, branch.path);
  issuer = allOrgs.find((org) => org.id === nearest!.id)!;
  expect(within(branch, committee)).toBe(true);
  expect(within(siblingBranch, branch)).toBe(false);
  expect(within(branch, otherCommittee)).toBe(false);
  expect(within(otherCommitteeBranch, committee)).toBe(false);
  expect(within(branch, issuer)).toBe(true);
}, 120_000);

describe('疑似口袋党员', () => {
  it('shows a letter without a 回执 past its validity as a possible 口袋党员, and the 回执 takes it off', async () => {
    const member = await memberViewer();
    const admin = await adminViewer(branch);
    const committeeAdmin = await adminViewer(committee);
    // The moments the list is read at: while valid, its last valid day (noon, then 00:30 the next
    // day in Beijing — still the 28th in UTC), and NOW.
    const moments = [noonOn('2026-05-20'), noonOn('2026-05-28'), new Date('2026-05-28T16:30:00Z'), NOW];
    const countsBefore = await Promise.all(moments.map((now) => countTransfers(db, committeeAdmin, now)));

    // Recorded on 2026-04-30, issued two days earlier, valid a month.
    const id = await recordOk(admin, member.memberId, { issuedOn: '2026-04-28', validUntil: '2026-05-28' }, noonOn('2026-04-30'));
    const countsAfter = await Promise.all(moments.map((now) => countTransfers(db, committeeAdmin, now)));
    const delta = countsAfter.map((after, i) => ({ awaiting: after.awaiting - countsBefore[i].awaiting, pocket: after.pocket - countsBefore[i].pocket }));
    expect(delta).toEqual([
      { awaiting: 1, pocket: 0 },
      { awaiting: 1, pocket: 0 },
      { awaiting: 1, pocket: 1 },
      { awaiting: 1, pocket: 1 },
    ]);

    // While the letter is valid it only waits for its receipt.
    for (const now of moments.slice(0, 2)) {
      expect(await lettersIn(committeeAdmin, 'awaiting', [id], now), now.toISOString()).toEqual([id]);
      expect(await lettersIn(committeeAdmin, 'pocket', [id], now), now.toISOString()).toEqual([]);
    }
    // From the day after its validity (in Beijing), it is a possible 口袋党员, and still awaiting.
    for (const now of moments.slice(2)) {
      expect(await lettersIn(committeeAdmin, 'pocket', [id], now), now.toISOString()).toEqual([id]);
      expect(await lettersIn(committeeAdmin, 'awaiting', [id], now), now.toISOString()).toEqual([id]);
    }
    const [row] = (await wholeTab(admin, 'pocket')).filter((r) => r.transfer?.id === id);
    expect(row).toEqual({
      memberId: member.memberId,
      memberName: member.displayName,
      branchName: branch.name,
      away: null,
      transfer: { id, letterNumber: '南组转字〔2026〕第018号', issuedOn: '2026-04-28', validUntil: '2026-05-28', receivingOrgName: RECEIVING, status: 'awaiting_receipt', receiptOn: null, note: null },
    });
    // The county sees it too.
    expect(await lettersIn(await adminViewer(root), 'pocket', [id])).toEqual([id]);

    // A late receipt is still a receipt: it leaves both lists and the counts fall back.
    expect(await logTransferReceipt(db, ctx(admin), { transferId: id, receiptOn: '2026-06-10' })).toEqual({ status: 'success', message: OK.received });
    expect(await lettersIn(committeeAdmin, 'pocket', [id])).toEqual([]);
    expect(await lettersIn(committeeAdmin, 'awaiting', [id])).toEqual([]);
    expect(await countTransfers(db, committeeAdmin, NOW)).toEqual(countsBefore[3]);
    const [done] = (await wholeTab(committeeAdmin, 'done')).filter((r) => r.transfer?.id === id);
    expect(done.transfer).toMatchObject({ status: 'received', receiptOn: '2026-06-10' });
  });
});

describe('recording a 介绍信', () => {
  it('records the letter and audits it; the member stays in the branch’s archive as before; a second letter is refused', async () => {
    const member = await memberViewer();
    const admin = await adminViewer(branch);
    const memberBefore = await memberRow(member.memberId);
    const countsBefore = await tally(branch.id);
    const auditBefore = await lastAuditId();

    const state = await recordTransferOut(db, ctx(admin), { memberId: member.memberId, ...letter({ letterNumber: ' 南组转字〔2026〕第020号 ', receivingOrgName: ` ${RECEIVING} `, note: ' 随子女到深圳定居 ' }) });
    expect(state).toMatchObject({ status: 'success', message: OK.recorded });
    const id = dataOf(state, 'transferId');

    expect(await transfersOf(member.memberId)).toEqual([
      expect.objectContaining({
        id,
        letterNumber: '南组转字〔2026〕第020号',
        issuedOn: '2026-06-10',
        validUntil: '2026-07-10',
        receivingOrgName: RECEIVING,
        status: 'awaiting_receipt',
        receiptOn: null,
        note: '随子女到深圳定居',
        issuedBy: admin.userId,
        closedBy: null,
      }),
    ]);
    expect(await listMemberTransfers(db, member.memberId)).toEqual([expect.objectContaining({ id, status: 'awaiting_receipt', note: '随子女到深圳定居' })]);

    // Until the receipt, the sending branch stays responsible: same branch, same status, same counts.
    const after = await memberRow(member.memberId);
    expect({ orgId: after.orgId, status: after.status }).toEqual({ orgId: memberBefore.orgId, status: 'registered' });
    expect(await tally(branch.id)).toEqual(countsBefore);

    const audit = await auditAfter(auditBefore);
    expect(audit.map((row) => [row.action, row.entity_id])).toEqual([['transfer.out', member.memberId]]);
    expect(audit[0].detail).toMatchObject({ transferId: id, letterNumber: '南组转字〔2026〕第020号', issuedOn: '2026-06-10', validUntil: '2026-07-10', receivingOrgName: RECEIVING });

    // One letter out at a time, whoever records the second.
    const out = await snapshot(member.memberId);
    const auditMid = await lastAuditId();
    for (const viewer of [admin, await adminViewer(committee)]) {
      expect(await recordTransferOut(db, ctx(viewer), { memberId: member.memberId, ...letter({ letterNumber: '南组转字〔2026〕第021号' }) })).toEqual({ status: 'failed', message: ERR.letterOut });
    }
    expect(await snapshot(member.memberId)).toEqual(out);
    expect(await auditAfter(auditMid)).toEqual([]);
  });

  it('records a letter for a member who is away, keeping the journey open', async () => {
    const member = await awayMember('2026-03-01');
    const id = await recordOk(await adminViewer(branch), member.memberId);
    expect((await transferRow(id)).status).toBe('awaiting_receipt');
    expect((await memberRow(member.memberId)).status).toBe('outflow');
    expect(await episodesOf(member.memberId)).toEqual([expect.objectContaining({ startedOn: '2026-03-01', endedOn: null })]);
  });

  it('refuses bad input field by field in Chinese, and writes nothing', async () => {
    const member = await memberViewer();
    const admin = await adminViewer(branch);
    const before = await snapshot(member.memberId);
    const auditBefore = await lastAuditId();
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ letterNumber: '' }, { letterNumber: [ERR.letterNumber] }],
      [{ letterNumber: '   ' }, { letterNumber: [ERR.letterNumber] }],
      [{ letterNumber: '号'.repeat(41) }, { letterNumber: [ERR.letterNumber] }],
      [{ issuedOn: '' }, { issuedOn: [ERR.issuedOn] }],
      [{ issuedOn: '2026-02-30' }, { issuedOn: [ERR.issuedOn] }],
      [{ issuedOn: '2026/06/10' }, { issuedOn: [ERR.issuedOn] }],
      // Not after today (the Beijing day of NOW), and at most 90 days back.
      [{ issuedOn: '2026-06-16', validUntil: '2026-07-16' }, { issuedOn: [ERR.issuedOnFuture] }],
      [{ issuedOn: '2026-03-16', validUntil: '2026-04-16' }, { issuedOn: [ERR.issuedOnTooEarly] }],
      [{ validUntil: '' }, { validUntil: [ERR.validUntil] }],
      [{ validUntil: '2026-06-31' }, { validUntil: [ERR.validUntil] }],
      // Before the letter, or more than 90 days after it (2026-06-10 + 90 = 2026-09-08).
      [{ validUntil: '2026-06-09' }, { validUntil: [ERR.validUntilRange] }],
      [{ validUntil: '2026-09-09' }, { validUntil: [ERR.validUntilRange] }],
      [{ validUntil: '2027-06-10' }, { validUntil: [ERR.validUntilRange] }],
      [{ receivingOrgName: '' }, { receivingOrgName: [ERR.receivingOrgName] }],
      [{ receivingOrgName: '南' }, { receivingOrgName: [ERR.receivingOrgName] }],
      [{ receivingOrgName: ' 南 ' }, { receivingOrgName: [ERR.receivingOrgName] }],
      [{ receivingOrgName: '委'.repeat(101) }, { receivingOrgName: [ERR.receivingOrgName] }],
      [{ note: '备'.repeat(501) }, { note: [ERR.note] }],
      [
        { letterNumber: '', issuedOn: '2026-06-20', validUntil: '2026-06-01', receivingOrgName: 'X' },
        { letterNumber: [ERR.letterNumber], issuedOn: [ERR.issuedOnFuture], receivingOrgName: [ERR.receivingOrgName] },
      ],
    ];
    for (const [overrides, fieldErrors] of cases) {
      expect(await recordTransferOut(db, ctx(admin), { memberId: member.memberId, ...letter(overrides) }), JSON.stringify(overrides)).toEqual({ status: 'invalid', message: ERR.invalid, fieldErrors });
    }
    // Fields that are missing or not text are missing, not a crash.
    expect(await recordTransferOut(db, ctx(admin), { memberId: member.memberId, issuedOn: 20260610, validUntil: null })).toEqual({
      status: 'invalid',
      message: ERR.invalid,
      fieldErrors: { letterNumber: [ERR.letterNumber], issuedOn: [ERR.issuedOn], validUntil: [ERR.validUntil], receivingOrgName: [ERR.receivingOrgName] },
    });
    expect(await snapshot(member.memberId)).toEqual(before);
    expect(await auditAfter(auditBefore)).toEqual([]);

    // The edges themselves are allowed: issued 90 days back, valid exactly 90 days, a 2-character name.
    const id = await recordOk(admin, member.memberId, { issuedOn: '2026-03-17', validUntil: '2026-06-15', receivingOrgName: '某委' });
    expect(await transferRow(id)).toMatchObject({ issuedOn: '2026-03-17', validUntil: '2026-06-15', receivingOrgName: '某委' });
  });

  it('refuses a member whose membership has left, or is suspended', async () => {
    const admin = await adminViewer(branch);
    for (const status of ['transferred_out', 'suspended'] as const) {
      const member = await memberViewer();
      await db.update(members).set({ status }).where(eq(members.id, member.memberId));
      const before = await snapshot(member.memberId);
      const auditBefore = await lastAuditId();
      expect(await recordTransferOut(db, ctx(admin), { memberId: member.memberId, ...letter() }), status).toEqual({ status: 'failed', message: ERR.notManaged });
      expect(await snapshot(member.memberId)).toEqual(before);
      expect(await auditAfter(auditBefore)).toEqual([]);
    }
  });
});

describe('logging the 回执', () => {
  it('completes the transfer: the member is 组织关系已转出, the journey ends, the 活动证 comes back, all on the receipt day', async () => {
    const member = await awayMember('2026-01-10');
    const admin = await adminViewer(branch);
    // Placed at a host in the deployment, holding a valid 活动证.
    const [episode] = await episodesOf(member.memberId);
    await db.update(outflowEpisodes).set({ hostOrgId: host.id }).where(eq(outflowEpisodes.id, episode.id));
    const [registration] = await db
      .insert(hostRegistrations)
      .values({ memberId: member.memberId, episodeId: episode.id, hostOrgId: host.id, reportedOn: '2026-01-20', status: 'accepted', placedOrgId: host.id, certificateChecked: true })
      .returning({ id: hostRegistrations.id });
    const certificateId = await issueOk(member.memberId, { issuedOn: '2026-06-01', validUntil: '2026-11-30' });
    expect((await memberRow(member.memberId)).hostOrgId).toBe(host.id);
    const id = await recordOk(admin, member.memberId, { issuedOn: '2026-06-05', validUntil: '2026-07-05' });

    // Bad receipt days change nothing.
    const before = await snapshot(member.memberId);
    const auditBefore = await lastAuditId();
    for (const [receiptOn, message] of [
      ['2026-06-04', ERR.receiptBeforeLetter],
      ['2026-06-16', ERR.receiptOnFuture],
      ['2026-6-12', ERR.receiptOn],
      ['2026-02-30', ERR.receiptOn],
      ['', ERR.receiptOn],
    ] as const) {
      expect(await logTransferReceipt(db, ctx(admin), { transferId: id, receiptOn }), receiptOn).toEqual({ status: 'invalid', message: ERR.invalid, fieldErrors: { receiptOn: [message] } });
    }
    expect(await snapshot(member.memberId)).toEqual(before);
    expect(await auditAfter(auditBefore)).toEqual([]);

    const countsBefore = await tally(branch.id);
    expect(countsBefore.counted).toEqual(countsBefore.actual);
    const inboxBefore = await notificationsOf(member.memberId);
    expect(await logTransferReceipt(db, ctx(admin), { transferId: id, receiptOn: '2026-06-12' })).toEqual({ status: 'success', message: OK.received });

    expect(await transferRow(id)).toMatchObject({ status: 'received', receiptOn: '2026-06-12', closedBy: admin.userId });
    // Off the host's list as well.
    expect(await memberRow(member.memberId)).toMatchObject({ status: 'transferred_out', hostOrgId: null, orgId: branch.id });
    expect(await episodesOf(member.memberId)).toEqual([expect.objectContaining({ id: episode.id, startedOn: '2026-01-10', endedOn: '2026-06-12' })]);
    expect(await certificatesOf(member.memberId)).toEqual([
      expect.objectContaining({ id: certificateId, status: 'returned', handedInOn: '2026-06-12', inspectedBy: admin.userId, inspectionNote: '组织关系转出，活动证收回。' }),
    ]);
    expect((await db.select({ status: hostRegistrations.status }).from(hostRegistrations).where(eq(hostRegistrations.id, registration.id)))[0].status).toBe('ended');

    const countsAfter = await tally(branch.id);
    expect(countsAfter.counted).toEqual(countsAfter.actual);
    expect(countsAfter.actual.outflow ?? 0).toBe((countsBefore.actual.outflow ?? 0) - 1);
    expect(countsAfter.actual.transferred_out ?? 0).toBe((countsBefore.actual.transferred_out ?? 0) + 1);

    const audit = await auditAfter(auditBefore);
    expect(audit.map((row) => [row.action, row.entity_id])).toEqual([['transfer.receipt', member.memberId]]);
    expect(audit[0].detail).toMatchObject({
      transferId: id,
      receiptOn: '2026-06-12',
      episodeEnded: episode.id,
      certificatesTakenBack: [certificateId],
      before: { status: 'outflow' },
      after: { status: 'transferred_out' },
    });

    const inbox = await notificationsOf(member.memberId);
    expect(inbox).toHaveLength(inboxBefore.length + 1);
    expect(inbox[0]).toEqual({ title: '组织关系转出已完成', body: expect.stringContaining(RECEIVING), link: '/flow', read: false });

    // Done: a second receipt or a withdrawal finds nothing to do, and no new letter can go out.
    const done = await snapshot(member.memberId);
    const auditMid = await lastAuditId();
    expect(await logTransferReceipt(db, ctx(admin), { transferId: id, receiptOn: '2026-06-13' })).toEqual({ status: 'failed', message: ERR.notAwaiting });
    expect(await cancelTransfer(db, ctx(admin), { transferId: id, reason: '填写有误' })).toEqual({ status: 'failed', message: ERR.notAwaiting });
    expect(await recordTransferOut(db, ctx(admin), { memberId: member.memberId, ...letter({ letterNumber: '南组转字〔2026〕第099号' }) })).toEqual({ status: 'failed', message: ERR.notManaged });
    expect(await snapshot(member.memberId)).toEqual(done);
    expect(await auditAfter(auditMid)).toEqual([]);
  });

  it('completes the transfer of a member at home, on the day the letter was issued', async () => {
    const member = await memberViewer();
    const admin = await adminViewer(committee);
    const id = await recordOk(await adminViewer(branch), member.memberId, { issuedOn: TODAY, validUntil: '2026-07-15' });
    const auditBefore = await lastAuditId();
    expect(await logTransferReceipt(db, ctx(admin), { transferId: id, receiptOn: TODAY })).toEqual({ status: 'success', message: OK.received });
    expect((await memberRow(member.memberId)).status).toBe('transferred_out');
    expect(await episodesOf(member.memberId)).toEqual([]);
    const audit = await auditAfter(auditBefore);
    expect(audit[0].detail).toMatchObject({ episodeEnded: null, certificatesTakenBack: [], before: { status: 'registered' }, after: { status: 'transferred_out' } });
    const counts = await tally(branch.id);
    expect(counts.counted).toEqual(counts.actual);
  });
});

describe('withdrawing a 介绍信', () => {
  it('needs a reason, then withdraws the letter keeping the reason, and a new letter may follow', async () => {
    const member = await memberViewer();
    const admin = await adminViewer(branch);
    const id = await recordOk(admin, member.memberId, { note: '原定6月转出' });

    const before = await snapshot(member.memberId);
    const auditBefore = await lastAuditId();
    for (const reason of ['', '   ', ' 错 ', '因'.repeat(501)]) {
      expect(await cancelTransfer(db, ctx(admin), { transferId: id, reason }), reason.slice(0, 5)).toEqual({ status: 'invalid', message: ERR.invalid, fieldErrors: { reason: [ERR.cancelReason] } });
    }
    expect(await snapshot(member.memberId)).toEqual(before);
    expect(await auditAfter(auditBefore)).toEqual([]);

    expect(await cancelTransfer(db, ctx(admin), { transferId: id, reason: ' 党员决定留在本地 ' })).toEqual({ status: 'success', message: OK.cancelled });
    expect(await transferRow(id)).toMatchObject({ status: 'cancelled', closedBy: admin.userId, receiptOn: null, note: '原定6月转出\n撤销原因：党员决定留在本地' });
    expect((await memberRow(member.memberId)).status).toBe('registered');
    const audit = await auditAfter(auditBefore);
    expect(audit.map((row) => [row.action, row.entity_id])).toEqual([['transfer.cancel', member.memberId]]);
    expect(audit[0].detail).toMatchObject({ transferId: id, reason: '党员决定留在本地' });
    const committeeAdmin = await adminViewer(committee);
    expect(await lettersIn(committeeAdmin, 'awaiting', [id])).toEqual([]);
    const [done] = (await wholeTab(committeeAdmin, 'done')).filter((row) => row.transfer?.id === id);
    expect(done.transfer).toMatchObject({ status: 'cancelled', note: '原定6月转出\n撤销原因：党员决定留在本地' });

    // Withdrawn is final.
    expect(await cancelTransfer(db, ctx(admin), { transferId: id, reason: '再次撤销' })).toEqual({ status: 'failed', message: ERR.notAwaiting });
    expect(await logTransferReceipt(db, ctx(admin), { transferId: id, receiptOn: TODAY })).toEqual({ status: 'failed', message: ERR.notAwaiting });

    // A new letter may go out, and a 2-character reason is enough to withdraw it.
    const next = await recordOk(admin, member.memberId, { letterNumber: '南组转字〔2026〕第030号', issuedOn: '2026-06-14' });
    expect((await listMemberTransfers(db, member.memberId)).map((row) => [row.id, row.status])).toEqual([
      [next, 'awaiting_receipt'],
      [id, 'cancelled'],
    ]);
    expect(await cancelTransfer(db, ctx(admin), { transferId: next, reason: '错开' })).toMatchObject({ status: 'success' });
    expect((await transferRow(next)).note).toBe('撤销原因：错开');
  });
});

describe('who may act', () => {
  it('refuses admins outside the branch, without the archive capability, host admins and members, changing nothing', async () => {
    const withLetter = await awayMember('2026-02-01');
    const id = await recordOk(await adminViewer(branch), withLetter.memberId);
    const atHome = await memberViewer();
    const watched = [withLetter.memberId, atHome.memberId];
    const before = await Promise.all(watched.map(snapshot));
    const auditBefore = await lastAuditId();

    const outOfScope = [await adminViewer(siblingBranch), await adminViewer(otherCommittee, ['archive', 'pii_reveal']), await adminViewer(otherCommitteeBranch)];
    const noCapability = [await adminViewer(branch, ['org_life', 'dues', 'pii_reveal']), await adminViewer(root, ['content', 'accounts']), await adminViewer(host, ['archive', 'org_life'], 'host_admin')];
    const callers = [await memberViewer(), withLetter, null];

    for (const viewer of [...outOfScope, ...noCapability, ...callers]) {
      const label = `${viewer?.tier ?? 'anonymous'} at ${viewer?.orgId}`;
      const record = await recordTransferOut(db, ctx(viewer), { memberId: atHome.memberId, ...letter() });
      const receipt = await logTransferReceipt(db, ctx(viewer), { transferId: id, receiptOn: TODAY });
      const cancel = await cancelTransfer(db, ctx(viewer), { transferId: id, reason: '党员决定留在本地' });
      if (outOfScope.includes(viewer as Viewer)) {
        // An archive admin, but not of this member: told the member or letter is out of reach.
        expect(record, label).toEqual({ status: 'forbidden', message: ERR.outOfScope });
        expect(receipt, label).toEqual({ status: 'forbidden', message: ERR.notFound });
        expect(cancel, label).toEqual({ status: 'forbidden', message: ERR.notFound });
      } else {
        for (const result of [record, receipt, cancel]) expect(result, label).toEqual({ status: 'forbidden', message: ERR.forbidden });
      }
    }

    expect(await Promise.all(watched.map(snapshot))).toEqual(before);
    expect(await auditAfter(auditBefore)).toEqual([]);
  });

  it('refuses an unknown letter and an unknown member as out of reach', async () => {
    const admin = await adminViewer(root);
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect(await recordTransferOut(db, ctx(admin), { memberId: nobody, ...letter() })).toEqual({ status: 'forbidden', message: ERR.outOfScope });
    expect(await logTransferReceipt(db, ctx(admin), { transferId: nobody, receiptOn: TODAY })).toEqual({ status: 'forbidden', message: ERR.notFound });
    expect(await cancelTransfer(db, ctx(admin), { transferId: nobody, reason: '填写有误' })).toEqual({ status: 'forbidden', message: ERR.notFound });
  });

  it('lists and counts letters of the admin’s subtree only', async () => {
    const inBranch = await memberViewer();
    const elsewhere = await memberViewer(otherCommitteeBranch);
    const admins = {
      branch: await adminViewer(branch),
      sibling: await adminViewer(siblingBranch),
      committee: await adminViewer(committee),
      other: await adminViewer(otherCommittee),
      county: await adminViewer(root),
      noArchive: await adminViewer(committee, ['org_life', 'pii_reveal']),
      host: await adminViewer(host, ['archive'], 'host_admin'),
    };
    const countsBefore = Object.fromEntries(await Promise.all(Object.entries(admins).map(async ([key, viewer]) => [key, await countTransfers(db, viewer, NOW)] as const)));

    // Both past validity at NOW: awaiting and 疑似口袋党员.
    const mine = await recordOk(admins.branch, inBranch.memberId, { issuedOn: '2026-04-20', validUntil: '2026-05-20' }, noonOn('2026-04-25'));
    const theirs = await recordOk(await adminViewer(otherCommitteeBranch), elsewhere.memberId, { issuedOn: '2026-04-20', validUntil: '2026-05-20' }, noonOn('2026-04-25'));
    const ids = [mine, theirs];

    const seen: Record<string, { awaiting: string[]; pocket: string[]; counted: { awaiting: number; pocket: number } }> = {};
    for (const [key, viewer] of Object.entries(admins)) {
      const counts = await countTransfers(db, viewer, NOW);
      seen[key] = {
        awaiting: await lettersIn(viewer, 'awaiting', ids),
        pocket: await lettersIn(viewer, 'pocket', ids),
        counted: { awaiting: counts.awaiting - countsBefore[key].awaiting, pocket: counts.pocket - countsBefore[key].pocket },
      };
    }
    const both = [mine, theirs].sort(); // same validity: ordered by id
    expect(seen).toEqual({
      branch: { awaiting: [mine], pocket: [mine], counted: { awaiting: 1, pocket: 1 } },
      sibling: { awaiting: [], pocket: [], counted: { awaiting: 0, pocket: 0 } },
      committee: { awaiting: [mine], pocket: [mine], counted: { awaiting: 1, pocket: 1 } },
      other: { awaiting: [theirs], pocket: [theirs], counted: { awaiting: 1, pocket: 1 } },
      county: { awaiting: both, pocket: both, counted: { awaiting: 2, pocket: 2 } },
      noArchive: { awaiting: [], pocket: [], counted: { awaiting: 0, pocket: 0 } },
      host: { awaiting: [], pocket: [], counted: { awaiting: 0, pocket: 0 } },
    });
    expect(await countTransfers(db, admins.noArchive, NOW)).toEqual({ awaiting: 0, pocket: 0, suggested: 0 });
    expect(await listTransfers(db, { viewer: admins.host, tab: 'suggested', now: NOW })).toEqual([]);
  });
});

describe('suggested transfers', () => {
  it('suggests a member away six months or more — not one away less, nor one whose letter is out', async () => {
    const committeeAdmin = await adminViewer(committee);
    const countBefore = (await countTransfers(db, committeeAdmin, NOW)).suggested;
    // Six months before 2026-06-15 is 2025-12-15.
    const longAgo = await awayMember('2025-09-01');
    const sixMonths = await awayMember('2025-12-15');
    const lessThanSix = await awayMember('2025-12-16');
    const elsewhere = await awayMember('2025-09-01', otherCommitteeBranch);
    const watched = [longAgo.memberId, sixMonths.memberId, lessThanSix.memberId, elsewhere.memberId];

    expect(await suggestedIn(committeeAdmin, watched)).toEqual([longAgo.memberId, sixMonths.memberId]);
    expect((await countTransfers(db, committeeAdmin, NOW)).suggested).toBe(countBefore + 2);
    const [row] = (await wholeTab(committeeAdmin, 'suggested')).filter((r) => r.memberId === sixMonths.memberId);
    expect(row).toEqual({ memberId: sixMonths.memberId, memberName: sixMonths.displayName, branchName: branch.name, transfer: null, away: { startedOn: '2025-12-15', place: expect.stringContaining('科技园某软件公司') } });
    expect(row.away!.place).toContain('南山区');
    // A day later the one away since the 16th has been away six months too.
    expect(await suggestedIn(committeeAdmin, watched, noonOn('2026-06-16'))).toEqual([longAgo.memberId, sixMonths.memberId, lessThanSix.memberId]);
    // Another committee's member is that committee's to suggest.
    expect(await suggestedIn(await adminViewer(otherCommittee), watched)).toEqual([elsewhere.memberId]);

    // A letter out: no longer suggested. Withdrawn: suggested again.
    const admin = await adminViewer(branch);
    const id = await recordOk(admin, sixMonths.memberId);
    expect(await suggestedIn(committeeAdmin, watched)).toEqual([longAgo.memberId]);
    expect((await countTransfers(db, committeeAdmin, NOW)).suggested).toBe(countBefore + 1);
    expect(await cancelTransfer(db, ctx(admin), { transferId: id, reason: '党员决定年底返乡' })).toMatchObject({ status: 'success' });
    expect(await suggestedIn(committeeAdmin, watched)).toEqual([longAgo.memberId, sixMonths.memberId]);

    // Transferred: gone for good.
    const done = await recordOk(admin, longAgo.memberId);
    expect(await logTransferReceipt(db, ctx(admin), { transferId: done, receiptOn: TODAY })).toMatchObject({ status: 'success' });
    expect(await suggestedIn(committeeAdmin, watched)).toEqual([sixMonths.memberId]);
    expect((await countTransfers(db, committeeAdmin, NOW)).suggested).toBe(countBefore + 1);
  });

  it('does not suggest a member whose 活动证 was extended because the membership cannot move', async () => {
    const committeeAdmin = await adminViewer(committee);
    const extended = await awayMember('2025-11-01');
    const standard = await awayMember('2025-11-02');
    const watched = [extended.memberId, standard.memberId];
    expect(await suggestedIn(committeeAdmin, watched)).toEqual(watched);
    const countBefore = (await countTransfers(db, committeeAdmin, NOW)).suggested;

    await issueOk(extended.memberId, { issuedOn: TODAY, validUntil: '2027-06-14', extensionReason: '在外流动务工，无固定工作单位，组织关系暂无法转接' });
    await issueOk(standard.memberId, { issuedOn: TODAY, validUntil: '2026-12-14' });
    expect((await certificatesOf(extended.memberId))[0].extensionReason).not.toBeNull();
    expect((await certificatesOf(standard.memberId))[0].extensionReason).toBeNull();

    expect(await suggestedIn(committeeAdmin, watched)).toEqual([standard.memberId]);
    expect((await countTransfers(db, committeeAdmin, NOW)).suggested).toBe(countBefore - 1);
  });
});

describe('paging with 更多', () => {
  it('continues each list from the cursor of a row exactly where it left off', async () => {
    const admin = await adminViewer(branch);
    const committeeAdmin = await adminViewer(committee);
    // Four letters; two share a validity (and an issue day), so the id breaks the tie.
    const specs = [
      { issuedOn: '2026-06-01', validUntil: '2026-07-20' },
      { issuedOn: '2026-06-02', validUntil: '2026-07-05' },
      { issuedOn: '2026-06-03', validUntil: '2026-07-12' },
      { issuedOn: '2026-06-03', validUntil: '2026-07-12' },
    ];
    const ids: string[] = [];
    for (const [i, spec] of specs.entries()) ids.push(await recordOk(admin, (await memberViewer()).memberId, { ...spec, letterNumber: `南组转字〔2026〕第${40 + i}号` }));
    const tied = [ids[2], ids[3]].sort();

    // 待回执: soonest validity first, then id.
    const awaiting = await wholeTab(committeeAdmin, 'awaiting');
    expect(awaiting.map((row) => row.transfer!.id).filter((id) => ids.includes(id))).toEqual([ids[1], ...tied, ids[0]]);
    for (const id of [ids[1], tied[0], tied[1]]) {
      const at = awaiting.findIndex((row) => row.transfer!.id === id);
      const next = await listTransfers(db, { viewer: committeeAdmin, tab: 'awaiting', before: cursorOf('awaiting', awaiting[at]), now: NOW });
      expect(next.map((row) => row.transfer!.id), id).toEqual(awaiting.slice(at + 1, at + 1 + TRANSFER_PAGE_SIZE).map((row) => row.transfer!.id));
    }
    const countsNow = await countTransfers(db, committeeAdmin, NOW);
    expect(awaiting).toHaveLength(countsNow.awaiting);
    expect(await wholeTab(committeeAdmin, 'pocket')).toHaveLength(countsNow.pocket);

    // 已完成: newest issue day first, then id descending.
    for (const id of ids) expect(await cancelTransfer(db, ctx(admin), { transferId: id, reason: '测试翻页后撤销' })).toMatchObject({ status: 'success' });
    const done = await wholeTab(committeeAdmin, 'done');
    const tiedDesc = [...tied].reverse();
    expect(done.map((row) => row.transfer!.id).filter((id) => ids.includes(id))).toEqual([...tiedDesc, ids[1], ids[0]]);
    for (const id of [tiedDesc[0], tiedDesc[1], ids[1]]) {
      const at = done.findIndex((row) => row.transfer!.id === id);
      const next = await listTransfers(db, { viewer: committeeAdmin, tab: 'done', before: cursorOf('done', done[at]), now: NOW });
      expect(next.map((row) => row.transfer!.id), id).toEqual(done.slice(at + 1, at + 1 + TRANSFER_PAGE_SIZE).map((row) => row.transfer!.id));
    }
  });

  it('pages through the suggested list without losing or repeating a member', async () => {
    const county = await adminViewer(root);
    const all = await wholeTab(county, 'suggested');
    expect(all.length).toBe((await countTransfers(db, county, NOW)).suggested);
    expect(new Set(all.map((row) => row.memberId)).size).toBe(all.length);
    const keys = all.map((row) => `${row.away!.startedOn}_${row.memberId}`);
    expect(keys).toEqual([...keys].sort());
    if (all.length > 1) {
      const next = await listTransfers(db, { viewer: county, tab: 'suggested', before: cursorOf('suggested', all[0]), now: NOW });
      expect(next.map((row) => row.memberId)).toEqual(all.slice(1, 1 + TRANSFER_PAGE_SIZE).map((row) => row.memberId));
    }
    // A cursor that is not one of ours shows the first page rather than failing.
    const first = await listTransfers(db, { viewer: county, tab: 'suggested', now: NOW });
    expect(await listTransfers(db, { viewer: county, tab: 'suggested', before: "2026-01-01_x' OR 1=1", now: NOW })).toEqual(first);
  });
});

describe('simultaneous letters', () => {
  const onPglite = connection().engine === 'pglite';

  it.skipIf(onPglite)('records one letter when two admins record one for the same member at once — PostgreSQL only: PGlite is a single connection', async () => {
    const member = await memberViewer();
    const second = openPostgres(process.env.DATABASE_URL!, { max: 1 });
    try {
      const results = await Promise.all([
        recordTransferOut(db, ctx(await adminViewer(branch)), { memberId: member.memberId, ...letter({ letterNumber: '甲' }) }),
        recordTransferOut(second.db, ctx(await adminViewer(committee)), { memberId: member.memberId, ...letter({ letterNumber: '乙' }) }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['failed', 'success']);
      expect(results.find((result) => result.status === 'failed')).toEqual({ status: 'failed', message: ERR.letterOut });
    } finally {
      await second.close();
    }
    expect((await transfersOf(member.memberId)).map((row) => row.status)).toEqual(['awaiting_receipt']);
  });

  it.skipIf(onPglite)('settles a 回执 and a withdrawal of the same letter at once to one of them — PostgreSQL only', async () => {
    const member = await awayMember('2026-04-01');
    const id = await recordOk(await adminViewer(branch), member.memberId);
    const second = openPostgres(process.env.DATABASE_URL!, { max: 1 });
    try {
      const results = await Promise.all([
        logTransferReceipt(db, ctx(await adminViewer(branch)), { transferId: id, receiptOn: TODAY }),
        cancelTransfer(second.db, ctx(await adminViewer(committee)), { transferId: id, reason: '党员决定留在本地' }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['failed', 'success']);
      expect(results.find((result) => result.status === 'failed')).toEqual({ status: 'failed', message: ERR.notAwaiting });
    } finally {
      await second.close();
    }
    const row = await transferRow(id);
    const status = (await memberRow(member.memberId)).status;
    // Either the transfer completed (and the member left) or the letter was withdrawn (and they are still away).
    expect([row.status, status]).toEqual(row.status === 'received' ? ['received', 'transferred_out'] : ['cancelled', 'outflow']);
    const counts = await tally(branch.id);
    expect(counts.counted).toEqual(counts.actual);
  });
});

// The newest letter first on the member page, whatever the order of entry.
describe('the member page’s letters', () => {
  it('lists a member’s letters newest issue day first', async () => {
    const member = await memberViewer();
    const admin = await adminViewer(branch);
    const older = await recordOk(admin, member.memberId, { issuedOn: '2026-06-12', validUntil: '2026-07-12' });
    expect(await cancelTransfer(db, ctx(admin), { transferId: older, reason: '写错了接收单位' })).toMatchObject({ status: 'success' });
    // Entered after, dated before.
    const backdated = await recordOk(admin, member.memberId, { issuedOn: '2026-06-01', validUntil: '2026-07-01' });
    expect((await listMemberTransfers(db, member.memberId)).map((row) => row.id)).toEqual([older, backdated]);
    const rows = await db.select({ id: membershipTransfers.id }).from(membershipTransfers).where(eq(membershipTransfers.memberId, member.memberId)).orderBy(desc(membershipTransfers.createdAt));
    expect(rows.map((row) => row.id)).toEqual([backdated, older]);
  });
});
