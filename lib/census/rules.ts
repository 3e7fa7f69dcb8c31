import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import type { MemberStatus } from '@/lib/members/member-status';
import { COMMITTEE_TYPES, type OrgType } from '@/lib/orgs/org-types';
import { isWithinPath } from '@/lib/orgs/paths';

// Pure rules of 摸底排查 (census): who may open one, which members it asks, its phase.

const e = messages.census.errors;

/**
 * Members a census asks: everyone still in the branch's archive. A member whose relationship
 * has been transferred out or whose membership is stopped has no record here to confirm.
 */
export const CENSUS_MEMBER_STATUSES: readonly MemberStatus[] = ['registered', 'outflow', 'returned', 'lost_contact'];

export const TITLE_MIN = 2;
export const TITLE_MAX = 100;
export const NOTE_MAX = 1000;

/** The county (its root) or a 党委 / 党工委 opens a census, for its own subtree, with the archive capability. */
export function mayOpenCensus(viewer: Pick<Viewer, 'tier' | 'capabilities'>, org: { type: OrgType; parentId: number | null }): boolean {
  if (viewer.tier !== 'org_admin' && viewer.tier !== 'county_admin') return false;
  if (!viewer.capabilities.includes('archive')) return false;
  return org.parentId === null || COMMITTEE_TYPES.includes(org.type);
}

/** Beijing days as 'YYYY-MM-DD': a deadline of today is allowed, one in the past is not. */
export function deadlineProblem(deadline: string, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline) || Number.isNaN(new Date(`${deadline}T00:00:00Z`).getTime())) return e.deadline;
  if (new Date(`${deadline}T00:00:00Z`).toISOString().slice(0, 10) !== deadline) return e.deadline;
  return deadline < today ? e.deadlinePast : null;
}

export type CensusPhase = 'open' | 'overdue' | 'closed';

/** Open until closed; past its deadline it still takes late answers, shown as overdue. */
export function censusPhase(census: { deadline: string; closedAt: Date | null }, today: string): CensusPhase {
  if (census.closedAt) return 'closed';
  return census.deadline < today ? 'overdue' : 'open';
}

/** Whole percent, rounded down so a census is never shown as 100% while someone is missing. */
export function completionPercent(responded: number, total: number): number {
  if (total <= 0) return 100;
  return Math.floor((responded * 100) / total);
}

/**
 * Where a viewer and a census overlap: one subtree always contains the other or they are
 * disjoint, so the overlap is the deeper of the two, or nothing.
 */
export function overlapPath(viewerPath: string, censusPath: string): string | null {
  if (isWithinPath(censusPath, viewerPath)) return censusPath;
  if (isWithinPath(viewerPath, censusPath)) return viewerPath;
  return null;
}
