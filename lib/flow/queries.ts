import 'server-only';
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '@/db/client';
import { members, orgs, outflowEpisodes, outflowReports, users } from '@/db/schema';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { parseReviewCursor, reviewCursor } from '@/lib/change-requests/queries';
import type { MemberStatus, OutflowReason } from '@/lib/members/member-status';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { regionName } from '@/lib/regions/regions';
import type { OutflowReportStatus } from './report-status';
import { mayGoAway } from './rules';

// Reads of the 外出报告: the member's own page and the branch's queue. The one place that
// touches outflow_reports for reading.

export type ReportView = {
  id: string;
  status: OutflowReportStatus;
  region: string;
  place: string;
  reason: OutflowReason;
  leavesOn: string;
  expectedMonths: number;
  plannedHost: string | null;
  phoneAway: string | null;
  note: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** Filed by the branch on the member's behalf. */
  byAdmin: boolean;
};

export type OwnFlow = {
  status: MemberStatus;
  mayReport: boolean;
  away: { startedOn: string; region: string; place: string; reason: OutflowReason; hostOrgName: string | null } | null;
  pending: ReportView | null;
  reports: ReportView[];
};

const OWN_REPORTS_SHOWN = 20;

function reportView(report: typeof outflowReports.$inferSelect, memberUserFiled: boolean): ReportView {
  return {
    id: report.id,
    status: report.status,
    region: regionName(report.regionCode),
    place: report.place,
    reason: report.reason,
    leavesOn: report.leavesOn,
    expectedMonths: report.expectedMonths,
    plannedHost: report.plannedHost,
    phoneAway: report.phoneAway,
    note: report.note,
    createdAt: report.createdAt,
    decidedAt: report.decidedAt,
    decisionNote: report.decisionNote,
    byAdmin: !memberUserFiled,
  };
}

/** The member's 外出 page: status, the open episode, the report waiting and the last ones. */
export async function readOwnFlow(db: Executor, viewer: Viewer & { memberId: string }): Promise<OwnFlow | null> {
  const [member, episodes, reports] = await Promise.all([
    db.select({ status: members.status }).from(members).where(eq(members.id, viewer.memberId)),
    db
      .select({ startedOn: outflowEpisodes.startedOn, regionCode: outflowEpisodes.regionCode, place: outflowEpisodes.place, reason: outflowEpisodes.reason, hostOrgName: orgs.name })
      .from(outflowEpisodes)
      .leftJoin(orgs, eq(orgs.id, outflowEpisodes.hostOrgId))
      .where(and(eq(outflowEpisodes.memberId, viewer.memberId), isNull(outflowEpisodes.endedOn))),
    db
      .select()
      .from(outflowReports)
      .where(eq(outflowReports.memberId, viewer.memberId))
      .orderBy(desc(outflowReports.createdAt), desc(outflowReports.id))
      .limit(OWN_REPORTS_SHOWN),
  ]);
  if (!member[0]) return null;
  const views = reports.map((report) => reportView(report, report.filedBy === viewer.userId));
  const open = episodes[0];
  const pending = views.find((report) => report.status === 'pending') ?? null;
  return {
    status: member[0].status,
    mayReport: mayGoAway(member[0].status) && !open && !pending,
    away: open ? { startedOn: open.startedOn, region: regionName(open.regionCode), place: open.place, reason: open.reason, hostOrgName: open.hostOrgName } : null,
    pending,
    reports: views,
  };
}

export type FlowQueueRow = ReportView & { memberId: string; memberName: string; orgName: string; deciderName: string | null };
export const FLOW_QUEUE_PAGE_SIZE = 30;
export const flowQueueCursor = reviewCursor;

/** Reports of members in the admin's subtree, newest first, by keyset. */
export async function listFlowQueue(db: Executor, { viewer, status, before }: { viewer: Viewer; status?: OutflowReportStatus; before?: string }): Promise<FlowQueueRow[]> {
  if (!isArchiveAdmin(viewer)) return [];
  const decider = alias(users, 'decider');
  const filer = alias(users, 'filer');
  const conditions: SQL[] = [inViewerScope(members.orgId, viewer)];
  if (status) conditions.push(eq(outflowReports.status, status));
  const cursor = parseReviewCursor(before);
  if (cursor) conditions.push(sql`(${outflowReports.createdAt}, ${outflowReports.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await db
    .select({ report: outflowReports, memberName: members.name, orgName: orgs.name, deciderName: decider.displayName, filerMemberId: filer.memberId })
    .from(outflowReports)
    .innerJoin(members, eq(members.id, outflowReports.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .innerJoin(filer, eq(filer.id, outflowReports.filedBy))
    .leftJoin(decider, eq(decider.id, outflowReports.decidedBy))
    .where(and(...conditions))
    .orderBy(desc(outflowReports.createdAt), desc(outflowReports.id))
    .limit(FLOW_QUEUE_PAGE_SIZE);
  return rows.map(({ report, memberName, orgName, deciderName, filerMemberId }) => ({
    ...reportView(report, filerMemberId === report.memberId),
    memberId: report.memberId,
    memberName,
    orgName,
    deciderName,
  }));
}

export const flowReads = {
  own: (viewer: Viewer & { memberId: string }) => readOwnFlow(getDb(), viewer),
  queue: (viewer: Viewer, filter: { status?: OutflowReportStatus; before?: string }) => listFlowQueue(getDb(), { viewer, ...filter }),
};
