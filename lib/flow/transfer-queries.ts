import 'server-only';
import { and, asc, desc, eq, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '@/db/client';
import { activityCertificates, membershipTransfers, members, orgs, outflowEpisodes } from '@/db/schema';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { placeLabel } from '@/lib/regions/regions';
import { beijingDay } from '@/lib/time/beijing';
import type { TransferStatus } from './report-status';
import { transferSuggestionCutoff } from './transfer-rules';

// Reads of 组织关系转接: a member's letters, and the lists of an admin's subtree — letters awaiting
// their 回执, those past validity (疑似口袋党员), members who should transfer, and finished ones.

export type TransferView = {
  id: string;
  letterNumber: string;
  issuedOn: string;
  validUntil: string;
  receivingOrgName: string;
  status: TransferStatus;
  receiptOn: string | null;
  note: string | null;
};

const transferColumns = {
  id: membershipTransfers.id,
  letterNumber: membershipTransfers.letterNumber,
  issuedOn: membershipTransfers.issuedOn,
  validUntil: membershipTransfers.validUntil,
  receivingOrgName: membershipTransfers.receivingOrgName,
  status: membershipTransfers.status,
  receiptOn: membershipTransfers.receiptOn,
  note: membershipTransfers.note,
};

export async function listMemberTransfers(db: Executor, memberId: string): Promise<TransferView[]> {
  return db.select(transferColumns).from(membershipTransfers).where(eq(membershipTransfers.memberId, memberId)).orderBy(desc(membershipTransfers.issuedOn), desc(membershipTransfers.createdAt));
}

export const TRANSFER_TABS = ['awaiting', 'pocket', 'suggested', 'done'] as const;
export type TransferTab = (typeof TRANSFER_TABS)[number];
export const TRANSFER_PAGE_SIZE = 50;

export type TransferRow = { memberId: string; memberName: string; branchName: string; transfer: TransferView | null; away: { startedOn: string; place: string } | null };

/** Keyset cursor: the row's sort day and its id (a transfer's, or a member's for suggestions). */
export function transferCursor(day: string, id: string): string {
  return `${day}_${id}`;
}
function parseCursor(cursor: string | undefined): { day: string; id: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2})_([0-9a-f-]{36})$/.exec(cursor ?? '');
  return match ? { day: match[1], id: match[2] } : null;
}
/** Rows after the cursor in (day, id) order; both written as SQL so columns of any table fit. */
function after(day: AnyPgColumn, id: AnyPgColumn, cursor: { day: string; id: string }, direction: 'asc' | 'desc'): SQL {
  return direction === 'asc' ? sql`(${day}, ${id}) > (${cursor.day}::date, ${cursor.id}::uuid)` : sql`(${day}, ${id}) < (${cursor.day}::date, ${cursor.id}::uuid)`;
}

const openEpisodeOf = and(eq(outflowEpisodes.memberId, members.id), isNull(outflowEpisodes.endedOn));

/** Members in the admin's subtree with open episodes begun 6+ months ago, no letter out and no extended 活动证. */
function suggestedWhere(viewer: Viewer, today: string): SQL {
  return and(
    inViewerScope(members.orgId, viewer),
    lte(outflowEpisodes.startedOn, transferSuggestionCutoff(today)),
    sql`NOT EXISTS (SELECT 1 FROM ${membershipTransfers} AS t WHERE t.member_id = ${members.id} AND t.status = 'awaiting_receipt')`,
    sql`NOT EXISTS (SELECT 1 FROM ${activityCertificates} AS c WHERE c.member_id = ${members.id} AND c.status = 'valid' AND c.extension_reason IS NOT NULL)`,
  )!;
}

function transferWhere(viewer: Viewer, tab: Exclude<TransferTab, 'suggested'>, today: string): SQL {
  const scope = inViewerScope(members.orgId, viewer);
  if (tab === 'awaiting') return and(scope, eq(membershipTransfers.status, 'awaiting_receipt'))!;
  if (tab === 'pocket') return and(scope, eq(membershipTransfers.status, 'awaiting_receipt'), lt(membershipTransfers.validUntil, today))!;
  return and(scope, inArray(membershipTransfers.status, ['received', 'cancelled']))!;
}

