import 'server-only';
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '@/db/client';
import { callListEntries, callLists, contentColumns, contentItems, members, orgs, users } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import type { ContactOutcome } from '@/lib/members/member-status';
import { maskPhone } from '@/lib/security/masking';
import { mayRevealPhones, mayRunCallLists, type CallProgress } from './rules';
import { depthBelow } from '@/lib/orgs/paths';

// Reads of 电话通知. A list belongs to the org it was made for; an admin sees the lists of orgs in
// its subtree. Numbers leave here masked: the full number only comes through the audited reveal.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CallListSummary = {
  id: string;
  title: string;
  orgName: string;
  about: 'notice' | 'activity';
  createdAt: Date;
  closedAt: Date | null;
  progress: CallProgress;
};

/** The newest lists of orgs in the viewer's subtree, with their progress. */
export async function listCallLists(db: Executor, viewer: Viewer): Promise<CallListSummary[]> {
  if (!mayRunCallLists(viewer)) return [];
  const rows = await db
    .select({
      id: callLists.id,
      title: callLists.title,
      orgName: orgs.name,
      contentItemId: callLists.contentItemId,
      createdAt: callLists.createdAt,
      closedAt: callLists.closedAt,
      total: sql<number>`(SELECT count(*)::int FROM ${callListEntries} e WHERE e.call_list_id = ${callLists.id})`,
      called: sql<number>`(SELECT count(*)::int FROM ${callListEntries} e WHERE e.call_list_id = ${callLists.id} AND e.outcome IS NOT NULL)`,
      reached: sql<number>`(SELECT count(*)::int FROM ${callListEntries} e WHERE e.call_list_id = ${callLists.id} AND e.outcome = 'reached')`,
    })
    .from(callLists)
    .innerJoin(orgs, eq(orgs.id, callLists.orgId))
    .where(sql`${orgs.path} <@ ${viewer.scopePath}::ltree`)
    .orderBy(desc(callLists.createdAt), desc(callLists.id))
    .limit(100);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    orgName: row.orgName,
    about: row.contentItemId ? 'notice' : 'activity',
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    progress: { total: Number(row.total), called: Number(row.called), reached: Number(row.reached) },
  }));
}

export type CallEntryView = {
  memberId: string;
  name: string;
  orgName: string;
  /** Masked (138****5678); null when no number is on record. */
  maskedPhone: string | null;
  outcome: ContactOutcome | null;
  calledAt: Date | null;
  calledByName: string | null;
};

export type CallListView = {
  id: string;
  title: string;
  message: string;
  orgName: string;
  notice: { id: string; title: string } | null;
  createdAt: Date;
  createdByName: string | null;
  closedAt: Date | null;
  /** One page of the entries the filter asks for. */
  entries: CallEntryView[];
  /** Another page of them follows. */
  hasMore: boolean;
  progress: CallProgress;
  mayReveal: boolean;
};

const caller = alias(users, 'caller');
const creator = alias(users, 'creator');
const memberOrg = alias(orgs, 'member_org');

export const CALL_LIST_PAGE_SIZE = 50;
/** Which entries a page shows: all, those not yet called, or those called but not reached. */
export const CALL_ENTRY_VIEWS = ['all', 'pending', 'unreached'] as const;
export type CallEntryFilter = { show: (typeof CALL_ENTRY_VIEWS)[number]; q?: string; page?: number };

const SHOWN: Record<CallEntryFilter['show'], SQL | undefined> = {
  all: undefined,
  pending: isNull(callListEntries.outcome),
  unreached: sql`${callListEntries.outcome} IN ('no_answer', 'wrong_number')`,
};

/**
 * One list with a page of its members (by branch, then name; filtered by outcome and a name),
 * when its org lies in the viewer's subtree; null otherwise. The progress counts the whole list.
 */
