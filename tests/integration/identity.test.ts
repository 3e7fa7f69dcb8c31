import { eq, isNotNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { authThrottles, members, oneTimeCodes, orgs, sessions, users, type User } from '@/db/schema';
import { DEMO_PASSWORD, type DemoLogins } from '@/db/seed/demo-users';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { clearAccountLock } from '@/lib/accounts/queries';
import { activateMember, CONSENT_VERSION, issueActivationCode } from '@/lib/auth/activation';
import { attemptLogin, completeTotpEnrolment, type LoginOutcome, type RequestContext, type TotpEnrolment } from '@/lib/auth/login';
import { issueResetCode, redeemResetCode } from '@/lib/auth/reset';
import { createSession, hashSessionId, listActiveSessions, loadSession, revokeAllSessions, revokeSession } from '@/lib/auth/sessions';
import { base32Decode, timeStep, totpAt } from '@/lib/auth/totp';
import { settleAuditWrites, verifyAuditChain } from '@/lib/audit/audit';
import { decryptPii } from '@/lib/security/pii';
import { findIdNumbersInClear } from '@/tests/support/pii-scan';

// Times are passed explicitly. T0 is the start of the current 30-second TOTP step, close to the
// real clock because the seeded activation code expires 7 days after the real "now" of the seed.
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = new Date(Math.floor(Date.now() / (30 * SECOND)) * 30 * SECOND);
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
const ctx = (ip: string, now: Date): RequestContext => ({ ip, userAgent: 'test', now });

const WRONG_PASSWORD = 'Wrong-guess-4417';
const NEW_PASSWORD = 'Harbour-lights-2031';
const INVALID: LoginOutcome = { ok: false, reason: 'invalid' };

type PoolMember = { id: string; name: string; phone: string; idNumber: string; orgId: number };
type Account = PoolMember & { userId: string };

let db: Database;
let logins: DemoLogins;
let demoMember: Account;
let pendingMember: PoolMember;
/** Members with a phone of their own and no account yet; tests take them one by one. */
let pool: PoolMember[];
let demoPasswordHash: string;
const orgPaths = new Map<number, string>();

async function adminUser(username: string): Promise<User> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return user;
}

async function userById(id: string): Promise<User> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/** An activated member account with the demo password, for a member of the pool. */
async function takeAccount(predicate: (member: PoolMember) => boolean = () => true): Promise<Account> {
  const index = pool.findIndex(predicate);
  if (index < 0) throw new Error('no suitable member left in the pool');
  const [member] = pool.splice(index, 1);
  const [user] = await db
    .insert(users)
    .values({
      memberId: member.id,
      displayName: member.name,
      tier: 'member',
      orgId: member.orgId,
      passwordHash: demoPasswordHash,
      passwordChangedAt: T0,
      consentVersion: CONSENT_VERSION,
      consentedAt: T0,
    })
    .returning();
  return { ...member, userId: user.id };
}

function memberLogin(identifier: string, password: string, ip: string, now: Date): Promise<LoginOutcome> {
  return attemptLogin(db, { kind: 'member', identifier, password }, ctx(ip, now));
}

function adminLogin(username: string, password: string, totp: string, ip: string, now: Date): Promise<LoginOutcome> {
  return attemptLogin(db, { kind: 'admin', username, password, totp }, ctx(ip, now));
}

function sessionIdOf(outcome: LoginOutcome): string {
  if (!outcome.ok) throw new Error(`expected a successful login, got ${JSON.stringify(outcome)}`);
  return outcome.sessionId;
}

function enrolmentOf(outcome: LoginOutcome): TotpEnrolment {
  if (outcome.ok || outcome.reason !== 'totpEnrolment') throw new Error(`expected a TOTP enrolment, got ${JSON.stringify(outcome)}`);
  return outcome.enrolment;
}

