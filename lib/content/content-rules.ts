import { messages } from '@/lib/i18n/messages';
import { AGE_BANDS, ageBandOf, ageOn, type AgeBand } from '@/lib/members/list-filter';
import { isKnownRegion, listedCityCode } from '@/lib/regions/regions';
import { isStrictAncestorPath, isWithinPath } from '@/lib/orgs/paths';
import { REGULATION_CATEGORIES, type ColumnKind, type RegulationCategory } from './content-kinds';

// The pure rules of publishing (issue 6): what an item form may hold, who reviews a submission,
// and which members a targeted notice reaches. The workflow (publishing.ts) applies them under lock.

const e = messages.content.errors;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TITLE_MAX = 120;
export const SUMMARY_MAX = 200;
export const BODY_MAX = 200_000;
const MAX_TAGS = 10;
const MAX_ATTACHMENTS = 20;
const MAX_TARGET_VALUES = 50;

export type ItemDraft = {
  columnId: number;
  audienceOrgId: number;
  title: string;
  summary: string;
  bodyMarkdown: string;
  coverFileId: string | null;
  attachmentFileIds: string[];
  tags: string[];
  externalUrl: string | null;
  pinned: boolean;
  /** 重要通知: on publication every member it reaches is notified, by SMS too (issue 7). */
  important: boolean;
  featured: boolean;
  /** When members may first see it once published; null means "at publication". */
  publishAt: Date | null;
  regulationCategory: RegulationCategory | null;
  issuingBody: string | null;
  effectiveOn: string | null;
  revisedOn: string | null;
  target: ContentTarget;
};

export type ContentTarget = {
  skills: string[];
  occupations: string[];
  industries: string[];
  /** Region codes as lib/regions spells them — province '44', city '4403', county '440306' — where members are away now. */
  regionCodes: string[];
  ageBands: AgeBand[];
};

export const NO_TARGET: ContentTarget = { skills: [], occupations: [], industries: [], regionCodes: [], ageBands: [] };

type Parsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string[]> };

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
const asList = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string');
/** Words typed into one box, separated by commas (either width), 、 or spaces. */
export const splitWords = (value: string): string[] => [...new Set(value.split(/[,，、;；\s]+/).map((word) => word.trim()).filter(Boolean))];

/** 'YYYY-MM-DDTHH:mm' from a datetime-local input, read as Beijing time. */
export function parseBeijingDateTime(value: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match || !isDay(match[1])) return null;
  return new Date(`${match[1]}T${match[2]}:${match[3]}:00+08:00`);
}

