import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { activityCertificates, hostRegistrations, members, users } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import type { ActionState } from '@/lib/actions/action-state';
import { settleAuditWrites } from '@/lib/audit/audit';
import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { secrets } from '@/lib/config/secrets';
import { certificateNumber } from '@/lib/flow/certificate-rules';
import { issueCertificate } from '@/lib/flow/certificates';
import { readCardPhoto, readOwnCard, verifyECard } from '@/lib/flow/ecard';
import { ECARD_TTL_SECONDS, groupedToken, signECardToken } from '@/lib/flow/ecard-token';
import { acceptRegistration, fileRegistration } from '@/lib/flow/hosting';
import { openOutflowForMember } from '@/lib/flow/workflow';
import { messages } from '@/lib/i18n/messages';
import { decryptPii } from '@/lib/security/pii';
import { LocalDiskStore } from '@/lib/storage/file-store';
import { getFileForViewer } from '@/lib/storage/queries';
import { bytes, JPEG_EOI, JPEG_SOI, jpegSegment } from '../support/bytes';

// The 电子党员证 on a real database (PGlite, and PostgreSQL when configured): the member's card
// carries a signed code good for ten minutes; a host (or archive) admin checks it and sees the
// holder's name, branch, status and 活动证 — never the ID number or the phone —, every check
// audited; forged, altered, expired and garbled codes are refused, and so is the photo behind them.

type OrgRow = { id: number; path: string; type: string; parentId: number | null; name: string };
type MemberViewer = Viewer & { memberId: string };

// 12:00 in Beijing on 2026-06-15.
const NOW = new Date('2026-06-15T04:00:00Z');
const IP = '198.51.100.33';
const minutesLater = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const c = messages.flow.ecard;
const FORBIDDEN = { status: 'forbidden', message: messages.actions.forbidden };

let db: Database;
let store: LocalDiskStore;
let allOrgs: OrgRow[];
let root: OrgRow;
let branch: OrgRow;
let committee: OrgRow;
let otherCommittee: OrgRow;
let host: OrgRow;
let otherHost: OrgRow;
let county: Viewer;
let hostAdmin: Viewer;

const ctx = (viewer: Viewer | null, now: Date = NOW) => ({ viewer, ip: IP, now });
const orgById = (id: number) => allOrgs.find((org) => org.id === id)!;
const within = (org: OrgRow, top: OrgRow) => org.path === top.path || org.path.startsWith(`${top.path}.`);

const jpeg = bytes(
  JPEG_SOI,
  jpegSegment(0xe0, 'JFIF\0', [1, 2, 1, 0, 72, 0, 72, 0, 0]),
  jpegSegment(0xdb, [0x00], Array.from({ length: 64 }, (_, i) => i + 1)),
  jpegSegment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]),
  jpegSegment(0xc4, [0x00, 1, ...new Array(15).fill(0), 0x00]),
  jpegSegment(0xda, [1, 1, 0x00, 0, 63, 0]),
  [0x12, 0xff, 0x00, 0x34, 0xa5, 0x56, 0x78, 0x9a],
  JPEG_EOI,
);

async function adminViewer(org: OrgRow, capabilities: Capability[] = ['archive'], tier: Tier = org.parentId === null ? 'county_admin' : 'org_admin'): Promise<Viewer> {
  const [user] = await db
    .insert(users)
    .values({ username: `t${Math.random().toString(36).slice(2, 12)}`, displayName: `测试管理员${org.id}`, tier, orgId: org.id, capabilities })
    .returning({ id: users.id });
  return { userId: user.id, tier, orgId: org.id, scopePath: org.path, capabilities };
}

/** A seeded member of `branchOrg` given an account, not used by another test: 在册 and never away unless `fresh` is false. */
async function memberViewer(branchOrg: OrgRow = branch, { fresh = true } = {}): Promise<MemberViewer> {
  const [row] = await db
    .select({ id: members.id, name: members.name, orgId: members.orgId })
    .from(members)
    .leftJoin(users, eq(users.memberId, members.id))
    .where(
      and(
        eq(members.orgId, branchOrg.id),
        isNull(users.id),
        fresh ? and(eq(members.status, 'registered'), sql`NOT EXISTS (SELECT 1 FROM outflow_episodes e WHERE e.member_id = ${members.id})`) : undefined,
      ),
    )
    .orderBy(asc(members.name), asc(members.id))
    .limit(1);
  if (!row) throw new Error(`no member left in org ${branchOrg.id}`);
  const [user] = await db.insert(users).values({ memberId: row.id, displayName: row.name, tier: 'member', orgId: branchOrg.id }).returning({ id: users.id });
  return { userId: user.id, tier: 'member', orgId: branchOrg.id, scopePath: branchOrg.path, capabilities: [], memberId: row.id, displayName: row.name };
}

