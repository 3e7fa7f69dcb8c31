import { eq, isNotNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { members, passkeys, users, type User } from '@/db/schema';
import { DEMO_PASSWORD } from '@/db/seed/demo-users';
import { seedDemoCounty } from '@/db/seed/seed-demo';
import { CONSENT_VERSION } from '@/lib/auth/activation';
import { attemptLogin, type LoginOutcome, type RequestContext } from '@/lib/auth/login';
import {
  listPasskeys,
  PASSKEY_CHALLENGE_TTL_MS,
  passkeyLoginOptions,
  passkeyRegistrationOptions,
  relyingParty,
  removePasskey,
  verifyPasskeyLogin,
  verifyPasskeyRegistration,
  type RegistrationOutcome,
} from '@/lib/auth/passkeys';
import { loadSession } from '@/lib/auth/sessions';
import { settleAuditWrites } from '@/lib/audit/audit';
import { SoftAuthenticator, type Tamper } from '@/tests/support/soft-authenticator';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const T0 = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
const WECHAT_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN';
const INVALID: LoginOutcome = { ok: false, reason: 'invalid' };

const ctx = (ip: string, now: Date, userAgent: string | null = WECHAT_ANDROID): RequestContext => ({ ip, userAgent, now });

let db: Database;
let origin: string;
/** Members with a phone of their own and no account yet; tests take them one by one. */
let pool: { id: string; name: string; phone: string; orgId: number }[];
let passwordHash: string;

/** A fresh activated member account (password: the demo password) with its own phone. */
async function takeAccount(): Promise<User> {
  const member = pool.shift();
  if (!member) throw new Error('no member left in the pool');
  const [user] = await db
    .insert(users)
    .values({ memberId: member.id, displayName: member.name, tier: 'member', orgId: member.orgId, passwordHash, passwordChangedAt: T0, consentVersion: CONSENT_VERSION, consentedAt: T0 })
    .returning();
  return user;
}

const phones = new Map<string, string>();
const phoneOf = (user: User) => phones.get(user.memberId!)!;

async function addPasskey(user: User, authenticator: SoftAuthenticator, options: { now?: Date; tamper?: Tamper; userAgent?: string } = {}): Promise<RegistrationOutcome> {
  const now = options.now ?? T0;
  const begun = await passkeyRegistrationOptions(db, user, { now });
  const response = authenticator.register(begun.options, options.tamper);
  return verifyPasskeyRegistration(db, user, { token: begun.token, response: JSON.stringify(response) }, ctx('198.51.100.50', now, options.userAgent));
}

async function passkeyLogin(
  authenticator: SoftAuthenticator,
  options: { identifier?: string; tamper?: Tamper; now?: Date; ip?: string } = {},
): Promise<{ outcome: LoginOutcome; token: string; response: string }> {
  const now = options.now ?? T0;
  const begun = await passkeyLoginOptions(db, { identifier: options.identifier }, { now });
  const response = JSON.stringify(authenticator.authenticate(begun.options, options.tamper));
  const outcome = await verifyPasskeyLogin(db, { token: begun.token, response }, ctx(options.ip ?? '198.51.100.60', now));
  return { outcome, token: begun.token, response };
}

async function passkeyRow(userId: string) {
  const [row] = await db.select().from(passkeys).where(eq(passkeys.userId, userId));
  return row;
}

async function lastAuditId(): Promise<number> {
  await settleAuditWrites();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`);
  return id;
}

async function auditAfter(id: number): Promise<{ action: string; outcome: string; actor: string | null; detail: string }[]> {
  await settleAuditWrites();
  return queryRows(db, sql`SELECT action, outcome::text AS outcome, actor_user_id::text AS actor, detail::text AS detail FROM audit_log WHERE id > ${id} ORDER BY id`);
}

beforeAll(async () => {
  db = getDb();
  const seeded = await seedDemoCounty(db, { memberCount: 200 });
  if (!seeded.logins) throw new Error('the demo county was not seeded');
  origin = relyingParty().origin;
  const [demo] = await db.select({ hash: users.passwordHash }).from(users).where(isNotNull(users.memberId)).limit(1);
  passwordHash = demo.hash!;
  const withAccount = new Set((await db.select({ memberId: users.memberId }).from(users).where(isNotNull(users.memberId))).map((row) => row.memberId));
  const all = await db.select({ id: members.id, name: members.name, phone: members.phone, orgId: members.orgId }).from(members);
  const count = new Map<string, number>();
  for (const member of all) if (member.phone) count.set(member.phone, (count.get(member.phone) ?? 0) + 1);
  pool = all
    .filter((member) => member.phone && /^1\d{10}$/.test(member.phone) && count.get(member.phone) === 1 && !withAccount.has(member.id) && member.id !== seeded.logins!.activation.memberId)
    .map((member) => ({ ...member, phone: member.phone! }));
  for (const member of pool) phones.set(member.id, member.phone);
}, 120_000);

describe('adding a passkey', () => {
  it('stores the credential under a short device label, audits it, and excludes that authenticator next time', async () => {
    const member = await takeAccount();
    const phone = new SoftAuthenticator(origin);
    const before = await lastAuditId();
    const begun = await passkeyRegistrationOptions(db, member, { now: T0 });
    expect(begun.options.rp.id).toBe(relyingParty().id);
    expect(begun.options.authenticatorSelection).toMatchObject({ residentKey: 'preferred', userVerification: 'preferred' });
    expect(begun.options.excludeCredentials).toEqual([]);
    const response = phone.register(begun.options);
    const outcome = await verifyPasskeyRegistration(db, member, { token: begun.token, response: JSON.stringify(response) }, ctx('198.51.100.1', T0));
    expect(outcome.ok).toBe(true);

    const listed = await listPasskeys(db, member.id);
    expect(listed).toEqual([{ id: expect.any(String), label: 'Android · 微信', createdAt: T0, lastUsedAt: null }]);
    expect((await passkeyRow(member.id)).credentialId).toBe(response.id);
    const audit = await auditAfter(before);
    expect(audit.map((row) => [row.action, row.outcome, row.actor])).toEqual([['auth.passkey_added', 'success', member.id]]);

    // The same phone is not registered twice: the options name it and the authenticator declines.
    const again = await passkeyRegistrationOptions(db, member, { now: T0 });
    expect(again.options.excludeCredentials?.map((credential) => credential.id)).toEqual([response.id]);
    expect(() => phone.register(again.options)).toThrow(/InvalidStateError/);
    // A second device is welcome.
    expect((await addPasskey(member, new SoftAuthenticator(origin), { now: at(MINUTE), userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0' })).ok).toBe(true);
    expect((await listPasskeys(db, member.id)).map((passkey) => passkey.label)).toEqual(['Android · 微信', 'Windows · Edge']);
  });

  it('refuses a ceremony finished by another account, finished twice, expired, or signed for another origin or RP ID', async () => {
    const owner = await takeAccount();
    const other = await takeAccount();
    const authenticator = new SoftAuthenticator(origin);
    const before = await lastAuditId();

    const begun = await passkeyRegistrationOptions(db, owner, { now: T0 });
    const response = JSON.stringify(authenticator.register(begun.options));
    const finish = (user: User, token: string | undefined, now = T0) => verifyPasskeyRegistration(db, user, { token, response }, ctx('198.51.100.2', now));
    expect(await finish(other, begun.token)).toEqual({ ok: false, reason: 'invalid' });
    expect(await finish(owner, undefined)).toEqual({ ok: false, reason: 'invalid' });
    expect(await finish(owner, begun.token, at(PASSKEY_CHALLENGE_TTL_MS + SECOND))).toEqual({ ok: false, reason: 'invalid' });
    expect(await finish(owner, begun.token)).toEqual({ ok: true, passkey: expect.objectContaining({ label: 'Android · 微信' }) });
    expect(await finish(owner, begun.token)).toEqual({ ok: false, reason: 'invalid' });

    expect(await addPasskey(owner, new SoftAuthenticator(origin), { tamper: { origin: 'https://ejia.example.net' } })).toEqual({ ok: false, reason: 'invalid' });
    expect(await addPasskey(owner, new SoftAuthenticator(origin), { tamper: { rpId: 'ejia.example.net' } })).toEqual({ ok: false, reason: 'invalid' });
    expect(await listPasskeys(db, owner.id)).toHaveLength(1);
    expect(await listPasskeys(db, other.id)).toEqual([]);
    const audit = await auditAfter(before);
    expect(audit.map((row) => [row.action, row.outcome])).toEqual([
      ...Array(3).fill(['auth.passkey_added', 'failure']),
      ['auth.passkey_added', 'success'],
      ...Array(3).fill(['auth.passkey_added', 'failure']),
    ]);
  });
});

describe('signing in with a passkey', () => {
  it('signs in without an identifier, as a password login would: a session of the member, last use recorded, audited', async () => {
    const member = await takeAccount();
    const phone = new SoftAuthenticator(origin);
    expect((await addPasskey(member, phone)).ok).toBe(true);
    const before = await lastAuditId();

    const { outcome } = await passkeyLogin(phone, { now: at(MINUTE) });
    if (!outcome.ok) throw new Error('expected a successful passkey login');
    const loaded = await loadSession(db, outcome.sessionId, at(2 * MINUTE));
    expect(loaded?.viewer).toMatchObject({ userId: member.id, tier: 'member', orgId: member.orgId, memberId: member.memberId });
    expect(await listPasskeys(db, member.id)).toEqual([expect.objectContaining({ lastUsedAt: at(MINUTE) })]);
    expect((await passkeyRow(member.id)).counter).toBe(1);
    const audit = await auditAfter(before);
    expect(audit.map((row) => [row.action, row.outcome, row.actor])).toEqual([['auth.passkey_login', 'success', member.id]]);
  });

  it('by identifier offers only that member’s passkeys; an unknown or passkey-less identifier gets a stable decoy', async () => {
    const member = await takeAccount();
    const withoutPasskey = await takeAccount();
    const phone = new SoftAuthenticator(origin);
    expect((await addPasskey(member, phone)).ok).toBe(true);
    const credentialId = (await passkeyRow(member.id)).credentialId;

    const own = await passkeyLoginOptions(db, { identifier: phoneOf(member) });
    expect(own.options.allowCredentials?.map((credential) => credential.id)).toEqual([credentialId]);
    expect((await passkeyLogin(phone, { identifier: phoneOf(member) })).outcome.ok).toBe(true);

    const unknown = await passkeyLoginOptions(db, { identifier: '19999999999' });
    const unknownAgain = await passkeyLoginOptions(db, { identifier: '19999999999' });
    const none = await passkeyLoginOptions(db, { identifier: phoneOf(withoutPasskey) });
    for (const decoy of [unknown, none]) {
      expect(decoy.options.allowCredentials).toHaveLength(1);
      expect(decoy.options.allowCredentials![0].id).not.toBe(credentialId);
      expect(decoy.options.allowCredentials![0].id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(unknownAgain.options.allowCredentials).toEqual(unknown.options.allowCredentials);
    expect(none.options.allowCredentials).not.toEqual(unknown.options.allowCredentials);
    expect(() => phone.authenticate(unknown.options)).toThrow(/NotAllowedError/);
  });

  it('refuses a replayed assertion, with its own challenge or a fresh one, with the generic answer', async () => {
    const member = await takeAccount();
    // Without a signature counter only the single-use challenge stands between a replay and a session.
    const phone = new SoftAuthenticator(origin, { countless: true });
    expect((await addPasskey(member, phone)).ok).toBe(true);
    const first = await passkeyLogin(phone);
    expect(first.outcome.ok).toBe(true);
    const before = await lastAuditId();
    const [{ n: sessionsBefore }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM sessions`);

    // The same token and answer again (a second instance would see the same used challenge).
    expect(await verifyPasskeyLogin(db, { token: first.token, response: first.response }, ctx('198.51.100.3', at(SECOND)))).toStrictEqual(INVALID);
    // The old answer against a new challenge.
    const fresh = await passkeyLoginOptions(db, {});
    expect(await verifyPasskeyLogin(db, { token: fresh.token, response: first.response }, ctx('198.51.100.3', at(SECOND)))).toStrictEqual(INVALID);

    const [{ n: sessionsAfter }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM sessions`);
    expect(sessionsAfter).toBe(sessionsBefore);
    const audit = await auditAfter(before);
    expect(audit.map((row) => [row.action, row.outcome])).toEqual([
      ['auth.passkey_login', 'failure'],
      ['auth.passkey_login', 'failure'],
    ]);
    expect(audit[0].detail).toContain('challenge already used');
    expect(audit[1].actor).toBe(member.id);
  });

  it('refuses an assertion made for another origin or another RP ID, and a forged or expired token', async () => {
    const member = await takeAccount();
    const phone = new SoftAuthenticator(origin);
    expect((await addPasskey(member, phone)).ok).toBe(true);
    expect((await passkeyLogin(phone, { tamper: { origin: 'https://qingyuan-dangjian.example' } })).outcome).toStrictEqual(INVALID);
    expect((await passkeyLogin(phone, { tamper: { rpId: 'qingyuan-dangjian.example' } })).outcome).toStrictEqual(INVALID);

    const begun = await passkeyLoginOptions(db, {}, { now: T0 });
    const response = JSON.stringify(phone.authenticate(begun.options));
    const tampered = `${begun.token.slice(0, 30)}${begun.token[30] === 'A' ? 'B' : 'A'}${begun.token.slice(31)}`;
    expect(await verifyPasskeyLogin(db, { token: tampered, response }, ctx('198.51.100.4', T0))).toStrictEqual(INVALID);
    expect(await verifyPasskeyLogin(db, { token: undefined, response }, ctx('198.51.100.4', T0))).toStrictEqual(INVALID);
    expect(await verifyPasskeyLogin(db, { token: begun.token, response }, ctx('198.51.100.4', at(PASSKEY_CHALLENGE_TTL_MS + SECOND)))).toStrictEqual(INVALID);
    expect(await verifyPasskeyLogin(db, { token: (await passkeyLoginOptions(db, {})).token, response: '{"id":"x"' }, ctx('198.51.100.4', T0))).toStrictEqual(INVALID);
    expect((await listPasskeys(db, member.id))[0].lastUsedAt).toBeNull();
  });

  it('refuses a signature counter that does not increase; an authenticator without a counter signs in every time', async () => {
    const member = await takeAccount();
    const phone = new SoftAuthenticator(origin);
    expect((await addPasskey(member, phone)).ok).toBe(true);
    expect((await passkeyLogin(phone, { tamper: { counter: 5 } })).outcome.ok).toBe(true);
    // A clone of the key, behind the original: its counter repeats or goes back.
    expect((await passkeyLogin(phone, { tamper: { counter: 5 } })).outcome).toStrictEqual(INVALID);
    expect((await passkeyLogin(phone, { tamper: { counter: 3 } })).outcome).toStrictEqual(INVALID);
    expect((await passkeyRow(member.id)).counter).toBe(5);
    expect((await passkeyLogin(phone, { tamper: { counter: 6 } })).outcome.ok).toBe(true);

    const other = await takeAccount();
    const countless = new SoftAuthenticator(origin, { countless: true });
    expect((await addPasskey(other, countless)).ok).toBe(true);
    for (let i = 0; i < 2; i += 1) expect((await passkeyLogin(countless)).outcome.ok).toBe(true);
    expect((await passkeyRow(other.id)).counter).toBe(0);
  });

  it('refuses a disabled member, and an admin account, even with a valid passkey', async () => {
    const member = await takeAccount();
    const phone = new SoftAuthenticator(origin);
    expect((await addPasskey(member, phone)).ok).toBe(true);
    await db.update(users).set({ disabledAt: T0 }).where(eq(users.id, member.id));
    expect((await passkeyLogin(phone)).outcome).toStrictEqual(INVALID);
    await db.update(users).set({ disabledAt: null, tier: 'org_admin' }).where(eq(users.id, member.id));
    expect((await passkeyLogin(phone)).outcome).toStrictEqual(INVALID);
    await db.update(users).set({ tier: 'member' }).where(eq(users.id, member.id));
    expect((await passkeyLogin(phone)).outcome.ok).toBe(true);
  });

  it('counts passkey failures toward the same lockout as passwords, in both directions', async () => {
    const member = await takeAccount();
    const phone = new SoftAuthenticator(origin);
    expect((await addPasskey(member, phone)).ok).toBe(true);
    // Five refused passkey answers, from five addresses: the account itself locks.
    for (let i = 0; i < 5; i += 1) {
      const attempt = await passkeyLogin(phone, { tamper: { origin: 'https://phish.example' }, now: at(i * SECOND), ip: `198.51.100.${70 + i}` });
      expect(attempt.outcome).toStrictEqual(INVALID);
    }
    // Now neither the right password nor the right passkey gets in, until the lock ends.
    expect(await attemptLogin(db, { kind: 'member', identifier: phoneOf(member), password: DEMO_PASSWORD }, ctx('198.51.100.80', at(10 * SECOND)))).toStrictEqual(INVALID);
    expect((await passkeyLogin(phone, { now: at(11 * SECOND) })).outcome).toStrictEqual(INVALID);
    const lockEnds = 4 * SECOND + 15 * MINUTE;
    expect((await passkeyLogin(phone, { now: at(lockEnds + SECOND) })).outcome.ok).toBe(true);

    // Wrong passwords lock passkey sign-in too.
    const other = await takeAccount();
    const otherPhone = new SoftAuthenticator(origin);
    expect((await addPasskey(other, otherPhone)).ok).toBe(true);
    for (let i = 0; i < 5; i += 1) {
      expect(await attemptLogin(db, { kind: 'member', identifier: phoneOf(other), password: `wrong-${i}` }, ctx('198.51.100.90', at(i * SECOND)))).toStrictEqual(INVALID);
    }
    expect((await passkeyLogin(otherPhone, { identifier: phoneOf(other), now: at(6 * SECOND) })).outcome).toStrictEqual(INVALID);
    expect((await passkeyLogin(otherPhone, { now: at(7 * SECOND) })).outcome).toStrictEqual(INVALID);
  });
});

describe('removing a passkey', () => {
  it('removes one’s own; another member’s passkey id changes nothing', async () => {
    const owner = await takeAccount();
    const intruder = await takeAccount();
    const phone = new SoftAuthenticator(origin);
    expect((await addPasskey(owner, phone)).ok).toBe(true);
    const [passkey] = await listPasskeys(db, owner.id);
    const before = await lastAuditId();

    expect(await removePasskey(db, intruder, passkey.id, { ip: '198.51.100.5' })).toBe(false);
    expect(await listPasskeys(db, owner.id)).toEqual([passkey]);
    expect((await passkeyLogin(phone)).outcome.ok).toBe(true);

    expect(await removePasskey(db, owner, passkey.id, { ip: '198.51.100.5' })).toBe(true);
    expect(await listPasskeys(db, owner.id)).toEqual([]);
    expect((await passkeyLogin(phone)).outcome).toStrictEqual(INVALID);
    const audit = await auditAfter(before);
    expect(audit.filter((row) => row.action === 'auth.passkey_removed').map((row) => [row.outcome, row.actor])).toEqual([['success', owner.id]]);
  });
});