function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A link to a 公众号 article or another page: https only, so a reader is never sent to a script. */
function parseExternalUrl(value: string): string | null | undefined {
  if (!value) return null;
  try {
    const url = new URL(value);
    // The stored form escapes Chinese characters: it is what must fit the column.
    const stored = url.toString();
    return url.protocol === 'https:' && stored.length <= 500 ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** The item form of a column of `kind`, with Chinese messages per field; fields of other kinds are dropped. */
export function parseItemForm(raw: Readonly<Record<string, unknown>>, kind: ColumnKind): Parsed<ItemDraft> {
  const fieldErrors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);

  const columnId = Number(asText(raw.columnId));
  const audienceOrgId = Number(asText(raw.audienceOrgId));
  if (!Number.isInteger(audienceOrgId) || audienceOrgId <= 0) fail('audienceOrgId', e.audience);
  const title = asText(raw.title).trim();
  if (!title) fail('title', e.titleRequired);
  else if (title.length > TITLE_MAX) fail('title', e.titleTooLong(TITLE_MAX));
  const summary = asText(raw.summary).trim();
  if (summary.length > SUMMARY_MAX) fail('summary', e.summaryTooLong(SUMMARY_MAX));
  const bodyMarkdown = asText(raw.bodyMarkdown).replace(/\r\n?/g, '\n');
  if (bodyMarkdown.length > BODY_MAX) fail('bodyMarkdown', e.bodyTooLong(BODY_MAX));

  const coverText = asText(raw.coverFileId).trim();
  const coverFileId = coverText ? coverText.toLowerCase() : null;
  if (coverFileId && !UUID.test(coverFileId)) fail('coverFileId', e.file);
  const attachmentFileIds = [...new Set(asList(raw.attachmentFileIds).map((id) => id.trim().toLowerCase()).filter(Boolean))];
  if (attachmentFileIds.some((id) => !UUID.test(id))) fail('attachmentFileIds', e.file);
  if (attachmentFileIds.length > MAX_ATTACHMENTS) fail('attachmentFileIds', e.tooManyAttachments(MAX_ATTACHMENTS));
  if (kind === 'materials' && attachmentFileIds.length === 0 && !bodyMarkdown.trim()) fail('attachmentFileIds', e.materialNeedsFile);
  if (kind !== 'materials' && !bodyMarkdown.trim() && !asText(raw.externalUrl).trim()) fail('bodyMarkdown', e.bodyRequired);

  const tags = splitWords(asText(raw.tags));
  if (tags.length > MAX_TAGS || tags.some((tag) => tag.length > 20)) fail('tags', e.tags(MAX_TAGS));
  const externalUrl = parseExternalUrl(asText(raw.externalUrl).trim());
  if (externalUrl === undefined) fail('externalUrl', e.externalUrl);

  const publishText = asText(raw.publishAt).trim();
  const publishAt = publishText ? parseBeijingDateTime(publishText) : null;
  if (publishText && !publishAt) fail('publishAt', e.publishAt);

  let regulationCategory: RegulationCategory | null = null;
  let issuingBody: string | null = null;
  let effectiveOn: string | null = null;
  let revisedOn: string | null = null;
  if (kind === 'regulations') {
    const category = asText(raw.regulationCategory);
    if ((REGULATION_CATEGORIES as readonly string[]).includes(category)) regulationCategory = category as RegulationCategory;
    else fail('regulationCategory', e.regulationCategory);
    issuingBody = asText(raw.issuingBody).trim() || null;
    if (!issuingBody) fail('issuingBody', e.issuingBody);
    else if (issuingBody.length > 100) fail('issuingBody', e.issuingBodyTooLong);
    effectiveOn = asText(raw.effectiveOn).trim() || null;
    if (effectiveOn && !isDay(effectiveOn)) fail('effectiveOn', e.day);
    revisedOn = asText(raw.revisedOn).trim() || null;
    if (revisedOn && !isDay(revisedOn)) fail('revisedOn', e.day);
    if (effectiveOn && revisedOn && isDay(effectiveOn) && isDay(revisedOn) && revisedOn < effectiveOn) fail('revisedOn', e.revisedBeforeEffective);
  }

  let target = NO_TARGET;
  if (kind === 'jobs') {
    const regionCodes = [...new Set(asList(raw.targetRegionCodes).map((code) => code.trim()).filter(Boolean))];
    if (regionCodes.some((code) => !/^\d{2}(?:\d{2}){0,2}$/.test(code) || !isKnownRegion(code))) fail('targetRegionCodes', e.region);
    const ageBands = [...new Set(asList(raw.targetAgeBands))];
    if (ageBands.some((band) => !(AGE_BANDS as readonly string[]).includes(band))) fail('targetAgeBands', e.ageBand);
    target = {
      skills: [...new Set(asList(raw.targetSkills).map((skill) => skill.trim()).filter(Boolean))],
      occupations: splitWords(asText(raw.targetOccupations)),
      industries: splitWords(asText(raw.targetIndustries)),
      regionCodes,
      ageBands: ageBands as AgeBand[],
    };
    for (const [field, values] of [['targetSkills', target.skills], ['targetOccupations', target.occupations], ['targetIndustries', target.industries]] as const) {
      if (values.length > MAX_TARGET_VALUES || values.some((value) => value.length > 50)) fail(field, e.targetValues(MAX_TARGET_VALUES));
    }
  }

  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    value: {
      columnId,
      audienceOrgId,
      title,
      summary,
      bodyMarkdown,
      coverFileId,
      attachmentFileIds,
      tags,
      externalUrl: externalUrl ?? null,
      pinned: raw.pinned === 'on' || raw.pinned === 'true',
      important: raw.important === 'on' || raw.important === 'true',
      featured: raw.featured === 'on' || raw.featured === 'true',
      publishAt,
      regulationCategory,
      issuingBody,
      effectiveOn,
      revisedOn,
      target,
    },
  };
}

export const isTargeted = (target: ContentTarget): boolean => Object.values(target).some((values) => values.length > 0);

/** An admin publishes without review only inside its own subtree. */
export const mayPublishTo = (viewerScopePath: string, audiencePath: string): boolean => isWithinPath(audiencePath, viewerScopePath);

/** An item may be meant for the writer's own subtree, or — through review — for a wider one above it. */
export const mayAddress = (writerOrgPath: string, audiencePath: string): boolean => isWithinPath(audiencePath, writerOrgPath) || isWithinPath(writerOrgPath, audiencePath);

/** The ltree path of the org above the one at `path`, or null at the root. */
export const parentPathOf = (path: string): string | null => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : null);

/**
 * A reviewer's org must lie strictly above the submitter's org (and so above the writer's) and hold
 * the org the item waits at: nobody approves a submission of their own org, let alone their own.
 */
export function mayReviewAt(reviewer: { scopePath: string }, submitterOrgPath: string, reviewOrgPath: string): boolean {
  return isStrictAncestorPath(reviewer.scopePath, submitterOrgPath) && isWithinPath(reviewOrgPath, reviewer.scopePath);
}

/** What a member is, for targeting: the fields a 就业培训 notice may select on. */
export type TargetProfile = { skills: readonly string[]; occupation: string | null; industry: string | null; birthDate: string; awayRegionCode: string | null };

/** The region codes a member away at county `code` falls under: the county, its city and its province. */
export function regionAncestors(code: string | null): string[] {
  if (!code || !/^\d{6}$/.test(code)) return [];
  const city = code.slice(0, 4);
  const listed = listedCityCode(city);
  return [code, city, ...(listed === city ? [] : [listed]), code.slice(0, 2)];
}

/** Whether a member matches every criterion the notice sets (an empty criterion matches all). */
export function matchesTarget(target: ContentTarget, profile: TargetProfile, today: string): boolean {
  if (target.skills.length > 0 && !target.skills.some((skill) => profile.skills.includes(skill))) return false;
  if (target.occupations.length > 0 && !(profile.occupation && target.occupations.includes(profile.occupation))) return false;
  if (target.industries.length > 0 && !(profile.industry && target.industries.includes(profile.industry))) return false;
  if (target.regionCodes.length > 0 && !regionAncestors(profile.awayRegionCode).some((code) => target.regionCodes.includes(code))) return false;
  if (target.ageBands.length > 0 && !target.ageBands.includes(ageBandOf(ageOn(profile.birthDate, today)))) return false;
  return true;
}
