import 'server-only';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { queryRows } from '@/db/rows';
import { censuses, censusResponses, members, orgs } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import type { MemberStatus } from '@/lib/members/member-status';
import { isWithinPath } from '@/lib/orgs/paths';
import { beijingDay } from '@/lib/time/beijing';
import { CENSUS_MEMBER_STATUSES, censusPhase, mayOpenCensus, overlapPath, type CensusPhase } from './rules';

// Reads of 摸底排查. An admin sees a census opened in its subtree, or one opened above it that
// covers its subtree; counts always stop at the overlap of the two subtrees.

export type CensusSummary = {
  id: string;
  title: string;
  note: string | null;
  deadline: string;
  phase: CensusPhase;
  orgName: string;
  responded: number;
  corrected: number;
  total: number;
  /** The census was opened at the viewer's level or below, so the viewer may close it. */
  mayClose: boolean;
};

type CensusRow = { id: string; title: string; note: string | null; deadline: string; closedAt: Date | null; orgName: string; path: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isAdmin = (viewer: Viewer) => (viewer.tier === 'org_admin' || viewer.tier === 'county_admin') && viewer.capabilities.includes('archive');
const statuses = sql.raw(CENSUS_MEMBER_STATUSES.map((status) => `'${status}'`).join(', '));

type Counts = { responded: number; corrected: number; total: number };

async function countWithin(db: Executor, censusId: string, path: string): Promise<Counts> {
  const [row] = await queryRows<Counts>(
    db,
    sql`SELECT count(*)::int AS total, count(r.member_id)::int AS responded, count(*) FILTER (WHERE r.outcome = 'corrected')::int AS corrected
        FROM members m JOIN orgs o ON o.id = m.org_id
        LEFT JOIN census_responses r ON r.census_id = ${censusId} AND r.member_id = m.id
        WHERE o.path <@ ${path}::ltree AND m.status IN (${statuses})`,
  );
  return row;
}

function summary(row: CensusRow, counts: Counts, viewer: Viewer, today: string): CensusSummary {
  return {
    id: row.id,
    title: row.title,
    note: row.note,
    deadline: row.deadline,
    phase: censusPhase(row, today),
    orgName: row.orgName,
    ...counts,
    mayClose: row.closedAt === null && isWithinPath(row.path, viewer.scopePath),
  };
}

const censusColumns = { id: censuses.id, title: censuses.title, note: censuses.note, deadline: censuses.deadline, closedAt: censuses.closedAt, orgName: orgs.name, path: orgs.path };

/** Censuses that concern the viewer's subtree, newest first, with completion inside the overlap. */
export async function listCensuses(db: Executor, { viewer, limit = 50 }: { viewer: Viewer; limit?: number }): Promise<CensusSummary[]> {
  if (!isAdmin(viewer)) return [];
  const rows = await db
    .select(censusColumns)
    .from(censuses)
    .innerJoin(orgs, eq(orgs.id, censuses.orgId))
    .where(sql`(${orgs.path} <@ ${viewer.scopePath}::ltree OR ${orgs.path} @> ${viewer.scopePath}::ltree)`)
    .orderBy(desc(censuses.createdAt), desc(censuses.id))
    .limit(limit);
  const today = beijingDay();
  const out: CensusSummary[] = [];
  for (const row of rows) out.push(summary(row, await countWithin(db, row.id, overlapPath(viewer.scopePath, row.path)!), viewer, today));
  return out;
}

export type BranchCompletion = { orgId: number; orgName: string; responded: number; corrected: number; total: number };
export type CensusDetail = CensusSummary & { branches: BranchCompletion[] };

/** One census with its completion per branch (the org that holds each member's record). */
export async function getCensusDetail(db: Executor, { viewer, censusId }: { viewer: Viewer; censusId: string }): Promise<CensusDetail | null> {
  if (!isAdmin(viewer) || !UUID.test(censusId)) return null;
  const [row] = await db.select(censusColumns).from(censuses).innerJoin(orgs, eq(orgs.id, censuses.orgId)).where(eq(censuses.id, censusId));
  const overlap = row ? overlapPath(viewer.scopePath, row.path) : null;
  if (!row || !overlap) return null;
  const branches = await queryRows<BranchCompletion>(
    db,
    sql`SELECT o.id AS "orgId", o.name AS "orgName", count(*)::int AS total, count(r.member_id)::int AS responded,
               count(*) FILTER (WHERE r.outcome = 'corrected')::int AS corrected
        FROM members m JOIN orgs o ON o.id = m.org_id
        LEFT JOIN census_responses r ON r.census_id = ${censusId} AND r.member_id = m.id
        WHERE o.path <@ ${overlap}::ltree AND m.status IN (${statuses})
        GROUP BY o.id, o.name, o.path ORDER BY o.path`,
  );
  const counts = branches.reduce((sum, branch) => ({ total: sum.total + branch.total, responded: sum.responded + branch.responded, corrected: sum.corrected + branch.corrected }), {
    total: 0,
    responded: 0,
    corrected: 0,
  });
  return { ...summary(row, counts, viewer, beijingDay()), branches };
}

export type NonResponder = { id: string; name: string; orgName: string; phone: string | null; status: MemberStatus };
export const NON_RESPONDER_PAGE_SIZE = 50;

/** Members the census asks who have not answered yet, by name, a page at a time (keyset on name, id). */
export async function listNonResponders(
  db: Executor,
  { viewer, censusId, orgId, after }: { viewer: Viewer; censusId: string; orgId?: number; after?: string },
): Promise<NonResponder[]> {
  if (!isAdmin(viewer) || !UUID.test(censusId)) return [];
  const [census] = await db.select({ path: orgs.path }).from(censuses).innerJoin(orgs, eq(orgs.id, censuses.orgId)).where(eq(censuses.id, censusId));
  const overlap = census ? overlapPath(viewer.scopePath, census.path) : null;
  if (!overlap) return [];
  const conditions: SQL[] = [
    sql`${orgs.path} <@ ${overlap}::ltree`,
    inArray(members.status, [...CENSUS_MEMBER_STATUSES]),
    sql`NOT EXISTS (SELECT 1 FROM ${censusResponses} WHERE ${censusResponses.censusId} = ${censusId} AND ${censusResponses.memberId} = ${members.id})`,
  ];
  if (orgId !== undefined) conditions.push(eq(members.orgId, orgId));
  if (after && UUID.test(after)) conditions.push(sql`(${members.name}, ${members.id}) > (SELECT name, id FROM members WHERE id = ${after})`);
  return db
    .select({ id: members.id, name: members.name, orgName: orgs.name, phone: members.phone, status: members.status })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(...conditions))
    .orderBy(asc(members.name), asc(members.id))
    .limit(NON_RESPONDER_PAGE_SIZE);
}

