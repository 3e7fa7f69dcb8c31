import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { activityCertificates, changeRequests, files, members, orgs, type FileRecord } from '@/db/schema';
import { mayDownloadEvidence } from '@/lib/change-requests/evidence-access';
import { mayReadContentFile } from '@/lib/content/queries';
import { mayReadCourseFile } from '@/lib/courses/queries';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { canViewFile, UPLOAD_PURPOSES, type UploadPurpose } from './file-policy';
import { fileStore, type FileStore } from './file-store';
import { detectFileType } from './file-type';
import { UPLOAD_MAX_BYTES } from './limits';
import { ImageMetadataError, stripImageMetadata } from './strip-metadata';

export type SaveUploadInput = {
  bytes: Uint8Array;
  originalName: string;
  orgId: number;
  purpose: UploadPurpose;
  visibility?: 'scope' | 'public';
  uploadedBy?: string | null;
};

export type SaveUploadResult = { ok: true; file: FileRecord } | { ok: false; message: string };

function cleanFileName(name: string, extension: string): string {
  const base = name.replace(/[\\/\u0000-\u001f]/g, '').replace(/\.[^.]*$/, '').trim().slice(0, 200) || 'file';
  return `${base}.${extension}`;
}

/**
 * Checks an upload (size, real type by signature, allowed for its purpose), strips image
 * metadata (EXIF/GPS), stores the bytes and records them with their sha256. The caller has
 * already authorised the viewer for `orgId`.
 */
export async function saveUpload(db: Executor, input: SaveUploadInput, store: FileStore = fileStore()): Promise<SaveUploadResult> {
  const t = messages.upload;
  if (input.bytes.length === 0) return { ok: false, message: t.empty };
  if (input.bytes.length > UPLOAD_MAX_BYTES) return { ok: false, message: t.tooLarge(UPLOAD_MAX_BYTES / 1024 / 1024) };
  const type = detectFileType(input.bytes);
  if (!type) return { ok: false, message: t.unsupported };
  if (!(UPLOAD_PURPOSES[input.purpose] as readonly string[]).includes(type.kind)) return { ok: false, message: t.notAllowedHere };

  let stored: Uint8Array;
  try {
    stored = type.kind === 'image' ? stripImageMetadata(input.bytes, type.mime) : input.bytes;
  } catch (error) {
    if (error instanceof ImageMetadataError) return { ok: false, message: t.damaged };
    throw error;
  }
  const sha256 = createHash('sha256').update(stored).digest('hex');
  const id = randomUUID();
  const storageKey = `${id.slice(0, 2)}/${id}`;
  await store.put(storageKey, stored);
  try {
    const [file] = await db
      .insert(files)
      .values({
        id,
        orgId: input.orgId,
        visibility: input.visibility ?? 'scope',
        originalName: cleanFileName(input.originalName, type.extension),
        mime: type.mime,
        sizeBytes: stored.length,
        sha256,
        storageKey,
        uploadedBy: input.uploadedBy ?? null,
      })
      .returning();
    return { ok: true, file };
  } catch (error) {
    await store.delete(storageKey);
    throw error;
  }
}

export type FileDownload = { file: FileRecord; bytes: Uint8Array };

/** The file and its bytes when this viewer may see it; `null` for missing and forbidden alike. */
export async function getFileForViewer(
  db: Executor,
  { viewer, fileId }: { viewer: Viewer | null; fileId: string },
  store: FileStore = fileStore(),
): Promise<FileDownload | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(fileId)) return null;
  const [row] = await db
    .select({ file: files, orgPath: orgs.path })
    .from(files)
    .innerJoin(orgs, eq(orgs.id, files.orgId))
    .where(eq(files.id, fileId.toLowerCase()));
  if (!row) return null;
  // A member's personal file — change-request evidence, a 活动证 photo — is the member's and the
  // archive admins' in scope only, never every member of the branch the file is filed under.
  const owner = (await evidenceOwner(db, row.file.id)) ?? (await certificatePhotoOwner(db, row.file.id));
  // A file that published content or a course shows is its readers' too (issue 6), besides its uploaders'.
  const allowed = owner
    ? mayDownloadEvidence(viewer, owner)
    : canViewFile(viewer, row.file, row.orgPath) || (await mayReadContentFile(db, viewer, row.file.id)) === true || (viewer !== null && (await mayReadCourseFile(db, viewer, row.file.id)));
  if (!allowed) return null;
  const bytes = await store.get(row.file.storageKey);
  return bytes ? { file: row.file, bytes } : null;
}

// --- Change-request evidence (issue 4) ----------------------------------------------------------
// A file linked to a change request follows the evidence rule (lib/change-requests/evidence-access.ts)
// instead of the org-scope rule: the member who filed it and the reviewers in scope only.

async function evidenceOwner(db: Executor, fileId: string): Promise<{ memberId: string; memberOrgPath: string } | null> {
  const [owner] = await db
    .select({ memberId: changeRequests.memberId, memberOrgPath: orgs.path })
    .from(changeRequests)
    .innerJoin(members, eq(members.id, changeRequests.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(sql`${changeRequests.evidenceFileIds} @> ARRAY[${fileId}]::uuid[]`)
    .limit(1);
  return owner ?? null;
}

async function certificatePhotoOwner(db: Executor, fileId: string): Promise<{ memberId: string; memberOrgPath: string } | null> {
  const [owner] = await db
    .select({ memberId: activityCertificates.memberId, memberOrgPath: orgs.path })
    .from(activityCertificates)
    .innerJoin(members, eq(members.id, activityCertificates.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(activityCertificates.photoFileId, fileId))
    .limit(1);
  return owner ?? null;
}

/** A stored file's bytes for a caller that has authorised the read itself (the e-card check). */
export async function readStoredFile(db: Executor, fileId: string, store: FileStore = fileStore()): Promise<FileDownload | null> {
  const [file] = await db.select().from(files).where(eq(files.id, fileId));
  if (!file) return null;
  const bytes = await store.get(file.storageKey);
  return bytes ? { file, bytes } : null;
}

// -------------------------------------------------------------------------------------------------

/** For the download route, which has no database of its own. */
export function downloadFile(viewer: Viewer | null, fileId: string): Promise<FileDownload | null> {
  return getFileForViewer(getDb(), { viewer, fileId });
}
