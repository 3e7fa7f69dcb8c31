import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import { isKnownRegion } from '@/lib/regions/regions';
import { fieldDisplay, type MemberField } from './field-policy';
import { MEMBER_STATUSES, OUTFLOW_REASONS, type MemberStatus, type OutflowReason } from './member-status';

// The admin member list's filter as it lives in the URL (GET form, shareable links): parsed
// leniently — a value that does not fit is dropped, never an error page — and written back in
// one canonical order so that equal filters give equal URLs.

export const MEMBER_LIST_PAGE_SIZE = 50;

export const MEMBER_SORTS = ['name', 'joined', 'lastContact'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

/** Ages in whole years on the Beijing day: ≤35, 36–45, 46–60, >60. */
export const AGE_BANDS = ['upTo35', '36to45', '46to60', 'over60'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Fields an admin can ask "where is this not filled in?" about. */
export const MISSING_FIELDS = [
  'phone',
  'occupation',
  'industry',
  'workUnit',
  'education',
  'joinedPartyOn',
  'emergencyContactPhone',
  'contactPerson',
  'lastContact',
  'outflowPlace',
] as const;
export type MissingField = (typeof MISSING_FIELDS)[number];

export type MemberListCursor = { key: string; id: string };
export type MemberListPageRequest = { after: MemberListCursor } | { before: MemberListCursor };

export type MemberListFilter = {
  /** An org id; the query checks that it lies inside the viewer's scope. */
  subtree?: number;
  status?: MemberStatus;
  /** 2-digit GB/T 2260 prefix of the open outflow episode's region. */
  province?: string;
  /** 4-digit prefix; always inside `province` when both are set. */
  city?: string;
  reason?: OutflowReason;
  occupation?: string;
  industry?: string;
  skill?: string;
  age?: AgeBand;
  contactPerson?: string;
  missing?: MissingField;
  q?: string;
  sort: MemberSort;
};

export type MemberListParams = { filter: MemberListFilter; page?: MemberListPageRequest };

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Trimmed, non-empty, cut to `max` characters (a long paste narrows rather than vanishes). */
const text = (max: number) =>
  z
    .string()
    .transform((value) => Array.from(value.trim()).slice(0, max).join(''))
    .pipe(z.string().min(1));

const dropInvalid = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const filterSchema = z.object({
  subtree: dropInvalid(z.string().regex(/^[1-9]\d{0,8}$/).transform(Number)),
  status: dropInvalid(z.enum(MEMBER_STATUSES)),
  province: dropInvalid(z.string().regex(/^\d{2}$/).refine(isKnownRegion)),
  city: dropInvalid(z.string().regex(/^\d{4}$/).refine(isKnownRegion)),
  reason: dropInvalid(z.enum(OUTFLOW_REASONS)),
  occupation: dropInvalid(text(50)),
  industry: dropInvalid(text(50)),
  skill: dropInvalid(text(30)),
  age: dropInvalid(z.enum(AGE_BANDS)),
  contactPerson: dropInvalid(z.string().regex(UUID).transform((value) => value.toLowerCase())),
  missing: dropInvalid(z.enum(MISSING_FIELDS)),
  q: dropInvalid(text(20)),
  sort: z.enum(MEMBER_SORTS).catch('name').default('name'),
});

/** The order of keys in a written URL. */
const FILTER_KEYS = ['subtree', 'status', 'province', 'city', 'reason', 'occupation', 'industry', 'skill', 'age', 'contactPerson', 'missing', 'q', 'sort'] as const;

function firstValues(input: SearchParamsInput): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (input instanceof URLSearchParams) {
    for (const key of new Set(input.keys())) out[key] = input.get(key) ?? undefined;
    return out;
  }
  for (const [key, value] of Object.entries(input)) out[key] = Array.isArray(value) ? value[0] : value;
  return out;
}

/** A cursor as it travels in a URL: base64url of `[key, id]`, opaque to people. */
export function encodeCursor(cursor: MemberListCursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify([cursor.key, cursor.id]));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(raw: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw new Error('not base64url');
  const binary = atob(raw.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

export function decodeCursor(sort: MemberSort, raw: string | undefined): MemberListCursor | undefined {
  if (!raw || raw.length > 200) return undefined;
  try {
    const value: unknown = JSON.parse(fromBase64Url(raw));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [key, id] = value as unknown[];
    if (typeof key !== 'string' || typeof id !== 'string' || !UUID.test(id)) return undefined;
    // The key is the sort column's value: a name, or a day for the date sorts.
    if (sort === 'name' ? key.length < 1 || key.length > 50 : !DAY.test(key)) return undefined;
    return { key, id: id.toLowerCase() };
  } catch {
    return undefined;
  }
}

export function parseMemberListParams(input: SearchParamsInput): MemberListParams {
  const raw = firstValues(input);
  const filter: MemberListFilter = filterSchema.parse(raw);
  for (const key of Object.keys(filter) as (keyof MemberListFilter)[]) if (filter[key] === undefined) delete filter[key];
  if (filter.city) {
    // A city from another province is what is left when someone changed only the province.
    if (filter.province && !filter.city.startsWith(filter.province)) delete filter.city;
    else filter.province = filter.city.slice(0, 2);
  }
  const after = decodeCursor(filter.sort, raw.after);
  const before = after ? undefined : decodeCursor(filter.sort, raw.before);
  return { filter, page: after ? { after } : before ? { before } : undefined };
}

/** The filter (and optionally a page) as URL search params, in canonical order; the default sort is left out. */
export function memberListSearchParams(filter: MemberListFilter, page?: MemberListPageRequest): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value === undefined || (key === 'sort' && value === 'name')) continue;
    params.set(key, String(value));
  }
  if (page && 'after' in page) params.set('after', encodeCursor(page.after));
  if (page && 'before' in page) params.set('before', encodeCursor(page.before));
  return params;
}

