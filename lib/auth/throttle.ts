import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { authThrottles } from '@/db/schema';
import { afterFailure, afterSuccess, afterUnlock, FAILURE_LIMIT, IP_FAILURE_LIMIT, isLocked, type ThrottleState } from './throttle-rules';

// Counters live in the database so every instance sees the same ones (DESIGN.md §5).
export const accountKey = (userId: string) => `account:${userId}`;
// Unknown identifiers are throttled too, so probing for accounts meets the same wall.
export const identifierKey = (identifier: string) => `identifier:${identifier.trim().toLowerCase()}`;
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

export async function recordFailure(db: Executor, keys: string[], now: Date = new Date()): Promise<void> {
  const states = await readStates(db, keys);
  for (const key of keys) {
    await writeState(db, key, afterFailure(states.get(key) ?? null, now, key.startsWith('ip:') ? IP_FAILURE_LIMIT : FAILURE_LIMIT));
  }
}

export async function recordSuccess(db: Executor, keys: string[], now: Date = new Date()): Promise<void> {
  const states = await readStates(db, keys);
  for (const key of keys) {
    if (states.has(key)) await writeState(db, key, afterSuccess(states.get(key)!, now));
  }
}

export async function unlock(db: Executor, keys: string[], now: Date = new Date()): Promise<void> {
  const states = await readStates(db, keys);
  for (const key of keys) {
    if (states.has(key)) await writeState(db, key, afterUnlock(states.get(key)!, now));
  }
}
