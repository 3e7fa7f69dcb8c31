import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { members, users, type User } from '@/db/schema';
import { appendAudit, appendAuditFailure } from '@/lib/audit/audit';
import { parseIdNumber } from '@/lib/members/id-number';
import { decryptPii, encryptPii, piiLookupHash } from '@/lib/security/pii';
import { seal, unseal } from '@/lib/security/sealed';
import { verifyPassword } from './passwords';
import { createSession } from './sessions';
import { accountKey, ipKeys, isThrottled, loginIdentifierKey, recordFailure, recordSuccess } from './throttle';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp';

/**
 * Who is asking. `ipTrusted` is false when no reverse proxy vouches for the address: the
 * client could then name any IP, so per-IP limits would let it lock other people out.
 */
export type RequestContext = { ip: string; ipTrusted?: boolean; userAgent: string | null; now?: Date };

export type LoginOutcome =
  | { ok: true; user: User; sessionId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'totpEnrolment'; enrolment: TotpEnrolment };

export type TotpEnrolment = { token: string; secret: string; uri: string };

const TOTP_ENROL_PURPOSE = 'totp-enrolment';
const ENROL_TTL_MS = 10 * 60_000;

/** The member account an ID number or phone names, if exactly one does. */
export async function findMemberUser(db: Database, identifier: string): Promise<User | undefined> {
  const value = identifier.trim();
  const parsed = parseIdNumber(value);
  const condition = parsed.ok
    ? eq(members.idNumberHash, piiLookupHash(parsed.id.value, 'member.id_number'))
    : /^1\d{10}$/.test(value)
      ? eq(members.phone, value)
      : undefined;
  if (!condition) return undefined;
  const found = await db.select({ user: users }).from(users).innerJoin(members, eq(members.id, users.memberId)).where(condition).limit(2);
  // A phone shared by two archives identifies nobody.
  return found.length === 1 ? found[0].user : undefined;
}

async function findAdminUser(db: Database, username: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.username}) = ${username.trim().toLowerCase()}`, sql`${users.tier} <> 'member'`));
  return user;
}


/**
 * A refused sign-in, by password or passkey alike: it counts against the throttle keys (and the
 * account, when known), is audited under `action`, and tells the caller nothing more.
 */
export async function failLogin(
  db: Database,
  keys: string[],
  context: RequestContext,
  detail: Record<string, unknown>,
  user?: User,
  action = 'auth.login',
): Promise<Extract<LoginOutcome, { reason: 'invalid' }>> {
  await recordFailure(db, user ? [...keys, accountKey(user.id)] : keys, context.now);
  await appendAuditFailure({
    actor: user ? { userId: user.id, tier: user.tier } : null,
    action,
    entityType: 'user',
    entityId: user?.id ?? null,
    orgId: user?.orgId ?? null,
    ip: context.ip,
    detail,
  });
  return { ok: false, reason: 'invalid' };
}

/** A successful sign-in, by any method: clears the failure counts, creates the session, audits. */
export async function succeedLogin(db: Database, user: User, keys: string[], context: RequestContext, action: string): Promise<Extract<LoginOutcome, { ok: true }>> {
  await recordSuccess(db, [...keys, accountKey(user.id)], context.now);
  const sessionId = await db.transaction(async (tx) => {
    const id = await createSession(tx, { user, ip: context.ip, userAgent: context.userAgent, now: context.now });
    await appendAudit(tx, {
      actor: { userId: user.id, tier: user.tier },
      action,
      entityType: 'user',
      entityId: user.id,
      orgId: user.orgId,
      ip: context.ip,
      outcome: 'success',
    });
    return id;
  });
  return { ok: true, user, sessionId };
}

/**
 * One login attempt. Every failure looks the same to the caller (no hint of which part was
 * wrong, no hint whether the account exists) and counts against the identifier, the account
 * and the IP; unknown accounts still cost one password hash.
 */
export async function attemptLogin(
  db: Database,
  attempt: { kind: 'member'; identifier: string; password: string } | { kind: 'admin'; username: string; password: string; totp: string },
  context: RequestContext,
): Promise<LoginOutcome> {
  const identifier = attempt.kind === 'member' ? attempt.identifier : attempt.username;
  const keys = [loginIdentifierKey(attempt.kind, identifier), ...ipKeys(context)];
  const user = attempt.kind === 'member' ? await findMemberUser(db, identifier) : await findAdminUser(db, identifier);
  const throttled = await isThrottled(db, user ? [...keys, accountKey(user.id)] : keys, context.now);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, attempt.password);
  if (throttled) return failLogin(db, keys, context, { reason: 'locked' }, user);
  if (!user || !passwordOk || user.disabledAt) return failLogin(db, keys, context, { reason: user ? 'credentials' : 'unknown account' }, user);

  if (attempt.kind === 'admin') {
    if (!user.totpSecretCipher || !user.totpEnrolledAt) {
      const secret = generateTotpSecret();
      const token = seal(TOTP_ENROL_PURPOSE, { userId: user.id, secret }, ENROL_TTL_MS, context.now);
      return { ok: false, reason: 'totpEnrolment', enrolment: { token, secret, uri: otpauthUri({ issuer: '流动e家', account: user.username ?? user.displayName, secret }) } };
    }
    const check = verifyTotp(decryptPii(user.totpSecretCipher, 'user.totp_secret'), attempt.totp, context.now ?? new Date(), user.totpLastStep);
    if (!check.ok) return failLogin(db, keys, context, { reason: 'totp' }, user);
    // Claim the step atomically: two logins racing with the same code cannot both win.
    const claimed = await db
      .update(users)
      .set({ totpLastStep: check.step })
      .where(and(eq(users.id, user.id), sql`coalesce(${users.totpLastStep}, -1) < ${check.step}`))
      .returning({ id: users.id });
    if (claimed.length === 0) return failLogin(db, keys, context, { reason: 'totp replay' }, user);
  }
  return succeedLogin(db, user, keys, context, 'auth.login');
}

/** Finishes a TOTP enrolment begun by a correct password: the first code proves the app works. */
export async function completeTotpEnrolment(db: Database, { token, totp }: { token: string; totp: string }, context: RequestContext): Promise<LoginOutcome> {
  const pending = unseal<{ userId: string; secret: string }>(TOTP_ENROL_PURPOSE, token, context.now);
  const keys = ipKeys(context);
  if (!pending) return failLogin(db, keys, context, { reason: 'enrolment token invalid or expired' });
  const [user] = await db.select().from(users).where(and(eq(users.id, pending.userId), isNull(users.disabledAt)));
  if (!user || user.totpEnrolledAt) return failLogin(db, keys, context, { reason: 'enrolment not pending' }, user);
  if (await isThrottled(db, [...keys, accountKey(user.id)], context.now)) return failLogin(db, keys, context, { reason: 'locked' }, user);
  const check = verifyTotp(pending.secret, totp, context.now ?? new Date(), null);
  if (!check.ok) return failLogin(db, keys, context, { reason: 'totp enrolment code' }, user);
  const enrolled = await db
    .update(users)
    .set({ totpSecretCipher: encryptPii(pending.secret, 'user.totp_secret'), totpEnrolledAt: context.now ?? new Date(), totpLastStep: check.step })
    .where(and(eq(users.id, user.id), isNull(users.totpEnrolledAt)))
    .returning();
  if (enrolled.length === 0) return failLogin(db, keys, context, { reason: 'enrolment raced' }, user);
  return succeedLogin(db, enrolled[0], keys, context, 'auth.totp_enrolled');
}
