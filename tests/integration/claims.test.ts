import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { memberClaims, members, orgs, users, type MemberClaim } from '@/db/schema';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { settleAuditWrites, verifyAuditChain } from '@/lib/audit/audit';
import { activateMember, CONSENT_VERSION } from '@/lib/auth/activation';
import type { RequestContext } from '@/lib/auth/login';
import { CAPABILITIES, type Capability, type Tier, type Viewer } from '@/lib/auth/viewer';
import type { ClaimCursor } from '@/lib/claims/claim-rules';
import { listClaims } from '@/lib/claims/queries';
import { fileClaim, rejectClaim, verifyClaim } from '@/lib/claims/workflow';
import { messages } from '@/lib/i18n/messages';
import { computeIdNumberCheckChar } from '@/lib/members/id-number';
import { bulkInsertMembers } from '@/lib/members/queries';
import { decryptPii, piiLookupHash } from '@/lib/security/pii';
import { findIdNumbersInClear } from '@/tests/support/pii-scan';

const t = messages.claims;
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const T0 = new Date();
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
const ctx = (now: Date = T0, ip = '203.0.113.1', ipTrusted = false): RequestContext => ({ ip, ipTrusted, userAgent: 'test', now });
const PASSWORD = 'Harbour-lights-2031';

let db: Database;
/** The demo branch admin's branch, its committee, another branch outside that committee. */
let branch: { id: number; path: string };
let siblingBranch: { id: number; path: string };
let otherBranch: { id: number; path: string };
let committeeOrg: { id: number };
let viewers: Record<'county' | 'committee' | 'branch' | 'host' | 'otherBranch' | 'noArchive', Viewer>;
/** Every ID number a test files, for the clear-text scan at the end. */
const filedIdNumbers: string[] = [];

let sequence = 0;
/** A valid ID number that no seeded member holds (Beijing region code, unlike the demo county's). */
function newIdNumber(): string {
  sequence += 1;
  const first17 = `110101${1980 + (sequence % 20)}0${(sequence % 9) + 1}1${sequence % 10}${String(sequence % 1000).padStart(3, '0')}`;
  const id = first17 + computeIdNumberCheckChar(first17);
  filedIdNumbers.push(id);
  return id;
}
let phoneSequence = 0;
const newPhone = () => `1390000${String((phoneSequence += 1)).padStart(4, '0')}`;

function filing(overrides: Partial<{ name: string; idNumber: string; phone: string; orgId: number; note: string | null }> = {}) {
  return { name: '林晓梅', idNumber: newIdNumber(), phone: newPhone(), orgId: branch.id, note: '2015年在原单位入党', ...overrides };
}

async function claimsOf(idNumber: string): Promise<MemberClaim[]> {
  return db.select().from(memberClaims).where(eq(memberClaims.idNumberHash, piiLookupHash(idNumber, 'member.id_number')));
}

async function counts(): Promise<{ members: number; codes: number; claims: number; users: number }> {
  const [row] = await queryRows<{ members: number; codes: number; claims: number; users: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM one_time_codes)::int AS codes,
               (SELECT count(*) FROM member_claims)::int AS claims, (SELECT count(*) FROM users)::int AS users`,
  );
  return row;
}

async function lastAuditId(): Promise<number> {
  await settleAuditWrites();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`);
  return id;
}

type AuditText = { action: string; outcome: string; actor_user_id: string | null; entity_id: string | null; org_id: number | null; detail: string };
async function auditRowsAfter(id: number): Promise<AuditText[]> {
  await settleAuditWrites();
  return queryRows<AuditText>(
    db,
    sql`SELECT action, outcome::text AS outcome, actor_user_id::text AS actor_user_id, entity_id, org_id, detail::text AS detail
        FROM audit_log WHERE id > ${id} ORDER BY id`,
  );
}