export function memberListHref(path: string, filter: MemberListFilter, page?: MemberListPageRequest): string {
  const query = memberListSearchParams(filter, page).toString();
  return query ? `${path}?${query}` : path;
}

/** Whether any narrowing filter (not the sort) is set. */
export function isFiltered(filter: MemberListFilter): boolean {
  return FILTER_KEYS.some((key) => key !== 'sort' && filter[key] !== undefined);
}

// ---------------------------------------------------------------------------------------
// Who may list, and which filters a viewer may use

/** `archive`: an org or county admin holding the archive capability; `host`: a 流入地 admin. */
export type MemberListAccess = 'archive' | 'host';

export function memberListAccess(viewer: Pick<Viewer, 'tier' | 'capabilities'>): MemberListAccess | null {
  if (viewer.tier === 'host_admin') return 'host';
  if ((viewer.tier === 'org_admin' || viewer.tier === 'county_admin') && viewer.capabilities.includes('archive')) return 'archive';
  return null;
}

/** A full (unmasked) Excel export: a county admin holding both archive and pii_reveal. */
export function mayExportFull(viewer: Pick<Viewer, 'tier' | 'capabilities'>): boolean {
  return viewer.tier === 'county_admin' && viewer.capabilities.includes('archive') && viewer.capabilities.includes('pii_reveal');
}

/** The record field a filter, sort or missing-field choice reads: filtering on a field reveals it. */
const FILTER_FIELDS: Partial<Record<keyof MemberListFilter, MemberField>> = {
  status: 'status',
  occupation: 'occupation',
  industry: 'industry',
  skill: 'skills',
  age: 'birthDate',
  contactPerson: 'contactPerson',
  q: 'name',
};
const SORT_FIELDS: Record<MemberSort, MemberField> = { name: 'name', joined: 'joinedPartyOn', lastContact: 'lastContactOn' };
// outflowPlace has no record field: it is about the outflow episodes, which only the home side keeps.
const MISSING_FIELD_SOURCES: Record<MissingField, MemberField | null> = {
  phone: 'phone',
  occupation: 'occupation',
  industry: 'industry',
  workUnit: 'workUnit',
  education: 'education',
  joinedPartyOn: 'joinedPartyOn',
  emergencyContactPhone: 'emergencyContactPhone',
  contactPerson: 'contactPerson',
  lastContact: 'lastContactOn',
  outflowPlace: null,
};

