import 'server-only';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { authThrottles, members, oneTimeCodes, orgs, users, type User } from '@/db/schema';
import { inViewerScope } from '@/lib/auth/scope';
import { accountLockKeys } from '@/lib/auth/throttle';
import type { Viewer } from '@/lib/auth/viewer';
import { decryptPii } from '@/lib/security/pii';
import { depthBelow } from '@/lib/orgs/paths';

export type AdminAccountRow = Pick<User, 'id' | 'username' | 'displayName' | 'tier' | 'capabilities' | 'disabledAt' | 'totpEnrolledAt'> & {
  orgName: string;
  hasPassword: boolean;
  lockedUntil: Date | null;
};

export async function listAdminAccounts(db: Executor, { viewer }: { viewer: Viewer }): Promise<AdminAccountRow[]> {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      tier: users.tier,
      capabilities: users.capabilities,
      disabledAt: users.disabledAt,
      totpEnrolledAt: users.totpEnrolledAt,
      hasPassword: sql<boolean>`${users.passwordHash} IS NOT NULL`,
      orgName: orgs.name,
      lockedUntil: authThrottles.lockedUntil,
    })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .leftJoin(authThrottles, eq(authThrottles.key, sql`'account:' || ${users.id}::text`))
    .where(and(ne(users.tier, 'member'), inViewerScope(users.orgId, viewer)))
    .orderBy(asc(orgs.path), asc(users.username));
  const now = Date.now();
  return rows.map((row) => ({ ...row, lockedUntil: row.lockedUntil && row.lockedUntil.getTime() > now ? row.lockedUntil : null }));
}

export type MemberAccountRow = {
  memberId: string;
  name: string;
  idNumberMasked: string;
  orgName: string;
  userId: string | null;
  activated: boolean;
  pendingCodeUntil: Date | null;
  lockedUntil: Date | null;
};

/** Members in scope whose name contains the query (bigram index for 2+ characters), at most 20. */
export async function findMemberAccounts(db: Executor, { viewer, query }: { viewer: Viewer; query: string }): Promise<MemberAccountRow[]> {
  const name = query.trim().slice(0, 20);
  if (!name) return [];
  const byName =
    name.length >= 2
      ? sql`${members.nameBigrams} @> name_bigrams(${name}) AND ${members.name} LIKE ${`%${name}%`}`
      : sql`${members.name} LIKE ${`%${name}%`}`;
  const rows = await db
    .select({
      memberId: members.id,
      name: members.name,
      idNumberMasked: members.idNumberMasked,
      orgName: orgs.name,
      userId: users.id,
      activated: sql<boolean>`${users.passwordHash} IS NOT NULL`,
      pendingCodeUntil: sql<Date | null>`(SELECT max(${oneTimeCodes.expiresAt}) FROM ${oneTimeCodes}
        WHERE ${oneTimeCodes.memberId} = ${members.id} AND ${oneTimeCodes.purpose} = 'activation'
          AND ${oneTimeCodes.usedAt} IS NULL AND ${oneTimeCodes.expiresAt} > now())`,
      lockedUntil: authThrottles.lockedUntil,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(users, eq(users.memberId, members.id))
    .leftJoin(authThrottles, eq(authThrottles.key, sql`'account:' || ${users.id}::text`))
    .where(and(byName, inViewerScope(members.orgId, viewer)))
    .orderBy(asc(members.name), asc(members.idNumberMasked))
    .limit(20);
  const now = Date.now();
  return rows.map((row) => ({
    ...row,
    activated: Boolean(row.activated),
    pendingCodeUntil: row.pendingCodeUntil ? new Date(row.pendingCodeUntil) : null,
    lockedUntil: row.lockedUntil && row.lockedUntil.getTime() > now ? row.lockedUntil : null,
  }));
}

/** A user and its org path, for scope checks in actions. */
export async function getUserWithOrgPath(db: Executor, userId: string): Promise<(User & { orgPath: string }) | undefined> {
  const [row] = await db.select({ user: users, orgPath: orgs.path }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(eq(users.id, userId));
  return row ? { ...row.user, orgPath: row.orgPath } : undefined;
}

export async function getMemberWithOrgPath(db: Executor, memberId: string) {
  const [row] = await db
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: orgs.path, userId: users.id })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(users, eq(users.memberId, members.id))
    .where(eq(members.id, memberId));
  return row;
}

export async function getOrgPath(db: Executor, orgId: number): Promise<string | undefined> {
  const [row] = await db.select({ path: orgs.path }).from(orgs).where(and(eq(orgs.id, orgId), isNull(orgs.dissolvedAt)));
  return row?.path;
}

/** Lifts every lock on the account, including those on what its owner types to sign in. */
export async function clearAccountLock(db: Executor, userId: string): Promise<void> {
  const [account] = await db
    .select({ tier: users.tier, username: users.username, phone: members.phone, idNumberCipher: members.idNumberCipher })
    .from(users)
    .leftJoin(members, eq(members.id, users.memberId))
    .where(eq(users.id, userId));
  if (!account) return;
  const keys =
    account.tier === 'member'
      ? accountLockKeys({ userId, kind: 'member', identifiers: [account.phone, account.idNumberCipher && decryptPii(account.idNumberCipher, 'member.id_number')] })
      : accountLockKeys({ userId, kind: 'admin', identifiers: [account.username] });
  await db.delete(authThrottles).where(inArray(authThrottles.key, keys));
}

export type AccountsPage = {
  admins: AdminAccountRow[];
  orgs: { id: number; name: string; depth: number }[];
  members: MemberAccountRow[];
};

/** Everything the accounts screen shows, confined to the viewer's subtree. */
export async function getAccountsPage(viewer: Viewer, memberQuery: string): Promise<AccountsPage> {
  const db = getDb();
  const [admins, scopeOrgs, found] = await Promise.all([
    viewer.capabilities.includes('accounts') ? listAdminAccounts(db, { viewer }) : Promise.resolve([]),
    db
      .select({ id: orgs.id, name: orgs.name, path: orgs.path })
      .from(orgs)
      .where(and(inViewerScope(orgs.id, viewer), isNull(orgs.dissolvedAt), ne(orgs.type, 'party_group')))
      .orderBy(asc(orgs.path)),
    viewer.capabilities.includes('archive') ? findMemberAccounts(db, { viewer, query: memberQuery }) : Promise.resolve([]),
  ]);
  return { admins, orgs: scopeOrgs.map((org) => ({ id: org.id, name: org.name, depth: depthBelow(org.path, viewer.scopePath) })), members: found };
}