async function viewerOf(username: string): Promise<Viewer> {
  const [row] = await db.select({ user: users, path: orgs.path }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(eq(users.username, username));
  return { userId: row.user.id, tier: row.user.tier, orgId: row.user.orgId, scopePath: row.path, capabilities: row.user.capabilities as Capability[] };
}

async function createAdmin(username: string, org: { id: number; path: string }, tier: Tier, capabilities: Capability[]): Promise<Viewer> {
  const [user] = await db.insert(users).values({ username, displayName: username, tier, orgId: org.id, capabilities }).returning();
  return { userId: user.id, tier, orgId: org.id, scopePath: org.path, capabilities };
}

beforeAll(async () => {
  db = getDb();
  const seeded = await seedDemoCounty(db, { memberCount: 400 });
  if (!seeded.logins) throw new Error('the demo county was not seeded');
  const county = await viewerOf('county');
  const committee = await viewerOf('committee');
  const branchAdmin = await viewerOf('branch');
  const host = await viewerOf('host');
  branch = { id: branchAdmin.orgId, path: branchAdmin.scopePath };
  committeeOrg = { id: committee.orgId };
  const branches = await db
    .select({ id: orgs.id, path: orgs.path })
    .from(orgs)
    .where(inArray(orgs.type, ['branch', 'joint_branch']))
    .orderBy(orgs.id);
  siblingBranch = branches.find((org) => org.id !== branch.id && org.path.startsWith(`${committee.scopePath}.`))!;
  otherBranch = branches.find((org) => !org.path.startsWith(`${committee.scopePath}.`))!;
  viewers = {
    county,
    committee,
    branch: branchAdmin,
    host,
    otherBranch: await createAdmin('other-branch', otherBranch, 'org_admin', ['archive', 'pii_reveal']),
    noArchive: await createAdmin('branch-dues', branch, 'org_admin', ['org_life', 'dues']),
  };
  expect(county.capabilities).toEqual([...CAPABILITIES]);
  expect(siblingBranch).toBeDefined();
  expect(otherBranch).toBeDefined();
}, 120_000);

describe('filing a claim', () => {
  it('files a new ID number as a pending claim in the chosen branch: number encrypted, consent version kept, audited without the number', async () => {
    const before = await lastAuditId();
    const input = filing();
    expect(await fileClaim(db, input, ctx())).toEqual({ ok: true });

    const [claim] = await claimsOf(input.idNumber);
    expect(claim).toMatchObject({
      orgId: branch.id,
      name: input.name,
      phone: input.phone,
      note: input.note,
      status: 'pending',
      consentVersion: CONSENT_VERSION,
      idNumberMasked: `${input.idNumber.slice(0, 6)}********${input.idNumber.slice(-4)}`,
      memberId: null,
    });
    expect(decryptPii(claim.idNumberCipher, 'member.id_number')).toBe(input.idNumber);

    const rows = await auditRowsAfter(before);
    expect(rows.map((row) => [row.action, row.outcome, row.entity_id, row.org_id])).toEqual([['claim.file', 'success', claim.id, branch.id]]);
    expect(rows[0].detail).not.toContain(input.idNumber);
  });

  it('answers an ID number already in the archive, or already claimed, exactly as a new one, and creates nothing more', async () => {
    const [seeded] = await db.select({ name: members.name, cipher: members.idNumberCipher }).from(members).where(eq(members.orgId, branch.id)).limit(1);
    const archived = decryptPii(seeded.cipher, 'member.id_number');
    const first = filing();
    const before = await counts();

    const fresh = await fileClaim(db, first, ctx());
    const inArchive = await fileClaim(db, filing({ idNumber: archived, name: seeded.name }), ctx());
    const inArchiveOtherName = await fileClaim(db, filing({ idNumber: archived }), ctx());
    const again = await fileClaim(db, filing({ idNumber: first.idNumber, name: '林小梅', orgId: siblingBranch.id }), ctx());
    for (const answer of [inArchive, inArchiveOtherName, again]) expect(answer).toStrictEqual(fresh);
    expect(fresh).toEqual({ ok: true });

    // Only the new number made a claim; the repeat left the first filing as it was.
    expect((await counts()).claims).toBe(before.claims + 1);
    expect(await claimsOf(archived)).toEqual([]);
    const claims = await claimsOf(first.idNumber);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ name: first.name, phone: first.phone, orgId: branch.id, status: 'pending' });
  });

  it('refuses an org that cannot receive claims and writes nothing', async () => {
    const notBranches = await db.select({ id: orgs.id, type: orgs.type }).from(orgs).where(inArray(orgs.type, ['general_branch', 'host']));
    expect(new Set(notBranches.map((org) => org.type))).toEqual(new Set(['general_branch', 'host']));
    const before = await counts();
    for (const orgId of [committeeOrg.id, ...notBranches.map((org) => org.id), 999_999]) {
      expect(await fileClaim(db, filing({ orgId }), ctx())).toEqual({ ok: false, reason: 'org' });
    }
    expect(await counts()).toEqual(before);
  });

  it('throttles repeated filings per ID number and per trusted IP, and a throttled filing creates nothing', async () => {
    const idNumber = newIdNumber();
    for (let i = 0; i < 5; i += 1) expect(await fileClaim(db, filing({ idNumber }), ctx(at(i * SECOND)))).toEqual({ ok: true });
    const sixth = filing({ idNumber });
    expect(await fileClaim(db, sixth, ctx(at(6 * SECOND)))).toEqual({ ok: false, reason: 'throttled' });
    // The lock ends after 15 minutes.
    expect(await fileClaim(db, filing({ idNumber }), ctx(at(4 * SECOND + 15 * MINUTE + SECOND)))).toEqual({ ok: true });
    expect(await claimsOf(idNumber)).toHaveLength(1);

    // 50 filings from one address (new numbers and phones each time) lock that address.
    const ip = '198.51.100.77';
    for (let i = 0; i < 50; i += 1) expect(await fileClaim(db, filing(), ctx(at(i * SECOND), ip, true))).toEqual({ ok: true });
    const before = await counts();
    const blocked = filing();
    expect(await fileClaim(db, blocked, ctx(at(51 * SECOND), ip, true))).toEqual({ ok: false, reason: 'throttled' });
    expect(await claimsOf(blocked.idNumber)).toEqual([]);
    expect(await counts()).toEqual(before);
    // Another address is not affected.
    expect(await fileClaim(db, filing(), ctx(at(52 * SECOND), '198.51.100.78', true))).toEqual({ ok: true });
  });
});

