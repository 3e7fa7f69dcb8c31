import 'server-only';
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '@/db/client';
import { awayAttendance, inflowMembers, orgs } from '@/db/schema';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import type { Gender } from '@/lib/members/id-number';
import { PLACEMENT_TYPES, type OrgType } from '@/lib/orgs/org-types';
import { mayManageInflow } from './inflow';
import { INFLOW_STATUSES, type InflowStatus } from './report-status';
import { depthBelow } from '@/lib/orgs/paths';

// Reads of the 流入党员 register, always of the viewer's subtree (by the receiving org). The ID
// number is read in its masked form only: the cipher and the hash never leave the database here.

export const INFLOW_TABS = INFLOW_STATUSES;
export type InflowTab = InflowStatus;
export const INFLOW_PAGE_SIZE = 50;

export type InflowRow = {
  id: string;
  name: string;
  gender: Gender;
  idNumberMasked: string;
  phone: string;
  originalOrgName: string;
  originalOrgContact: string | null;
  certificateNumber: string | null;
  reportedOn: string;
  status: InflowStatus;
  leftOn: string | null;
  note: string | null;
  receivingOrgName: string;
  placedOrgName: string;
  /** Meetings attended here since the 报到. */
  attended: number;
};

const receiving = alias(orgs, 'receiving');
const placed = alias(orgs, 'placed');

/** Keyset cursor: the row's sort day (报到 in 在册, leaving in 已离开) and its id. */
export function inflowCursor(tab: InflowTab, row: Pick<InflowRow, 'id' | 'reportedOn' | 'leftOn'>): string {
  return `${tab === 'left' ? row.leftOn : row.reportedOn}_${row.id}`;
}
function parseCursor(cursor: string | undefined): { day: string; id: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(cursor ?? '');
  return match ? { day: match[1], id: match[2] } : null;
}

/** The viewer's inflow members of one tab, newest first, a page after `before`. */
export async function listInflowMembers(db: Executor, { viewer, tab, before }: { viewer: Viewer; tab: InflowTab; before?: string }): Promise<InflowRow[]> {
  if (!mayManageInflow(viewer)) return [];
  const key = tab === 'left' ? inflowMembers.leftOn : inflowMembers.reportedOn;
  const cursor = parseCursor(before);
  const after: SQL | undefined = cursor ? sql`(${key}, ${inflowMembers.id}) < (${cursor.day}::date, ${cursor.id}::uuid)` : undefined;
  const rows = await db
    .select({
      id: inflowMembers.id,
      name: inflowMembers.name,
      gender: inflowMembers.gender,
      idNumberMasked: inflowMembers.idNumberMasked,
      phone: inflowMembers.phone,
      originalOrgName: inflowMembers.originalOrgName,
      originalOrgContact: inflowMembers.originalOrgContact,
      certificateNumber: inflowMembers.certificateNumber,
      reportedOn: inflowMembers.reportedOn,
      status: inflowMembers.status,
      leftOn: inflowMembers.leftOn,
      note: inflowMembers.note,
      receivingOrgName: receiving.name,
      placedOrgName: placed.name,
      attended: sql<number>`(SELECT count(*)::int FROM ${awayAttendance} AS a WHERE a.inflow_member_id = ${inflowMembers.id})`,
    })
    .from(inflowMembers)
    .innerJoin(receiving, eq(receiving.id, inflowMembers.receivingOrgId))
    .innerJoin(placed, eq(placed.id, inflowMembers.placedOrgId))
    .where(and(inViewerScope(inflowMembers.receivingOrgId, viewer), eq(inflowMembers.status, tab), after))
    .orderBy(desc(key), desc(inflowMembers.id))
    .limit(INFLOW_PAGE_SIZE);
  return rows.map((row) => ({ ...row, attended: Number(row.attended) }));
}

export async function countInflowMembers(db: Executor, viewer: Viewer): Promise<Record<InflowTab, number>> {
  if (!mayManageInflow(viewer)) return { active: 0, left: 0 };
  const [row] = await db
    .select({
      active: sql<number>`(count(*) FILTER (WHERE ${inflowMembers.status} = 'active'))::int`,
      left: sql<number>`(count(*) FILTER (WHERE ${inflowMembers.status} = 'left'))::int`,
    })
    .from(inflowMembers)
    .where(inViewerScope(inflowMembers.receivingOrgId, viewer));
  return { active: row.active, left: row.left };
}

export type InflowOrgOption = { id: number; name: string; type: OrgType; path: string; depth: number };
export type InflowOrgOptions = { receiving: InflowOrgOption[]; placements: InflowOrgOption[] };

/**
 * The orgs the viewer may receive into (any live org of its subtree that has somewhere to place a
 * member: itself or an org under it of a placement type), and those placements. The form pairs
 * them by path; the write checks the pair again.
 */
export async function listInflowOrgOptions(db: Executor, viewer: Viewer): Promise<InflowOrgOptions> {
  if (!mayManageInflow(viewer)) return { receiving: [], placements: [] };
  const rows = await db
    .select({ id: orgs.id, name: orgs.name, type: orgs.type, path: orgs.path })
    .from(orgs)
    .where(and(sql`${orgs.path} <@ ${viewer.scopePath}::ltree`, isNull(orgs.dissolvedAt)))
    .orderBy(asc(orgs.path));
  const options = rows.map((row) => ({ ...row, depth: depthBelow(row.path, viewer.scopePath) }));
  const placements = options.filter((org) => PLACEMENT_TYPES.includes(org.type));
  // Every ancestor path of a placement (itself included) is an org with somewhere to place.
  const holders = new Set(placements.flatMap((place) => place.path.split('.').map((_, index, ids) => ids.slice(0, index + 1).join('.'))));
  const receivingOrgs = options.filter((org) => holders.has(org.path));
  return { receiving: receivingOrgs, placements };
}

export const inflowReads = {
  list: (viewer: Viewer, options: { tab: InflowTab; before?: string }) => listInflowMembers(getDb(), { viewer, ...options }),
  counts: (viewer: Viewer) => countInflowMembers(getDb(), viewer),
  orgOptions: (viewer: Viewer) => listInflowOrgOptions(getDb(), viewer),
};