function ok(state: ActionState, what: string): ActionState {
  if (state.status !== 'success') throw new Error(`${what}: ${JSON.stringify(state)}`);
  return state;
}

/** A member recorded away (流出中) to 深圳宝安 since 2026-04-01. */
async function awayMember(branchOrg: OrgRow = branch): Promise<MemberViewer> {
  const member = await memberViewer(branchOrg);
  const plan = { region: '广东省深圳市宝安区', place: '宝安区西乡街道某电子厂', reason: 'work', leavesOn: '2026-04-01', expectedMonths: '12' };
  ok(await openOutflowForMember(db, ctx(county), { memberId: member.memberId, ...plan }), 'open outflow');
  return member;
}

/** An away member holding a valid 活动证 with a photo; its id and number. */
async function certifiedMember(branchOrg: OrgRow = branch): Promise<{ member: MemberViewer; certificateId: string; number: string; photoFileId: string; issuerName: string }> {
  const member = await awayMember(branchOrg);
  const issued = ok(await issueCertificate(db, { ...ctx(county), store }, { memberId: member.memberId, issuedOn: '2026-06-10', validUntil: '2026-12-09', photo: { bytes: jpeg, name: '证件照.jpg' } }), 'issue');
  const certificateId = issued.status === 'success' ? issued.data!.certificateId : '';
  const [row] = await db.select().from(activityCertificates).where(eq(activityCertificates.id, certificateId));
  return { member, certificateId, number: certificateNumber(row.year, row.serial), photoFileId: row.photoFileId, issuerName: orgById(row.issuingOrgId).name };
}

