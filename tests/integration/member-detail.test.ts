import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { changeRequestFields, changeRequests, memberContacts, members, orgs, outflowEpisodes, users } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { settleAuditWrites, verifyAuditChain } from '@/lib/audit/audit';
import type { Capability, Viewer } from '@/lib/auth/viewer';
import { CONTACTS_PAGE_SIZE, findMemberForViewer, getMemberEditForm } from '@/lib/members/detail-queries';
import { HOST_FIELDS } from '@/lib/members/field-policy';
import { computeIdNumberCheckChar } from '@/lib/members/id-number';
import { readMemberRecord } from '@/lib/members/record';
import { recordContact, revealField, updateRecord } from '@/lib/members/record-changes';
import { contactSchema, updateSchema } from '@/lib/members/record-edit';
import { insertOrg } from '@/lib/orgs/queries';
import { regionName } from '@/lib/regions/regions';
import { beijingDay } from '@/lib/time/beijing';

// The member detail's data layer on a real database (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set): scope, the host's limited view, audited reveal, admin edits and
// the contact log. The action bodies are called with a Viewer, as validatedAction calls them.

const IP = '198.51.100.7';
const TODAY = '2026-12-05';

let db: Database;
let county: Viewer;
let committee: Viewer;
let branch: Viewer;
let host: Viewer;
/** A member of the demo branch, and one of another committee (outside the committee admin's subtree). */
let own: { id: string; orgId: number };
let foreign: { id: string; orgId: number };
let hosted: string;

async function viewerOf(username: string, capabilities?: Capability[]): Promise<Viewer> {
  const [row] = await db
    .select({ userId: users.id, tier: users.tier, orgId: users.orgId, path: orgs.path, capabilities: users.capabilities, displayName: users.displayName })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.username, username));
  return { userId: row.userId, tier: row.tier, orgId: row.orgId, scopePath: String(row.path), capabilities: capabilities ?? (row.capabilities as Capability[]), displayName: row.displayName };
}

