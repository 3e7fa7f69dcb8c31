import type { MemberStatus, OutflowReason } from './member-status';

// "四清楚" (issue 4): for every member the branch manages, the archive is clear on
// 数量 (the member is on file with a complete identity), 去向 (where a member away is),
// 思想 (the branch has been in touch lately) and 职业 (what the member does and where).
// Pure rules over plain values; lib/members/overview-queries.ts holds their SQL twin and the
// integration tests hold the two to the same answers.

export const FOUR_CLEAR_DIMENSIONS = ['quantity', 'whereabouts', 'thinking', 'occupation'] as const; // 数量 去向 思想 职业
export type FourClearDimension = (typeof FOUR_CLEAR_DIMENSIONS)[number];

/**
 * Members the branch still answers for. 组织关系已转出 and 停止党籍 are kept in the archive but
 * belong to nobody's 四清楚 rate, warning list or contact round any more.
 */
export const MANAGED_STATUSES = ['registered', 'outflow', 'returned', 'lost_contact'] as const satisfies readonly MemberStatus[];

/** 去向 concerns members away from home: 流出中, and 失联 (whose 去向 is by definition not clear). */
export const AWAY_STATUSES = ['outflow', 'lost_contact'] as const satisfies readonly MemberStatus[];

/** 思想清楚 needs a contact within this many months (or this year's 外出情况汇报). */
export const THINKING_CONTACT_MONTHS = 6;

export const MISSING_ITEMS = [
  // 数量
  'name',
  'idNumber',
  'phone',
  'org',
  // 去向
  'outflowRecord',
  'region',
  'place',
  'hostOrReason',
  'lostContact',
  // 思想
  'recentContact',
  // 职业
  'occupation',
  'workUnitOrIndustry',
] as const;
export type MissingItem = (typeof MISSING_ITEMS)[number];

export type FourClearInput = {
  name: string | null;
  hasIdNumber: boolean;
  phone: string | null;
  orgId: number | null;
  status: MemberStatus;
  /** The open outflow episode (ended_on IS NULL), if any. */
  openOutflow: { regionCode: string | null; place: string | null; hostOrgId: number | null; reason: OutflowReason | null } | null;
  /** 'YYYY-MM-DD' (Beijing day) of the newest contact. */
  lastContactOn: string | null;
  /** A 外出情况汇报 for the current Beijing year is on file. */
  hasReportThisYear: boolean;
  occupation: string | null;
  workUnit: string | null;
  industry: string | null;
};

export type DimensionResult = { applicable: boolean; clear: boolean; missing: MissingItem[] };
export type FourClearResult = { [D in FourClearDimension]: DimensionResult } & { allClear: boolean; missing: MissingItem[] };

const filled = (text: string | null | undefined): boolean => typeof text === 'string' && text.trim() !== '';

export function isManagedStatus(status: MemberStatus): boolean {
  return (MANAGED_STATUSES as readonly MemberStatus[]).includes(status);
}

export function isAwayStatus(status: MemberStatus): boolean {
  return (AWAY_STATUSES as readonly MemberStatus[]).includes(status);
}

// ---------------------------------------------------------------------------------------
// Calendar days ('YYYY-MM-DD', already Beijing days): no clock and no time zone in here.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): [number, number, number] {
  const match = DAY.exec(day);
  if (!match) throw new Error(`not a day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const format = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  return format(Date.UTC(y, m - 1, d + days));
}

/** The same day `months` calendar months earlier, clamped to the month's end (08-31 → 02-28). */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const monthIndex = y * 12 + (m - 1) - months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return format(Date.UTC(year, month, Math.min(d, lastDay)));
}

/**
 * Whether a member has gone `months` or more without contact on `today`: never contacted, or
 * last contacted on or before the same day `months` months ago (so a contact on 06-05 counts
 * as 6 months without contact on 12-05).
 */
export function notReachedFor(lastContactOn: string | null, today: string, months: number): boolean {
  return lastContactOn === null || lastContactOn <= monthsBefore(today, months);
}

/** The newest day that still counts as "not reached for `months` months" on `today`. */
export function notReachedCutoff(today: string, months: number): string {
  return monthsBefore(today, months);
}

// ---------------------------------------------------------------------------------------

function dimension(applicable: boolean, missing: MissingItem[]): DimensionResult {
  return { applicable, clear: missing.length === 0, missing };
}

/** The 四清楚 of one member on `today` (a Beijing day). Members not managed are not assessed. */
export function assessFourClear(input: FourClearInput, today: string): FourClearResult {
  const quantity: MissingItem[] = [];
  if (!filled(input.name)) quantity.push('name');
  if (!input.hasIdNumber) quantity.push('idNumber');
  if (!filled(input.phone)) quantity.push('phone');
  if (input.orgId === null) quantity.push('org');

  const away = isAwayStatus(input.status);
  const whereabouts: MissingItem[] = [];
  if (input.status === 'lost_contact') {
    whereabouts.push('lostContact');
  } else if (input.status === 'outflow') {
    const episode = input.openOutflow;
    if (episode === null) {
      whereabouts.push('outflowRecord');
    } else {
      if (!filled(episode.regionCode)) whereabouts.push('region');
      if (!filled(episode.place)) whereabouts.push('place');
      if (episode.hostOrgId === null && episode.reason === null) whereabouts.push('hostOrReason');
    }
  }

  const thinking: MissingItem[] =
    !notReachedFor(input.lastContactOn, today, THINKING_CONTACT_MONTHS) || input.hasReportThisYear ? [] : ['recentContact'];

  const occupation: MissingItem[] = [];
  if (!filled(input.occupation)) occupation.push('occupation');
  if (!filled(input.workUnit) && !filled(input.industry)) occupation.push('workUnitOrIndustry');

  const result = {
    quantity: dimension(true, quantity),
    whereabouts: dimension(away, whereabouts),
    thinking: dimension(true, thinking),
    occupation: dimension(true, occupation),
  };
  const missing = [...quantity, ...whereabouts, ...thinking, ...occupation];
  return { ...result, allClear: missing.length === 0, missing };
}

/** A share for screens: 0–100, one decimal; null when nothing is counted. */
export function clearRate(clear: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((clear / total) * 1000) / 10;
}