export type MemberCensus = { id: string; title: string; note: string | null; deadline: string; phase: CensusPhase; response: 'confirmed' | 'corrected' | null };

/** Open censuses that ask this member (their branch lies in the census's subtree), earliest deadline first. */
export async function listCensusesForMember(db: Executor, { viewer }: { viewer: Viewer }): Promise<MemberCensus[]> {
  if (viewer.tier !== 'member' || !viewer.memberId) return [];
  const [member] = await db.select({ path: orgs.path, status: members.status }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(eq(members.id, viewer.memberId));
  if (!member || !CENSUS_MEMBER_STATUSES.includes(member.status)) return [];
  const rows = await db
    .select({ id: censuses.id, title: censuses.title, note: censuses.note, deadline: censuses.deadline, closedAt: censuses.closedAt, response: censusResponses.outcome })
    .from(censuses)
    .innerJoin(orgs, eq(orgs.id, censuses.orgId))
    .leftJoin(censusResponses, and(eq(censusResponses.censusId, censuses.id), eq(censusResponses.memberId, viewer.memberId)))
    .where(and(isNull(censuses.closedAt), sql`${orgs.path} @> ${member.path}::ltree`))
    .orderBy(asc(censuses.deadline), asc(censuses.id));
  const today = beijingDay();
  return rows.map((row) => ({ id: row.id, title: row.title, note: row.note, deadline: row.deadline, phase: censusPhase(row, today), response: row.response }));
}

/** Whether the viewer may open a census at its own org. */
export async function mayOpenCensusHere(db: Executor, { viewer }: { viewer: Viewer }): Promise<boolean> {
  const [org] = await db.select({ type: orgs.type, parentId: orgs.parentId }).from(orgs).where(eq(orgs.id, viewer.orgId));
  return org !== undefined && mayOpenCensus(viewer, org);
}

/** For pages: the same reads on the app's database. */
export const censusReads = {
  list: (viewer: Viewer) => listCensuses(getDb(), { viewer }),
  detail: (viewer: Viewer, censusId: string) => getCensusDetail(getDb(), { viewer, censusId }),
  nonResponders: (viewer: Viewer, censusId: string, filter: { orgId?: number; after?: string }) => listNonResponders(getDb(), { viewer, censusId, ...filter }),
  forMember: (viewer: Viewer) => listCensusesForMember(getDb(), { viewer }),
  mayOpen: (viewer: Viewer) => mayOpenCensusHere(getDb(), { viewer }),
};