/** Six digits that match no step the server accepts at `now`. */
function wrongTotp(secret: string, now: Date): string {
  const step = timeStep(now);
  const valid = new Set([step - 1, step, step + 1].map((s) => totpAt(secret, s)));
  for (let n = 0; ; n += 1) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

/** The same token with one character of its body changed. */
function tampered(token: string): string {
  const i = 20;
  const replacement = token[i] === 'A' ? 'B' : 'A';
  return `${token.slice(0, i)}${replacement}${token.slice(i + 1)}`;
}

async function lastAuditId(): Promise<number> {
  await settleAuditWrites();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`);
  return id;
}

type AuditText = { action: string; outcome: string; actor_user_id: string | null; entity_id: string | null; ip: string | null; detail: string };

async function auditRowsAfter(id: number): Promise<AuditText[]> {
  await settleAuditWrites();
  return queryRows<AuditText>(
    db,
    sql`SELECT action, outcome::text AS outcome, actor_user_id::text AS actor_user_id, entity_id, ip, detail::text AS detail
        FROM audit_log WHERE id > ${id} ORDER BY id`,
  );
}

async function allIdNumbers(): Promise<string[]> {
  return (await db.select({ cipher: members.idNumberCipher }).from(members)).map((row) => decryptPii(row.cipher, 'member.id_number'));
}

async function sessionRow(sessionId: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.idHash, hashSessionId(sessionId)));
  return row;
}

beforeAll(async () => {
  db = getDb();
  const seeded = await seedDemoCounty(db, { memberCount: 600 });
  if (!seeded.logins) throw new Error('the demo county was not seeded');
  logins = seeded.logins;

  for (const org of await db.select({ id: orgs.id, path: orgs.path }).from(orgs)) orgPaths.set(org.id, String(org.path));

  const all = await db
    .select({ id: members.id, name: members.name, phone: members.phone, orgId: members.orgId, cipher: members.idNumberCipher })
    .from(members);
  const phoneCount = new Map<string, number>();
  for (const member of all) if (member.phone) phoneCount.set(member.phone, (phoneCount.get(member.phone) ?? 0) + 1);
  const withAccount = new Set(
    (await db.select({ memberId: users.memberId }).from(users).where(isNotNull(users.memberId))).map((row) => row.memberId),
  );
  const decoded = all.map((member) => ({
    id: member.id,
    name: member.name,
    phone: member.phone ?? '',
    orgId: member.orgId,
    idNumber: decryptPii(member.cipher, 'member.id_number'),
  }));

  const [demoUser] = await db
    .select()
    .from(users)
    .innerJoin(members, eq(members.id, users.memberId))
    .where(eq(members.phone, logins.member.phone));
  demoPasswordHash = demoUser.users.passwordHash!;
  demoMember = { ...decoded.find((member) => member.id === demoUser.members.id)!, userId: demoUser.users.id };
  pendingMember = decoded.find((member) => member.id === logins.activation.memberId)!;
  pool = decoded.filter(
    (member) =>
      /^1\d{10}$/.test(member.phone) && phoneCount.get(member.phone) === 1 && !withAccount.has(member.id) && member.id !== pendingMember.id,
  );
}, 120_000);

describe('member login', () => {
  it('signs a member in by phone and by ID number, and the session carries the member’s branch as scope', async () => {
    const byPhone = await memberLogin(logins.member.phone, DEMO_PASSWORD, '198.51.100.1', T0);
    expect(byPhone.ok).toBe(true);
    const byId = await memberLogin(demoMember.idNumber, DEMO_PASSWORD, '198.51.100.1', T0);
    expect(byId.ok).toBe(true);

    for (const sessionId of [sessionIdOf(byPhone), sessionIdOf(byId)]) {
      const loaded = await loadSession(db, sessionId, at(MINUTE));
      expect(loaded?.viewer).toMatchObject({
        userId: demoMember.userId,
        tier: 'member',
        orgId: demoMember.orgId,
        scopePath: orgPaths.get(demoMember.orgId),
        memberId: demoMember.id,
      });
    }
    expect(sessionIdOf(byPhone)).not.toBe(sessionIdOf(byId));
    // The org is the member's own branch, below the county: its path has more than one label.
    expect(orgPaths.get(demoMember.orgId)!.split('.').length).toBeGreaterThan(1);
  });

  it('accepts an ID number ending in X typed with a lower-case x', async () => {
    const account = await takeAccount((member) => member.idNumber.endsWith('X'));
    const outcome = await memberLogin(account.idNumber.replace(/X$/, 'x'), DEMO_PASSWORD, '198.51.100.2', T0);
    const loaded = await loadSession(db, sessionIdOf(outcome), T0);
    expect(loaded?.viewer).toMatchObject({ userId: account.userId, tier: 'member', orgId: account.orgId, scopePath: orgPaths.get(account.orgId) });
  });

  it('answers a wrong password, an unknown phone and a malformed identifier alike, and audits each without secrets', async () => {
    const unknownPhone = '19999999999';
    expect(await db.select({ id: members.id }).from(members).where(eq(members.phone, unknownPhone))).toEqual([]);
    const before = await lastAuditId();
    const [{ n: sessionsBefore }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM sessions`);

    const wrong = await memberLogin(demoMember.idNumber, WRONG_PASSWORD, '198.51.100.3', T0);
    const unknown = await memberLogin(unknownPhone, DEMO_PASSWORD, '198.51.100.3', T0);
    const malformed = await memberLogin('34052419800101001', WRONG_PASSWORD, '198.51.100.3', T0);
    expect(wrong).toStrictEqual(INVALID);
    expect(unknown).toStrictEqual(INVALID);
    expect(malformed).toStrictEqual(INVALID);
    expect(wrong).toStrictEqual(unknown);
    expect(unknown).toStrictEqual(malformed);

    const rows = await auditRowsAfter(before);
    expect(rows.map((row) => [row.action, row.outcome, row.ip])).toEqual([
      ['auth.login', 'failure', '198.51.100.3'],
      ['auth.login', 'failure', '198.51.100.3'],
      ['auth.login', 'failure', '198.51.100.3'],
    ]);
    // The operator sees whose account was tried, but never what was typed.
    expect(rows[0].actor_user_id).toBe(demoMember.userId);
    expect(rows[1].actor_user_id).toBeNull();
    for (const row of rows) {
      const text = JSON.stringify(row);
      expect(text).not.toContain(WRONG_PASSWORD);
      expect(text).not.toContain(DEMO_PASSWORD);
      expect(text).not.toContain(demoMember.idNumber);
      expect(text).not.toContain('34052419800101001');
    }
    const [{ n: sessionsAfter }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM sessions`);
    expect(sessionsAfter).toBe(sessionsBefore);
  });
});

describe('lockout', () => {
  it('locks an account for 15 minutes after 5 failures, then for 30 minutes after the next 5', async () => {
    const account = await takeAccount();
    const ip = '198.51.100.10';
    for (let i = 0; i < 5; i += 1) expect(await memberLogin(account.phone, WRONG_PASSWORD, ip, at(i * SECOND))).toStrictEqual(INVALID);
    // The fifth failure (at T0 + 4 s) locks until T0 + 4 s + 15 min.
    expect(await memberLogin(account.phone, DEMO_PASSWORD, ip, at(10 * SECOND))).toStrictEqual(INVALID);
    expect(await memberLogin(account.phone, DEMO_PASSWORD, ip, at(4 * SECOND + 15 * MINUTE - SECOND))).toStrictEqual(INVALID);
    const unlocked = await memberLogin(account.phone, DEMO_PASSWORD, ip, at(4 * SECOND + 15 * MINUTE + SECOND));
    expect(unlocked.ok).toBe(true);

    const second = 20 * MINUTE;
    for (let i = 0; i < 5; i += 1) expect(await memberLogin(account.phone, WRONG_PASSWORD, ip, at(second + i * SECOND))).toStrictEqual(INVALID);
    const lockEnds = second + 4 * SECOND + 30 * MINUTE;
    expect(await memberLogin(account.phone, DEMO_PASSWORD, ip, at(second + 4 * SECOND + 15 * MINUTE + SECOND))).toStrictEqual(INVALID);
    expect(await memberLogin(account.phone, DEMO_PASSWORD, ip, at(lockEnds - SECOND))).toStrictEqual(INVALID);
    expect((await memberLogin(account.phone, DEMO_PASSWORD, ip, at(lockEnds + SECOND))).ok).toBe(true);
  });

  it('is lifted by an admin’s unlock, whichever of phone or ID number the member then types', async () => {
    const account = await takeAccount();
    const ip = '198.51.100.12';
    for (let i = 0; i < 5; i += 1) expect(await memberLogin(account.phone, WRONG_PASSWORD, ip, at(i * SECOND))).toStrictEqual(INVALID);
    for (let i = 0; i < 5; i += 1) expect(await memberLogin(account.idNumber, WRONG_PASSWORD, ip, at(5 * SECOND + i * SECOND))).toStrictEqual(INVALID);
    expect(await memberLogin(account.phone, DEMO_PASSWORD, ip, at(11 * SECOND))).toStrictEqual(INVALID);
    await clearAccountLock(db, account.userId);
    expect((await memberLogin(account.phone, DEMO_PASSWORD, ip, at(12 * SECOND))).ok).toBe(true);
    expect((await memberLogin(account.idNumber, DEMO_PASSWORD, ip, at(13 * SECOND))).ok).toBe(true);
  });

  it('locks the account itself: failures spread over 5 IPs and both identifiers still lock it', async () => {
    const account = await takeAccount();
    // 3 by phone, 2 by ID number: no identifier and no IP reaches 5 on its own.
    const identifiers = [account.phone, account.idNumber, account.phone, account.idNumber, account.phone];
    for (const [i, identifier] of identifiers.entries()) {
      expect(await memberLogin(identifier, WRONG_PASSWORD, `198.51.100.${20 + i}`, at(i * SECOND))).toStrictEqual(INVALID);
    }
    expect(await memberLogin(account.idNumber, DEMO_PASSWORD, '198.51.100.30', at(10 * SECOND))).toStrictEqual(INVALID);
    expect(await memberLogin(account.phone, DEMO_PASSWORD, '198.51.100.31', at(11 * SECOND))).toStrictEqual(INVALID);
    expect((await memberLogin(account.phone, DEMO_PASSWORD, '198.51.100.32', at(4 * SECOND + 15 * MINUTE + SECOND))).ok).toBe(true);
  });

  it('behind a trusted proxy, does not lock an IP after 6 failures on 6 accounts, but does after 50', async () => {
    const ip = '198.51.100.40';
    const trusted = (now: Date): RequestContext => ({ ...ctx(ip, now), ipTrusted: true });
    const login = (identifier: string, password: string, now: Date) => attemptLogin(db, { kind: 'member', identifier, password }, trusted(now));
    const accounts: Account[] = [];
    for (let i = 0; i < 8; i += 1) accounts.push(await takeAccount());

    for (const [i, account] of accounts.slice(0, 6).entries()) expect(await login(account.phone, WRONG_PASSWORD, at(i * SECOND))).toStrictEqual(INVALID);
    const [ipState] = await db.select().from(authThrottles).where(eq(authThrottles.key, `ip:${ip}`));
    expect(ipState).toMatchObject({ failures: 6, lockedUntil: null });
    expect((await login(accounts[6].phone, DEMO_PASSWORD, at(10 * SECOND))).ok).toBe(true);
    expect((await login(accounts[0].idNumber, DEMO_PASSWORD, at(11 * SECOND))).ok).toBe(true);
    // A success from the address does not wipe its count: an attacker's own valid account must
    // not reset its tries against everyone else's.
    expect((await db.select().from(authThrottles).where(eq(authThrottles.key, `ip:${ip}`)))[0]).toMatchObject({ failures: 6 });

    // The IP limit exists: 50 failures in 15 minutes (unknown phones here) lock the address …
    const taken = new Set((await db.select({ phone: members.phone }).from(members)).map((row) => row.phone));
    const unknownPhones = Array.from({ length: 60 }, (_, i) => `1990000${String(i).padStart(4, '0')}`).filter((phone) => !taken.has(phone));
    for (let i = 0; i < 43; i += 1) await login(unknownPhones[i], WRONG_PASSWORD, at(MINUTE + i * SECOND));
    expect((await db.select().from(authThrottles).where(eq(authThrottles.key, `ip:${ip}`)))[0]).toMatchObject({ failures: 49, lockedUntil: null });
    await login(unknownPhones[43], WRONG_PASSWORD, at(2 * MINUTE));
    expect(await login(accounts[7].phone, DEMO_PASSWORD, at(2 * MINUTE + SECOND))).toStrictEqual(INVALID);
    // … but not the account, which signs in from elsewhere.
    expect((await memberLogin(accounts[7].phone, DEMO_PASSWORD, '198.51.100.41', at(2 * MINUTE + 2 * SECOND))).ok).toBe(true);
  });

  it('keeps no per-IP counter when no trusted proxy vouches for the address', async () => {
    const account = await takeAccount();
    const ip = '198.51.100.42';
    for (let i = 0; i < 3; i += 1) await memberLogin(account.phone, WRONG_PASSWORD, ip, at(i * SECOND));
    expect(await db.select().from(authThrottles).where(eq(authThrottles.key, `ip:${ip}`))).toEqual([]);
  });
});

describe('sessions', () => {
  it('slides a member session while it is used, but never past the 30-day cap', async () => {
    const account = await takeAccount();
    const used = sessionIdOf(await memberLogin(account.phone, DEMO_PASSWORD, '198.51.100.50', T0));
    const idle = sessionIdOf(await memberLogin(account.phone, DEMO_PASSWORD, '198.51.100.50', T0));

    expect(await loadSession(db, used, at(13 * DAY))).not.toBeNull();
    expect((await sessionRow(used)).idleExpiresAt.getTime()).toBe(at(27 * DAY).getTime());
    // 26 days after sign-in: past the first idle expiry (14 days), alive because it was used.
    expect(await loadSession(db, used, at(26 * DAY))).not.toBeNull();
    const capped = await sessionRow(used);
    expect(capped.idleExpiresAt.getTime()).toBe(at(30 * DAY).getTime());
    expect(capped.absoluteExpiresAt.getTime()).toBe(at(30 * DAY).getTime());
    expect(await loadSession(db, used, at(30 * DAY - MINUTE))).not.toBeNull();
    expect(await loadSession(db, used, at(30 * DAY))).toBeNull();
    expect(await loadSession(db, used, at(31 * DAY))).toBeNull();

    // A session left alone for 14 days ends.
    expect(await loadSession(db, idle, at(14 * DAY))).toBeNull();
  });

  it('ends an admin session after 30 idle minutes, and after 8 hours however active', async () => {
    const county = await adminUser('county');
    const quiet = await createSession(db, { user: county, ip: '198.51.100.60', userAgent: 'test', now: T0 });
    const busy = await createSession(db, { user: county, ip: '198.51.100.60', userAgent: 'test', now: T0 });
    const paused = await createSession(db, { user: county, ip: '198.51.100.60', userAgent: 'test', now: T0 });

    // Untouched for 30 minutes: over.
    expect(await loadSession(db, quiet, at(30 * MINUTE))).toBeNull();
    // Used after 29 minutes, it lasts another 30 from then, and ends 30 minutes after the last use.
    expect(await loadSession(db, paused, at(29 * MINUTE))).not.toBeNull();
    expect(await loadSession(db, paused, at(58 * MINUTE))).not.toBeNull();
    expect(await loadSession(db, paused, at(88 * MINUTE))).toBeNull();

    for (let t = 20 * MINUTE; t < 8 * HOUR; t += 20 * MINUTE) {
      expect(await loadSession(db, busy, at(t)), `active at ${t / MINUTE} min`).not.toBeNull();
    }
    const last = await sessionRow(busy);
    expect(last.idleExpiresAt.getTime()).toBe(at(8 * HOUR).getTime());
    expect(await loadSession(db, busy, at(8 * HOUR))).toBeNull();
  });

  it('ends sessions at once on revokeSession and revokeAllSessions', async () => {
    const account = await takeAccount();
    const first = sessionIdOf(await memberLogin(account.phone, DEMO_PASSWORD, '198.51.100.70', T0));
    const second = sessionIdOf(await memberLogin(account.phone, DEMO_PASSWORD, '198.51.100.70', T0));
    const third = sessionIdOf(await memberLogin(account.idNumber, DEMO_PASSWORD, '198.51.100.70', T0));
    // listActiveSessions compares with the database clock, which is close to T0.
    expect((await listActiveSessions(db, account.userId)).map((row) => row.idHash).sort()).toEqual(
      [first, second, third].map(hashSessionId).sort(),
    );

    await revokeSession(db, first);
    expect(await loadSession(db, first, at(MINUTE))).toBeNull();
    expect(await loadSession(db, second, at(MINUTE))).not.toBeNull();
    expect((await listActiveSessions(db, account.userId)).map((row) => row.idHash).sort()).toEqual([second, third].map(hashSessionId).sort());

    expect(await revokeAllSessions(db, account.userId)).toBe(2);
    expect(await loadSession(db, second, at(2 * MINUTE))).toBeNull();
    expect(await loadSession(db, third, at(2 * MINUTE))).toBeNull();
    expect(await listActiveSessions(db, account.userId)).toEqual([]);
  });

  it('applies a changed tier or org at the next request, and a disabled account loses its sessions at once', async () => {
    const branchAdmin = await adminUser('branch');
    const [host] = await db.select().from(orgs).where(eq(orgs.type, 'host')).limit(1);
    const sessionId = await createSession(db, { user: branchAdmin, ip: '198.51.100.80', userAgent: 'test', now: T0 });
    expect((await loadSession(db, sessionId, at(SECOND)))?.viewer).toMatchObject({
      tier: 'org_admin',
      orgId: branchAdmin.orgId,
      scopePath: orgPaths.get(branchAdmin.orgId),
    });

    await db.update(users).set({ tier: 'host_admin', orgId: host.id, capabilities: ['org_life'] }).where(eq(users.id, branchAdmin.id));
    expect((await loadSession(db, sessionId, at(2 * SECOND)))?.viewer).toMatchObject({
      userId: branchAdmin.id,
      tier: 'host_admin',
      orgId: host.id,
      scopePath: orgPaths.get(host.id),
      capabilities: ['org_life'],
    });

    const account = await takeAccount();
    const memberSession = sessionIdOf(await memberLogin(account.phone, DEMO_PASSWORD, '198.51.100.80', T0));
    expect(await loadSession(db, memberSession, at(SECOND))).not.toBeNull();
    for (const userId of [branchAdmin.id, account.userId]) await db.update(users).set({ disabledAt: at(3 * SECOND) }).where(eq(users.id, userId));
    expect(await loadSession(db, sessionId, at(4 * SECOND))).toBeNull();
    expect(await loadSession(db, memberSession, at(4 * SECOND))).toBeNull();
    // A disabled account cannot sign in again either.
    expect(await memberLogin(account.phone, DEMO_PASSWORD, '198.51.100.80', at(5 * SECOND))).toStrictEqual(INVALID);
  });
});

describe('admin login with TOTP', () => {
  it('enrols an authenticator at first login, then demands a fresh code every time', async () => {
    const ip = '198.51.100.90';
    const start = at(5 * SECOND);
    const step = timeStep(start);
    const before = await adminUser('committee');
    expect(before.totpSecretCipher).toBeNull();

    // The correct password alone does not sign an admin in: it starts the enrolment.
    const first = await adminLogin('committee', DEMO_PASSWORD, '', ip, start);
    expect(first).toMatchObject({ ok: false, reason: 'totpEnrolment' });
    const enrolment = enrolmentOf(first);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);

    // Expired (after 10 minutes) or altered tokens are refused, even with a code the secret gives.
    const later = at(5 * SECOND + 11 * MINUTE);
    expect(await completeTotpEnrolment(db, { token: enrolment.token, totp: totpAt(enrolment.secret, timeStep(later)) }, ctx(ip, later))).toStrictEqual(INVALID);
    expect(await completeTotpEnrolment(db, { token: tampered(enrolment.token), totp: totpAt(enrolment.secret, step) }, ctx(ip, start))).toStrictEqual(INVALID);
    expect(await completeTotpEnrolment(db, { token: enrolment.token, totp: wrongTotp(enrolment.secret, start) }, ctx(ip, start))).toStrictEqual(INVALID);
    expect((await adminUser('committee')).totpEnrolledAt).toBeNull();

    const enrolled = await completeTotpEnrolment(db, { token: enrolment.token, totp: totpAt(enrolment.secret, step) }, ctx(ip, start));
    expect(enrolled.ok).toBe(true);
    expect((await loadSession(db, sessionIdOf(enrolled), start))?.viewer.tier).toBe('org_admin');

    const stored = await adminUser('committee');
    expect(stored.totpEnrolledAt?.getTime()).toBe(start.getTime());
    const cipher = Buffer.from(stored.totpSecretCipher!);
    expect(cipher.includes(Buffer.from(enrolment.secret, 'utf8'))).toBe(false);
    expect(cipher.includes(base32Decode(enrolment.secret))).toBe(false);
    expect(decryptPii(stored.totpSecretCipher!, 'user.totp_secret')).toBe(enrolment.secret);
    // The enrolment token cannot enrol again.
    expect(await completeTotpEnrolment(db, { token: enrolment.token, totp: totpAt(enrolment.secret, step + 1) }, ctx(ip, at(35 * SECOND)))).toStrictEqual(INVALID);

    // From now on the password needs the code of the moment.
    const next = at(35 * SECOND);
    const code = totpAt(enrolment.secret, step + 1);
    expect(await adminLogin('committee', DEMO_PASSWORD, '', ip, next)).toStrictEqual(INVALID);
    expect(await adminLogin('committee', DEMO_PASSWORD, wrongTotp(enrolment.secret, next), ip, next)).toStrictEqual(INVALID);
    expect(await adminLogin('committee', WRONG_PASSWORD, code, ip, next)).toStrictEqual(INVALID);
    const signedIn = await adminLogin('committee', DEMO_PASSWORD, code, ip, next);
    expect((await loadSession(db, sessionIdOf(signedIn), next))?.viewer).toMatchObject({ userId: before.id, tier: 'org_admin', orgId: before.orgId });
    // The same code again, still within its window: a replay.
    expect(await adminLogin('committee', DEMO_PASSWORD, code, ip, at(36 * SECOND))).toStrictEqual(INVALID);
    // The code used at enrolment is spent too.
    expect(await adminLogin('committee', DEMO_PASSWORD, totpAt(enrolment.secret, step), ip, at(36 * SECOND))).toStrictEqual(INVALID);
    // The next step's code works.
    expect((await adminLogin('committee', DEMO_PASSWORD, totpAt(enrolment.secret, step + 2), ip, at(65 * SECOND))).ok).toBe(true);
  });
});

describe('activation', () => {
  const GOOD = 'Lantern-river-77';

  it('refuses wrong details alike, keeps the code through a weak password, and activates once with consent recorded', async () => {
    const ip = '198.51.100.100';
    const { name, idNumber } = pendingMember;
    const code = logins.activation.code;
    const attempt = (input: { name: string; idNumber: string; code: string; password: string }, now = T0) => activateMember(db, input, ctx(ip, now));
    const accountOf = () => db.select().from(users).where(eq(users.memberId, pendingMember.id));
    const usersWithPassword = async () => (await db.select({ id: users.id }).from(users).where(isNotNull(users.passwordHash))).length;
    const passwordsBefore = await usersWithPassword();

    expect(await attempt({ name: `${name}甲`, idNumber, code, password: GOOD })).toStrictEqual({ ok: false, reason: 'mismatch' });
    expect(await attempt({ name, idNumber, code: 'ZZZZ-ZZZZ', password: GOOD })).toStrictEqual({ ok: false, reason: 'mismatch' });
    expect(await attempt({ name, idNumber: idNumber.slice(0, 17), code, password: GOOD })).toStrictEqual({ ok: false, reason: 'mismatch' });
    expect(await accountOf()).toEqual([]);
    expect(await usersWithPassword()).toBe(passwordsBefore);

    expect(await attempt({ name, idNumber, code, password: 'woaini1314' })).toStrictEqual({ ok: false, reason: 'password', problem: 'common' });
    expect(await accountOf()).toEqual([]);
    expect(await usersWithPassword()).toBe(passwordsBefore);
    const [unused] = await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.memberId, pendingMember.id));
    expect(unused.usedAt).toBeNull();

    const done = await attempt({ name, idNumber, code, password: GOOD }, at(MINUTE));
    if (!done.ok) throw new Error(`activation failed: ${JSON.stringify(done)}`);
    expect(done.user).toMatchObject({ memberId: pendingMember.id, tier: 'member', orgId: pendingMember.orgId, consentVersion: CONSENT_VERSION });
    expect(done.user.consentedAt?.getTime()).toBe(at(MINUTE).getTime());
    expect((await loadSession(db, done.sessionId, at(MINUTE)))?.viewer).toMatchObject({ tier: 'member', memberId: pendingMember.id, orgId: pendingMember.orgId });
    const [used] = await db.select().from(oneTimeCodes).where(eq(oneTimeCodes.memberId, pendingMember.id));
    expect(used.usedAt?.getTime()).toBe(at(MINUTE).getTime());
    expect(await accountOf()).toHaveLength(1);

    expect(await attempt({ name, idNumber, code, password: 'Another-river-88' }, at(2 * MINUTE))).toStrictEqual({ ok: false, reason: 'mismatch' });
    // The password chosen at activation signs the member in; the second attempt changed nothing.
    expect((await memberLogin(idNumber, GOOD, ip, at(3 * MINUTE))).ok).toBe(true);
    expect(await memberLogin(idNumber, 'Another-river-88', ip, at(3 * MINUTE))).toStrictEqual(INVALID);
  });

  it('accepts only the newest of two issued activation codes', async () => {
    const ip = '198.51.100.101';
    const member = pool.shift()!;
    const branchAdmin = await adminUser('county');
    const older = await issueActivationCode(db, { memberId: member.id, issuedBy: branchAdmin.id, now: T0 });
    const newer = await issueActivationCode(db, { memberId: member.id, issuedBy: branchAdmin.id, now: at(MINUTE) });
    expect(newer.code).not.toBe(older.code);
    const input = { name: member.name, idNumber: member.idNumber, password: GOOD };
    expect(await activateMember(db, { ...input, code: older.code }, ctx(ip, at(2 * MINUTE)))).toStrictEqual({ ok: false, reason: 'mismatch' });
    // Codes are typed by hand: case and separators do not matter.
    const typed = newer.code.replace('-', '').toLowerCase();
    const done = await activateMember(db, { ...input, code: typed }, ctx(ip, at(3 * MINUTE)));
    expect(done.ok).toBe(true);
  });
});

describe('password reset', () => {
  it('sets a new password and ends every session of a member; the code works once', async () => {
    const ip = '198.51.100.110';
    const county = await adminUser('county');
    const phone = logins.member.phone;
    const first = sessionIdOf(await memberLogin(phone, DEMO_PASSWORD, ip, T0));
    const second = sessionIdOf(await memberLogin(demoMember.idNumber, DEMO_PASSWORD, ip, T0));
    expect(await loadSession(db, first, at(SECOND))).not.toBeNull();
    expect(await loadSession(db, second, at(SECOND))).not.toBeNull();

    const { code, expiresAt } = await issueResetCode(db, { userId: demoMember.userId, issuedBy: county.id, now: T0 });
    expect(expiresAt.getTime()).toBe(at(DAY).getTime());
    // A weak password is refused without spending the code.
    expect(await redeemResetCode(db, { identifier: phone, code, password: 'woaini1314' }, ctx(ip, at(MINUTE)))).toStrictEqual({
      ok: false,
      reason: 'password',
      problem: 'common',
    });
    expect(await loadSession(db, first, at(MINUTE))).not.toBeNull();

    const reset = await redeemResetCode(db, { identifier: phone, code, password: NEW_PASSWORD }, ctx(ip, at(2 * MINUTE)));
    expect(reset.ok).toBe(true);
    expect(await loadSession(db, first, at(3 * MINUTE))).toBeNull();
    expect(await loadSession(db, second, at(3 * MINUTE))).toBeNull();
    expect(await listActiveSessions(db, demoMember.userId)).toEqual([]);

    expect(await memberLogin(phone, DEMO_PASSWORD, ip, at(4 * MINUTE))).toStrictEqual(INVALID);
    const fresh = await memberLogin(phone, NEW_PASSWORD, ip, at(4 * MINUTE));
    expect((await loadSession(db, sessionIdOf(fresh), at(4 * MINUTE)))?.viewer.userId).toBe(demoMember.userId);

    expect(await redeemResetCode(db, { identifier: phone, code, password: 'Second-harbour-2032' }, ctx(ip, at(5 * MINUTE)))).toStrictEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect((await memberLogin(phone, NEW_PASSWORD, ip, at(6 * MINUTE))).ok).toBe(true);
  });

  it('clears an admin’s authenticator, so the next login enrols again', async () => {
    const ip = '198.51.100.111';
    const start = at(5 * SECOND);
    const host = await adminUser('host');
    const enrolment = enrolmentOf(await adminLogin('host', DEMO_PASSWORD, '', ip, start));
    const enrolled = await completeTotpEnrolment(db, { token: enrolment.token, totp: totpAt(enrolment.secret, timeStep(start)) }, ctx(ip, start));
    const hostSession = sessionIdOf(enrolled);
    expect((await userById(host.id)).totpEnrolledAt).not.toBeNull();

    const county = await adminUser('county');
    const { code } = await issueResetCode(db, { userId: host.id, issuedBy: county.id, now: start });
    const reset = await redeemResetCode(db, { identifier: 'HOST', code, password: NEW_PASSWORD }, ctx(ip, at(MINUTE)));
    expect(reset.ok).toBe(true);
    expect(await loadSession(db, hostSession, at(MINUTE + SECOND))).toBeNull();
    expect(await userById(host.id)).toMatchObject({ totpSecretCipher: null, totpEnrolledAt: null, totpLastStep: null });

    // The old authenticator no longer counts: a correct new password leads to a new enrolment.
    const after = at(2 * MINUTE);
    const next = await adminLogin('host', NEW_PASSWORD, totpAt(enrolment.secret, timeStep(after)), ip, after);
    expect(next).toMatchObject({ ok: false, reason: 'totpEnrolment' });
    expect(enrolmentOf(next).secret).not.toBe(enrolment.secret);
    expect(await adminLogin('host', DEMO_PASSWORD, '', ip, after)).toStrictEqual(INVALID);
  });
});

describe('audit trail', () => {
  it('holds an intact chain, successes and failures of every flow, and no ID number in clear', async () => {
    await settleAuditWrites();
    const counts = await queryRows<{ action: string; outcome: string; n: number }>(
      db,
      sql`SELECT action, outcome::text AS outcome, count(*)::int AS n FROM audit_log GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const seen = new Set(counts.map((row) => `${row.action}/${row.outcome}`));
    for (const expected of ['auth.login/success', 'auth.login/failure', 'auth.totp_enrolled/success', 'auth.activate/success', 'auth.activate/failure', 'auth.reset/success', 'auth.reset/failure']) {
      expect(seen, expected).toContain(expected);
    }
    const total = counts.reduce((sum, row) => sum + row.n, 0);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: total });

    // Not in the audit trail nor anywhere else.
    expect(await findIdNumbersInClear(db, await allIdNumbers())).toEqual([]);
  });

  // The identifier a person typed (often an ID number) is kept only as a keyed hash.
  it('keeps no full ID number in clear in the throttle counters', async () => {
    // Every identifier key is a keyed hash (a hex digest may contain an 18-digit run by chance,
    // so the check is against the real numbers and phones, not a pattern).
    const keys = (await db.select({ key: authThrottles.key }).from(authThrottles)).map((row) => row.key).filter((key) => key.startsWith('identifier:'));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => /^identifier:[0-9a-f]{64}$/.test(key))).toBe(true);
    expect(await findIdNumbersInClear(db, await allIdNumbers())).toEqual([]);
  });
});
