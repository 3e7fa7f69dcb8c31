import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { changeRequestFields, changeRequests, files, members, orgs, skills, users } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { settleAuditWrites } from '@/lib/audit/audit';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { listOwnChangeRequests, listReviewQueue } from '@/lib/change-requests/queries';
import {
  approveChangeRequest,
  fileChangeRequest,
  rejectChangeRequest,
  revealOwnField,
  revealRequestValue,
  saveOwnDirectFields,
  uploadEvidence,
  withdrawChangeRequest,
  type FileRequestInput,
} from '@/lib/change-requests/workflow';
import { readMemberRecord, writeMemberFields } from '@/lib/members/record';
import { listNotifications } from '@/lib/notifications/queries';
import { LocalDiskStore } from '@/lib/storage/file-store';
import { getFileForViewer } from '@/lib/storage/queries';
import { bytes } from '../support/bytes';

// The change-request workflow on a real database (PGlite, and PostgreSQL when configured): a
// member asks, a reviewer in scope decides, and the record, the request and the audit trail move
// together or not at all.

type OrgRow = { id: number; path: string; type: string; parentId: number | null };

let db: Database;
let store: LocalDiskStore;
let allOrgs: OrgRow[];
let branch: OrgRow;
let committee: OrgRow;
let otherCommittee: OrgRow;
let siblingBranch: OrgRow;
let memberIds: string[];

const ctx = (viewer: Viewer | null) => ({ viewer, ip: '198.51.100.7' });
/** What the member reads in 消息: title and body, newest first. */
const notificationsOf = async (memberId: string) => (await listNotifications(db, { memberId })).items.map(({ title, body, link, read }) => ({ title, body, link, read }));
const pdf = (tag: string) => bytes(`%PDF-1.7\n% ${tag}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

async function adminViewer(org: OrgRow, capabilities: Capability[], tier: Tier = org.parentId === null ? 'county_admin' : 'org_admin'): Promise<Viewer> {
  const [user] = await db
    .insert(users)
    .values({ username: `t${Math.random().toString(36).slice(2, 12)}`, displayName: `测试管理员${org.id}`, tier, orgId: org.id, capabilities })
    .returning({ id: users.id });
  return { userId: user.id, tier, orgId: org.id, scopePath: org.path, capabilities };
}

/** A member of `org` with an account, taken from the seeded members not used yet. */
async function memberViewer(org: OrgRow = branch): Promise<Viewer> {
  const [row] = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .leftJoin(users, eq(users.memberId, members.id))
    .where(and(eq(members.orgId, org.id), sql`${users.id} IS NULL`))
    .orderBy(asc(members.name))
    .limit(1);
  if (!row) throw new Error(`no member left in org ${org.id}`);
  const [user] = await db.insert(users).values({ memberId: row.id, displayName: row.name, tier: 'member', orgId: org.id }).returning({ id: users.id });
  memberIds.push(row.id);
  return { userId: user.id, tier: 'member', orgId: org.id, scopePath: org.path, capabilities: [], memberId: row.id };
}

const request = (fields: Record<string, string>, extra: Partial<FileRequestInput> = {}): FileRequestInput => ({
  fields: Object.keys(fields),
  values: Object.fromEntries(Object.entries(fields).map(([field, value]) => [`new_${field}`, value])),
  reason: '2026年10月更换了工作',
  evidence: [],
  ...extra,
});

async function fileOk(viewer: Viewer, fields: Record<string, string>, extra: Partial<FileRequestInput> = {}): Promise<string> {
  const state = await fileChangeRequest(db, ctx(viewer), request(fields, extra));
  if (state.status !== 'success') throw new Error(`filing failed: ${JSON.stringify(state)}`);
  return state.data!.requestId;
}

async function memberRow(memberId: string) {
  const [row] = await db.select().from(members).where(eq(members.id, memberId));
  return row;
}

async function requestRow(id: string) {
  const [row] = await db.select().from(changeRequests).where(eq(changeRequests.id, id));
  return row;
}

async function auditAfter(id: number) {
  await settleAuditWrites();
  return queryRows<{ action: string; outcome: string; entity_id: string | null; detail: Record<string, unknown> }>(
    db,
    sql`SELECT action, outcome::text AS outcome, entity_id, detail FROM audit_log WHERE id > ${id} ORDER BY id`,
  );
}

async function lastAuditId(): Promise<number> {
  await settleAuditWrites();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`);
  return id;
}

