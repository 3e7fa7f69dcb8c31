import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { orgs, sessions, users, type Session, type User } from '@/db/schema';
import { nextIdleExpiry, sessionLifetime, TOUCH_INTERVAL_MS } from './session-policy';
import type { Capability, Viewer } from './viewer';

export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');

export async function createSession(
  db: Executor,
  { user, ip, userAgent, now = new Date() }: { user: Pick<User, 'id' | 'tier'>; ip: string; userAgent: string | null; now?: Date },
): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const lifetime = sessionLifetime(user.tier);
  const absoluteExpiresAt = new Date(now.getTime() + lifetime.absoluteMs);
  await db.insert(sessions).values({
    idHash: hashSessionId(id),
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: nextIdleExpiry(user.tier, now, absoluteExpiresAt),
    absoluteExpiresAt,
    ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return id;
}

export type LoadedSession = { session: Session; user: User; viewer: Viewer };

/**
 * Reads the session and its user on every request, so a revoked session, a disabled account
 * or a changed role takes effect at once. Slides the idle expiry (at most once a minute).
 */
export async function loadSession(db: Executor, sessionId: string, now: Date = new Date()): Promise<LoadedSession | null> {
  const [row] = await db
    .select({ session: sessions, user: users, orgPath: orgs.path })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(sessions.idHash, hashSessionId(sessionId)));
  if (!row) return null;
  const { session, user } = row;
  if (session.revokedAt || user.disabledAt || !user.passwordHash) return null;
  if (session.idleExpiresAt <= now || session.absoluteExpiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, idleExpiresAt: nextIdleExpiry(user.tier, now, session.absoluteExpiresAt) })
      .where(eq(sessions.idHash, session.idHash));
  }
  return {
    session,
    user,
    viewer: {
      userId: user.id,
      tier: user.tier,
      orgId: user.orgId,
      scopePath: row.orgPath,
      capabilities: user.capabilities as Capability[],
      memberId: user.memberId ?? undefined,
      displayName: user.displayName,
    },
  };
}

export async function revokeSession(db: Executor, sessionId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.idHash, hashSessionId(sessionId)), isNull(sessions.revokedAt)));
}

export async function revokeAllSessions(db: Executor, userId: string): Promise<number> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ idHash: sessions.idHash });
  return revoked.length;
}

export async function listActiveSessions(db: Executor, userId: string) {
  return db
    .select({ idHash: sessions.idHash, lastSeenAt: sessions.lastSeenAt, createdAt: sessions.createdAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.absoluteExpiresAt} > now()`, sql`${sessions.idleExpiresAt} > now()`))
    .orderBy(sql`${sessions.lastSeenAt} DESC`);
}

export async function countActiveSessions(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.absoluteExpiresAt} > now()`));
  return Number(row.n);
}