export async function getCallList(db: Executor, viewer: Viewer, callListId: string, filter: CallEntryFilter = { show: 'all' }): Promise<CallListView | null> {
  if (!mayRunCallLists(viewer) || !UUID.test(callListId)) return null;
  const [list] = await db
    .select({
      id: callLists.id,
      title: callLists.title,
      message: callLists.message,
      orgName: orgs.name,
      noticeId: contentItems.id,
      noticeTitle: contentItems.title,
      createdAt: callLists.createdAt,
      createdByName: creator.displayName,
      closedAt: callLists.closedAt,
    })
    .from(callLists)
    .innerJoin(orgs, eq(orgs.id, callLists.orgId))
    .leftJoin(contentItems, eq(contentItems.id, callLists.contentItemId))
    .leftJoin(creator, eq(creator.id, callLists.createdBy))
    .where(and(eq(callLists.id, callListId), sql`${orgs.path} <@ ${viewer.scopePath}::ltree`));
  if (!list) return null;
  const rows = await db
    .select({
      memberId: callListEntries.memberId,
      name: members.name,
      orgName: memberOrg.name,
      phone: members.phone,
      outcome: callListEntries.outcome,
      calledAt: callListEntries.calledAt,
      calledByName: caller.displayName,
    })
    .from(callListEntries)
    .innerJoin(members, eq(members.id, callListEntries.memberId))
    .innerJoin(memberOrg, eq(memberOrg.id, members.orgId))
    .leftJoin(caller, eq(caller.id, callListEntries.calledBy))
    .where(and(eq(callListEntries.callListId, list.id), SHOWN[filter.show], filter.q ? sql`strpos(${members.name}, ${filter.q}) > 0` : undefined))
    .orderBy(asc(memberOrg.path), asc(members.name), asc(members.id))
    .limit(CALL_LIST_PAGE_SIZE + 1)
    .offset(Math.max(0, Math.min(filter.page ?? 0, 100)) * CALL_LIST_PAGE_SIZE);
  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      called: sql<number>`count(${callListEntries.outcome})::int`,
      reached: sql<number>`count(*) FILTER (WHERE ${callListEntries.outcome} = 'reached')::int`,
    })
    .from(callListEntries)
    .where(eq(callListEntries.callListId, list.id));
  const entries = rows.slice(0, CALL_LIST_PAGE_SIZE).map((row) => ({
    memberId: row.memberId,
    name: row.name,
    orgName: row.orgName,
    maskedPhone: row.phone ? maskPhone(row.phone) : null,
    outcome: row.outcome,
    calledAt: row.calledAt,
    calledByName: row.calledByName,
  }));
  return {
    id: list.id,
    title: list.title,
    message: list.message,
    orgName: list.orgName,
    notice: list.noticeId && list.noticeTitle ? { id: list.noticeId, title: list.noticeTitle } : null,
    createdAt: list.createdAt,
    createdByName: list.createdByName,
    closedAt: list.closedAt,
    entries,
    hasMore: rows.length > CALL_LIST_PAGE_SIZE,
    progress: { total: Number(counts.total), called: Number(counts.called), reached: Number(counts.reached) },
    mayReveal: mayRevealPhones(viewer),
  };
}

/**
 * Published, current items addressed to members of the viewer's subtree: the audience contains
 * the subtree or lies inside it. The call list then takes the overlap of the two.
 */
export function noticeReachesScope(scopePath: string, now: Date): SQL {
  return and(
    eq(contentItems.status, 'published'),
    isNull(contentItems.withdrawnAt),
    sql`${contentItems.publishAt} <= ${now.toISOString()}::timestamptz`,
    sql`EXISTS (SELECT 1 FROM ${orgs} AS audience_org WHERE audience_org.id = ${contentItems.audienceOrgId}
          AND (audience_org.path @> ${scopePath}::ltree OR audience_org.path <@ ${scopePath}::ltree))`,
  )!;
}

export type NoticeOption = { id: string; title: string; columnName: string; publishAt: Date };

export async function listNoticeOptions(db: Executor, viewer: Viewer, now = new Date()): Promise<NoticeOption[]> {
  if (!mayRunCallLists(viewer)) return [];
  const rows = await db
    .select({ id: contentItems.id, title: contentItems.title, columnName: contentColumns.name, publishAt: contentItems.publishAt })
    .from(contentItems)
    .innerJoin(contentColumns, eq(contentColumns.id, contentItems.columnId))
    .where(and(noticeReachesScope(viewer.scopePath, now), sql`${contentColumns.kind} IN ('articles', 'jobs')`))
    .orderBy(desc(contentItems.publishAt), desc(contentItems.id))
    .limit(50);
  return rows.map((row) => ({ ...row, publishAt: row.publishAt ?? now }));
}

/** The orgs of the viewer's subtree a list may be made for (not party groups or host orgs). */
export async function listScopeOrgs(db: Executor, viewer: Viewer): Promise<{ id: number; name: string; depth: number }[]> {
  if (!mayRunCallLists(viewer)) return [];
  const rows = await db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(isNull(orgs.dissolvedAt), sql`${orgs.path} <@ ${viewer.scopePath}::ltree`, sql`${orgs.type} NOT IN ('party_group', 'host')`))
    .orderBy(asc(orgs.path))
    .limit(1000);
  return rows.map((row) => ({ id: row.id, name: row.name, depth: depthBelow(String(row.path), viewer.scopePath) }));
}

/** The reads pages make, on the app's database (routes never import the client themselves). */
export const callListPages = {
  lists: (viewer: Viewer) => listCallLists(getDb(), viewer),
  list: (viewer: Viewer, id: string, filter?: CallEntryFilter) => getCallList(getDb(), viewer, id, filter),
  notices: (viewer: Viewer) => listNoticeOptions(getDb(), viewer),
  orgs: (viewer: Viewer) => listScopeOrgs(getDb(), viewer),
};