async function lastAuditId(): Promise<number> {
  await settleAuditWrites();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`);
  return id;
}

async function auditAfter(id: number) {
  await settleAuditWrites();
  return queryRows<{ action: string; outcome: string; entity_id: string | null; actor_user_id: string | null; detail: Record<string, unknown> }>(
    db,
    sql`SELECT action, outcome::text AS outcome, entity_id, actor_user_id::text AS actor_user_id, detail FROM audit_log WHERE id > ${id} ORDER BY id`,
  );
}

/** The member's real ID number and phone, from the archive. */
async function secretsOf(memberId: string): Promise<{ idNumber: string; masked: string; phone: string | null }> {
  const [row] = await db.select({ cipher: members.idNumberCipher, masked: members.idNumberMasked, phone: members.phone }).from(members).where(eq(members.id, memberId));
  return { idNumber: decryptPii(row.cipher, 'member.id_number'), masked: row.masked, phone: row.phone };
}

/** The same token with one character of its body changed (still well-formed base64url). */
function altered(token: string): string {
  const chars = [...token];
  chars[6] = chars[6] === 'A' ? 'B' : 'A';
  return chars.join('');
}

beforeAll(async () => {
  db = getDb();
  store = new LocalDiskStore(fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-ecard-')));
  await seedDemoCounty(db, { memberCount: 400 });
  allOrgs = await queryRows<OrgRow>(db, sql`SELECT id, path::text AS path, type::text AS type, parent_id AS "parentId", name FROM orgs ORDER BY id`);
  const orgOf = async (username: string) => {
    const [admin] = await db.select({ orgId: users.orgId }).from(users).where(eq(users.username, username));
    return orgById(admin.orgId!);
  };
  root = allOrgs.find((org) => org.parentId === null)!;
  branch = await orgOf('branch');
  committee = await orgOf('committee');
  otherCommittee = allOrgs.find((org) => org.parentId === root.id && org.type === 'party_committee' && org.id !== committee.id)!;
  host = allOrgs.find((org) => org.name === '中共深圳市宝安区清源籍流动党员党支部')!;
  otherHost = allOrgs.find((org) => org.type === 'host' && org.id !== host.id)!;
  expect(within(branch, committee)).toBe(true);
  expect(within(branch, otherCommittee)).toBe(false);
  county = await adminViewer(root);
  hostAdmin = await adminViewer(host, ['org_life'], 'host_admin');
}, 120_000);

describe('the member’s card and its check', () => {
  it('gives the member a code the host admin verifies: name, branch, status, 活动证 — no ID number, no phone; audited', async () => {
    const { member, number, issuerName } = await certifiedMember();
    // Reported to the host and accepted there.
    ok(await fileRegistration(db, ctx(member), { where: 'host', hostOrgId: String(host.id), reportedOn: '2026-06-12' }), 'file');
    const [registration] = await db.select({ id: hostRegistrations.id }).from(hostRegistrations).where(eq(hostRegistrations.memberId, member.memberId));
    ok(await acceptRegistration(db, ctx(hostAdmin), { registrationId: registration.id, placedOrgId: host.id, certificateChecked: true }), 'accept');

    const card = await readOwnCard(member, NOW);
    expect(card).not.toBeNull();
    expect(card!).toMatchObject({
      memberId: member.memberId,
      name: member.displayName,
      branchName: branch.name,
      status: 'outflow',
      away: expect.stringContaining('宝安区西乡街道某电子厂'),
      certificate: { number, issuerName, validUntil: '2026-12-09', state: 'valid' },
    });
    expect(card!.expiresAt).toEqual(new Date(NOW.getTime() + ECARD_TTL_SECONDS * 1000));
    expect(card!.grouped).toBe(groupedToken(card!.token));
    expect(card!.qrSvg).toMatch(/^<svg/);
    // The code names the member by id only: 21 bytes of body, none of it the ID number.
    const { idNumber, masked, phone } = await secretsOf(member.memberId);
    expect(phone).not.toBeNull();
    expect(Buffer.from(card!.token.split('.')[0], 'base64url')).toHaveLength(21);
    const ownCard = JSON.stringify(card);
    expect(ownCard).not.toContain(idNumber);
    expect(ownCard).not.toContain(masked);
    expect(ownCard).not.toContain(phone!);

    const before = await lastAuditId();
    // The checker types the grouped form, four at a time, as read aloud.
    const checked = await verifyECard(db, ctx(hostAdmin, minutesLater(5)), { code: card!.grouped });
    expect(checked).toEqual({
      status: 'success',
      message: c.verified,
      data: {
        name: member.displayName,
        branch: branch.name,
        status: messages.memberStatuses.outflow,
        away: card!.away,
        certificate: `${number} · ${issuerName}`,
        validUntil: '2026-12-09',
        certificateState: messages.flow.certificate.states.valid,
        registration: `${messages.flow.hosting.statuses.accepted} · ${host.name}`,
        // Placed with this host: the checker is offered to record the meeting.
        attendable: 'yes',
        checkedUntil: card!.expiresAt.toISOString(),
      },
    });
    const shown = JSON.stringify(checked);
    expect(shown).not.toContain(idNumber);
    expect(shown).not.toContain(idNumber.slice(-6));
    expect(shown).not.toContain(masked);
    expect(shown).not.toContain(phone!);
    expect(await auditAfter(before)).toEqual([
      { action: 'ecard.verify', outcome: 'success', entity_id: member.memberId, actor_user_id: hostAdmin.userId, detail: { expiresAt: card!.expiresAt.toISOString() } },
    ]);

    // Another host's admin checks it too, without the 报到 (it is not theirs); so does the county.
    const elsewhere = await verifyECard(db, ctx(await adminViewer(otherHost, ['org_life'], 'host_admin')), { code: card!.token });
    expect(elsewhere).toMatchObject({ status: 'success', data: { name: member.displayName, registration: '', attendable: '' } });
    expect(await verifyECard(db, ctx(county), { code: card!.token })).toMatchObject({ status: 'success', data: { registration: `${messages.flow.hosting.statuses.accepted} · ${host.name}` } });
  });

  it('shows a member without a 活动证 or a journey as such', async () => {
    const member = await memberViewer();
    const card = await readOwnCard(member, NOW);
    expect(card).toMatchObject({ memberId: member.memberId, status: 'registered', away: null, certificate: null });
    const checked = await verifyECard(db, ctx(hostAdmin), { code: card!.token });
    expect(checked).toMatchObject({
      status: 'success',
      data: { name: member.displayName, branch: branch.name, status: messages.memberStatuses.registered, away: '', certificate: '', validUntil: '', certificateState: '', registration: '', attendable: '' },
    });
    const { idNumber, phone } = await secretsOf(member.memberId);
    expect(JSON.stringify(checked)).not.toContain(idNumber);
    if (phone) expect(JSON.stringify(checked)).not.toContain(phone);
  });

  it('refuses a code signed with another key, altered, expired or garbled — each refusal audited', async () => {
    const member = await memberViewer();
    const card = (await readOwnCard(member, NOW))!;
    const foreign = signECardToken(member.memberId, NOW, randomBytes(32)).token;
    // The same member, another expiry, under the right key but with the signature of the first.
    const spliced = `${signECardToken(member.memberId, minutesLater(60), secrets().hmacKey).token.split('.')[0]}.${card.token.split('.')[1]}`;
    const cases: [string, string, Date, keyof typeof c.errors][] = [
      ['another key', foreign, NOW, 'signature'],
      ['altered body', altered(card.token), NOW, 'signature'],
      ['spliced expiry', spliced, NOW, 'signature'],
      ['11 minutes later', card.token, minutesLater(11), 'expired'],
      ['at the expiry itself', card.token, card.expiresAt, 'expired'],
      ['garbage', 'hello-world', NOW, 'malformed'],
      ['empty', '', NOW, 'malformed'],
      ['truncated', card.token.slice(0, -1), NOW, 'malformed'],
      ['a version this system does not sign', `${Buffer.concat([Buffer.from([2]), Buffer.from(card.token.split('.')[0], 'base64url').subarray(1)]).toString('base64url')}.${card.token.split('.')[1]}`, NOW, 'malformed'],
    ];
    for (const [what, code, now, reason] of cases) {
      const before = await lastAuditId();
      expect(await verifyECard(db, ctx(hostAdmin, now), { code }), what).toEqual({ status: 'failed', message: c.errors[reason] });
      expect(await auditAfter(before), what).toEqual([{ action: 'ecard.verify', outcome: 'failure', entity_id: null, actor_user_id: hostAdmin.userId, detail: { reason } }]);
    }
    // The Chinese messages themselves.
    expect(c.errors).toEqual({
      malformed: '核验码格式不对，请检查后重新输入，或重新扫描。',
      signature: '核验未通过：这不是本系统签发的电子党员证，或内容被改动过。',
      expired: '二维码已过期，请党员在手机上刷新后重新出示。',
    });
    // A minute before the expiry the code is still good.
    expect(await verifyECard(db, ctx(hostAdmin, minutesLater(9)), { code: card.token })).toMatchObject({ status: 'success' });
  });

  it('lets only host admins and archive admins check a card', async () => {
    const member = await memberViewer();
    const card = (await readOwnCard(member, NOW))!;
    const before = await lastAuditId();
    const refused = [member, await memberViewer(branch, { fresh: false }), await adminViewer(root, ['org_life', 'pii_reveal', 'accounts']), await adminViewer(branch, ['content']), null];
    for (const viewer of refused) {
      expect(await verifyECard(db, ctx(viewer), { code: card.token })).toEqual(FORBIDDEN);
      expect(await verifyECard(db, ctx(viewer), { code: 'garbage' })).toEqual(FORBIDDEN);
    }
    expect(await auditAfter(before)).toEqual([]);
    // An archive admin anywhere may check (a 支部 meeting checks its visitors too).
    expect(await verifyECard(db, ctx(await adminViewer(otherCommittee)), { code: card.token })).toMatchObject({ status: 'success' });
  });
});

describe('the photo behind a code', () => {
  it('gives the certificate photo to a host admin with a good code, and nothing for a bad code, a member or no certificate', async () => {
    const { member, photoFileId } = await certifiedMember();
    const card = (await readOwnCard(member, NOW))!;
    const stored = await getFileForViewer(db, { viewer: county, fileId: photoFileId }, store);
    expect(stored).not.toBeNull();

    const photo = await readCardPhoto(db, hostAdmin, card.token, minutesLater(5), store);
    expect(photo).not.toBeNull();
    expect(photo!.file.id).toBe(photoFileId);
    expect(Buffer.from(photo!.bytes).equals(Buffer.from(stored!.bytes))).toBe(true);
    expect(photo!.file.mime).toBe('image/jpeg');
    // The county may use the card's way too.
    expect(await readCardPhoto(db, county, card.grouped, NOW, store)).not.toBeNull();

    expect(await readCardPhoto(db, hostAdmin, card.token, minutesLater(11), store)).toBeNull();
    expect(await readCardPhoto(db, hostAdmin, signECardToken(member.memberId, NOW, randomBytes(32)).token, NOW, store)).toBeNull();
    expect(await readCardPhoto(db, hostAdmin, altered(card.token), NOW, store)).toBeNull();
    expect(await readCardPhoto(db, hostAdmin, 'garbage', NOW, store)).toBeNull();
    expect(await readCardPhoto(db, member, card.token, NOW, store)).toBeNull();
    expect(await readCardPhoto(db, await adminViewer(root, ['org_life']), card.token, NOW, store)).toBeNull();
    expect(await readCardPhoto(db, null, card.token, NOW, store)).toBeNull();

    const uncertified = await awayMember();
    const bare = (await readOwnCard(uncertified, NOW))!;
    expect(await readCardPhoto(db, hostAdmin, bare.token, NOW, store)).toBeNull();
  });

  it('serves the photo file to the member and archive admins in scope only, not to another member of the branch', async () => {
    const { member, photoFileId } = await certifiedMember();
    const get = async (viewer: Viewer | null) => (await getFileForViewer(db, { viewer, fileId: photoFileId }, store)) !== null;
    expect(await get(member)).toBe(true);
    expect(await get(county)).toBe(true);
    expect(await get(await adminViewer(committee))).toBe(true);
    expect(await get(await adminViewer(branch))).toBe(true);

    expect(await get(await memberViewer(branch, { fresh: false }))).toBe(false);
    expect(await get(await adminViewer(otherCommittee))).toBe(false);
    expect(await get(await adminViewer(branch, ['org_life', 'content']))).toBe(false);
    expect(await get(hostAdmin)).toBe(false);
    expect(await get(null)).toBe(false);
  });
});
