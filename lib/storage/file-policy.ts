import type { FileRecord } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { isWithinPath } from '@/lib/orgs/paths';
import type { FileKind } from './file-type';

/** A file is public, or visible to viewers whose scope contains the org it belongs to. */
export function canViewFile(viewer: Viewer | null, file: Pick<FileRecord, 'visibility'>, fileOrgPath: string): boolean {
  if (file.visibility === 'public') return true;
  return viewer !== null && isWithinPath(fileOrgPath, viewer.scopePath);
}

/** What each upload slot accepts; a slot never takes more than it needs. */
export const UPLOAD_PURPOSES = {
  photo: ['image'],
  evidence: ['image', 'document'],
  studyMaterial: ['document', 'audio', 'video', 'image'],
} as const satisfies Record<string, readonly FileKind[]>;
export type UploadPurpose = keyof typeof UPLOAD_PURPOSES;
