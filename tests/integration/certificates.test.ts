import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { connection, getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { activityCertificates, files, members, outflowEpisodes, users } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { settleAuditWrites } from '@/lib/audit/audit';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { countExpiredCertificates, listCertificateRegister, listMemberCertificates } from '@/lib/flow/certificate-queries';
import { issueCertificate, renewCertificate, type UploadedPhoto } from '@/lib/flow/certificates';
import { openOutflowForMember, recordReturnHome } from '@/lib/flow/workflow';
import { messages } from '@/lib/i18n/messages';
import { listNotifications } from '@/lib/notifications/queries';
import { LocalDiskStore } from '@/lib/storage/file-store';
import { getFileForViewer } from '@/lib/storage/queries';
import { bytes, JPEG_EOI as EOI, JPEG_SOI as SOI, jpegSegment as segment } from '../support/bytes';

// The 流动党员活动证 on a real database (PGlite, and PostgreSQL when configured): the member's
// 基层党委 (or a level above) issues it to a member who is away, numbered per issuer and year; it
// is renewed, handed in and inspected on return, and listed in the issuer's register. Refusals
// leave no certificate, no stored photo and no message to the member.

type OrgRow = { id: number; path: string; type: string; parentId: number | null; name: string };
type MemberRef = { id: string; name: string; orgId: number };

const e = messages.flow.certificate.errors;
const IP = '198.51.100.7';
/** Beijing 2026-03-10, 12:00. */
const NOW = new Date('2026-03-10T04:00:00Z');

let db: Database;
let store: LocalDiskStore;
let storeDir: string;
let allOrgs: OrgRow[];
let root: OrgRow;
let committee: OrgRow; // 城关镇党委 (c1): the seed's 'committee' admin
let otherCommittee: OrgRow; // 陵前镇党委 (c2)
let workingCommittee: OrgRow; // 非公经济和社会组织党工委 (c3)
let branch: OrgRow; // the seed's 'branch' admin, under c1
let generalBranch: OrgRow; // 党总支 under c1
let county: Viewer;
let committeeAdmin: Viewer;
const used = new Set<string>();

// --- fixtures -------------------------------------------------------------------------------------

const app0Jfif = segment(0xe0, 'JFIF\0', [1, 2, 1, 0, 72, 0, 72, 0, 0]);
const dqt = segment(0xdb, [0x00], Array.from({ length: 64 }, (_, i) => i + 1));
const sof0 = segment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]);
const dht = segment(0xc4, [0x00, 1, ...new Array(15).fill(0), 0x00]);
const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
/** A tiny baseline JPEG; `shade` changes the scan data, so two photos are different files. */
const jpeg = (shade = 0x12) => bytes(SOI, app0Jfif, dqt, sof0, dht, sos, [shade, 0xff, 0x00, 0x34, 0xa5, 0x56, 0x78, 0x9a], EOI);
const photo = (shade?: number): UploadedPhoto => ({ bytes: jpeg(shade), name: '证件照.jpg' });
const pdf = bytes('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const within = (org: Pick<OrgRow, 'path'>, top: Pick<OrgRow, 'path'>) => org.path === top.path || org.path.startsWith(`${top.path}.`);
const orgById = (id: number) => allOrgs.find((org) => org.id === id)!;
const ctx = (viewer: Viewer | null, now: Date = NOW) => ({ viewer, ip: IP, now, store });

async function adminViewer(org: OrgRow, capabilities: Capability[], tier: Tier = org.parentId === null ? 'county_admin' : 'org_admin'): Promise<Viewer> {
  const [user] = await db
    .insert(users)
    .values({ username: `t${Math.random().toString(36).slice(2, 12)}`, displayName: `测试管理员${org.id}`, tier, orgId: org.id, capabilities })
    .returning({ id: users.id });
  return { userId: user.id, tier, orgId: org.id, scopePath: org.path, capabilities };
}

async function memberViewer(member: MemberRef): Promise<Viewer> {
  const [user] = await db.insert(users).values({ memberId: member.id, displayName: member.name, tier: 'member', orgId: member.orgId }).returning({ id: users.id });
  const org = orgById(member.orgId);
  return { userId: user.id, tier: 'member', orgId: org.id, scopePath: org.path, capabilities: [], memberId: member.id };
}

/** A member at home (在册, no open journey) in `top`'s subtree, or in `top` itself with `exact`, not used by another test. */
async function homeMember(top: OrgRow, { exact = false, except = [] as number[] } = {}): Promise<MemberRef> {
  const rows = await queryRows<MemberRef>(
    db,
    sql`SELECT m.id::text AS id, m.name, m.org_id AS "orgId" FROM members m JOIN orgs o ON o.id = m.org_id
        WHERE ${exact ? sql`o.id = ${top.id}` : sql`o.path <@ ${top.path}::ltree`} AND m.status = 'registered'
          AND NOT EXISTS (SELECT 1 FROM outflow_episodes e WHERE e.member_id = m.id AND e.ended_on IS NULL)
        ORDER BY m.id`,
  );
  const found = rows.find((row) => !used.has(row.id) && !except.includes(row.orgId));
  if (!found) throw new Error(`no member at home left under org ${top.id}`);
  used.add(found.id);
  return found;
}

/** A member at home who is recorded away by the county (外出登记 opened), on `now`'s day. */
async function awayMember(top: OrgRow, { now = NOW, leavesOn = '2026-02-01', exact = false, except = [] as number[] } = {}): Promise<MemberRef> {
  const member = await homeMember(top, { exact, except });
  const opened = await openOutflowForMember(db, { viewer: county, ip: IP, now }, {
    memberId: member.id,
    region: '广东省深圳市南山区',
    place: '南山区科技园某电子公司',
    reason: 'work',
    leavesOn,
    expectedMonths: '6',
  });
  expect(opened, `opening a journey for ${member.id}`).toMatchObject({ status: 'success' });
  return member;
}

type Terms = { issuedOn: string; validUntil: string; extensionReason?: string };
const SIX_MONTHS: Terms = { issuedOn: '2026-03-10', validUntil: '2026-09-09' };

async function issueOk(viewer: Viewer, member: MemberRef, terms: Terms = SIX_MONTHS, now: Date = NOW): Promise<{ id: string; number: string }> {
  const state = await issueCertificate(db, ctx(viewer, now), { memberId: member.id, ...terms, photo: photo() });
  if (state.status !== 'success') throw new Error(`issue failed: ${JSON.stringify(state)}`);
  const number = /编号 (〔\d{4}〕\d{4}号)/.exec(state.message ?? '')?.[1];
  return { id: state.data!.certificateId, number: number ?? '' };
}

async function certificateRow(id: string) {
  const [row] = await db.select().from(activityCertificates).where(eq(activityCertificates.id, id));
  return row;
}

const certificatesOf = (memberId: string) => db.select().from(activityCertificates).where(eq(activityCertificates.memberId, memberId)).orderBy(asc(activityCertificates.createdAt));

async function openEpisodeOf(memberId: string) {
  const [row] = await db.select().from(outflowEpisodes).where(and(eq(outflowEpisodes.memberId, memberId), isNull(outflowEpisodes.endedOn)));
  return row ?? null;
}

async function memberStatus(memberId: string) {
  const [row] = await db.select({ status: members.status }).from(members).where(eq(members.id, memberId));
  return row.status;
}

/** What the member reads in 消息, newest first. */
const notificationsOf = async (memberId: string) => (await listNotifications(db, { memberId })).items.map(({ title, body, link }) => ({ title, body, link }));

async function lastAuditId(): Promise<number> {
  await settleAuditWrites();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`);
  return id;
}

async function auditAfter(id: number) {
  await settleAuditWrites();
  return queryRows<{ action: string; outcome: string; entity_id: string | null; org_id: number | null; detail: Record<string, unknown> }>(
    db,
    sql`SELECT action, outcome::text AS outcome, entity_id, org_id, detail FROM audit_log WHERE id > ${id} ORDER BY id`,
  );
}

/** Everything a refused issue could have left behind. */
async function footprint(memberId: string) {
  const [{ certificates }] = await queryRows<{ certificates: number }>(db, sql`SELECT count(*)::int AS certificates FROM activity_certificates`);
  const [{ fileRows }] = await queryRows<{ fileRows: number }>(db, sql`SELECT count(*)::int AS "fileRows" FROM files`);
  const onDisk = fs.readdirSync(storeDir, { recursive: true, encoding: 'utf8' }).filter((entry) => fs.statSync(path.join(storeDir, entry)).isFile()).length;
  return { certificates, fileRows, onDisk, notifications: (await notificationsOf(memberId)).length };
}

beforeAll(async () => {
  db = getDb();
  storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-cert-store-'));
  store = new LocalDiskStore(storeDir);
  await seedDemoCounty(db, { memberCount: 400 });
  allOrgs = await queryRows<OrgRow>(db, sql`SELECT id, path::text AS path, type::text AS type, parent_id AS "parentId", name FROM orgs ORDER BY id`);
  root = allOrgs.find((org) => org.parentId === null)!;
  const [committeeUser] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, 'committee'));
  committee = orgById(committeeUser.orgId!);
  const [branchUser] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, 'branch'));
  branch = orgById(branchUser.orgId!);
  otherCommittee = allOrgs.find((org) => org.parentId === root.id && org.type === 'party_committee' && org.id !== committee.id)!;
  workingCommittee = allOrgs.find((org) => org.parentId === root.id && org.type === 'working_committee')!;
  generalBranch = allOrgs.find((org) => org.type === 'general_branch' && within(org, committee))!;
  expect(committee.type).toBe('party_committee');
  expect(within(branch, committee)).toBe(true);
  expect(workingCommittee).toBeDefined();
  expect(generalBranch).toBeDefined();
  county = await adminViewer(root, ['archive']);
  committeeAdmin = await adminViewer(committee, ['archive']);
}, 120_000);

// --- tests --------------------------------------------------------------------------------------

describe('issuing', () => {
  it('numbers per issuer and year, stores the photo under the member’s branch, audits and tells the member', async () => {
    const first = await awayMember(branch, { exact: true });
    // A branch under the 党总支: the issuer is still the 党委 above, not the 总支.
    const second = await awayMember(generalBranch);
    const before = await lastAuditId();

    const issued = await issueCertificate(db, ctx(committeeAdmin), { memberId: first.id, ...SIX_MONTHS, photo: photo() });
    expect(issued).toEqual({ status: 'success', message: '活动证已发放，编号 〔2026〕0001号。', data: { certificateId: expect.any(String) } });
    const id = issued.status === 'success' ? issued.data!.certificateId : '';
    // The county issues the next one for the same 党委: the 党委's sequence continues.
    const extended = { issuedOn: '2026-03-01', validUntil: '2026-12-31', extensionReason: ' 在外无固定工作单位，组织关系无法转移 ' };
    const next = await issueCertificate(db, ctx(county), { memberId: second.id, ...extended, photo: photo(0x22) });
    expect(next).toMatchObject({ status: 'success', message: '活动证已发放，编号 〔2026〕0002号。' });

    const row = await certificateRow(id);
    expect(row).toMatchObject({ memberId: first.id, issuingOrgId: committee.id, year: 2026, serial: 1, issuedOn: '2026-03-10', validUntil: '2026-09-09', status: 'valid', extensionReason: null, issuedBy: committeeAdmin.userId });
    expect(row.episodeId).toBe((await openEpisodeOf(first.id))!.id);
    const [secondRow] = await certificatesOf(second.id);
    expect(secondRow).toMatchObject({ issuingOrgId: committee.id, serial: 2, extensionReason: '在外无固定工作单位，组织关系无法转移' });

    const [photoRow] = await db.select().from(files).where(eq(files.id, row.photoFileId));
    expect(photoRow).toMatchObject({ orgId: first.orgId, mime: 'image/jpeg', visibility: 'scope', uploadedBy: committeeAdmin.userId, originalName: '证件照.jpg' });
    expect((await store.get(photoRow.storageKey))?.length).toBe(photoRow.sizeBytes);

    const audit = await auditAfter(before);
    expect(audit.map((entry) => [entry.action, entry.outcome, entry.entity_id])).toEqual([
      ['certificate.issue', 'success', first.id],
      ['certificate.issue', 'success', second.id],
    ]);
    expect(audit[0]).toMatchObject({ org_id: first.orgId, detail: { certificateId: id, number: '〔2026〕0001号', issuerId: committee.id, issuedOn: '2026-03-10', validUntil: '2026-09-09' } });

    expect((await notificationsOf(first.id))[0]).toEqual({
      title: '流动党员活动证已发放',
      body: `${committee.name}为您发放了流动党员活动证（〔2026〕0001号），有效期至 2026-09-09。请妥善保管，到流入地党组织报到时出示。`,
      link: '/flow',
    });
    expect((await notificationsOf(second.id))[0]).toMatchObject({ title: '流动党员活动证已发放', body: expect.stringContaining(`${committee.name}为您发放了流动党员活动证（〔2026〕0002号），有效期至 2026-12-31。`) });

    expect(await listMemberCertificates(db, first.id)).toEqual([
      {
        id,
        number: '〔2026〕0001号',
        serial: 1,
        issuerName: committee.name,
        issuedOn: '2026-03-10',
        validUntil: '2026-09-09',
        extensionReason: null,
        status: 'valid',
        photoFileId: row.photoFileId,
        handedInOn: null,
        inspectionNote: null,
        renewedFromNumber: null,
      },
    ]);
  });

  it('starts each year, and each issuer, at 0001', async () => {
    const january = new Date('2027-01-05T04:00:00Z');
    const nextYear = await awayMember(committee, { now: january, leavesOn: '2026-12-20' });
    expect((await issueOk(committeeAdmin, nextYear, { issuedOn: '2027-01-05', validUntil: '2027-07-04' }, january)).number).toBe('〔2027〕0001号');
    // Issued on paper in December and entered in January: numbered in the year it was issued.
    const late = await awayMember(committee, { now: january, leavesOn: '2026-12-01' });
    expect((await issueOk(committeeAdmin, late, { issuedOn: '2026-12-28', validUntil: '2027-06-27' }, january)).number).toBe('〔2026〕0003号');

    const elsewhere = await awayMember(otherCommittee);
    const state = await issueCertificate(db, ctx(county), { memberId: elsewhere.id, ...SIX_MONTHS, photo: photo() });
    expect(state).toMatchObject({ status: 'success', message: '活动证已发放，编号 〔2026〕0001号。' });
    expect((await listMemberCertificates(db, elsewhere.id))[0]).toMatchObject({ number: '〔2026〕0001号', issuerName: otherCommittee.name });
  });

  it('shows the photo to the member and the archive admins in scope, not to other members of the branch', async () => {
    const holder = await awayMember(branch, { exact: true });
    const { id } = await issueOk(committeeAdmin, holder);
    const { photoFileId } = await certificateRow(id);
    const neighbour = await homeMember(branch, { exact: true });
    const allowed = [await memberViewer(holder), committeeAdmin, county, await adminViewer(branch, ['archive'])];
    const refused = [await memberViewer(neighbour), await adminViewer(branch, ['org_life']), await adminViewer(otherCommittee, ['archive']), null];
    for (const viewer of allowed) expect((await getFileForViewer(db, { viewer, fileId: photoFileId }, store))?.file.id, viewer.tier).toBe(photoFileId);
    for (const viewer of refused) expect(await getFileForViewer(db, { viewer, fileId: photoFileId }, store), viewer?.tier ?? 'anonymous').toBeNull();
  });
});

describe('refusing to issue', () => {
  it('refuses admins whose subtree lacks the 党委, admins without archive, host admins and members, and changes nothing', async () => {
    const member = await awayMember(generalBranch);
    const ownBranch = orgById(member.orgId);
    const siblingBranch = allOrgs.find((org) => org.type === 'branch' && within(org, committee) && org.id !== ownBranch.id)!;
    const before = await footprint(member.id);
    const auditBefore = await lastAuditId();

    const outOfScope = [
      await adminViewer(ownBranch, ['archive']), // the member's own branch
      await adminViewer(generalBranch, ['archive']), // the 党总支 above it
      await adminViewer(siblingBranch, ['archive']),
      await adminViewer(otherCommittee, ['archive']),
      await adminViewer(workingCommittee, ['archive']),
    ];
    for (const viewer of outOfScope) {
      expect(await issueCertificate(db, ctx(viewer), { memberId: member.id, ...SIX_MONTHS, photo: photo() }), viewer.scopePath).toEqual({ status: 'forbidden', message: e.outOfScope });
    }
    const notArchive = [
      await adminViewer(committee, ['org_life', 'content', 'cases']),
      await adminViewer(root, ['org_life', 'dues'], 'county_admin'),
      await adminViewer(committee, ['archive'], 'host_admin'),
      await memberViewer(member),
      null,
    ];
    for (const viewer of notArchive) {
      expect(await issueCertificate(db, ctx(viewer), { memberId: member.id, ...SIX_MONTHS, photo: photo() }), viewer?.tier ?? 'anonymous').toEqual({
        status: 'forbidden',
        message: messages.actions.forbidden,
      });
    }
    // An id that is no member at all looks like one out of scope.
    expect(await issueCertificate(db, ctx(committeeAdmin), { memberId: '00000000-0000-4000-8000-000000000000', ...SIX_MONTHS, photo: photo() })).toMatchObject({ status: 'forbidden' });

    expect(await footprint(member.id)).toEqual(before);
    expect(await certificatesOf(member.id)).toEqual([]);
    expect((await auditAfter(auditBefore)).filter((entry) => entry.action.startsWith('certificate.'))).toEqual([]);
  });

  it('refuses a member who is not away and one who already holds a valid certificate', async () => {
    const atHome = await homeMember(committee);
    const holder = await awayMember(committee);
    await issueOk(committeeAdmin, holder);
    const beforeHome = await footprint(atHome.id);
    const beforeHolder = await footprint(holder.id);

    expect(await issueCertificate(db, ctx(committeeAdmin), { memberId: atHome.id, ...SIX_MONTHS, photo: photo() })).toEqual({ status: 'failed', message: e.notAway });
    expect(await issueCertificate(db, ctx(county), { memberId: holder.id, ...SIX_MONTHS, photo: photo(0x33) })).toEqual({ status: 'failed', message: e.alreadyHolds });

    expect(await footprint(atHome.id)).toEqual(beforeHome);
    expect(await footprint(holder.id)).toEqual(beforeHolder);
    expect((await certificatesOf(holder.id)).map((row) => row.status)).toEqual(['valid']);
  });

  it('asks for a photo that is an image, and for dates within the rules, in Chinese per field', async () => {
    const member = await awayMember(committee);
    const before = await footprint(member.id);
    const cases: [string, Partial<Terms> & { photo: UploadedPhoto | null }, Record<string, string[]>][] = [
      ['no photo', { photo: null }, { photo: ['请选择持证人照片。'] }],
      ['empty photo', { photo: { bytes: new Uint8Array(0), name: 'a.jpg' } }, { photo: ['请选择持证人照片。'] }],
      ['a PDF', { photo: { bytes: pdf, name: '照片.pdf' } }, { photo: [messages.upload.notAllowedHere] }],
      ['text renamed .jpg', { photo: { bytes: bytes('Not a photo at all, just a line of text.\n'), name: 'photo.jpg' } }, { photo: [messages.upload.unsupported] }],
      ['seven months without a reason', { validUntil: '2026-10-09', photo: photo() }, { extensionReason: ['有效期超过 6 个月的，须写明组织关系无法转移的原因。'] }],
      ['thirteen months', { validUntil: '2027-04-09', extensionReason: '在外无固定工作单位', photo: photo() }, { validUntil: ['活动证有效期最长 12 个月，到期可换发。'] }],
      ['issued tomorrow', { issuedOn: '2026-03-11', validUntil: '2026-09-10', photo: photo() }, { issuedOn: ['发证日期不能晚于今天。'] }],
      ['issued four months ago', { issuedOn: '2025-11-09', validUntil: '2026-05-08', photo: photo() }, { issuedOn: ['发证日期不能早于 90 天前。'] }],
      ['already lapsed', { issuedOn: '2026-01-10', validUntil: '2026-03-09', photo: photo() }, { validUntil: ['有效期不能早于今天。'] }],
    ];
    for (const [what, input, fieldErrors] of cases) {
      expect(await issueCertificate(db, ctx(committeeAdmin), { memberId: member.id, ...SIX_MONTHS, ...input }), what).toEqual({
        status: 'invalid',
        message: messages.actions.invalid,
        fieldErrors,
      });
    }
    expect(await footprint(member.id)).toEqual(before);
    // Seven months with the reason is fine.
    expect(await issueCertificate(db, ctx(committeeAdmin), { memberId: member.id, ...SIX_MONTHS, validUntil: '2026-10-09', extensionReason: '流动性大，组织关系无法转移', photo: photo() })).toMatchObject({
      status: 'success',
    });
  });
});

describe('renewal', () => {
  const JUNE = new Date('2026-06-20T04:00:00Z');

  it('replaces the certificate with the next number from today, keeping the photo unless a new one is given', async () => {
    const member = await awayMember(committee);
    const old = await issueOk(committeeAdmin, member, { issuedOn: '2026-03-10', validUntil: '2026-06-30' });
    const oldRow = await certificateRow(old.id);
    const before = await lastAuditId();

    const renewed = await renewCertificate(db, ctx(committeeAdmin, JUNE), { certificateId: old.id, validUntil: '2026-12-19', photo: null });
    const expectedNumber = `〔2026〕${String(oldRow.serial + 1).padStart(4, '0')}号`;
    expect(renewed).toEqual({ status: 'success', message: `已换发，新编号 ${expectedNumber}。`, data: { certificateId: expect.any(String) } });
    const newId = renewed.status === 'success' ? renewed.data!.certificateId : '';
    expect(await certificateRow(old.id)).toMatchObject({ status: 'renewed', validUntil: '2026-06-30' });
    expect(await certificateRow(newId)).toMatchObject({
      status: 'valid',
      serial: oldRow.serial + 1,
      issuingOrgId: committee.id,
      issuedOn: '2026-06-20',
      validUntil: '2026-12-19',
      renewedFromId: old.id,
      photoFileId: oldRow.photoFileId,
      episodeId: oldRow.episodeId,
    });
    expect((await listMemberCertificates(db, member.id)).map(({ number, status, renewedFromNumber }) => ({ number, status, renewedFromNumber }))).toEqual([
      { number: expectedNumber, status: 'valid', renewedFromNumber: old.number },
      { number: old.number, status: 'renewed', renewedFromNumber: null },
    ]);
    const audit = await auditAfter(before);
    expect(audit.map((entry) => entry.action)).toEqual(['certificate.renew']);
    expect(audit[0]).toMatchObject({ entity_id: member.id, detail: { certificateId: newId, renewedFrom: old.id, number: expectedNumber } });
    expect((await notificationsOf(member.id))[0]).toEqual({
      title: '流动党员活动证已换发',
      body: `${committee.name}为您发放了流动党员活动证（${expectedNumber}），有效期至 2026-12-19。请妥善保管，到流入地党组织报到时出示。`,
      link: '/flow',
    });

    // The renewed one cannot be renewed again.
    expect(await renewCertificate(db, ctx(committeeAdmin, JUNE), { certificateId: old.id, validUntil: '2026-12-19', photo: null })).toEqual({ status: 'failed', message: e.notValid });

    // A new photo replaces the old one on the next certificate.
    const again = await renewCertificate(db, ctx(county, JUNE), { certificateId: newId, validUntil: '2027-06-19', extensionReason: '在外无固定工作单位', photo: photo(0x44) });
    expect(again).toMatchObject({ status: 'success' });
    const third = await certificateRow(again.status === 'success' ? again.data!.certificateId : '');
    expect(third).toMatchObject({ status: 'valid', renewedFromId: newId, extensionReason: '在外无固定工作单位' });
    expect(third.photoFileId).not.toBe(oldRow.photoFileId);
    const [newPhoto] = await db.select().from(files).where(eq(files.id, third.photoFileId));
    expect(newPhoto).toMatchObject({ orgId: member.orgId, mime: 'image/jpeg' });
    expect((await certificatesOf(member.id)).map((row) => row.status)).toEqual(['renewed', 'renewed', 'valid']);
  });

  it('refuses admins out of scope and a certificate handed in, and changes nothing', async () => {
    const member = await awayMember(branch, { exact: true });
    const { id } = await issueOk(committeeAdmin, member);
    const before = await footprint(member.id);
    for (const viewer of [await adminViewer(branch, ['archive']), await adminViewer(otherCommittee, ['archive'])]) {
      expect(await renewCertificate(db, ctx(viewer, JUNE), { certificateId: id, validUntil: '2026-12-19', photo: photo(0x55) }), viewer.scopePath).toEqual({
        status: 'forbidden',
        message: e.outOfScope,
      });
    }
    for (const viewer of [await adminViewer(committee, ['org_life']), await adminViewer(committee, ['archive'], 'host_admin'), await memberViewer(member), null]) {
      expect(await renewCertificate(db, ctx(viewer, JUNE), { certificateId: id, validUntil: '2026-12-19', photo: null }), viewer?.tier ?? 'anonymous').toMatchObject({ status: 'forbidden' });
    }
    expect(await renewCertificate(db, ctx(committeeAdmin, JUNE), { certificateId: '00000000-0000-4000-8000-000000000000', validUntil: '2026-12-19', photo: null })).toEqual({
      status: 'forbidden',
      message: e.notFound,
    });
    expect(await renewCertificate(db, ctx(committeeAdmin, JUNE), { certificateId: id, validUntil: '2027-07-19', extensionReason: '在外无固定工作单位', photo: null })).toMatchObject({
      status: 'invalid',
      fieldErrors: { validUntil: ['活动证有效期最长 12 个月，到期可换发。'] },
    });
    expect(await footprint(member.id)).toEqual(before);
    expect(await certificateRow(id)).toMatchObject({ status: 'valid' });

    // Handed in on return: no longer renewable.
    const back = await recordReturnHome(db, { viewer: committeeAdmin, ip: IP, now: JUNE }, { memberId: member.id, returnedOn: '2026-06-18', inspectionNote: '证件完好，在外表现良好。' });
    expect(back).toMatchObject({ status: 'success' });
    expect(await renewCertificate(db, ctx(committeeAdmin, JUNE), { certificateId: id, validUntil: '2026-12-19', photo: null })).toEqual({ status: 'failed', message: e.notValid });
    expect((await certificatesOf(member.id)).map((row) => row.status)).toEqual(['returned']);
  });
});

describe('return home', () => {
  const MAY = new Date('2026-05-20T04:00:00Z');

  it('asks for the inspection of a held certificate, then hands it in with the episode closed', async () => {
    const member = await awayMember(branch, { exact: true });
    const { id } = await issueOk(committeeAdmin, member);
    const episode = (await openEpisodeOf(member.id))!;
    const branchAdmin = await adminViewer(branch, ['archive']);
    const notifications = (await notificationsOf(member.id)).length;

    for (const inspectionNote of [undefined, '', ' 好 ']) {
      expect(await recordReturnHome(db, { viewer: branchAdmin, ip: IP, now: MAY }, { memberId: member.id, returnedOn: '2026-05-18', inspectionNote }), String(inspectionNote)).toEqual({
        status: 'invalid',
        message: messages.actions.invalid,
        fieldErrors: { inspectionNote: ['请填写查验意见（2 到 500 字）。'] },
      });
    }
    expect(await openEpisodeOf(member.id)).toMatchObject({ id: episode.id, endedOn: null });
    expect(await certificateRow(id)).toMatchObject({ status: 'valid', handedInOn: null, inspectionNote: null });
    expect(await memberStatus(member.id)).toBe('outflow');
    expect(await notificationsOf(member.id)).toHaveLength(notifications);

    const before = await lastAuditId();
    const note = '在外期间按时参加流入地组织生活，党费按月交纳，证件完好。';
    expect(await recordReturnHome(db, { viewer: branchAdmin, ip: IP, now: MAY }, { memberId: member.id, returnedOn: '2026-05-18', inspectionNote: ` ${note} ` })).toEqual({
      status: 'success',
      message: '已登记返乡。',
    });
    expect(await certificateRow(id)).toMatchObject({ status: 'returned', handedInOn: '2026-05-18', inspectionNote: note, inspectedBy: branchAdmin.userId });
    expect(await openEpisodeOf(member.id)).toBeNull();
    const [closed] = await db.select().from(outflowEpisodes).where(eq(outflowEpisodes.id, episode.id));
    expect(closed.endedOn).toBe('2026-05-18');
    expect(await memberStatus(member.id)).toBe('returned');
    expect((await listMemberCertificates(db, member.id))[0]).toMatchObject({ status: 'returned', handedInOn: '2026-05-18', inspectionNote: note });
    const audit = await auditAfter(before);
    expect(audit.map((entry) => entry.action)).toEqual(['outflow.return_home']);
    expect(audit[0].detail).toMatchObject({ certificateHandedIn: id, returnedOn: '2026-05-18' });
    // Back home, the member may be issued a new one on the next journey only.
    expect(await issueCertificate(db, ctx(committeeAdmin, MAY), { memberId: member.id, issuedOn: '2026-05-20', validUntil: '2026-11-19', photo: photo() })).toEqual({
      status: 'failed',
      message: e.notAway,
    });
  });

  it('asks no inspection of a member who holds no certificate', async () => {
    const member = await awayMember(committee);
    expect(await recordReturnHome(db, { viewer: committeeAdmin, ip: IP, now: MAY }, { memberId: member.id, returnedOn: '2026-05-20' })).toEqual({ status: 'success', message: '已登记返乡。' });
    expect(await memberStatus(member.id)).toBe('returned');
  });
});

describe('the register', () => {
  const OCTOBER = new Date('2025-10-01T04:00:00Z');

  it('lists the issuer’s certificates newest first, filters by state on the given day, and scopes them', async () => {
    const wcBranches = allOrgs.filter((org) => org.parentId === workingCommittee.id);
    const lapsed = await awayMember(workingCommittee, { now: OCTOBER, leavesOn: '2025-09-20' });
    const current = await awayMember(workingCommittee, { except: [lapsed.orgId] });
    expect(wcBranches.map((org) => org.id)).toEqual(expect.arrayContaining([lapsed.orgId, current.orgId]));
    const wcAdmin = await adminViewer(workingCommittee, ['archive']);
    const lapsedCert = await issueOk(wcAdmin, lapsed, { issuedOn: '2025-10-01', validUntil: '2026-01-31' }, OCTOBER);
    const currentCert = await issueOk(wcAdmin, current, { issuedOn: '2026-03-01', validUntil: '2026-08-31' });
    expect([lapsedCert.number, currentCert.number]).toEqual(['〔2025〕0001号', '〔2026〕0001号']);

    const register = await listCertificateRegister(db, { viewer: wcAdmin, now: NOW });
    expect(register.map(({ id, number, memberId, memberName, branchName, issuerName, status }) => ({ id, number, memberId, memberName, branchName, issuerName, status }))).toEqual([
      { id: currentCert.id, number: '〔2026〕0001号', memberId: current.id, memberName: current.name, branchName: orgById(current.orgId).name, issuerName: workingCommittee.name, status: 'valid' },
      { id: lapsedCert.id, number: '〔2025〕0001号', memberId: lapsed.id, memberName: lapsed.name, branchName: orgById(lapsed.orgId).name, issuerName: workingCommittee.name, status: 'valid' },
    ]);
    const ids = async (viewer: Viewer, filter?: 'valid' | 'expired' | 'renewed' | 'returned', now: Date = NOW) =>
      (await listCertificateRegister(db, { viewer, filter, now })).map((row) => row.id);
    expect(await ids(wcAdmin, 'expired')).toEqual([lapsedCert.id]);
    expect(await ids(wcAdmin, 'valid')).toEqual([currentCert.id]);
    expect(await ids(wcAdmin, 'renewed')).toEqual([]);
    expect(await ids(wcAdmin, 'returned')).toEqual([]);
    expect(await countExpiredCertificates(db, wcAdmin, NOW)).toBe(1);

    // 有效期至 2026-01-31 is good through that Beijing day, and lapsed from the next.
    const lastMinute = new Date('2026-01-31T15:59:00Z');
    const nextMorning = new Date('2026-01-31T16:00:00Z');
    expect(await ids(wcAdmin, 'expired', lastMinute)).toEqual([]);
    expect(await ids(wcAdmin, 'valid', lastMinute)).toContain(lapsedCert.id);
    expect(await countExpiredCertificates(db, wcAdmin, lastMinute)).toBe(0);
    expect(await ids(wcAdmin, 'expired', nextMorning)).toEqual([lapsedCert.id]);
    expect(await countExpiredCertificates(db, wcAdmin, nextMorning)).toBe(1);

    // The member's branch sees what the 党工委 issued to its own members only.
    const lapsedBranchAdmin = await adminViewer(orgById(lapsed.orgId), ['archive']);
    expect(await ids(lapsedBranchAdmin)).toEqual([lapsedCert.id]);
    expect(await countExpiredCertificates(db, lapsedBranchAdmin, NOW)).toBe(1);
    const currentBranchAdmin = await adminViewer(orgById(current.orgId), ['archive']);
    expect(await ids(currentBranchAdmin)).toEqual([currentCert.id]);
    expect(await countExpiredCertificates(db, currentBranchAdmin, NOW)).toBe(0);

    // The county sees them; another 党委 sees none of them; admins without archive see nothing.
    expect(await ids(county)).toEqual(expect.arrayContaining([lapsedCert.id, currentCert.id]));
    const committeeSees = await ids(committeeAdmin);
    expect(committeeSees.length).toBeGreaterThan(0); // its own certificates
    expect(committeeSees).not.toContain(lapsedCert.id);
    expect(committeeSees).not.toContain(currentCert.id);
    const otherAdmin = await adminViewer(otherCommittee, ['archive']);
    expect((await listCertificateRegister(db, { viewer: otherAdmin, now: NOW })).every((row) => row.issuerName === otherCommittee.name)).toBe(true);
    expect(await ids(otherAdmin)).not.toContain(lapsedCert.id);
    expect(await countExpiredCertificates(db, otherAdmin, NOW)).toBe(0);
    for (const viewer of [await adminViewer(workingCommittee, ['org_life']), await adminViewer(workingCommittee, ['archive'], 'host_admin')]) {
      expect(await ids(viewer)).toEqual([]);
      expect(await countExpiredCertificates(db, viewer, NOW)).toBe(0);
    }

    // Renewed and handed in move to their own filters.
    const renewed = await renewCertificate(db, ctx(wcAdmin), { certificateId: lapsedCert.id, validUntil: '2026-09-09', photo: null });
    expect(renewed).toMatchObject({ status: 'success', message: '已换发，新编号 〔2026〕0002号。' });
    expect(await ids(wcAdmin, 'renewed')).toEqual([lapsedCert.id]);
    expect(await ids(wcAdmin, 'expired')).toEqual([]);
    expect(await countExpiredCertificates(db, wcAdmin, NOW)).toBe(0);
    const newest = renewed.status === 'success' ? renewed.data!.certificateId : '';
    expect((await listCertificateRegister(db, { viewer: wcAdmin, now: NOW }))[0]).toMatchObject({ id: newest, issuedOn: '2026-03-10', renewedFromNumber: '〔2025〕0001号' });
    expect(await recordReturnHome(db, { viewer: wcAdmin, ip: IP, now: NOW }, { memberId: current.id, returnedOn: '2026-03-09', inspectionNote: '证件完好。' })).toMatchObject({ status: 'success' });
    expect(await ids(wcAdmin, 'returned')).toEqual([currentCert.id]);
    expect(await ids(wcAdmin, 'valid')).toEqual([newest]);
  });
});

describe('register order and hand-in day', () => {
  it('lists certificates issued on the same day in number order, newest first', async () => {
    const admin = await adminViewer(otherCommittee, ['archive']);
    for (let i = 0; i < 6; i++) await issueOk(admin, await awayMember(otherCommittee));
    const sameDay = (await listCertificateRegister(db, { viewer: admin, now: NOW })).filter((row) => row.issuedOn === SIX_MONTHS.issuedOn).map((row) => row.number);
    expect(sameDay.length).toBeGreaterThanOrEqual(6);
    expect(sameDay).toEqual([...sameDay].sort().reverse());
  });

  it('does not record a certificate as handed in before the day it was issued', async () => {
    const member = await awayMember(committee, { leavesOn: '2026-01-20' });
    const { id } = await issueOk(committeeAdmin, member);
    const result = await recordReturnHome(db, { viewer: committeeAdmin, ip: IP, now: NOW }, { memberId: member.id, returnedOn: '2026-02-05', inspectionNote: '证件完好。' });
    const row = await certificateRow(id);
    expect(result).toEqual({ status: 'invalid', message: messages.actions.invalid, fieldErrors: { returnedOn: [messages.flow.errors.returnedBeforeCertificate(row.issuedOn)] } });
    expect(row.status).toBe('valid');
    expect(row.handedInOn).toBeNull();
  });
});

describe('concurrent issues', () => {
  it.skipIf(connection().engine === 'pglite')(
    'give members of one 党委 distinct consecutive numbers (PostgreSQL only: PGlite runs transactions one at a time)',
    async () => {
      const away: MemberRef[] = [];
      for (let i = 0; i < 4; i++) away.push(await awayMember(otherCommittee));
      const [{ last }] = await queryRows<{ last: number }>(
        db,
        sql`SELECT coalesce(max(serial), 0)::int AS last FROM activity_certificates WHERE issuing_org_id = ${otherCommittee.id} AND year = 2026`,
      );
      const admins = [county, await adminViewer(otherCommittee, ['archive'])];
      const results = await Promise.all(
        away.map((member, i) => issueCertificate(db, ctx(admins[i % 2]), { memberId: member.id, ...SIX_MONTHS, photo: photo(0x60 + i) })),
      );
      expect(results.map((result) => result.status)).toEqual(['success', 'success', 'success', 'success']);
      const rows = await db
        .select({ serial: activityCertificates.serial, memberId: activityCertificates.memberId })
        .from(activityCertificates)
        .where(and(eq(activityCertificates.issuingOrgId, otherCommittee.id), eq(activityCertificates.year, 2026)))
        .orderBy(desc(activityCertificates.serial));
      const mine = rows.filter((row) => away.some((member) => member.id === row.memberId));
      expect(mine.map((row) => row.serial).sort((a, b) => a - b)).toEqual([last + 1, last + 2, last + 3, last + 4]);
      // Each member was told the number they hold.
      for (const row of mine) {
        expect((await notificationsOf(row.memberId))[0].body).toContain(`（〔2026〕${String(row.serial).padStart(4, '0')}号）`);
      }
    },
  );
});
