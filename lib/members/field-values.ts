import { messages } from '@/lib/i18n/messages';
import { parseIdNumber } from './id-number';
import { DUES_CATEGORIES, MEMBER_CATEGORIES, MEMBER_STATUSES } from './member-status';
import type { MemberField } from './field-policy';

// One way to read, check and show a member-record value, shared by the admin edit form, change
// requests, the census and Excel import. Canonical forms: dates 'YYYY-MM-DD'; enums by key;
// income in fen (integer); skills as a list; org / group as org ids; contactPerson a member id.

export type FieldValue = string | number | string[] | null;
export type RecordValues = { [Field in MemberField]?: FieldValue };
export type Parsed = { ok: true; value: FieldValue } | { ok: false; message: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MOBILE = /^1[3-9]\d{9}$/;
const ANY_PHONE = /^[0-9+-]{5,20}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SKILLS = 20;

const m = messages.memberFields;
const e = m.errors;
const ok = (value: FieldValue): Parsed => ({ ok: true, value });
const fail = (message: string): Parsed => ({ ok: false, message });

function isRealDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function parseDate(text: string, allowFuture: boolean, today: string): Parsed {
  const normalised = text.replace(/[./年月]/g, '-').replace(/日$/, '').replace(/-(\d)(?=-|$)/g, '-0$1');
  if (!isRealDate(normalised)) return fail(e.date);
  if (normalised < '1900-01-01') return fail(e.date);
  if (!allowFuture && normalised > today) return fail(e.future);
  return ok(normalised);
}

function parseText(text: string, max: number): Parsed {
  if (text.length > max) return fail(e.tooLong(max));
  return ok(text);
}

function oneOf<T extends string>(text: string, keys: readonly T[], labels: Record<T, string>): Parsed {
  if ((keys as readonly string[]).includes(text)) return ok(text);
  const byLabel = keys.find((key) => labels[key] === text);
  return byLabel ? ok(byLabel) : fail(e.choice);
}

/**
 * Parses what a person typed (or an Excel cell) for one field. Empty means "clear the value",
 * allowed only for optional fields. `today` is the Beijing day, for "not in the future" checks.
 */
export function parseFieldValue(field: MemberField, raw: string | string[] | null | undefined, today: string): Parsed {
  if (field === 'skills') {
    const items = (Array.isArray(raw) ? raw : (raw ?? '').split(/[、,，;；\n]/)).map((item) => item.trim()).filter(Boolean);
    const unique = [...new Set(items)];
    if (unique.length > MAX_SKILLS) return fail(e.tooManySkills(MAX_SKILLS));
    if (unique.some((item) => item.length > 30)) return fail(e.tooLong(30));
    return ok(unique);
  }
  const text = (Array.isArray(raw) ? raw.join('') : (raw ?? '')).trim();
  if (text === '') return REQUIRED_FIELDS.has(field) ? fail(e.required) : ok(null);
  switch (field) {
    case 'name':
      if (text.length < 2 || text.length > 50 || /[0-9<>{}]/.test(text)) return fail(e.name);
      return ok(text);
    case 'gender':
      return oneOf(text, ['male', 'female'] as const, m.genders);
    case 'idNumber': {
      const parsed = parseIdNumber(text);
      return parsed.ok ? ok(parsed.id.value) : fail(messages.idNumber[parsed.problem]);
    }
    case 'birthDate':
    case 'joinedPartyOn':
    case 'fullMemberOn':
    case 'lastContactOn':
      return parseDate(text, false, today);
    case 'probationEndsOn':
      return parseDate(text, true, today);
    case 'education':
      return (m.educations as readonly string[]).includes(text) ? ok(text) : fail(e.choice);
    case 'phone':
      return MOBILE.test(text.replace(/[\s-]/g, '')) ? ok(text.replace(/[\s-]/g, '')) : fail(e.mobile);
    case 'emergencyContactPhone':
      return ANY_PHONE.test(text.replace(/\s/g, '')) ? ok(text.replace(/\s/g, '')) : fail(e.phone);
    case 'category':
      return oneOf(text, MEMBER_CATEGORIES, m.categories);
    case 'status':
      return oneOf(text, MEMBER_STATUSES, messages.memberStatuses);
    case 'duesCategory':
      return oneOf(text, DUES_CATEGORIES, m.duesCategories);
    case 'monthlyIncome': {
      const yuan = text.replace(/[,，\s元]/g, '');
      if (!/^\d{1,8}(\.\d{1,2})?$/.test(yuan)) return fail(e.money);
      // Fen, exactly: parse the two parts instead of multiplying a float.
      const [whole, fraction = ''] = yuan.split('.');
      return ok(Number(whole) * 100 + Number(fraction.padEnd(2, '0')));
    }
    case 'org':
    case 'group':
      return /^\d{1,9}$/.test(text) ? ok(text) : fail(e.org);
    case 'contactPerson':
      return UUID.test(text) ? ok(text.toLowerCase()) : fail(e.contactPerson);
    case 'ethnicity':
      return text.length <= 20 && /族$/.test(text) ? ok(text) : fail(e.ethnicity);
    case 'occupation':
    case 'industry':
    case 'emergencyContactName':
      return parseText(text, 50);
    case 'emergencyContactRelation':
      return parseText(text, 20);
    case 'workUnit':
      return parseText(text, 100);
    case 'familySituation':
    case 'difficulties':
      return parseText(text, 500);
  }
}

const REQUIRED_FIELDS = new Set<MemberField>(['name', 'gender', 'birthDate', 'idNumber', 'category', 'org', 'status']);

/** Checks between fields of one record (after each field parsed on its own). */
export function crossFieldProblems(values: RecordValues): { field: MemberField; message: string }[] {
  const problems: { field: MemberField; message: string }[] = [];
  const joined = values.joinedPartyOn as string | null | undefined;
  const full = values.fullMemberOn as string | null | undefined;
  const birth = values.birthDate as string | null | undefined;
  if (joined && full && full < joined) problems.push({ field: 'fullMemberOn', message: e.fullBeforeJoined });
  if (birth && joined && joined < birth) problems.push({ field: 'joinedPartyOn', message: e.joinedBeforeBirth });
  if (values.category === 'probationary' && !values.probationEndsOn) problems.push({ field: 'probationEndsOn', message: e.probationEndRequired });
  if (values.category === 'full' && values.probationEndsOn && !full) problems.push({ field: 'fullMemberOn', message: e.fullMemberOnRequired });
  return problems;
}

export function sameValue(left: FieldValue | undefined, right: FieldValue | undefined): boolean {
  if (Array.isArray(left) || Array.isArray(right)) {
    const a = Array.isArray(left) ? left : [];
    const b = Array.isArray(right) ? right : [];
    return a.length === b.length && a.every((item, index) => item === b[index]);
  }
  return (left ?? null) === (right ?? null);
}

/** Yuan with two decimals from fen: 490000 → "4900.00". */
export function formatFen(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
}

/**
 * Shows a value to a person. Orgs and contact persons need names the caller looked up
 * (`names`: id → name); everything else is formatted here.
 */
export function formatFieldValue(field: MemberField, value: FieldValue | undefined, names: ReadonlyMap<string, string> = new Map()): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return m.notSet;
  if (Array.isArray(value)) return value.join('、');
  switch (field) {
    case 'gender':
      return m.genders[value as 'male' | 'female'] ?? String(value);
    case 'category':
      return m.categories[value as keyof typeof m.categories] ?? String(value);
    case 'status':
      return messages.memberStatuses[value as keyof typeof messages.memberStatuses] ?? String(value);
    case 'duesCategory':
      return m.duesCategories[value as keyof typeof m.duesCategories] ?? String(value);
    case 'monthlyIncome':
      return formatFen(Number(value));
    case 'org':
    case 'group':
    case 'contactPerson':
      return names.get(String(value)) ?? String(value);
    default:
      return String(value);
  }
}