type PolicyViewer = Pick<Viewer, 'tier' | 'capabilities'>;
const sees = (viewer: PolicyViewer, field: MemberField) => fieldDisplay(viewer, field) !== 'hidden';

export function allowedSorts(viewer: PolicyViewer): MemberSort[] {
  return MEMBER_SORTS.filter((sort) => sees(viewer, SORT_FIELDS[sort]));
}

export function allowedMissingFields(viewer: PolicyViewer): MissingField[] {
  return MISSING_FIELDS.filter((field) => {
    const source = MISSING_FIELD_SOURCES[field];
    return source === null ? memberListAccess(viewer) === 'archive' : sees(viewer, source);
  });
}

/** Whether this viewer may filter by a given key at all (the form shows only these). */
export function mayFilterBy(viewer: PolicyViewer, key: keyof MemberListFilter): boolean {
  if (key === 'missing') return allowedMissingFields(viewer).length > 0;
  const field = FILTER_FIELDS[key];
  return field === undefined || sees(viewer, field);
}

/**
 * Drops what this viewer may not filter or sort by: a host admin filtering by age or by a
 * missing work unit would learn fields the policy hides from them.
 */
export function filterForViewer(viewer: PolicyViewer, params: MemberListParams): MemberListParams {
  const filter: MemberListFilter = { ...params.filter };
  for (const key of Object.keys(filter) as (keyof MemberListFilter)[]) {
    if (key !== 'sort' && key !== 'missing' && !mayFilterBy(viewer, key)) delete filter[key];
  }
  if (filter.missing && !allowedMissingFields(viewer).includes(filter.missing)) delete filter.missing;
  if (!allowedSorts(viewer).includes(filter.sort)) return { filter: { ...filter, sort: 'name' } };
  return { filter, page: params.page };
}

// ---------------------------------------------------------------------------------------
// Age bands

/** The same day `years` years earlier; 29 February becomes 28 February in a common year. */
export function yearsBefore(day: string, years: number): string {
  if (!DAY.test(day)) throw new Error(`not a day: ${day}`);
  const year = Number(day.slice(0, 4)) - years;
  const month = Number(day.slice(5, 7));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const date = month === 2 && day.slice(8) === '29' && !leap ? '28' : day.slice(8);
  return `${String(year).padStart(4, '0')}-${day.slice(5, 7)}-${date}`;
}

/**
 * Birth dates of an age band on the Beijing day `today`: someone is at least N years old when
 * born on or before the same day N years earlier. `bornAfter` is exclusive, `bornOnOrBefore` inclusive.
 */
export function ageBandBirthRange(band: AgeBand, today: string): { bornAfter?: string; bornOnOrBefore?: string } {
  switch (band) {
    case 'upTo35':
      return { bornAfter: yearsBefore(today, 36) };
    case '36to45':
      return { bornAfter: yearsBefore(today, 46), bornOnOrBefore: yearsBefore(today, 36) };
    case '46to60':
      return { bornAfter: yearsBefore(today, 61), bornOnOrBefore: yearsBefore(today, 46) };
    case 'over60':
      return { bornOnOrBefore: yearsBefore(today, 61) };
  }
}

/** Whole years of age on `today` ('YYYY-MM-DD' both), as the bands count them. */
export function ageOn(birthDate: string, today: string): number {
  let age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (yearsBefore(today, age) < birthDate) age -= 1;
  return age;
}

export function ageBandOf(age: number): AgeBand {
  if (age <= 35) return 'upTo35';
  if (age <= 45) return '36to45';
  if (age <= 60) return '46to60';
  return 'over60';
}