beforeAll(async () => {
  db = getDb();
  memberIds = [];
  store = new LocalDiskStore(fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-cr-store-')));
  await seedDemoCounty(db, { memberCount: 300 });
  allOrgs = (await db.select({ id: orgs.id, path: orgs.path, type: orgs.type, parentId: orgs.parentId }).from(orgs)).map((org) => ({ ...org, path: String(org.path) }));
  const [branchAdmin] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, 'branch'));
  branch = allOrgs.find((org) => org.id === branchAdmin.orgId)!;
  const [committeeAdmin] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, 'committee'));
  committee = allOrgs.find((org) => org.id === committeeAdmin.orgId)!;
  const within = (org: OrgRow, top: OrgRow) => org.path === top.path || org.path.startsWith(`${top.path}.`);
  const root = allOrgs.find((org) => org.parentId === null)!;
  otherCommittee = allOrgs.find((org) => org.parentId === root.id && org.id !== committee.id && org.type !== 'host')!;
  siblingBranch = allOrgs.find((org) => org.type === 'branch' && org.id !== branch.id && within(org, committee))!;
  expect(within(branch, committee)).toBe(true);
  expect(within(branch, otherCommittee)).toBe(false);
  await db.insert(skills).values([
    { name: '电工', category: '建筑' },
    { name: '焊工', category: '制造' },
    { name: '驾驶', category: '交通' },
    { name: '缝纫', category: '服务', active: false },
  ])
    // The demo seed keeps a dictionary too: these four are set to exactly this state.
    .onConflictDoUpdate({ target: skills.name, set: { category: sql`excluded.category`, active: sql`excluded.active` } });
}, 120_000);

