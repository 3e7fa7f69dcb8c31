import { addDays, isManagedStatus, notReachedFor } from './four-clear';
import type { MemberCategory, MemberStatus } from './member-status';

// Warnings (issue 4; DESIGN.md §1, §4): surfaced to the branch and the levels above, never acted
// on. People decide what to do about them. Pure rules; overview-queries.ts holds the SQL twin.

export const WARNING_KINDS = ['no_contact', 'probation_ending', 'no_situation_report'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/** 《党员教育管理工作条例》: 6 months out of contact and the branch must act. */
export const NO_CONTACT_MONTHS = 6;
/** 预备期 ending within this many days (or already over while the member is still 预备). */
export const PROBATION_WARNING_DAYS = 30;

export type WarningInput = {
  status: MemberStatus;
  category: MemberCategory;
  probationEndsOn: string | null;
  lastContactOn: string | null;
  /** A 外出情况汇报 for the current Beijing year is on file. */
  hasReportThisYear: boolean;
};

/** The last 预备期 end day that is "within 30 days" on `today`. */
export function probationWarningUntil(today: string): string {
  return addDays(today, PROBATION_WARNING_DAYS);
}

/** Which warnings apply to one member on `today` (a Beijing day), in WARNING_KINDS order. */
export function memberWarnings(input: WarningInput, today: string): WarningKind[] {
  if (!isManagedStatus(input.status)) return [];
  const kinds: WarningKind[] = [];
  if (notReachedFor(input.lastContactOn, today, NO_CONTACT_MONTHS)) kinds.push('no_contact');
  // An overdue 预备期 (ended, not yet converted or extended) stays on the list until someone acts.
  if (input.category === 'probationary' && input.probationEndsOn !== null && input.probationEndsOn <= probationWarningUntil(today)) {
    kinds.push('probation_ending');
  }
  if (input.status === 'outflow' && !input.hasReportThisYear) kinds.push('no_situation_report');
  return kinds;
}

/** Days from `today` to the 预备期 end: negative when it is already over. */
export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