describe('deciding a claim', () => {
  async function fileOne(overrides: Parameters<typeof filing>[0] = {}) {
    const input = filing(overrides);
    expect(await fileClaim(db, input, ctx())).toEqual({ ok: true });
    const [claim] = (await claimsOf(input.idNumber)).filter((row) => row.status === 'pending');
    return { input, claim };
  }

  it('verifying creates the member in the claimed branch and a code with which the person then activates', async () => {
    const idNumber = `11010119851203123${computeIdNumberCheckChar('11010119851203123')}`;
    filedIdNumbers.push(idNumber);
    const { input, claim } = await fileOne({ name: '周建国', idNumber });
    const before = await lastAuditId();
    const result = await verifyClaim(db, viewers.branch, claim.id, { ip: '203.0.113.9' });
    expect(result.status).toBe('success');
    const code = result.status === 'success' ? result.data!.code : '';
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(result.status === 'success' && result.message).toContain(code);

    const [member] = await db.select().from(members).where(eq(members.idNumberHash, piiLookupHash(input.idNumber, 'member.id_number')));
    expect(member).toMatchObject({
      orgId: branch.id,
      name: '周建国',
      phone: input.phone,
      gender: 'male',
      birthDate: '1985-12-03',
      status: 'registered',
      idNumberMasked: claim.idNumberMasked,
    });
    expect(decryptPii(member.idNumberCipher, 'member.id_number')).toBe(input.idNumber);
    const [decided] = await db.select().from(memberClaims).where(eq(memberClaims.id, claim.id));
    expect(decided).toMatchObject({ status: 'verified', memberId: member.id, decidedBy: viewers.branch.userId });

    const rows = await auditRowsAfter(before);
    expect(rows.map((row) => [row.action, row.outcome, row.actor_user_id, row.org_id])).toEqual([
      ['claim.verify', 'success', viewers.branch.userId, branch.id],
      ['member.activation_code', 'success', viewers.branch.userId, branch.id],
    ]);

    // The person activates with name, ID number and the code read to them.
    const activation = await activateMember(db, { name: '周建国', idNumber: input.idNumber, code, password: PASSWORD }, ctx());
    expect(activation.ok).toBe(true);
    if (activation.ok) expect(activation.user).toMatchObject({ memberId: member.id, tier: 'member', orgId: branch.id, consentVersion: CONSENT_VERSION });

    // Decided once: a second verify is refused and creates nothing.
    const after = await counts();
    expect(await verifyClaim(db, viewers.county, claim.id, { ip: '203.0.113.9' })).toEqual({ status: 'failed', message: t.alreadyDecided });
    expect(await counts()).toEqual(after);
  });

  it('refuses to verify when the ID number has meanwhile entered the archive', async () => {
    const { input, claim } = await fileOne();
    await db.transaction((tx) =>
      bulkInsertMembers(tx, [
        {
          orgId: siblingBranch.id,
          groupId: null,
          name: input.name,
          idNumber: input.idNumber,
          phone: null,
          status: 'registered',
          education: null,
          occupation: null,
          industry: null,
          skills: [],
          monthlyIncomeFen: null,
          joinedPartyOn: null,
          outflow: null,
        },
      ]),
    );
    const before = await counts();
    expect(await verifyClaim(db, viewers.county, claim.id, { ip: '203.0.113.9' })).toEqual({ status: 'failed', message: t.alreadyInArchive });
    expect(await counts()).toEqual(before);
    const [still] = await db.select().from(memberClaims).where(eq(memberClaims.id, claim.id));
    expect(still).toMatchObject({ status: 'pending', memberId: null, decidedBy: null });
  });

  it('rejecting records the reason and who decided, changes nothing else, and lets the person file again', async () => {
    const { input, claim } = await fileOne();
    const before = await counts();
    const audit = await lastAuditId();
    expect(await rejectClaim(db, viewers.committee, { claimId: claim.id, reason: '经电话核实，本人组织关系不在本支部' }, { ip: '203.0.113.9' })).toEqual({
      status: 'success',
      message: t.rejected,
    });
    expect(await counts()).toEqual(before);
    const [rejected] = await db.select().from(memberClaims).where(eq(memberClaims.id, claim.id));
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: viewers.committee.userId, decisionNote: '经电话核实，本人组织关系不在本支部', memberId: null });
    expect(rejected.decidedAt).toBeInstanceOf(Date);
    const rows = await auditRowsAfter(audit);
    expect(rows.map((row) => [row.action, row.outcome, row.entity_id])).toEqual([['claim.reject', 'success', claim.id]]);

    expect(await rejectClaim(db, viewers.county, { claimId: claim.id, reason: '重复' }, { ip: '203.0.113.9' })).toEqual({ status: 'failed', message: t.alreadyDecided });
    expect(await verifyClaim(db, viewers.county, claim.id, { ip: '203.0.113.9' })).toEqual({ status: 'failed', message: t.alreadyDecided });
    // A rejected claim no longer blocks a new filing for the same number.
    expect(await fileClaim(db, { ...input, phone: newPhone() }, ctx())).toEqual({ ok: true });
    expect((await claimsOf(input.idNumber)).map((row) => row.status).sort()).toEqual(['pending', 'rejected']);
  });

  it('refuses admins outside the branch, admins without the archive capability, host admins, members and anonymous callers', async () => {
    const { claim } = await fileOne();
    const [member] = await db.select().from(users).where(eq(users.tier, 'member')).limit(1);
    const memberViewer: Viewer = { userId: member.id, tier: 'member', orgId: member.orgId, scopePath: branch.path, capabilities: [], memberId: member.memberId! };
    const before = await counts();
    const refused: [string, Viewer | null, string][] = [
      ['admin of a branch elsewhere', viewers.otherBranch, t.outOfScope],
      ['admin of the branch without the archive capability', viewers.noArchive, messages.actions.forbidden],
      ['host admin', viewers.host, messages.actions.forbidden],
      ['member', memberViewer, messages.actions.forbidden],
      ['anonymous', null, messages.actions.forbidden],
    ];
    for (const [who, viewer, message] of refused) {
      expect(await verifyClaim(db, viewer, claim.id, { ip: '203.0.113.9' }), who).toEqual({ status: 'forbidden', message });
      expect(await rejectClaim(db, viewer, { claimId: claim.id, reason: '越权' }, { ip: '203.0.113.9' }), who).toEqual({ status: 'forbidden', message });
    }
    // An id that names no claim reads as out of scope, too.
    expect(await verifyClaim(db, viewers.county, '00000000-0000-4000-8000-000000000000', { ip: '203.0.113.9' })).toEqual({ status: 'forbidden', message: t.outOfScope });
    expect(await counts()).toEqual(before);
    const [still] = await db.select().from(memberClaims).where(eq(memberClaims.id, claim.id));
    expect(still).toMatchObject({ status: 'pending', decidedBy: null, decidedAt: null, decisionNote: null });
  });
});

