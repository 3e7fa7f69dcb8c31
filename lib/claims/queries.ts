import 'server-only';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '@/db/client';
import { memberClaims, orgs, users } from '@/db/schema';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { BRANCH_TYPES } from '@/lib/orgs/org-types';
import { maskPhone } from '@/lib/security/masking';
import { type ClaimCursor, type ClaimStatus } from './claim-rules';

export type ClaimableBranch = { id: number; name: string; parentName: string | null };

/**
 * Every org that can receive a claim, with its parent's name so people can tell the branches of
 * different towns apart. Read without a viewer on purpose: the form is for people who have no
 * account yet, and it shows only org names, which the county's members know anyway.
 */
export async function listClaimableBranches(db: Executor): Promise<ClaimableBranch[]> {
  const parents = alias(orgs, 'parent_org');
  return db
    .select({ id: orgs.id, name: orgs.name, parentName: parents.name })
    .from(orgs)
    .leftJoin(parents, eq(parents.id, orgs.parentId))
    .where(and(inArray(orgs.type, [...BRANCH_TYPES]), isNull(orgs.dissolvedAt)))
    .orderBy(asc(parents.path), asc(orgs.sortOrder), asc(orgs.name));
}

export async function getClaimableBranches(): Promise<ClaimableBranch[]> {
  return listClaimableBranches(getDb());
}

/** A claim with what a decision needs to know about its org, for the scope check in actions. */
export async function getClaimForDecision(db: Executor, claimId: string) {
  const [row] = await db
    .select({
      id: memberClaims.id,
      orgId: memberClaims.orgId,
      status: memberClaims.status,
      orgPath: orgs.path,
      orgType: orgs.type,
      orgDissolvedAt: orgs.dissolvedAt,
    })
    .from(memberClaims)
    .innerJoin(orgs, eq(orgs.id, memberClaims.orgId))
    .where(eq(memberClaims.id, claimId));
  return row;
}

export type ClaimRow = {
  id: string;
  name: string;
  idNumberMasked: string;
  /** Masked unless the viewer holds the PII-reveal capability. */
  phone: string;
  orgName: string;
  note: string | null;
  filedAt: Date;
  status: ClaimStatus;
  decidedAt: Date | null;
  decidedByName: string | null;
  decisionNote: string | null;
  cursor: ClaimCursor;
};

export const CLAIMS_PAGE_SIZE = 50;

/** Claims of one status filed to orgs in the viewer's subtree, newest first, by keyset. */
export async function listClaims(
  db: Executor,
  { viewer, status, after, limit = CLAIMS_PAGE_SIZE }: { viewer: Viewer; status: ClaimStatus; after?: ClaimCursor; limit?: number },
): Promise<ClaimRow[]> {
  const conditions: SQL[] = [inViewerScope(memberClaims.orgId, viewer), eq(memberClaims.status, status)];
  if (after) conditions.push(sql`(${memberClaims.createdAt}, ${memberClaims.id}) < (${after.filedAt}::timestamptz, ${after.id}::uuid)`);
  const rows = await db
    .select({
      id: memberClaims.id,
      name: memberClaims.name,
      idNumberMasked: memberClaims.idNumberMasked,
      phone: memberClaims.phone,
      orgName: orgs.name,
      note: memberClaims.note,
      filedAt: memberClaims.createdAt,
      filedAtKey: sql<string>`to_char(${memberClaims.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      status: memberClaims.status,
      decidedAt: memberClaims.decidedAt,
      decidedByName: users.displayName,
      decisionNote: memberClaims.decisionNote,
    })
    .from(memberClaims)
    .innerJoin(orgs, eq(orgs.id, memberClaims.orgId))
    .leftJoin(users, eq(users.id, memberClaims.decidedBy))
    .where(and(...conditions))
    .orderBy(desc(memberClaims.createdAt), desc(memberClaims.id))
    .limit(limit);
  const reveal = viewer.capabilities.includes('pii_reveal');
  return rows.map(({ filedAtKey, ...row }) => ({
    ...row,
    phone: reveal ? row.phone : maskPhone(row.phone),
    cursor: { filedAt: filedAtKey, id: row.id },
  }));
}

export async function getClaimsPage(viewer: Viewer, filter: { status: ClaimStatus; after?: ClaimCursor }): Promise<ClaimRow[]> {
  return listClaims(getDb(), { viewer, ...filter });
}
