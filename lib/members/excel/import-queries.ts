import 'server-only';
import { getDb } from '@/db/client';
import type { Viewer } from '@/lib/auth/viewer';
import { getMemberImport, listImportDirectory, listMemberImports, type ImportView } from './import';
import { buildImportTemplate } from './template';

// What the import pages and the template route read; always for the viewer, always scoped.

export function loadMemberImport(viewer: Viewer, token: string): Promise<ImportView | null> {
  return getMemberImport(getDb(), viewer, token);
}

export function loadRecentMemberImports(viewer: Viewer): Promise<ImportView[]> {
  return listMemberImports(getDb(), viewer);
}

/** The template with this viewer's branches and 党小组 in its 党组织 sheet and dropdown. */
export async function buildTemplateFor(viewer: Viewer): Promise<Uint8Array> {
  return buildImportTemplate(await listImportDirectory(getDb(), viewer));
}
