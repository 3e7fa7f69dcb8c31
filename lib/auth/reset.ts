import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { members, oneTimeCodes, users, type User } from '@/db/schema';
import { appendAudit, appendAuditFailure } from '@/lib/audit/audit';
import { parseIdNumber } from '@/lib/members/id-number';
import { decryptPii, piiLookupHash } from '@/lib/security/pii';
import { codeHash, generateOneTimeCode } from './activation';
import { hashPassword } from './passwords';
import { checkPassword, type PasswordProblem } from './password-policy';
import { revokeAllSessions } from './sessions';
import { accountKey, ipKeys, isThrottled, recordFailure, recordSuccess, resetIdentifierKey } from './throttle';
import type { RequestContext } from './login';

// A reset code lives one day: it is handed over in person or by phone by an admin in scope.
const RESET_TTL_MS = 24 * 3_600_000;

/** Issues a reset code for a user (earlier unused reset codes stop working). */
export async function issueResetCode(db: Executor, { userId, issuedBy, now = new Date() }: { userId: string; issuedBy: string; now?: Date }) {
  await db
    .update(oneTimeCodes)
    .set({ usedAt: now })
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, 'reset'), isNull(oneTimeCodes.usedAt)));
  const code = generateOneTimeCode();
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await db.insert(oneTimeCodes).values({ purpose: 'reset', userId, codeHash: codeHash(code), expiresAt, issuedBy });
  return { code, expiresAt };
}

async function findUserByIdentifier(db: Database, identifier: string): Promise<User | undefined> {
  const value = identifier.trim();
  const parsed = parseIdNumber(value);
  if (parsed.ok || /^1\d{10}$/.test(value)) {
    const condition = parsed.ok ? eq(members.idNumberHash, piiLookupHash(parsed.id.value, 'member.id_number')) : eq(members.phone, value);
    const found = await db.select({ user: users }).from(users).innerJoin(members, eq(members.id, users.memberId)).where(condition).limit(2);
    return found.length === 1 ? found[0].user : undefined;
  }
  const [admin] = await db.select().from(users).where(sql`lower(${users.username}) = ${value.toLowerCase()}`);
  return admin;
}

export type ResetOutcome = { ok: true; user: User } | { ok: false; reason: 'mismatch' } | { ok: false; reason: 'password'; problem: PasswordProblem };

/**
 * Redeems a reset code: sets the new password, ends every session of the account, and for an
 * admin clears the authenticator (a lost phone is the usual reason), to be enrolled again.
 */
export async function redeemResetCode(
  db: Database,
  input: { identifier: string; code: string; password: string },
  context: RequestContext,
): Promise<ResetOutcome> {
  const now = context.now ?? new Date();
  const keys = [resetIdentifierKey(input.identifier), ...ipKeys(context)];
  const user = await findUserByIdentifier(db, input.identifier);
  const mismatch = async (reason: string): Promise<ResetOutcome> => {
    await recordFailure(db, user ? [...keys, accountKey(user.id)] : keys, now);
    await appendAuditFailure({ actor: user ? { userId: user.id, tier: user.tier } : null, action: 'auth.reset', entityType: 'user', entityId: user?.id ?? null, orgId: user?.orgId ?? null, ip: context.ip, detail: { reason } });
    return { ok: false, reason: 'mismatch' };
  };
  if (await isThrottled(db, user ? [...keys, accountKey(user.id)] : keys, now)) return mismatch('locked');
  if (!user || user.disabledAt) return mismatch(user ? 'disabled' : 'unknown account');
  const [code] = await db
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.userId, user.id), eq(oneTimeCodes.purpose, 'reset'), eq(oneTimeCodes.codeHash, codeHash(input.code)), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, now)));
  if (!code) return mismatch('code invalid');

  let idNumber: string | undefined;
  let phone: string | undefined;
  if (user.memberId) {
    const [member] = await db.select().from(members).where(eq(members.id, user.memberId));
    idNumber = member ? decryptPii(member.idNumberCipher, 'member.id_number') : undefined;
    phone = member?.phone ?? undefined;
  }
  const policy = checkPassword(input.password, { name: user.displayName, idNumber, phone, username: user.username ?? undefined });
  if (!policy.ok) return { ok: false, reason: 'password', problem: policy.problem };
  const passwordHash = await hashPassword(input.password);

  const done = await db.transaction(async (tx) => {
    const used = await tx.update(oneTimeCodes).set({ usedAt: now }).where(and(eq(oneTimeCodes.id, code.id), isNull(oneTimeCodes.usedAt))).returning({ id: oneTimeCodes.id });
    if (used.length === 0) return false;
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: now,
        updatedAt: now,
        ...(user.tier === 'member' ? {} : { totpSecretCipher: null, totpEnrolledAt: null, totpLastStep: null }),
      })
      .where(eq(users.id, user.id));
    const ended = await revokeAllSessions(tx, user.id);
    await appendAudit(tx, {
      actor: { userId: user.id, tier: user.tier },
      action: 'auth.reset',
      entityType: 'user',
      entityId: user.id,
      orgId: user.orgId,
      ip: context.ip,
      outcome: 'success',
      detail: { sessionsEnded: ended, authenticatorCleared: user.tier !== 'member' },
    });
    return true;
  });
  if (!done) return mismatch('code already used');
  await recordSuccess(db, [...keys, accountKey(user.id)], now);
  return { ok: true, user };
}
