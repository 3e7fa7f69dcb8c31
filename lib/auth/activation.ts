import 'server-only';
import { createHmac, randomInt } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { members, oneTimeCodes, users, type User } from '@/db/schema';
import { appendAudit, appendAuditFailure } from '@/lib/audit/audit';
import { secrets } from '@/lib/config/secrets';
import { parseIdNumber } from '@/lib/members/id-number';
import { piiLookupHash } from '@/lib/security/pii';
import { decryptPii } from '@/lib/security/pii';
import { hashPassword } from './passwords';
import { checkPassword, type PasswordProblem } from './password-policy';
import { createSession } from './sessions';
import { activationIdentifierKey, ipKeys, isThrottled, recordFailure, recordSuccess } from './throttle';
import type { RequestContext } from './login';

export const CONSENT_VERSION = '2026-11';
const CODE_TTL_MS = 7 * 24 * 3_600_000;
// No 0/O or 1/I/L: codes are read aloud and typed on phones.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function codeHash(code: string): Uint8Array {
  const normalised = code.replace(/[\s-]/g, '').toUpperCase();
  return new Uint8Array(createHmac('sha256', secrets().hmacKey).update(`one-time-code\u0000${normalised}`).digest());
}

export function generateOneTimeCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** Issues a fresh activation code for a member (earlier unused codes stop working). */
export async function issueActivationCode(
  db: Executor,
  { memberId, issuedBy, now = new Date(), code = generateOneTimeCode() }: { memberId: string; issuedBy: string | null; now?: Date; code?: string },
): Promise<{ code: string; expiresAt: Date }> {
  await db
    .update(oneTimeCodes)
    .set({ usedAt: now })
    .where(and(eq(oneTimeCodes.memberId, memberId), eq(oneTimeCodes.purpose, 'activation'), isNull(oneTimeCodes.usedAt)));
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await db.insert(oneTimeCodes).values({ purpose: 'activation', memberId, codeHash: codeHash(code), expiresAt, issuedBy });
  return { code, expiresAt };
}

export type ActivationOutcome =
  | { ok: true; user: User; sessionId: string }
  | { ok: false; reason: 'mismatch' }
  | { ok: false; reason: 'password'; problem: PasswordProblem };

/**
 * 姓名 + 身份证号 + the branch's one-time code prove who is activating, once; from then on the
 * member signs in with the password set here. Consent to the notice is recorded with its version.
 */
export async function activateMember(
  db: Database,
  input: { name: string; idNumber: string; code: string; password: string },
  context: RequestContext,
): Promise<ActivationOutcome> {
  const now = context.now ?? new Date();
  const parsed = parseIdNumber(input.idNumber, now);
  const keys = [activationIdentifierKey(parsed.ok ? parsed.id.value : input.idNumber), ...ipKeys(context)];
  const mismatch = async (reason: string): Promise<ActivationOutcome> => {
    await recordFailure(db, keys, now);
    await appendAuditFailure({ actor: null, action: 'auth.activate', ip: context.ip, detail: { reason } });
    return { ok: false, reason: 'mismatch' };
  };
  if (await isThrottled(db, keys, now)) return mismatch('locked');
  if (!parsed.ok) return mismatch('id number invalid');

  const [member] = await db
    .select()
    .from(members)
    .where(eq(members.idNumberHash, piiLookupHash(parsed.id.value, 'member.id_number')));
  if (!member || member.name !== input.name.trim()) return mismatch('archive not matched');
  const [code] = await db
    .select()
    .from(oneTimeCodes)
    .where(
      and(
        eq(oneTimeCodes.memberId, member.id),
        eq(oneTimeCodes.purpose, 'activation'),
        eq(oneTimeCodes.codeHash, codeHash(input.code)),
        isNull(oneTimeCodes.usedAt),
        gt(oneTimeCodes.expiresAt, now),
      ),
    );
  if (!code) return mismatch('code invalid');
  const [existing] = await db.select().from(users).where(eq(users.memberId, member.id));
  if (existing?.passwordHash) return mismatch('already activated');

  const policy = checkPassword(input.password, {
    name: member.name,
    idNumber: decryptPii(member.idNumberCipher, 'member.id_number'),
    phone: member.phone ?? undefined,
  });
  if (!policy.ok) return { ok: false, reason: 'password', problem: policy.problem };
  const passwordHash = await hashPassword(input.password);

  const result = await db.transaction(async (tx) => {
    const used = await tx
      .update(oneTimeCodes)
      .set({ usedAt: now })
      .where(and(eq(oneTimeCodes.id, code.id), isNull(oneTimeCodes.usedAt)))
      .returning({ id: oneTimeCodes.id });
    if (used.length === 0) return null; // raced with another use of the same code
    const values = {
      memberId: member.id,
      displayName: member.name,
      tier: 'member' as const,
      orgId: member.orgId,
      passwordHash,
      passwordChangedAt: now,
      consentVersion: CONSENT_VERSION,
      consentedAt: now,
    };
    const [user] = existing
      ? await tx.update(users).set({ ...values, updatedAt: now }).where(eq(users.id, existing.id)).returning()
      : await tx.insert(users).values(values).returning();
    const sessionId = await createSession(tx, { user, ip: context.ip, userAgent: context.userAgent, now });
    await appendAudit(tx, {
      actor: { userId: user.id, tier: 'member' },
      action: 'auth.activate',
      entityType: 'member',
      entityId: member.id,
      orgId: member.orgId,
      ip: context.ip,
      outcome: 'success',
      detail: { consentVersion: CONSENT_VERSION },
    });
    return { user, sessionId };
  });
  if (!result) return mismatch('code already used');
  await recordSuccess(db, keys, now);
  return { ok: true, ...result };
}
