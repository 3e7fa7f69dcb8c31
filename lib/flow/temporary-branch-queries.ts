import 'server-only';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '@/db/client';
import { awayAttendance, members, orgs, outflowEpisodes, temporaryBranchApplications, temporaryBranchMembers, users } from '@/db/schema';
import { inViewerScope, orgInSubtree } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import type { MemberCategory } from '@/lib/members/member-status';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import type { MeetingKind } from '@/lib/org-life/meeting-kinds';
import { placeLabel, regionName } from '@/lib/regions/regions';
import { beijingDay } from '@/lib/time/beijing';
import type { AttendanceSource, TemporaryBranchApplicationStatus, TemporaryBranchRole } from './report-status';
import { MIN_TEMPORARY_BRANCH_MEMBERS, memberCountState, placeKey, placeName } from './temporary-branch-rules';

// Reads of the 临时党支部 page (issue 5 §5) and of attendance away from home: always scoped to the
// viewer's subtree; only archive admins read them (a host admin never sees a 临时党支部).

export type TemporaryBranchMemberView = { memberId: string; name: string; role: TemporaryBranchRole; homeBranchName: string; joinedOn: string };
export type TemporaryBranchView = {
  id: number;
  name: string;
  parentName: string;
  place: string;
  createdAt: Date;
  members: TemporaryBranchMemberView[];
  state: ReturnType<typeof memberCountState>;
};

const home = alias(orgs, 'home');
const parent = alias(orgs, 'parent');

/** Live 临时党支部 in the viewer's subtree, with who takes part in each now. */
export async function listTemporaryBranches(db: Executor, viewer: Viewer): Promise<TemporaryBranchView[]> {
  if (!isArchiveAdmin(viewer)) return [];
  const branches = await db
    .select({ id: orgs.id, name: orgs.name, parentName: parent.name, regionCode: orgs.regionCode, createdAt: orgs.createdAt })
    .from(orgs)
    .innerJoin(parent, eq(parent.id, orgs.parentId))
    .where(and(eq(orgs.type, 'temporary_branch'), isNull(orgs.dissolvedAt), inViewerScope(orgs.id, viewer)))
    .orderBy(desc(orgs.createdAt), desc(orgs.id))
    .limit(100);
  if (branches.length === 0) return [];
  const enrolled = await db
    .select({ orgId: temporaryBranchMembers.orgId, memberId: members.id, name: members.name, role: temporaryBranchMembers.role, homeBranchName: home.name, joinedOn: temporaryBranchMembers.joinedOn })
    .from(temporaryBranchMembers)
    .innerJoin(members, eq(members.id, temporaryBranchMembers.memberId))
    .innerJoin(home, eq(home.id, members.orgId))
    .where(and(inArray(temporaryBranchMembers.orgId, branches.map((branch) => branch.id)), isNull(temporaryBranchMembers.leftOn)))
    // 书记 first, then by name.
    .orderBy(desc(sql`${temporaryBranchMembers.role} = 'secretary'`), asc(members.name));
  return branches.map(({ regionCode, ...branch }) => {
    const own = enrolled.filter((row) => row.orgId === branch.id).map(({ orgId: _orgId, ...row }) => row);
    return { ...branch, place: regionCode ? regionName(regionCode) : '', members: own, state: memberCountState(own.length) };
  });
}

export type ApplicationView = {
  id: string;
  name: string;
  place: string;
  committeeName: string;
  reason: string;
  status: TemporaryBranchApplicationStatus;
  proposedByName: string;
  proposedByViewer: boolean;
  createdAt: Date;
  decisionNote: string | null;
  secretaryMemberId: string;
  members: { id: string; name: string; homeBranchName: string; category: MemberCategory }[];
};

const committee = alias(orgs, 'committee');

/**
 * Applications the viewer decides (the 党委 in its subtree) or proposed: waiting ones oldest first,
 * decided ones newest first. Member names come from the archive, within the viewer's subtree.
 */
