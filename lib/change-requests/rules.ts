import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { DIRECT_EDIT_FIELDS, REVIEWED_FIELDS, type MemberField } from '@/lib/members/field-policy';
import { crossFieldProblems, parseFieldValue, sameValue, type FieldValue, type RecordValues } from '@/lib/members/field-values';

// The pure rules of change requests and of a member's direct edits: which fields may be asked
// for, what counts as a change, when a request has gone stale. No database, no clock.

export const MAX_EVIDENCE_FILES = 5;
export const REASON_MIN = 2;
export const REASON_MAX = 500;

const t = messages.changeRequests;
const label = (field: MemberField) => messages.memberFields.fields[field];

export type ReviewedField = (typeof REVIEWED_FIELDS)[number];
export type DirectField = (typeof DIRECT_EDIT_FIELDS)[number];
export type FieldErrors = Record<string, string[]>;

/** Admins who review: the branch admin or a level above, with the archive capability. */
export function isReviewer(viewer: Viewer | null): viewer is Viewer {
  return (viewer?.tier === 'org_admin' || viewer?.tier === 'county_admin') && viewer.capabilities.includes('archive');
}

export function isReviewedField(field: string): field is ReviewedField {
  return (REVIEWED_FIELDS as readonly string[]).includes(field);
}

/** The form input that carries a field's new value. */
export const newValueInput = (field: MemberField) => `new_${field}`;

export type PlannedChange = { field: MemberField; oldValue: FieldValue; newValue: FieldValue };
export type Plan = { ok: true; changes: PlannedChange[] } | { ok: false; fieldErrors: FieldErrors };

/** Names fields in the UI's words, for messages: “工作单位”、“职业”. */
export function fieldList(fields: readonly MemberField[]): string {
  return fields.map((field) => `“${label(field)}”`).join('、');
}

/**
 * What a member asks to change. Only reviewed fields may be picked (a direct-edit field has its
 * own form, an admin-only field is not the member's to change); each new value is parsed as
 * the record would store it; a value equal to the current one is not a change; the record as
 * it would be afterwards must pass the cross-field checks.
 */