describe('the claims list', () => {
  it('shows each admin the claims of its subtree, masks phones without PII reveal, and pages by keyset without gaps', async () => {
    const mine = filing({ name: '郭红' });
    const elsewhere = filing({ name: '何平', orgId: otherBranch.id });
    for (const input of [mine, elsewhere]) expect(await fileClaim(db, input, ctx())).toEqual({ ok: true });

    const branchList = await listClaims(db, { viewer: viewers.branch, status: 'pending', limit: 1000 });
    expect(branchList.every((row) => row.orgName.length > 0)).toBe(true);
    const branchRow = branchList.find((row) => row.name === '郭红')!;
    expect(branchRow.phone).toBe(`${mine.phone.slice(0, 3)}****${mine.phone.slice(-4)}`);
    expect(branchList.find((row) => row.name === '何平')).toBeUndefined();
    const pendingInBranch = await db.select({ id: memberClaims.id }).from(memberClaims).where(and(eq(memberClaims.orgId, branch.id), eq(memberClaims.status, 'pending')));
    expect(branchList.map((row) => row.id).sort()).toEqual(pendingInBranch.map((row) => row.id).sort());

    const otherList = await listClaims(db, { viewer: viewers.otherBranch, status: 'pending', limit: 1000 });
    expect(otherList.find((row) => row.name === '何平')?.phone).toBe(elsewhere.phone);
    expect(otherList.find((row) => row.name === '郭红')).toBeUndefined();

    // The county sees everything, page by page, newest first.
    const all = await listClaims(db, { viewer: viewers.county, status: 'pending', limit: 1000 });
    const paged: string[] = [];
    let after: ClaimCursor | undefined;
    for (;;) {
      const page = await listClaims(db, { viewer: viewers.county, status: 'pending', after, limit: 7 });
      paged.push(...page.map((row) => row.id));
      if (page.length < 7) break;
      after = page.at(-1)!.cursor;
    }
    expect(paged).toEqual(all.map((row) => row.id));
    expect(new Set(paged).size).toBe(paged.length);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM member_claims WHERE status = 'pending'`);
    expect(all).toHaveLength(n);
    expect((await listClaims(db, { viewer: viewers.county, status: 'verified' })).every((row) => row.decidedByName)).toBe(true);
  });

  it('leaves no ID number in clear anywhere and the audit chain intact', async () => {
    expect(await findIdNumbersInClear(db, filedIdNumbers)).toEqual([]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
