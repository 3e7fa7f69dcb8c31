import 'server-only';
import { createHmac } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { secrets } from '@/lib/config/secrets';
import type { Executor } from '@/db/client';
import { authThrottles } from '@/db/schema';
import { afterFailure, afterSuccess, afterUnlock, FAILURE_LIMIT, IP_FAILURE_LIMIT, isLocked, type ThrottleState } from './throttle-rules';

// Counters live in the database so every instance sees the same ones (DESIGN.md §5).
export const accountKey = (userId: string) => `account:${userId}`;
// Unknown identifiers are throttled too, so probing for accounts meets the same wall. What was
// typed may be an ID number or a phone: the key holds only a keyed hash of it, never the value.
export const identifierKey = (identifier: string) => {
  const normalised = identifier.replace(/\s+/g, '').toLowerCase();
  return `identifier:${createHmac('sha256', secrets().hmacKey).update(`throttle\u0000${normalised}`).digest('hex')}`;
};
/** What was typed as the account at sign-in: shared by every way of signing in to it. */
export const loginIdentifierKey = (kind: 'member' | 'admin', identifier: string) => identifierKey(`${kind}:${identifier}`);
export const resetIdentifierKey = (identifier: string) => identifierKey(`reset:${identifier}`);
export const activationIdentifierKey = (idNumber: string) => identifierKey(`activate:${idNumber}`);
export const ipKey = (ip: string) => `ip:${ip}`;
/** Per-IP limits only where a trusted proxy reported the address (see RequestContext). */
export const ipKeys = (context: { ip: string; ipTrusted?: boolean }) => (context.ipTrusted ? [ipKey(context.ip)] : []);

async function readStates(db: Executor, keys: string[]): Promise<Map<string, ThrottleState>> {
  const rows = await db.select().from(authThrottles).where(inArray(authThrottles.key, keys));
  return new Map(rows.map((row) => [row.key, row]));
}

async function writeState(db: Executor, key: string, state: ThrottleState | null): Promise<void> {
  if (!state) {
    await db.delete(authThrottles).where(eq(authThrottles.key, key));
    return;
  }
  const values = { ...state, updatedAt: new Date() };
  await db.insert(authThrottles).values({ key, ...values }).onConflictDoUpdate({ target: authThrottles.key, set: values });
}

export async function isThrottled(db: Executor, keys: string[], now: Date = new Date()): Promise<boolean> {
  const states = await readStates(db, keys);
  return keys.some((key) => isLocked(states.get(key) ?? null, now));
}

/**
 * Counts a failure against every key in one statement, so a failure costs the same whether or
 * not the account exists (an unknown account has one key fewer): timing must not tell them apart.
 */
export async function recordFailure(db: Executor, keys: string[], now: Date = new Date()): Promise<void> {
  // One statement may not upsert a row twice.
  const distinct = [...new Set(keys)];
  if (distinct.length === 0) return;
  const states = await readStates(db, distinct);
  const updatedAt = new Date();
  const rows = distinct.map((key) => ({ key, ...afterFailure(states.get(key) ?? null, now, key.startsWith('ip:') ? IP_FAILURE_LIMIT : FAILURE_LIMIT), updatedAt }));
  await db
    .insert(authThrottles)
    .values(rows)
    .onConflictDoUpdate({
      target: authThrottles.key,
      set: {
        failures: sql`excluded.failures`,
        windowStartedAt: sql`excluded.window_started_at`,
        lockedUntil: sql`excluded.locked_until`,
        lockLevel: sql`excluded.lock_level`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/**
 * A success clears the account's and the identifier's failures — but never an IP's: one valid
 * account of an attacker's own must not reset the count of its tries against everyone else's.
 */
export async function recordSuccess(db: Executor, keys: string[], now: Date = new Date()): Promise<void> {
  const clearable = keys.filter((key) => !key.startsWith('ip:'));
  const states = await readStates(db, clearable);
  for (const key of clearable) {
    if (states.has(key)) await writeState(db, key, afterSuccess(states.get(key)!, now));
  }
}

/**
 * Every key a lock on this account can sit in: the account itself and each thing its owner may
 * type to reach it (a member's ID number and phone; an admin's username) at sign-in, reset and
 * activation. An admin's unlock must clear them all, or the owner stays locked out by what they type.
 */
export function accountLockKeys(account: { userId: string; kind: 'member' | 'admin'; identifiers: (string | null | undefined)[] }): string[] {
  const typed = account.identifiers.filter((identifier): identifier is string => Boolean(identifier));
  return [
    accountKey(account.userId),
    ...typed.flatMap((identifier) => [
      loginIdentifierKey(account.kind, identifier),
      resetIdentifierKey(identifier),
      ...(account.kind === 'member' ? [activationIdentifierKey(identifier)] : []),
    ]),
  ];
}

export async function unlock(db: Executor, keys: string[], now: Date = new Date()): Promise<void> {
  const states = await readStates(db, keys);
  for (const key of keys) {
    if (states.has(key)) await writeState(db, key, afterUnlock(states.get(key)!, now));
  }
}
