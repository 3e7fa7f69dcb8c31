import { messages } from '@/lib/i18n/messages';
import { addDays } from '@/lib/members/four-clear';
import { OUTFLOW_REASONS, type MemberStatus, type OutflowReason } from '@/lib/members/member-status';
import { regionName, resolveCounty } from '@/lib/regions/regions';
import type { OutflowReportStatus } from './report-status';

// Pure rules of the 外出报告 (issue 5 §1) and of the episode's opening and closing.

const e = messages.flow.errors;

/** A member who went away more than a year ago and never reported it is the branch's to record. */
export const LATE_REPORT_DAYS = 365;
/** Reports are made before leaving, but not half a year ahead: plans that far out change. */
export const EARLY_REPORT_DAYS = 183;
export const MAX_EXPECTED_MONTHS = 120;
export const DECISION_REASON_MIN = 2;
export const DECISION_REASON_MAX = 500;

const MOBILE_OR_PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type OutflowPlan = {
  regionCode: string;
  place: string;
  reason: OutflowReason;
  leavesOn: string;
  expectedMonths: number;
  plannedHost: string | null;
  phoneAway: string | null;
  note: string | null;
};

export type FieldErrors = Record<string, string[]>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function isRealDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * What a member (or an admin on the member's behalf) wrote in a 外出报告, checked field by field.
 * `today` is the Beijing day. A late report — the member is already away — may date back a year.
 */
export function parseOutflowReport(raw: Readonly<Record<string, unknown>>, today: string): Parsed<OutflowPlan> {
  const fieldErrors: FieldErrors = {};
  const add = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);

  const county = resolveCounty(text(raw.region));
  if (!county.ok) add('region', county.problem === 'notCounty' ? e.regionNotCounty : e.regionUnknown);

  const place = text(raw.place);
  if (place.length === 0 || place.length > 200) add('place', e.placeRequired);

  const reason = text(raw.reason);
  if (!(OUTFLOW_REASONS as readonly string[]).includes(reason)) add('reason', e.reason);

  const leavesOn = text(raw.leavesOn);
  if (!isRealDay(leavesOn)) add('leavesOn', e.leavesOn);
  else if (leavesOn < addDays(today, -LATE_REPORT_DAYS)) add('leavesOn', e.leavesOnTooEarly);
  else if (leavesOn > addDays(today, EARLY_REPORT_DAYS)) add('leavesOn', e.leavesOnTooLate);

  const monthsText = text(raw.expectedMonths);
  const expectedMonths = /^\d{1,3}$/.test(monthsText) ? Number(monthsText) : Number.NaN;
  if (!(expectedMonths >= 1 && expectedMonths <= MAX_EXPECTED_MONTHS)) add('expectedMonths', e.expectedMonths);

  const plannedHost = text(raw.plannedHost);
  if (plannedHost.length > 100) add('plannedHost', e.plannedHost);

  const phoneAway = text(raw.phoneAway).replace(/[\s]/g, '');
  if (phoneAway && !MOBILE_OR_PHONE.test(phoneAway)) add('phoneAway', e.phoneAway);

  const note = text(raw.note);
  if (note.length > 500) add('note', e.note);

  if (Object.keys(fieldErrors).length > 0 || !county.ok) return { ok: false, fieldErrors };
  return {
    ok: true,
    value: {
      regionCode: county.code,
      place,
      reason: reason as OutflowReason,
      leavesOn,
      expectedMonths,
      plannedHost: plannedHost || null,
      phoneAway: phoneAway || null,
      note: note || null,
    },
  };
}

/**
 * Who may start going away: a member at home (在册) or back from an earlier journey (已返乡).
 * One away already, transferred out, out of contact or suspended is the branch's to handle.
 */
export function mayGoAway(status: MemberStatus): boolean {
  return status === 'registered' || status === 'returned';
}

export const canWithdrawReport = (status: OutflowReportStatus) => status === 'pending';
export const canDecideReport = (status: OutflowReportStatus) => status === 'pending';

export function decisionReasonProblem(reason: string): string | null {
  const length = reason.trim().length;
  return length < DECISION_REASON_MIN || length > DECISION_REASON_MAX ? e.decisionReason : null;
}

/** The place as the member and the branch read it: county names, then the address. */
export function destinationText(regionCode: string, place: string): string {
  const region = regionName(regionCode);
  return place.replace(/\s+/g, '').startsWith(region.replace(/\s+/g, '')) ? place : `${region} ${place}`;
}

/** A return day: not in the future, not before the episode began. */
export function returnDayProblem(returnedOn: string, startedOn: string, today: string): { field: 'returnedOn'; message: string } | null {
  if (!isRealDay(returnedOn)) return { field: 'returnedOn', message: e.returnedOn };
  if (returnedOn > today) return { field: 'returnedOn', message: e.returnedOnFuture };
  if (returnedOn < startedOn) return { field: 'returnedOn', message: e.returnedBeforeLeaving };
  return null;
}