export function planChangeRequest(current: RecordValues, picked: readonly string[], raw: Readonly<Record<string, unknown>>, today: string): Plan {
  const fieldErrors: FieldErrors = {};
  const unknownPicks = picked.filter((field) => !isReviewedField(field));
  if (unknownPicks.length > 0) {
    const names = unknownPicks.map((field) => (field in messages.memberFields.fields ? label(field as MemberField) : field));
    return { ok: false, fieldErrors: { fields: names.map((name) => t.errors.notReviewable(name)) } };
  }
  const fields = [...new Set(picked)] as ReviewedField[];
  if (fields.length === 0) return { ok: false, fieldErrors: { fields: [t.errors.pickFields] } };

  const changes: PlannedChange[] = [];
  for (const field of fields) {
    const input = raw[newValueInput(field)];
    const parsed = parseFieldValue(field, typeof input === 'string' ? input : undefined, today);
    if (!parsed.ok) {
      fieldErrors[newValueInput(field)] = [parsed.message];
      continue;
    }
    const oldValue = current[field] ?? null;
    if (!sameValue(oldValue, parsed.value)) changes.push({ field, oldValue, newValue: parsed.value });
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  if (changes.length === 0) return { ok: false, fieldErrors: { fields: [t.errors.nothingChanged] } };

  for (const problem of newProblems(current, changes)) {
    const onChangedField = changes.some((change) => change.field === problem.field);
    (fieldErrors[onChangedField ? newValueInput(problem.field) : 'fields'] ??= []).push(problem.message);
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, changes };
}

export function applyChanges(current: RecordValues, changes: readonly Pick<PlannedChange, 'field' | 'newValue'>[]): RecordValues {
  const next: RecordValues = { ...current };
  for (const change of changes) next[change.field] = change.newValue;
  return next;
}

/**
 * Fields whose value in the record is no longer the one the member saw when asking: approving
 * would overwrite someone else's later change without anyone looking at it.
 */
export function staleFields(current: RecordValues, fields: readonly Pick<PlannedChange, 'field' | 'oldValue'>[]): MemberField[] {
  return fields.filter((item) => !sameValue(current[item.field] ?? null, item.oldValue)).map((item) => item.field);
}

/**
 * Cross-field problems these changes would bring. A problem the record already has is not the
 * request's doing and does not block it (an old archive may be inconsistent elsewhere).
 */
export function newProblems(current: RecordValues, changes: readonly Pick<PlannedChange, 'field' | 'newValue'>[]): { field: MemberField; message: string }[] {
  const key = (problem: { field: MemberField; message: string }) => `${problem.field}|${problem.message}`;
  const before = new Set(crossFieldProblems(current).map(key));
  return crossFieldProblems(applyChanges(current, changes)).filter((problem) => !before.has(key(problem)));
}

export function reasonProblem(reason: string): string | null {
  const length = [...reason.trim()].length;
  return length < REASON_MIN || length > REASON_MAX ? t.errors.reasonRequired : null;
}

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';
export const REQUEST_STATUSES: readonly RequestStatus[] = ['pending', 'approved', 'rejected', 'withdrawn'];

export const canWithdraw = (status: RequestStatus) => status === 'pending';
export const canDecide = (status: RequestStatus) => status === 'pending';

/** Whole Beijing days between two instants (submitted → now), never negative. */
export function ageInDays(submittedAt: Date, now: Date): number {
  const day = (instant: Date) => Math.floor((instant.getTime() + 8 * 3_600_000) / 86_400_000);
  return Math.max(0, day(now) - day(submittedAt));
}

/** A decision the member has not looked at yet: decided after the last time they looked. */
export function isUnseenDecision(decidedAt: Date | null, seenUpTo: number | null): boolean {
  if (!decidedAt) return false;
  return seenUpTo === null || decidedAt.getTime() > seenUpTo;
}

export type DirectPlan = { ok: true; changes: PlannedChange[] } | { ok: false; fieldErrors: FieldErrors };

/**
 * A member's own edit of the fields they change without review. Skills come from the county's
 * active dictionary; a skill the member already has may stay even after the county retires it
 * (removing it is the member's choice), but nothing outside the dictionary can be added.
 */
export function planDirectEdit(
  current: RecordValues,
  raw: Readonly<Record<string, unknown>>,
  activeSkills: readonly string[],
  today: string,
): DirectPlan {
  const fieldErrors: FieldErrors = {};
  const changes: PlannedChange[] = [];
  for (const field of DIRECT_EDIT_FIELDS) {
    const input = raw[field];
    const value = field === 'skills' ? (Array.isArray(input) ? input : typeof input === 'string' ? [input] : []).filter((item): item is string => typeof item === 'string') : typeof input === 'string' ? input : undefined;
    const parsed = parseFieldValue(field, value, today);
    if (!parsed.ok) {
      fieldErrors[field] = [parsed.message];
      continue;
    }
    if (field === 'skills') {
      const had = new Set(Array.isArray(current.skills) ? current.skills : []);
      const allowed = new Set(activeSkills);
      const outside = (parsed.value as string[]).filter((skill) => !had.has(skill) && !allowed.has(skill));
      if (outside.length > 0) {
        fieldErrors.skills = outside.map((skill) => t.direct.skillNotInDictionary(skill));
        continue;
      }
    }
    const oldValue = current[field] ?? null;
    if (!sameValue(normaliseList(oldValue), normaliseList(parsed.value))) changes.push({ field, oldValue, newValue: parsed.value });
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, changes };
}

// The order in which skills were ticked is not a change.
function normaliseList(value: FieldValue | undefined): FieldValue {
  return Array.isArray(value) ? [...value].sort() : (value ?? null);
}

/** Cookie holding the newest decision time (ms) the member has seen on this device. */
export const SEEN_DECISIONS_COOKIE = 'ejia_seen_decisions';

export function parseSeenCookie(value: string | undefined): number | null {
  return value && /^\d{1,15}$/.test(value) ? Number(value) : null;
}