export async function listApplications(db: Executor, viewer: Viewer, which: 'pending' | 'decided'): Promise<ApplicationView[]> {
  if (!isArchiveAdmin(viewer)) return [];
  const rows = await db
    .select({ application: temporaryBranchApplications, committeeName: committee.name, proposedByName: users.displayName })
    .from(temporaryBranchApplications)
    .innerJoin(committee, eq(committee.id, temporaryBranchApplications.committeeOrgId))
    .innerJoin(users, eq(users.id, temporaryBranchApplications.proposedBy))
    .where(
      and(
        or(orgInSubtree(temporaryBranchApplications.committeeOrgId, viewer.scopePath), eq(temporaryBranchApplications.proposedBy, viewer.userId)),
        which === 'pending' ? eq(temporaryBranchApplications.status, 'pending') : sql`${temporaryBranchApplications.status} <> 'pending'`,
      ),
    )
    .orderBy(which === 'pending' ? asc(temporaryBranchApplications.createdAt) : desc(temporaryBranchApplications.decidedAt))
    .limit(50);
  const memberIds = [...new Set(rows.flatMap((row) => row.application.memberIds))];
  const people =
    memberIds.length === 0
      ? []
      : await db
          .select({ id: members.id, name: members.name, homeBranchName: home.name, category: members.category })
          .from(members)
          .innerJoin(home, eq(home.id, members.orgId))
          .where(and(inArray(members.id, memberIds), inViewerScope(members.orgId, viewer)));
  const byId = new Map(people.map((person) => [person.id, person]));
  return rows.map(({ application, committeeName, proposedByName }) => ({
    id: application.id,
    name: application.name,
    place: regionName(application.regionCode),
    committeeName,
    reason: application.reason,
    status: application.status,
    proposedByName: proposedByName ?? '',
    proposedByViewer: application.proposedBy === viewer.userId,
    createdAt: application.createdAt,
    decisionNote: application.decisionNote,
    secretaryMemberId: application.secretaryMemberId,
    members: application.memberIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
  }));
}

const awayNow = (today: string) => and(eq(outflowEpisodes.memberId, members.id), isNull(outflowEpisodes.endedOn), sql`${outflowEpisodes.startedOn} <= ${today}::date`);
const notEnrolled = sql`NOT EXISTS (SELECT 1 FROM ${temporaryBranchMembers} AS tbm WHERE tbm.member_id = ${members.id} AND tbm.left_on IS NULL)`;

/** Cities where members of the subtree are away now and not yet in a 临时党支部, busiest first. */
export async function listCandidatePlaces(db: Executor, viewer: Viewer, now?: Date): Promise<{ key: string; name: string; members: number }[]> {
  if (!isArchiveAdmin(viewer)) return [];
  const rows = await db
    .select({ prefix: sql<string>`substr(${outflowEpisodes.regionCode}, 1, 4)`, members: sql<number>`count(*)::int` })
    .from(members)
    .innerJoin(outflowEpisodes, awayNow(beijingDay(now)))
    .where(and(inViewerScope(members.orgId, viewer), notEnrolled))
    .groupBy(sql`1`);
  const places = new Map<string, { key: string; name: string; members: number }>();
  for (const row of rows) {
    const key = placeKey(`${row.prefix}00`);
    const place = places.get(key) ?? { key, name: placeName(`${row.prefix}00`), members: 0 };
    place.members += Number(row.members);
    places.set(key, place);
  }
  return [...places.values()].sort((a, b) => b.members - a.members || a.key.localeCompare(b.key));
}

export type CandidateView = { id: string; name: string; category: MemberCategory; homeBranchName: string; place: string };

export const CANDIDATE_LIMIT = 200;

/** Members of the subtree away in that city now and not in a 临时党支部, by name (at most CANDIDATE_LIMIT). */
export async function listCandidates(db: Executor, viewer: Viewer, key: string, now?: Date): Promise<CandidateView[]> {
  if (!isArchiveAdmin(viewer) || !/^\d{2}(\d{2})?$/.test(key)) return [];
  const rows = await db
    .select({ id: members.id, name: members.name, category: members.category, homeBranchName: home.name, regionCode: outflowEpisodes.regionCode, place: outflowEpisodes.place })
    .from(members)
    .innerJoin(outflowEpisodes, awayNow(beijingDay(now)))
    .innerJoin(home, eq(home.id, members.orgId))
    .where(and(inViewerScope(members.orgId, viewer), notEnrolled, sql`${outflowEpisodes.regionCode} LIKE ${`${key}%`}`))
    .orderBy(asc(members.name), asc(members.id))
    .limit(CANDIDATE_LIMIT);
  return rows.map(({ regionCode, place, ...row }) => ({ ...row, place: placeLabel(regionCode, place) }));
}

