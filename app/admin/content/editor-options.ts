import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import { REGULATION_CATEGORIES } from '@/lib/content/content-kinds';
import { contentPages, type AdminItem } from '@/lib/content/queries';
import { messages } from '@/lib/i18n/messages';
import { AGE_BANDS } from '@/lib/members/list-filter';
import { listCities, listProvinces } from '@/lib/regions/regions';
import { listActiveSkills } from '@/lib/skills/queries';
import type { EditorValues } from './item-editor';

const t = messages.content;

/** What the editor offers this admin: columns, the orgs it may address, skills and regions to target. */
export async function editorOptions(viewer: Viewer) {
  const [columns, audiences, skills] = await Promise.all([contentPages.columns(), contentPages.audienceOptions(viewer), listActiveSkills(viewer)]);
  return {
    columns: columns.map((column) => ({ id: String(column.id), name: column.name, kind: column.kind, slug: column.slug })),
    audiences: audiences.map((org) => ({ id: String(org.id), name: org.name, wider: org.wider })),
    skills: skills.map((skill) => skill.name),
    regions: listProvinces().map((province) => ({
      province: { value: province.code, label: province.name },
      // A municipality is one place: its "city" entries repeat its own name.
      cities: listCities(province.code)
        .filter((city) => city.name !== province.name)
        .map((city) => ({ value: city.code, label: city.name })),
    })),
    categories: REGULATION_CATEGORIES.map((value) => ({ value, label: t.regulationCategories[value] })),
    ageBands: AGE_BANDS.map((value) => ({ value, label: t.ageBands[value] })),
    labels: { ...t.editor, important: messages.notifications.importantNotice.checkbox },
  };
}

/** 'YYYY-MM-DDTHH:mm' in Beijing time, for a datetime-local input. */
function beijingInputValue(instant: Date | null): string {
  if (!instant) return '';
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

export function emptyValues(columnId: string, audienceOrgId: string): EditorValues {
  return {
    columnId,
    audienceOrgId,
    title: '',
    summary: '',
    bodyMarkdown: '',
    cover: null,
    attachments: [],
    tags: '',
    externalUrl: '',
    pinned: false,
    important: false,
    featured: false,
    publishAt: '',
    regulationCategory: '',
    issuingBody: '',
    effectiveOn: '',
    revisedOn: '',
    targetSkills: [],
    targetOccupations: '',
    targetIndustries: '',
    targetRegionCodes: [],
    targetAgeBands: [],
  };
}

export function valuesOf(item: AdminItem): EditorValues {
  return {
    columnId: String(item.columnId),
    audienceOrgId: String(item.audienceOrgId),
    title: item.title,
    summary: item.summary,
    bodyMarkdown: item.bodyMarkdown,
    cover: item.coverFileId ? { id: item.coverFileId, name: item.title } : null,
    attachments: item.attachments.map((file) => ({ id: file.id, name: file.name })),
    tags: item.tags.join('，'),
    externalUrl: item.externalUrl ?? '',
    pinned: item.pinned,
    important: item.important,
    featured: item.featured,
    // A scheduled time is shown to change; a past publication time is kept as it is.
    publishAt: item.publishAt && item.publishAt > new Date() ? beijingInputValue(item.publishAt) : '',
    regulationCategory: item.regulationCategory ?? '',
    issuingBody: item.issuingBody ?? '',
    effectiveOn: item.effectiveOn ?? '',
    revisedOn: item.revisedOn ?? '',
    targetSkills: item.targetSkills,
    targetOccupations: item.targetOccupations.join('，'),
    targetIndustries: item.targetIndustries.join('，'),
    targetRegionCodes: item.targetRegionCodes,
    targetAgeBands: item.targetAgeBands,
  };
}