describe('filing a request', () => {
  it('captures old → new from the record, seals income, links evidence and audits the filing', async () => {
    const member = await memberViewer();
    await writeMemberFields(db, member.memberId!, { workUnit: '深圳某电子厂', monthlyIncome: 520000 });
    const upload = await uploadEvidence(db, ctx(member), { bytes: pdf('contract'), name: '劳动合同.pdf' }, store);
    expect(upload).toMatchObject({ ok: true, name: '劳动合同.pdf' });
    const before = await lastAuditId();
    const id = await fileOk(member, { workUnit: ' 东莞某物流公司 ', monthlyIncome: '6100.50', education: String((await readMemberRecord(db, member.memberId!))!.values.education ?? '') }, {
      evidence: [upload.ok ? upload.id : ''],
    });

    const fields = await db.select().from(changeRequestFields).where(eq(changeRequestFields.requestId, id)).orderBy(asc(changeRequestFields.field));
    // education was sent unchanged: not a change.
    expect(fields.map((field) => field.field)).toEqual(['monthlyIncome', 'workUnit']);
    expect(fields[1]).toMatchObject({ oldValue: '深圳某电子厂', newValue: '东莞某物流公司', pending: true });
    for (const value of [fields[0].oldValue, fields[0].newValue]) {
      expect(value).toMatch(/^sealed:v1:/);
      expect(value).not.toMatch(/520000|610050|5200|6100/);
    }
    expect((await requestRow(id)).evidenceFileIds).toEqual([upload.ok && upload.id]);

    const own = await listOwnChangeRequests(db, { viewer: member });
    expect(own[0]).toMatchObject({ id, status: 'pending', reason: '2026年10月更换了工作', evidence: [{ name: '劳动合同.pdf' }] });
    expect(own[0].fields.find((field) => field.field === 'monthlyIncome')).toMatchObject({ oldText: '（已隐藏）', newText: '（已隐藏）', sensitive: true, revealable: true });
    const revealed = await revealRequestValue(db, ctx(member), { requestId: id, field: 'monthlyIncome', side: 'new' });
    expect(revealed).toMatchObject({ status: 'success', data: { value: '6100.50' } });

    const audit = await auditAfter(before);
    expect(audit.map((row) => row.action)).toEqual(['change_request.file', 'change_request.reveal']);
    expect(audit[0]).toMatchObject({ outcome: 'success', entity_id: member.memberId, detail: { requestId: id, requested: { workUnit: '东莞某物流公司', monthlyIncome: '[redacted]' }, evidenceFiles: 1 } });
    expect(JSON.stringify(audit)).not.toMatch(/610050|6100\.5/);
  });

  it('refuses direct-edit and admin-only fields, bad values and a missing reason, and writes nothing', async () => {
    const member = await memberViewer();
    const count = async () => (await db.select({ id: changeRequests.id }).from(changeRequests).where(eq(changeRequests.memberId, member.memberId!))).length;
    for (const [fields, extra, expected] of [
      [{ phone: '13800000001' }, {}, { fields: ['“手机号”不能通过修改申请更改。'] }],
      [{ status: 'returned' }, {}, { fields: ['“状态”不能通过修改申请更改。'] }],
      [{ idNumber: '34052419800101001X' }, {}, { fields: ['“身份证号”不能通过修改申请更改。'] }],
      [{ joinedPartyOn: '2099-01-01' }, {}, { new_joinedPartyOn: ['日期不能晚于今天。'] }],
      [{ workUnit: '新单位' }, { reason: ' ' }, { reason: ['请填写修改理由（2至500个字）。'] }],
      [{ workUnit: '新单位' }, { evidence: Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`) }, { evidence: ['证明材料最多5个文件。'] }],
    ] as const) {
      const state = await fileChangeRequest(db, ctx(member), request(fields, extra as Partial<FileRequestInput>));
      expect(state).toMatchObject({ status: 'invalid', fieldErrors: expected });
    }
    expect(await count()).toBe(0);
  });

  it('refuses a second pending request on a field, even when two race, until the first is decided or withdrawn', async () => {
    const member = await memberViewer();
    const first = await fileOk(member, { workUnit: '甲公司' });
    const again = await fileChangeRequest(db, ctx(member), request({ occupation: '司机', workUnit: '乙公司' }));
    expect(again).toEqual({ status: 'failed', message: '“工作单位”已有一条待审核的修改申请，请等待审核结果或撤回后再提交。' });

    // Both pass the friendly check before either commits; the partial unique index lets one through.
    const racer = await memberViewer();
    const results = await Promise.all([
      fileChangeRequest(db, ctx(racer), request({ industry: '物流' })),
      fileChangeRequest(db, ctx(racer), request({ industry: '运输', occupation: '司机' })),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['failed', 'success']);
    expect(results.find((result) => result.status === 'failed')).toMatchObject({ message: expect.stringContaining('已有一条待审核的修改申请') });
    expect(await db.select().from(changeRequestFields).where(and(eq(changeRequestFields.memberId, racer.memberId!), eq(changeRequestFields.field, 'industry')))).toHaveLength(1);

    expect(await withdrawChangeRequest(db, ctx(member), { requestId: first })).toEqual({ status: 'success', message: '修改申请已撤回。' });
    expect((await requestRow(first)).status).toBe('withdrawn');
    await fileOk(member, { workUnit: '乙公司' });
    expect(await withdrawChangeRequest(db, ctx(member), { requestId: first })).toEqual({ status: 'failed', message: '只能撤回待审核的申请。' });
  });

  it('does not let a member withdraw, see or reveal another member’s request', async () => {
    const owner = await memberViewer();
    const neighbour = await memberViewer();
    await writeMemberFields(db, owner.memberId!, { monthlyIncome: 300000 });
    const id = await fileOk(owner, { monthlyIncome: '3500' });
    expect(await withdrawChangeRequest(db, ctx(neighbour), { requestId: id })).toMatchObject({ status: 'forbidden' });
    expect(await revealRequestValue(db, ctx(neighbour), { requestId: id, field: 'monthlyIncome', side: 'new' })).toMatchObject({ status: 'forbidden' });
    expect((await listOwnChangeRequests(db, { viewer: neighbour })).map((row) => row.id)).not.toContain(id);
    expect((await requestRow(id)).status).toBe('pending');
  });
});

describe('deciding a request', () => {
  it('approval applies the fields and writes one audit row, in the same transaction as the status change', async () => {
    const member = await memberViewer();
    await writeMemberFields(db, member.memberId!, { workUnit: '旧单位', monthlyIncome: 400000 });
    const id = await fileOk(member, { workUnit: '新单位', monthlyIncome: '4900' });
    const reviewer = await adminViewer(branch, ['archive']);

    // An audit row that cannot be written takes the whole approval with it.
    await db.execute(sql.raw(`CREATE FUNCTION cr_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.action = 'change_request.approve' THEN RAISE EXCEPTION 'audit refused for the test'; END IF; RETURN NEW; END $$`));
    await db.execute(sql.raw('CREATE TRIGGER cr_test_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION cr_test_refuse()'));
    try {
      await expect(approveChangeRequest(db, ctx(reviewer), { requestId: id })).rejects.toThrow();
    } finally {
      await db.execute(sql.raw('DROP TRIGGER cr_test_refuse ON audit_log'));
      await db.execute(sql.raw('DROP FUNCTION cr_test_refuse()'));
    }
    expect((await readMemberRecord(db, member.memberId!))!.values).toMatchObject({ workUnit: '旧单位', monthlyIncome: 400000 });
    expect((await requestRow(id)).status).toBe('pending');
    expect(await notificationsOf(member.memberId!)).toEqual([]);

    const before = await lastAuditId();
    expect(await approveChangeRequest(db, ctx(reviewer), { requestId: id })).toEqual({ status: 'success', message: '已通过，档案已更新。' });
    expect((await readMemberRecord(db, member.memberId!))!.values).toMatchObject({ workUnit: '新单位', monthlyIncome: 490000 });
    expect(await requestRow(id)).toMatchObject({ status: 'approved', decidedBy: reviewer.userId });
    expect((await db.select().from(changeRequestFields).where(eq(changeRequestFields.requestId, id))).every((field) => !field.pending)).toBe(true);
    const audit = await auditAfter(before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'change_request.approve',
      outcome: 'success',
      entity_id: member.memberId,
      detail: { requestId: id, before: { workUnit: '旧单位', monthlyIncome: '[redacted]' }, after: { workUnit: '新单位', monthlyIncome: '[redacted]' } },
    });

    expect(await notificationsOf(member.memberId!)).toEqual([
      { title: '修改申请已通过', body: '您申请修改的“月收入（元）”、“工作单位”已审核通过，档案已更新。', link: '/archive', read: false },
    ]);

    expect(await approveChangeRequest(db, ctx(reviewer), { requestId: id })).toEqual({ status: 'failed', message: '该申请已处理，请刷新页面查看。' });
    expect(await notificationsOf(member.memberId!)).toHaveLength(1);
    const own = await listOwnChangeRequests(db, { viewer: member });
    expect(own.find((row) => row.id === id)).toMatchObject({ status: 'approved' });
  });

  it('rejection needs a reason, keeps the record as it was and shows the member the note', async () => {
    const member = await memberViewer();
    const id = await fileOk(member, { occupation: '厨师', ethnicity: '回族' });
    const reviewer = await adminViewer(committee, ['archive']);
    const rowBefore = await memberRow(member.memberId!);

    expect(await rejectChangeRequest(db, ctx(reviewer), { requestId: id, reason: ' ' })).toMatchObject({ status: 'invalid', fieldErrors: { reason: ['请填写不通过的理由（2至500个字）。'] } });
    expect((await requestRow(id)).status).toBe('pending');
    expect(await notificationsOf(member.memberId!)).toEqual([]);

    const before = await lastAuditId();
    expect(await rejectChangeRequest(db, ctx(reviewer), { requestId: id, reason: '请上传户口簿民族页' })).toEqual({ status: 'success', message: '已退回，党员将看到不通过的理由。' });
    expect(await memberRow(member.memberId!)).toEqual(rowBefore);
    expect(await requestRow(id)).toMatchObject({ status: 'rejected', decisionNote: '请上传户口簿民族页' });
    expect((await auditAfter(before)).map((row) => [row.action, row.detail.reason])).toEqual([['change_request.reject', '请上传户口簿民族页']]);
    expect((await listOwnChangeRequests(db, { viewer: member }))[0]).toMatchObject({ id, status: 'rejected', decisionNote: '请上传户口簿民族页' });
    expect(await notificationsOf(member.memberId!)).toEqual([
      { title: '修改申请未通过', body: '您申请修改的“民族”、“职业”未通过审核。理由：请上传户口簿民族页', link: '/archive', read: false },
    ]);
    // The fields are free again.
    await fileOk(member, { occupation: '厨师' });
  });

  it('refuses to approve over a field changed since the request, naming it', async () => {
    const member = await memberViewer();
    await writeMemberFields(db, member.memberId!, { workUnit: '甲厂', occupation: '焊工' });
    const id = await fileOk(member, { workUnit: '乙厂', occupation: '电工' });
    await writeMemberFields(db, member.memberId!, { workUnit: '丙厂' }); // an admin's edit in between
    const reviewer = await adminViewer(branch, ['archive']);
    expect(await approveChangeRequest(db, ctx(reviewer), { requestId: id })).toEqual({ status: 'failed', message: '“工作单位”已被修改，请核对后重新提交。' });
    expect((await readMemberRecord(db, member.memberId!))!.values).toMatchObject({ workUnit: '丙厂', occupation: '焊工' });
    expect((await requestRow(id)).status).toBe('pending');
    expect(await notificationsOf(member.memberId!)).toEqual([]);
  });

  it('refuses reviewers outside the member’s subtree, without the capability, host admins and members', async () => {
    const member = await memberViewer();
    const id = await fileOk(member, { industry: '建筑业' });
    const rowBefore = await memberRow(member.memberId!);
    const refused = [
      await adminViewer(otherCommittee, ['archive', 'pii_reveal']),
      await adminViewer(siblingBranch, ['archive']),
      await adminViewer(branch, ['org_life', 'dues']),
      await adminViewer(branch, ['archive'], 'host_admin'),
      await memberViewer(),
      member,
    ];
    for (const viewer of [...refused, null]) {
      expect(await approveChangeRequest(db, ctx(viewer), { requestId: id }), viewer?.tier).toMatchObject({ status: 'forbidden' });
      expect(await rejectChangeRequest(db, ctx(viewer), { requestId: id, reason: '不同意修改' }), viewer?.tier).toMatchObject({ status: 'forbidden' });
    }
    expect(await approveChangeRequest(db, ctx(refused[0]), { requestId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ status: 'forbidden' });
    expect((await listReviewQueue(db, { viewer: refused[0] })).map((row) => row.id)).not.toContain(id);
    expect(await memberRow(member.memberId!)).toEqual(rowBefore);
    expect((await requestRow(id)).status).toBe('pending');
    expect(await notificationsOf(member.memberId!)).toEqual([]);

    // The county (a level above) sees and decides it.
    const county = await adminViewer(allOrgs.find((org) => org.parentId === null)!, ['archive']);
    expect((await listReviewQueue(db, { viewer: county, status: 'pending' })).map((row) => row.id)).toContain(id);
    expect(await approveChangeRequest(db, ctx(county), { requestId: id })).toMatchObject({ status: 'success' });
  });

  it('masks income for reviewers; only one holding pii_reveal may reveal it', async () => {
    const member = await memberViewer();
    await writeMemberFields(db, member.memberId!, { monthlyIncome: 800000 });
    const id = await fileOk(member, { monthlyIncome: '8800' });
    const plain = await adminViewer(branch, ['archive']);
    const revealer = await adminViewer(committee, ['archive', 'pii_reveal']);
    const row = (await listReviewQueue(db, { viewer: plain })).find((item) => item.id === id)!;
    expect(row.fields).toEqual([{ field: 'monthlyIncome', oldText: '（已隐藏）', newText: '（已隐藏）', sensitive: true, revealable: false }]);
    expect(await revealRequestValue(db, ctx(plain), { requestId: id, field: 'monthlyIncome', side: 'old' })).toMatchObject({ status: 'forbidden' });
    expect((await listReviewQueue(db, { viewer: revealer })).find((item) => item.id === id)!.fields[0].revealable).toBe(true);
    expect(await revealRequestValue(db, ctx(revealer), { requestId: id, field: 'monthlyIncome', side: 'old' })).toMatchObject({ status: 'success', data: { value: '8000.00' } });
  });
});

describe('evidence', () => {
  it('is downloaded only by its member and by reviewers whose subtree holds the branch', async () => {
    const member = await memberViewer();
    const upload = await uploadEvidence(db, ctx(member), { bytes: pdf('certificate'), name: '毕业证书.pdf' }, store);
    if (!upload.ok) throw new Error(upload.message);
    await fileOk(member, { education: '本科' === (await readMemberRecord(db, member.memberId!))!.values.education ? '大专' : '本科' }, { evidence: [upload.id] });
    const root = allOrgs.find((org) => org.parentId === null)!;
    const allowed = [member, await adminViewer(branch, ['archive']), await adminViewer(committee, ['archive']), await adminViewer(root, ['archive'])];
    const refused = [
      await memberViewer(), // same branch
      await adminViewer(branch, ['org_life']),
      await adminViewer(branch, ['archive'], 'host_admin'),
      await adminViewer(siblingBranch, ['archive']),
      await adminViewer(otherCommittee, ['archive']),
      null,
    ];
    for (const viewer of allowed) expect((await getFileForViewer(db, { viewer, fileId: upload.id }, store))?.file.originalName, viewer.tier).toBe('毕业证书.pdf');
    for (const viewer of refused) expect(await getFileForViewer(db, { viewer, fileId: upload.id }, store), viewer?.tier ?? 'anonymous').toBeNull();
  });

  it('refuses a forged or reused file, a file of the wrong type, and another member’s upload', async () => {
    const member = await memberViewer();
    const other = await memberViewer();
    const theirs = await uploadEvidence(db, ctx(other), { bytes: pdf('theirs'), name: 'a.pdf' }, store);
    const mine = await uploadEvidence(db, ctx(member), { bytes: pdf('mine'), name: 'b.pdf' }, store);
    if (!theirs.ok || !mine.ok) throw new Error('upload failed');
    expect(await fileChangeRequest(db, ctx(member), request({ workUnit: '某单位' }, { evidence: [theirs.id] }))).toEqual({
      status: 'invalid',
      message: expect.any(String),
      fieldErrors: { evidence: ['证明材料无效或已用于其他申请，请重新上传。'] },
    });
    await fileOk(member, { workUnit: '某单位' }, { evidence: [mine.id] });
    expect(await fileChangeRequest(db, ctx(member), request({ occupation: '保安' }, { evidence: [mine.id] }))).toMatchObject({ status: 'invalid', fieldErrors: { evidence: ['证明材料无效或已用于其他申请，请重新上传。'] } });

    const filesBefore = (await db.select({ id: files.id }).from(files)).length;
    expect(await uploadEvidence(db, ctx(member), { bytes: bytes('MZ\x90\x00 not a document'), name: 'virus.exe' }, store)).toMatchObject({ ok: false, status: 400 });
    expect(await uploadEvidence(db, ctx(await adminViewer(branch, ['archive'])), { bytes: pdf('x'), name: 'x.pdf' }, store)).toMatchObject({ ok: false, status: 403 });
    expect(await uploadEvidence(db, ctx(null), { bytes: pdf('x'), name: 'x.pdf' }, store)).toMatchObject({ ok: false, status: 403 });
    expect((await db.select({ id: files.id }).from(files)).length).toBe(filesBefore);
  });
});

describe('direct edits and reveals', () => {
  it('applies phone, emergency contact and dictionary skills at once, audited', async () => {
    const member = await memberViewer();
    await writeMemberFields(db, member.memberId!, { skills: ['缝纫'], phone: '13700000001' });
    const before = await lastAuditId();
    const state = await saveOwnDirectFields(db, ctx(member), {
      phone: '137 0000 0002',
      skills: ['缝纫', '焊工'],
      emergencyContactName: '李梅',
      emergencyContactRelation: '配偶',
      emergencyContactPhone: '13700000003',
    });
    expect(state).toEqual({ status: 'success', message: '已保存，档案已更新。' });
    expect((await readMemberRecord(db, member.memberId!))!.values).toMatchObject({ phone: '13700000002', skills: ['缝纫', '焊工'], emergencyContactName: '李梅' });
    const audit = await auditAfter(before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'member.self_update', entity_id: member.memberId, detail: { before: { skills: ['缝纫'] }, after: { skills: ['缝纫', '焊工'], emergencyContactName: '李梅' } } });
    // Phone numbers are masked in the trail.
    expect(JSON.stringify(audit[0].detail)).not.toContain('13700000002');

    expect(await saveOwnDirectFields(db, ctx(member), { phone: '13700000002', skills: ['缝纫', '焊工', '黑客'] })).toMatchObject({
      status: 'invalid',
      fieldErrors: { skills: ['“黑客”不在技能目录中，请从目录中选择。'] },
    });
    expect(await saveOwnDirectFields(db, ctx(member), { phone: '13700000002', skills: ['缝纫', '焊工'], emergencyContactName: '李梅', emergencyContactRelation: '配偶', emergencyContactPhone: '13700000003' })).toEqual({
      status: 'failed',
      message: '没有需要保存的变化。',
    });
  });

  it('refuses a phone another member signs in with, and any caller but a member', async () => {
    const member = await memberViewer();
    const other = await memberViewer();
    await writeMemberFields(db, other.memberId!, { phone: '13700000009' });
    const rowBefore = await memberRow(member.memberId!);
    expect(await saveOwnDirectFields(db, ctx(member), { phone: '13700000009', skills: [] })).toMatchObject({ status: 'invalid', fieldErrors: { phone: ['该手机号已被其他党员的账号使用，请核对；如有疑问请联系党支部。'] } });
    expect(await saveOwnDirectFields(db, ctx(await adminViewer(branch, ['archive'])), { phone: '13700000010' })).toMatchObject({ status: 'forbidden' });
    expect(await memberRow(member.memberId!)).toEqual(rowBefore);
  });

  it('reveals the member’s own ID number and income, audited, and nothing else', async () => {
    const member = await memberViewer();
    await writeMemberFields(db, member.memberId!, { monthlyIncome: 654321 });
    const before = await lastAuditId();
    expect(await revealOwnField(db, ctx(member), { field: 'monthlyIncome' })).toMatchObject({ status: 'success', data: { value: '6543.21' } });
    const id = await revealOwnField(db, ctx(member), { field: 'idNumber' });
    expect(id.status === 'success' && id.data?.value).toMatch(/^\d{17}[\dX]$/);
    expect(await revealOwnField(db, ctx(member), { field: 'workUnit' })).toMatchObject({ status: 'failed' });
    const audit = await auditAfter(before);
    expect(audit.map((row) => [row.action, row.detail.field])).toEqual([
      ['member.reveal_own', 'monthlyIncome'],
      ['member.reveal_own', 'idNumber'],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/\d{17}[\dX]|654321/);
  });
});
