import 'server-only';
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { activityCertificates, hostRegistrations, members, orgs, outflowEpisodes, outflowReports } from '@/db/schema';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { placeLabel, regionName } from '@/lib/regions/regions';
import { beijingDay } from '@/lib/time/beijing';
import { countTemporaryBranches } from './temporary-branch-queries';
import { countTransfers, type TransferCounts } from './transfer-queries';

// The flow overview (issue 5 §7) of an admin's subtree: who is away and where, 活动证 in and out
// of date, 报到 done or not, reports waiting, letters waiting for their 回执, possible 口袋党员 and
// the 临时党支部 (those fallen below three members among them).
// Every figure is counted from the same conditions as the list it links to.

export type FlowOverview = {
  away: number;
  byProvince: { code: string; name: string; members: number }[];
  registered: number;
  notRegistered: number;
  pendingRegistrations: number;
  pendingReports: number;
  certificatesValid: number;
  certificatesExpired: number;
  transfers: TransferCounts;
  temporaryBranches: { live: number; tooFew: number };
};

const openEpisodeJoin = and(eq(outflowEpisodes.memberId, members.id), isNull(outflowEpisodes.endedOn));
const liveRegistration = (statuses: string) =>
  sql`EXISTS (SELECT 1 FROM ${hostRegistrations} AS r WHERE r.episode_id = ${outflowEpisodes.id} AND r.status IN (${sql.raw(statuses)}))`;
// 报到 done: accepted at a host, recorded outside, or a host already on the episode (imported
// or entered with the archive before 报到 was recorded in the system).
const REGISTERED = sql`(${outflowEpisodes.hostOrgId} IS NOT NULL OR ${liveRegistration(`'accepted', 'outside'`)})`;
// The same, over an episode joined to its live registration (at most one: host_registrations_one_live).
const liveJoin = and(eq(hostRegistrations.episodeId, outflowEpisodes.id), inArray(hostRegistrations.status, ['pending', 'accepted', 'outside']));
const REGISTERED_JOINED = sql`(${outflowEpisodes.hostOrgId} IS NOT NULL OR ${hostRegistrations.status} IN ('accepted', 'outside'))`;

export async function readFlowOverview(db: Executor, viewer: Viewer, now?: Date): Promise<FlowOverview | null> {
  if (!isArchiveAdmin(viewer)) return null;
  const today = beijingDay(now);
  const scope = inViewerScope(members.orgId, viewer);
  const count = (condition: ReturnType<typeof sql>) => sql<number>`(count(*) FILTER (WHERE ${condition}))::int`;
  // One pass over the subtree's open episodes, each with its live 报到 joined, gives the provinces
  // and the 报到 figures. Joined, not probed per episode: the probes made the county's estimate so
  // dear that PostgreSQL compiled the query (JIT) for longer than it ran.
  const [provinces, [reports], [certificates], transfers, temporaryBranches] = await Promise.all([
    db
      .select({
        code: sql<string>`substr(${outflowEpisodes.regionCode}, 1, 2)`,
        members: sql<number>`count(*)::int`,
        registered: count(REGISTERED_JOINED),
        pending: count(sql`${hostRegistrations.status} = 'pending'`),
      })
      .from(members)
      .innerJoin(outflowEpisodes, openEpisodeJoin)
      .leftJoin(hostRegistrations, liveJoin)
      .where(scope)
      .groupBy(sql`1`)
      .orderBy(sql`2 DESC`, sql`1`),
    db
      .select({ pending: sql<number>`count(*)::int` })
      .from(outflowReports)
      .innerJoin(members, eq(members.id, outflowReports.memberId))
      .where(and(scope, eq(outflowReports.status, 'pending'))),
    db
      .select({ valid: count(sql`${activityCertificates.validUntil} >= ${today}::date`), expired: count(sql`${activityCertificates.validUntil} < ${today}::date`) })
      .from(activityCertificates)
      .innerJoin(members, eq(members.id, activityCertificates.memberId))
      .where(and(eq(activityCertificates.status, 'valid'), sql`(${inViewerScope(activityCertificates.issuingOrgId, viewer)} OR ${scope})`)),
    countTransfers(db, viewer, now),
    countTemporaryBranches(db, viewer),
  ]);
  const sum = (key: 'members' | 'registered' | 'pending') => provinces.reduce((total, row) => total + row[key], 0);
  return {
    away: sum('members'),
    byProvince: provinces.map((row) => ({ code: row.code, name: regionName(row.code), members: row.members })),
    registered: sum('registered'),
    notRegistered: sum('members') - sum('registered'),
    pendingRegistrations: sum('pending'),
    pendingReports: reports.pending,
    certificatesValid: certificates.valid,
    certificatesExpired: certificates.expired,
    transfers,
    temporaryBranches,
  };
}

export const UNREGISTERED_PAGE_SIZE = 50;
export type UnregisteredRow = { id: string; name: string; branchName: string; startedOn: string; place: string };

/** Members away in the subtree without a 报到 (accepted, or recorded outside), in a stable order for paging. */
export async function listUnregistered(db: Executor, viewer: Viewer, after?: string): Promise<UnregisteredRow[]> {
  if (!isArchiveAdmin(viewer)) return [];
  const cursor = /^[0-9a-f-]{36}$/.test(after ?? '') ? after : undefined;
  const rows = await db
    .select({ id: members.id, name: members.name, branchName: orgs.name, startedOn: outflowEpisodes.startedOn, regionCode: outflowEpisodes.regionCode, place: outflowEpisodes.place })
    .from(members)
    .innerJoin(outflowEpisodes, openEpisodeJoin)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(inViewerScope(members.orgId, viewer), sql`NOT ${REGISTERED}`, cursor ? gt(members.id, cursor) : undefined))
    .orderBy(asc(members.id))
    .limit(UNREGISTERED_PAGE_SIZE);
  return rows.map((row) => ({ id: row.id, name: row.name, branchName: row.branchName, startedOn: row.startedOn, place: placeLabel(row.regionCode, row.place) }));
}

export const flowOverviewReads = {
  overview: (viewer: Viewer) => readFlowOverview(getDb(), viewer),
  unregistered: (viewer: Viewer, after?: string) => listUnregistered(getDb(), viewer, after),
};
