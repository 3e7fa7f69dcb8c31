import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '@/db/client';
import { activityCertificates, awayAttendance, hostFeedback, hostRegistrations, members, orgs } from '@/db/schema';
import { orgInSubtree } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { certificateNumber } from './certificate-rules';
import { listHostOrgs, mayManageHosting } from './hosting';
import type { FeedbackRating, RegistrationStatus } from './report-status';
import { PLACEMENT_TYPES } from '@/lib/orgs/org-types';

// Reads of 报到 and 表现反馈: the member's own, the host's queue, and the home branch's view.

export type RegistrationView = {
  id: string;
  status: RegistrationStatus;
  hostName: string | null;
  outsideOrgName: string | null;
  outsideContact: string | null;
  placedName: string | null;
  reportedOn: string;
  decisionNote: string | null;
};

const host = alias(orgs, 'host');
const placed = alias(orgs, 'placed');
const registrationColumns = {
  id: hostRegistrations.id,
  status: hostRegistrations.status,
  hostName: host.name,
  outsideOrgName: hostRegistrations.outsideOrgName,
  outsideContact: hostRegistrations.outsideContact,
  placedName: placed.name,
  reportedOn: hostRegistrations.reportedOn,
  decisionNote: hostRegistrations.decisionNote,
};

export async function listMemberRegistrations(db: Executor, memberId: string): Promise<RegistrationView[]> {
  return db
    .select(registrationColumns)
    .from(hostRegistrations)
    .leftJoin(host, eq(host.id, hostRegistrations.hostOrgId))
    .leftJoin(placed, eq(placed.id, hostRegistrations.placedOrgId))
    .where(eq(hostRegistrations.memberId, memberId))
    .orderBy(desc(hostRegistrations.createdAt))
    .limit(20);
}

export type FeedbackView = { id: string; hostName: string; year: number; rating: FeedbackRating; content: string; createdAt: Date };

export async function listMemberFeedback(db: Executor, memberId: string): Promise<FeedbackView[]> {
  return db
    .select({ id: hostFeedback.id, hostName: orgs.name, year: hostFeedback.year, rating: hostFeedback.rating, content: hostFeedback.content, createdAt: hostFeedback.createdAt })
    .from(hostFeedback)
    .innerJoin(orgs, eq(orgs.id, hostFeedback.hostOrgId))
    .where(eq(hostFeedback.memberId, memberId))
    .orderBy(desc(hostFeedback.year), desc(hostFeedback.createdAt));
}

export const HOSTING_TABS = ['pending', 'accepted', 'ended'] as const;
export type HostingTab = (typeof HOSTING_TABS)[number];
export const HOSTING_PAGE_SIZE = 100;

export type HostQueueRow = RegistrationView & {
  hostOrgId: number | null;
  memberId: string;
  memberName: string;
  homeBranchName: string;
  certificate: { number: string; validUntil: string } | null;
  feedbackYears: number[];
  /** Meetings attended where the host placed the member, on this journey. */
  attended: number;
};

/**
 * The host's registrations: waiting, placed here now, or ended. A host admin reads the member's
 * name, home branch and 活动证 (number and validity) — what 报到 needs — and nothing else.
 */
export async function listHostQueue(db: Executor, viewer: Viewer, tab: HostingTab): Promise<HostQueueRow[]> {
  if (!mayManageHosting(viewer)) return [];
  const home = alias(orgs, 'home');
  const rows = await db
    .select({
      ...registrationColumns,
      hostOrgId: hostRegistrations.hostOrgId,
      memberId: hostRegistrations.memberId,
      memberName: members.name,
      homeBranchName: home.name,
      certificateYear: activityCertificates.year,
      certificateSerial: activityCertificates.serial,
      certificateValidUntil: activityCertificates.validUntil,
      attended: sql<number>`(SELECT count(*)::int FROM ${awayAttendance} AS a WHERE a.episode_id = ${hostRegistrations.episodeId} AND a.member_id = ${hostRegistrations.memberId} AND a.org_id = ${hostRegistrations.placedOrgId})`,
      feedbackYears: sql<number[]>`coalesce((SELECT array_agg(f.year ORDER BY f.year) FROM ${hostFeedback} AS f WHERE f.member_id = ${hostRegistrations.memberId} AND f.host_org_id = ${hostRegistrations.hostOrgId}), '{}')`,
    })
    .from(hostRegistrations)
    .innerJoin(host, eq(host.id, hostRegistrations.hostOrgId))
    .leftJoin(placed, eq(placed.id, hostRegistrations.placedOrgId))
    .innerJoin(members, eq(members.id, hostRegistrations.memberId))
    .innerJoin(home, eq(home.id, members.orgId))
    .leftJoin(activityCertificates, and(eq(activityCertificates.memberId, hostRegistrations.memberId), eq(activityCertificates.status, 'valid')))
    .where(and(orgInSubtree(hostRegistrations.hostOrgId, viewer.scopePath), eq(hostRegistrations.status, tab)))
    .orderBy(desc(hostRegistrations.reportedOn), desc(hostRegistrations.id))
    .limit(HOSTING_PAGE_SIZE);
  return rows.map(({ certificateYear, certificateSerial, certificateValidUntil, feedbackYears, ...row }) => ({
    ...row,
    certificate: certificateYear !== null && certificateSerial !== null && certificateValidUntil !== null ? { number: certificateNumber(certificateYear, certificateSerial), validUntil: certificateValidUntil } : null,
    feedbackYears: (feedbackYears ?? []).map(Number),
    attended: Number(row.attended),
  }));
}

/** Where a host in the viewer's subtree may place members: its host orgs and their 支部 / 党小组. */
export async function listPlacements(db: Executor, viewer: Viewer): Promise<{ id: number; name: string; hostId: number }[]> {
  if (!mayManageHosting(viewer)) return [];
  const hostOrg = alias(orgs, 'host_org');
  return db
    .select({ id: orgs.id, name: orgs.name, hostId: hostOrg.id })
    .from(orgs)
    .innerJoin(hostOrg, sql`${orgs.path} <@ ${hostOrg.path}`)
    .where(
      and(
        eq(hostOrg.type, 'host'),
        sql`${orgs.path} <@ ${viewer.scopePath}::ltree`,
        inArray(orgs.type, [...PLACEMENT_TYPES]),
        isNull(orgs.dissolvedAt),
      ),
    )
    .orderBy(sql`${orgs.path}`);
}

export const hostingReads = {
  ofMember: (memberId: string) => Promise.all([listMemberRegistrations(getDb(), memberId), listMemberFeedback(getDb(), memberId)]),
  hostOrgs: () => listHostOrgs(getDb()),
  queue: (viewer: Viewer, tab: HostingTab) => listHostQueue(getDb(), viewer, tab),
  placements: (viewer: Viewer) => listPlacements(getDb(), viewer),
};