export type AttendanceView = { id: string; heldOn: string; kind: MeetingKind; topic: string; orgName: string; source: AttendanceSource };

/** A member's attendance away from home, newest first: for the member and the home branch. */
export async function listMemberAttendance(db: Executor, memberId: string): Promise<AttendanceView[]> {
  return db
    .select({ id: awayAttendance.id, heldOn: awayAttendance.heldOn, kind: awayAttendance.kind, topic: awayAttendance.topic, orgName: orgs.name, source: awayAttendance.source })
    .from(awayAttendance)
    .innerJoin(orgs, eq(orgs.id, awayAttendance.orgId))
    .where(eq(awayAttendance.memberId, memberId))
    .orderBy(desc(awayAttendance.heldOn), desc(awayAttendance.createdAt))
    .limit(50);
}

export type OwnTemporaryBranch = { name: string; role: TemporaryBranchRole; secretaryName: string | null; joinedOn: string };

/** The 临时党支部 a member takes part in now, for the member's own page. */
export async function readOwnTemporaryBranch(db: Executor, memberId: string): Promise<OwnTemporaryBranch | null> {
  const secretary = alias(temporaryBranchMembers, 'secretary');
  const secretaryMember = alias(members, 'secretary_member');
  const [row] = await db
    .select({ name: orgs.name, role: temporaryBranchMembers.role, secretaryName: secretaryMember.name, joinedOn: temporaryBranchMembers.joinedOn })
    .from(temporaryBranchMembers)
    .innerJoin(orgs, eq(orgs.id, temporaryBranchMembers.orgId))
    .leftJoin(secretary, and(eq(secretary.orgId, temporaryBranchMembers.orgId), isNull(secretary.leftOn), eq(secretary.role, 'secretary')))
    .leftJoin(secretaryMember, eq(secretaryMember.id, secretary.memberId))
    .where(and(eq(temporaryBranchMembers.memberId, memberId), isNull(temporaryBranchMembers.leftOn)));
  return row ?? null;
}

/** Live 临时党支部 in the subtree and those fallen below three members: the flow overview's figures. */
export async function countTemporaryBranches(db: Executor, viewer: Viewer): Promise<{ live: number; tooFew: number }> {
  if (!isArchiveAdmin(viewer)) return { live: 0, tooFew: 0 };
  const [row] = await db
    .select({
      live: sql<number>`count(*)::int`,
      tooFew: sql<number>`(count(*) FILTER (WHERE (SELECT count(*) FROM ${temporaryBranchMembers} AS tbm WHERE tbm.org_id = ${orgs.id} AND tbm.left_on IS NULL) < ${MIN_TEMPORARY_BRANCH_MEMBERS}))::int`,
    })
    .from(orgs)
    .where(and(eq(orgs.type, 'temporary_branch'), isNull(orgs.dissolvedAt), inViewerScope(orgs.id, viewer)));
  return { live: Number(row.live), tooFew: Number(row.tooFew) };
}

export const temporaryBranchReads = {
  branches: (viewer: Viewer) => listTemporaryBranches(getDb(), viewer),
  applications: (viewer: Viewer, which: 'pending' | 'decided') => listApplications(getDb(), viewer, which),
  candidatePlaces: (viewer: Viewer) => listCandidatePlaces(getDb(), viewer),
  candidates: (viewer: Viewer, key: string) => listCandidates(getDb(), viewer, key),
  attendanceOf: (memberId: string) => listMemberAttendance(getDb(), memberId),
  ownBranch: (memberId: string) => readOwnTemporaryBranch(getDb(), memberId),
};