export async function listTransfers(db: Executor, { viewer, tab, before, now }: { viewer: Viewer; tab: TransferTab; before?: string; now?: Date }): Promise<TransferRow[]> {
  if (!isArchiveAdmin(viewer)) return [];
  const today = beijingDay(now);
  const cursor = parseCursor(before);
  if (tab === 'suggested') {
    const rows = await db
      .select({ memberId: members.id, memberName: members.name, branchName: orgs.name, startedOn: outflowEpisodes.startedOn, regionCode: outflowEpisodes.regionCode, place: outflowEpisodes.place })
      .from(members)
      .innerJoin(outflowEpisodes, openEpisodeOf)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(suggestedWhere(viewer, today), cursor ? after(outflowEpisodes.startedOn, members.id, cursor, 'asc') : undefined))
      .orderBy(asc(outflowEpisodes.startedOn), asc(members.id))
      .limit(TRANSFER_PAGE_SIZE);
    return rows.map((row) => ({
      memberId: row.memberId,
      memberName: row.memberName,
      branchName: row.branchName,
      transfer: null,
      away: { startedOn: row.startedOn, place: placeLabel(row.regionCode, row.place) },
    }));
  }
  // Waiting letters soonest (or longest) past validity first; finished ones newest first.
  const done = tab === 'done';
  const key = done ? membershipTransfers.issuedOn : membershipTransfers.validUntil;
  const rows = await db
    .select({ memberId: members.id, memberName: members.name, branchName: orgs.name, transfer: transferColumns })
    .from(membershipTransfers)
    .innerJoin(members, eq(members.id, membershipTransfers.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(transferWhere(viewer, tab, today), cursor ? after(key, membershipTransfers.id, cursor, done ? 'desc' : 'asc') : undefined))
    .orderBy(done ? desc(key) : asc(key), done ? desc(membershipTransfers.id) : asc(membershipTransfers.id))
    .limit(TRANSFER_PAGE_SIZE);
  return rows.map((row) => ({ ...row, away: null }));
}

/** The cursor of a list's last row, in that list's sort key. */
export function cursorOf(tab: TransferTab, row: TransferRow): string {
  if (tab === 'suggested') return transferCursor(row.away!.startedOn, row.memberId);
  return transferCursor(tab === 'done' ? row.transfer!.issuedOn : row.transfer!.validUntil, row.transfer!.id);
}

export type TransferCounts = Record<Exclude<TransferTab, 'done'>, number>;

export async function countTransfers(db: Executor, viewer: Viewer, now?: Date): Promise<TransferCounts> {
  if (!isArchiveAdmin(viewer)) return { awaiting: 0, pocket: 0, suggested: 0 };
  const today = beijingDay(now);
  const [[letters], [suggested]] = await Promise.all([
    db
      .select({
        awaiting: sql<number>`count(*)::int`,
        pocket: sql<number>`(count(*) FILTER (WHERE ${membershipTransfers.validUntil} < ${today}::date))::int`,
      })
      .from(membershipTransfers)
      .innerJoin(members, eq(members.id, membershipTransfers.memberId))
      .where(transferWhere(viewer, 'awaiting', today)),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(members)
      .innerJoin(outflowEpisodes, openEpisodeOf)
      .where(suggestedWhere(viewer, today)),
  ]);
  return { awaiting: letters.awaiting, pocket: letters.pocket, suggested: suggested.count };
}

export const transferReads = {
  ofMember: (memberId: string) => listMemberTransfers(getDb(), memberId),
  list: (viewer: Viewer, options: { tab: TransferTab; before?: string }) => listTransfers(getDb(), { viewer, ...options }),
  counts: (viewer: Viewer) => countTransfers(getDb(), viewer),
};