async function lastAuditId(): Promise<number> {
  await settleAuditWrites();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`);
  return id;
}

async function auditRowsAfter(id: number) {
  await settleAuditWrites();
  return queryRows<{ action: string; outcome: string; entity_id: string | null; detail: string }>(
    db,
    sql`SELECT action, outcome::text AS outcome, entity_id, detail::text AS detail FROM audit_log WHERE id > ${id} ORDER BY id`,
  );
}

/** A valid ID number (GB 11643 check character) that no member holds yet. */
function newIdNumber(sequence: number): string {
  const first17 = `61042219900315${String(sequence).padStart(3, '0')}`;
  return first17 + computeIdNumberCheckChar(first17);
}

const idNumberOf = async (memberId: string) => String((await readMemberRecord(db, memberId))!.values.idNumber);
const update = (viewer: Viewer, fields: Record<string, string>) => updateRecord(viewer, updateSchema.parse(fields), { ip: IP, today: TODAY });
const contact = (viewer: Viewer, fields: Record<string, string>) => recordContact(viewer, contactSchema.parse(fields), { ip: IP, today: TODAY });

beforeAll(async () => {
  db = getDb();
  await seedDemoCounty(db, { memberCount: 300 });
  county = await viewerOf('county');
  committee = await viewerOf('committee');
  branch = await viewerOf('branch');
  host = await viewerOf('host');
  [own] = await db.select({ id: members.id, orgId: members.orgId }).from(members).where(eq(members.orgId, branch.orgId)).orderBy(asc(members.name)).limit(1);
  [foreign] = await db
    .select({ id: members.id, orgId: members.orgId })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(sql`NOT (${orgs.path} <@ ${committee.scopePath}::ltree)`)
    .orderBy(asc(members.name))
    .limit(1);
  // A member away at the host org's place, with an open episode that names the host.
  const [away] = await db
    .select({ id: outflowEpisodes.id, memberId: outflowEpisodes.memberId })
    .from(outflowEpisodes)
    .where(and(isNull(outflowEpisodes.endedOn), ne(outflowEpisodes.memberId, own.id)))
    .orderBy(asc(outflowEpisodes.startedOn))
    .limit(1);
  await db.update(outflowEpisodes).set({ hostOrgId: host.orgId }).where(eq(outflowEpisodes.id, away.id));
  hosted = away.memberId;
}, 120_000);

describe('opening a record', () => {
  it('shows an archive admin the member in its subtree, and nothing outside it', async () => {
    const detail = await findMemberForViewer({ viewer: branch, memberId: own.id });
    expect(detail).toMatchObject({ id: own.id, orgId: branch.orgId, access: 'archive', canEdit: true });
    expect(detail!.fields.find((field) => field.field === 'idNumber')).toMatchObject({ display: 'masked', value: null, text: expect.stringMatching(/^\d{6}\*{8}\d{3}[\dX]$/) });
    // Income is hidden from an admin without pii_reveal: not even masked.
    expect(detail!.fields.some((field) => field.field === 'monthlyIncome')).toBe(false);

    expect(await findMemberForViewer({ viewer: branch, memberId: foreign.id })).toBeNull();
    expect(await findMemberForViewer({ viewer: committee, memberId: foreign.id })).toBeNull();
    expect(await findMemberForViewer({ viewer: branch, memberId: '00000000-0000-4000-8000-000000000000' })).toBeNull();
    expect(await findMemberForViewer({ viewer: branch, memberId: 'not-a-uuid' })).toBeNull();
    // An admin of the right subtree without the archive capability sees no record at all.
    expect(await findMemberForViewer({ viewer: await viewerOf('branch', ['org_life', 'dues']), memberId: own.id })).toBeNull();
    expect(await findMemberForViewer({ viewer: county, memberId: foreign.id })).toMatchObject({ id: foreign.id, access: 'archive' });
  });

  it('shows a host admin only the host fields of a member it hosts, never the ID number or income', async () => {
    const detail = await findMemberForViewer({ viewer: host, memberId: hosted });
    expect(detail).not.toBeNull();
    expect(detail!.access).toBe('host');
    expect(detail!.canEdit).toBe(false);
    expect(detail!.fields.map((field) => field.field)).toEqual(HOST_FIELDS);
    expect(detail!.contacts.items).toEqual([]);
    expect(detail!.history.items).toEqual([]);
    expect(detail!.contactPerson).toBeNull();
    expect(detail!.outflows).toHaveLength(1);
    expect(detail!.outflows[0].hostOrgName).toMatch(/流动党员党支部$/);

    const record = (await readMemberRecord(db, hosted))!;
    const sent = JSON.stringify(detail);
    const idNumber = String(record.values.idNumber);
    expect(sent).not.toContain(idNumber);
    expect(sent).not.toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(sent).not.toContain('******');
    expect(sent).not.toContain('idNumber');
    expect(sent).not.toContain('monthlyIncome');

    // A member the host does not host is "not found", and the host can never edit.
    const [notHosted] = await db
      .select({ id: members.id })
      .from(members)
      .where(sql`NOT EXISTS (SELECT 1 FROM ${outflowEpisodes} WHERE ${outflowEpisodes.memberId} = ${members.id} AND ${outflowEpisodes.hostOrgId} IS NOT NULL)`)
      .limit(1);
    expect(await findMemberForViewer({ viewer: host, memberId: notHosted.id })).toBeNull();
    expect(await getMemberEditForm({ viewer: host, memberId: hosted })).toBeNull();
  });
});

describe('revealing a sensitive field', () => {
  it('needs pii_reveal and the member in scope; a refused reveal returns and records no value', async () => {
    const before = await lastAuditId();
    expect(await revealField(committee, { memberId: own.id, field: 'idNumber' }, { ip: IP })).toMatchObject({ status: 'forbidden' });
    expect(await revealField(branch, { memberId: own.id, field: 'monthlyIncome' }, { ip: IP })).toMatchObject({ status: 'forbidden' });
    expect(await revealField({ ...committee, capabilities: ['archive', 'pii_reveal'] }, { memberId: foreign.id, field: 'idNumber' }, { ip: IP })).toEqual({
      status: 'forbidden',
      message: '该党员档案不存在，或不在您的管理范围内。',
    });
    expect(await revealField(host, { memberId: hosted, field: 'idNumber' }, { ip: IP })).toMatchObject({ status: 'forbidden' });
    expect(await auditRowsAfter(before)).toEqual([]);
  });

  it('shows the full value once and writes an audit row with the field name but never the value', async () => {
    const before = await lastAuditId();
    const idNumber = await idNumberOf(own.id);
    const revealed = await revealField(county, { memberId: own.id, field: 'idNumber' }, { ip: IP });
    expect(revealed).toEqual({ status: 'success', message: '已显示完整信息，此次查看已记入审计日志。', data: { value: idNumber } });
    const rows = await auditRowsAfter(before);
    expect(rows).toEqual([{ action: 'member.reveal', outcome: 'success', entity_id: own.id, detail: '{"field": "idNumber"}' }]);
    expect(rows[0].detail).not.toContain(idNumber.slice(6, 14));

    const income = await revealField(county, { memberId: own.id, field: 'monthlyIncome' }, { ip: IP });
    const fen = (await readMemberRecord(db, own.id))!.values.monthlyIncome;
    expect(income.status === 'success' && income.data?.value).toBe(fen === null ? '未填写' : `${Math.trunc(Number(fen) / 100)}.${String(Number(fen) % 100).padStart(2, '0')}`);
  });
});

describe('editing a record', () => {
  it('writes the changed fields and one audit row with redacted before/after, shown in the history', async () => {
    const before = await lastAuditId();
    const oldWorkUnit = (await readMemberRecord(db, own.id))!.values.workUnit;
    const result = await update(branch, { memberId: own.id, workUnit: '清源县农机服务站', phone: '13991234567', name: (await readMemberRecord(db, own.id))!.values.name as string });
    expect(result).toEqual({ status: 'success', message: '已保存 2 项修改。' });
    const after = (await readMemberRecord(db, own.id))!;
    expect(after.values).toMatchObject({ workUnit: '清源县农机服务站', phone: '13991234567' });

    const rows = await auditRowsAfter(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'member.update', outcome: 'success', entity_id: own.id });
    const detail = JSON.parse(rows[0].detail) as { before: Record<string, unknown>; after: Record<string, unknown> };
    expect(detail.after).toEqual({ workUnit: '清源县农机服务站', phone: '139****4567' });
    expect(detail.before.workUnit).toBe(oldWorkUnit);

    const shown = await findMemberForViewer({ viewer: branch, memberId: own.id });
    expect(shown!.history.items[0]).toMatchObject({
      action: 'member.update',
      actorName: branch.displayName,
      changes: [
        { field: 'phone', after: '139****4567' },
        { field: 'workUnit', before: oldWorkUnit ?? '未填写', after: '清源县农机服务站' },
      ],
    });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('changes nothing for a bad value, an org outside the subtree, a group of another branch or a contact person of another branch', async () => {
    const snapshot = await readMemberRecord(db, own.id);
    const before = await lastAuditId();
    const [otherBranchMember] = await db.select({ id: members.id }).from(members).where(ne(members.orgId, own.orgId)).limit(1);
    const otherGroup = await insertOrg(db, { parentId: foreign.orgId, name: '第九党小组', type: 'party_group' });

    const bad = await update(branch, { memberId: own.id, workUnit: '新单位', idNumber: '340524198001010010' });
    expect(bad).toMatchObject({ status: 'invalid', fieldErrors: { idNumber: ['身份证号码校验位不正确，请核对后重新输入。'] } });
    const outside = await update(branch, { memberId: own.id, workUnit: '新单位', org: String(foreign.orgId) });
    expect(outside).toMatchObject({ status: 'invalid', fieldErrors: { org: ['请选择您管理范围内的党支部。'] } });
    const group = await update(county, { memberId: own.id, group: String(otherGroup.id) });
    expect(group).toMatchObject({ status: 'invalid', fieldErrors: { group: ['党小组须属于所选党支部。'] } });
    const person = await update(county, { memberId: own.id, contactPerson: otherBranchMember.id });
    expect(person).toMatchObject({ status: 'invalid', fieldErrors: { contactPerson: ['联系人须为同一党支部的其他党员。'] } });
    const self = await update(county, { memberId: own.id, contactPerson: own.id });
    expect(self).toMatchObject({ status: 'invalid', fieldErrors: { contactPerson: ['联系人须为同一党支部的其他党员。'] } });
    const derived = await update(county, { memberId: own.id, gender: 'female' });
    expect(derived).toMatchObject({ status: 'invalid', fieldErrors: { gender: ['该项不能在此修改。'] } });
    // A member outside the subtree, or an admin without the archive capability: refused outright.
    expect(await update(branch, { memberId: foreign.id, workUnit: '越权' })).toMatchObject({ status: 'forbidden' });
    expect(await update(await viewerOf('branch', ['org_life']), { memberId: own.id, workUnit: '越权' })).toMatchObject({ status: 'forbidden' });
    expect(await update(host, { memberId: hosted, workUnit: '越权' })).toMatchObject({ status: 'forbidden' });

    expect(await readMemberRecord(db, own.id)).toEqual(snapshot);
    expect(await auditRowsAfter(before)).toEqual([]);
  });

  it('sets a contact person of the same branch and shows who it is', async () => {
    const [colleague] = await db.select({ id: members.id, name: members.name }).from(members).where(and(eq(members.orgId, own.orgId), ne(members.id, own.id))).limit(1);
    expect(await update(branch, { memberId: own.id, contactPerson: colleague.id })).toMatchObject({ status: 'success' });
    const detail = await findMemberForViewer({ viewer: branch, memberId: own.id });
    expect(detail!.contactPerson).toEqual(colleague);
    expect(detail!.fields.find((field) => field.field === 'contactPerson')?.text).toBe(colleague.name);
  });

  it('refuses a field with a pending change request, and changes nothing else in that post', async () => {
    const [demoMember] = await db.select({ userId: users.id }).from(users).where(eq(users.tier, 'member')).limit(1);
    const [request] = await db.insert(changeRequests).values({ memberId: own.id, submittedBy: demoMember.userId, reason: '单位变更' }).returning();
    await db.insert(changeRequestFields).values({ requestId: request.id, memberId: own.id, field: 'occupation', oldValue: null, newValue: '农机手（申请）' });
    const snapshot = await readMemberRecord(db, own.id);
    const before = await lastAuditId();

    const refused = await update(branch, { memberId: own.id, occupation: '农机手（管理员）', workUnit: '另一个单位' });
    expect(refused).toEqual({
      status: 'invalid',
      message: '以下项目有待审核的修改申请，请先审核该申请：职业。',
      fieldErrors: { occupation: ['该项有待审核的修改申请，请先审核该申请。'] },
    });
    expect(await readMemberRecord(db, own.id)).toEqual(snapshot);
    expect(await auditRowsAfter(before)).toEqual([]);

    // Once the request is decided the field is free again.
    await db.update(changeRequestFields).set({ pending: false }).where(eq(changeRequestFields.requestId, request.id));
    expect(await update(branch, { memberId: own.id, occupation: '农机手（管理员）' })).toMatchObject({ status: 'success' });
  });

  it('refuses an ID number that belongs to another archive, and changes one with gender and birth date re-derived', async () => {
    const [other] = await db.select({ id: members.id }).from(members).where(and(eq(members.orgId, own.orgId), ne(members.id, own.id))).limit(1);
    const taken = await idNumberOf(other.id);
    const oldIdNumber = await idNumberOf(own.id);
    const snapshot = await readMemberRecord(db, own.id);
    const before = await lastAuditId();
    const duplicate = await update(county, { memberId: own.id, idNumber: taken.toLowerCase() });
    expect(duplicate).toMatchObject({ status: 'invalid', fieldErrors: { idNumber: [expect.stringContaining('已属于另一份党员档案')] } });
    expect(await readMemberRecord(db, own.id)).toEqual(snapshot);
    expect(await auditRowsAfter(before)).toEqual([]);

    // 0315 birthday, sequence 002: an even sequence digit is female.
    const fresh = newIdNumber(2);
    expect(await update(county, { memberId: own.id, idNumber: fresh })).toEqual({ status: 'success', message: '已保存 1 项修改。' });
    expect((await readMemberRecord(db, own.id))!.values).toMatchObject({ idNumber: fresh, gender: 'female', birthDate: '1990-03-15' });
    const [row] = await auditRowsAfter(before);
    expect(row.detail).not.toContain(fresh);
    expect(row.detail).not.toContain(oldIdNumber);
    expect(JSON.parse(row.detail).after).toMatchObject({ idNumber: `610422********${fresh.slice(-4)}`, birthDate: '1990-03-15' });
    const [stored] = await db.select({ masked: members.idNumberMasked }).from(members).where(eq(members.id, own.id));
    expect(stored.masked).toBe(`610422********${fresh.slice(-4)}`);
    const history = (await findMemberForViewer({ viewer: county, memberId: own.id }))!.history.items[0];
    expect(history.changes.find((change) => change.field === 'idNumber')).toEqual({ field: 'idNumber', before: `${oldIdNumber.slice(0, 6)}********${oldIdNumber.slice(-4)}`, after: `610422********${fresh.slice(-4)}` });
  });

  it('keeps income out of the audit log and shows its change as hidden', async () => {
    const before = await lastAuditId();
    expect(await update(county, { memberId: own.id, monthlyIncome: '5100.00' })).toMatchObject({ status: 'success' });
    expect((await readMemberRecord(db, own.id))!.values.monthlyIncome).toBe(510000);
    const [row] = await auditRowsAfter(before);
    expect(row.detail).not.toContain('5100');
    expect(row.detail).not.toContain('510000');
    const history = (await findMemberForViewer({ viewer: county, memberId: own.id }))!.history.items[0];
    expect(history.changes).toEqual([{ field: 'monthlyIncome', before: expect.any(String), after: '（已隐藏）' }]);
  });
});

describe('the contact log', () => {
  it('moves the last contact date only forward, lists contacts newest first and refuses a future date', async () => {
    const member = own.id;
    // Start from a member never contacted (the demo seed gives most members a contact history).
    await db.delete(memberContacts).where(eq(memberContacts.memberId, member));
    await db.update(members).set({ lastContactOn: null }).where(eq(members.id, member));
    const tomorrow = new Date(Date.now() + 86_400_000);
    const lastContact = async () => (await db.select({ day: members.lastContactOn }).from(members).where(eq(members.id, member)))[0].day;

    expect(await contact(branch, { memberId: member, contactedOn: '2026-05-01', way: 'phone', contactedBy: '李书记', note: '在深圳务工，一切正常。' })).toEqual({ status: 'success', message: '联系记录已保存。' });
    expect(await lastContact()).toBe('2026-05-01');
    expect(await contact(branch, { memberId: member, contactedOn: '2026-03-01', way: 'visit', contactedBy: '王委员', note: '' })).toMatchObject({ status: 'success' });
    expect(await lastContact()).toBe('2026-05-01');

    const before = await lastAuditId();
    expect(await contact(branch, { memberId: member, contactedOn: beijingDay(tomorrow), way: 'wechat', contactedBy: '李书记' })).toEqual({
      status: 'invalid',
      message: '填写的内容有误，请按提示修改后重新提交。',
      fieldErrors: { contactedOn: ['日期不能晚于今天。'] },
    });
    expect(await contact(branch, { memberId: foreign.id, contactedOn: '2026-12-01', way: 'wechat', contactedBy: '李书记' })).toMatchObject({ status: 'forbidden' });
    expect(await contact(host, { memberId: hosted, contactedOn: '2026-12-01', way: 'wechat', contactedBy: '流入地' })).toMatchObject({ status: 'forbidden' });
    expect(await lastContact()).toBe('2026-05-01');
    expect(await auditRowsAfter(before)).toEqual([]);

    const detail = await findMemberForViewer({ viewer: branch, memberId: member });
    expect(detail!.lastContactOn).toBe('2026-05-01');
    expect(detail!.contacts.items.map((item) => [item.contactedOn, item.way, item.contactedBy])).toEqual([
      ['2026-05-01', 'phone', '李书记'],
      ['2026-03-01', 'visit', '王委员'],
    ]);
    // Only the contact that moved the date is a change of the record; the note stays out of the audit log.
    const contactHistory = detail!.history.items.filter((item) => item.action === 'member.contact');
    expect(contactHistory.map((item) => item.changes)).toEqual([[{ field: 'lastContactOn', before: '未填写', after: '2026-05-01' }]]);
    const rows = await queryRows<{ detail: string }>(db, sql`SELECT detail::text AS detail FROM audit_log WHERE action = 'member.contact'`);
    expect(rows.some((row) => row.detail.includes('深圳'))).toBe(false);
  });

  it('pages the contact log by date, newest first', async () => {
    const [member] = await db.select({ id: members.id }).from(members).where(and(eq(members.orgId, own.orgId), ne(members.id, own.id))).orderBy(asc(members.id)).limit(1);
    await db.delete(memberContacts).where(eq(memberContacts.memberId, member.id));
    const days = Array.from({ length: CONTACTS_PAGE_SIZE + 2 }, (_, index) => `2026-01-${String(index + 1).padStart(2, '0')}`);
    await db.insert(memberContacts).values(days.map((day) => ({ memberId: member.id, contactedOn: day, way: 'phone' as const, contactedBy: '李书记' })));
    const first = await findMemberForViewer({ viewer: branch, memberId: member.id });
    expect(first!.contacts.items.map((item) => item.contactedOn)).toEqual(days.slice(2).reverse());
    const second = await findMemberForViewer({ viewer: branch, memberId: member.id, contactsAfter: first!.contacts.next! });
    expect(second!.contacts.items.map((item) => item.contactedOn)).toEqual(['2026-01-02', '2026-01-01']);
    expect(second!.contacts.next).toBeNull();
  });
});

describe('the page read in one statement', () => {
  it('returns the same record, episodes, contacts and history as reading each table on its own', async () => {
    // A member of another branch of the county, moved into the demo branch with its 党小组 and
    // 联系人 in one edit: the history must name the orgs and the person its ids stand for.
    const [moved] = await db
      .select({ id: members.id, orgId: members.orgId })
      .from(members)
      .where(and(ne(members.orgId, own.orgId), ne(members.id, foreign.id), isNull(members.contactPersonId)))
      .orderBy(asc(members.id))
      .limit(1);
    const group = await insertOrg(db, { parentId: own.orgId, name: '第三党小组', type: 'party_group' });
    const [person] = await db.select({ id: members.id, name: members.name }).from(members).where(and(eq(members.orgId, own.orgId), ne(members.id, own.id))).orderBy(asc(members.id)).limit(1);
    const [fromOrg] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, moved.orgId));
    const [toOrg] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, own.orgId));
    expect(await update(county, { memberId: moved.id, org: String(own.orgId), group: String(group.id), contactPerson: person.id })).toMatchObject({ status: 'success' });
    // Two episodes, one of them hosted, and contacts on the same day (ordered by id within it).
    await db.delete(outflowEpisodes).where(eq(outflowEpisodes.memberId, moved.id));
    await db.insert(outflowEpisodes).values([
      { memberId: moved.id, startedOn: '2024-03-01', endedOn: '2025-01-10', regionCode: '440306', place: '深圳市南山区', reason: 'work' },
      { memberId: moved.id, startedOn: '2025-06-01', regionCode: '610112', place: '西安市未央区', reason: 'business', hostOrgId: host.orgId },
    ]);
    await db.insert(memberContacts).values(
      ['2026-02-01', '2026-02-01', '2026-01-15'].map((day, index) => ({ memberId: moved.id, contactedOn: day, way: 'phone' as const, outcome: index === 2 ? ('no_answer' as const) : ('reached' as const), contactedBy: `联系人${index}`, note: index === 0 ? null : '一切正常' })),
    );

    const detail = (await findMemberForViewer({ viewer: county, memberId: moved.id }))!;
    const record = (await readMemberRecord(db, moved.id))!;
    expect(detail).toMatchObject({
      id: moved.id,
      name: record.values.name,
      status: record.values.status,
      orgId: own.orgId,
      orgName: toOrg.name,
      groupName: '第三党小组',
      contactPerson: person,
      lastContactOn: record.values.lastContactOn,
    });
    const episodes = await db.select().from(outflowEpisodes).where(eq(outflowEpisodes.memberId, moved.id));
    expect(detail.outflows).toEqual([
      { id: episodes.find((e) => e.startedOn === '2025-06-01')!.id, startedOn: '2025-06-01', endedOn: null, region: regionName('610112'), place: '西安市未央区', reason: 'business', hostOrgName: expect.stringMatching(/流动党员党支部$/) },
      { id: episodes.find((e) => e.startedOn === '2024-03-01')!.id, startedOn: '2024-03-01', endedOn: '2025-01-10', region: regionName('440306'), place: '深圳市南山区', reason: 'work', hostOrgName: null },
    ]);
    const contacts = await db
      .select({ id: memberContacts.id, contactedOn: memberContacts.contactedOn, way: memberContacts.way, outcome: memberContacts.outcome, contactedBy: memberContacts.contactedBy, note: memberContacts.note })
      .from(memberContacts)
      .where(eq(memberContacts.memberId, moved.id));
    contacts.sort((a, b) => (a.contactedOn === b.contactedOn ? (a.id < b.id ? 1 : -1) : a.contactedOn < b.contactedOn ? 1 : -1));
    expect(detail.contacts).toEqual({ items: contacts, next: null });

    const [audit] = await queryRows<{ id: number; at: Date | string }>(
      db,
      sql`SELECT id::int AS id, at FROM audit_log WHERE entity_type = 'member' AND entity_id = ${moved.id} AND action = 'member.update' ORDER BY id DESC LIMIT 1`,
    );
    expect(detail.history.items[0]).toEqual({
      id: audit.id,
      at: new Date(audit.at),
      actorName: county.displayName,
      action: 'member.update',
      changes: [
        { field: 'org', before: fromOrg.name, after: toOrg.name },
        { field: 'group', before: '未填写', after: '第三党小组' },
        { field: 'contactPerson', before: '未填写', after: person.name },
      ],
    });
    expect(detail.history.next).toBeNull();
    // The host sees the hosted episode only, and neither contacts nor history.
    const hostView = (await findMemberForViewer({ viewer: host, memberId: moved.id }))!;
    expect(hostView.outflows.map((episode) => episode.startedOn)).toEqual(['2025-06-01']);
    expect(hostView.contacts).toEqual({ items: [], next: null });
    expect(hostView.history).toEqual({ items: [], next: null });
  });
});
