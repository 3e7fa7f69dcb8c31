import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { contentReads } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import { readStoredFile, type FileDownload } from '@/lib/storage/queries';
import { getMemberItem } from './queries';

// Reading records (issue 6 §4): views, reading time and downloads per member and item, for points
// and for the reach an admin sees. Only what a member can read is recorded.

/** The page sends a heartbeat this often while it is visible; a longer gap counts as this much. */
export const HEARTBEAT_SECONDS = 15;

export async function recordView(db: Executor, { viewer, itemId, now = new Date() }: { viewer: Viewer; itemId: string; now?: Date }): Promise<void> {
  if (!viewer.memberId) return;
  await db
    .insert(contentReads)
    .values({ memberId: viewer.memberId, itemId, views: 1, firstViewedAt: now, lastSeenAt: now })
    .onConflictDoUpdate({ target: [contentReads.memberId, contentReads.itemId], set: { views: sql`${contentReads.views} + 1`, lastSeenAt: now } });
}

/**
 * Adds the time since the last sign of life, never more than one heartbeat's worth: a page left
 * open in a hidden tab sends nothing, and heartbeats sent faster than the clock earn nothing extra.
 */
export async function recordHeartbeat(db: Executor, { viewer, itemId, now = new Date() }: { viewer: Viewer; itemId: string; now?: Date }): Promise<boolean> {
  if (!viewer.memberId || !(await getMemberItem(db, { viewer, itemId, now }))) return false;
  const updated = await db
    .update(contentReads)
    .set({
      readSeconds: sql`${contentReads.readSeconds} + least(${HEARTBEAT_SECONDS}, greatest(0, floor(extract(epoch FROM (${now.toISOString()}::timestamptz - ${contentReads.lastSeenAt})))::int))`,
      lastSeenAt: now,
    })
    .where(sql`${contentReads.memberId} = ${viewer.memberId} AND ${contentReads.itemId} = ${itemId}`)
    .returning({ readSeconds: contentReads.readSeconds });
  return updated.length > 0;
}

/** A member downloaded one of the item's files (the download route has checked both). */
export async function recordDownload(db: Executor, { viewer, itemId, now = new Date() }: { viewer: Viewer; itemId: string; now?: Date }): Promise<void> {
  if (!viewer.memberId) return;
  await db
    .insert(contentReads)
    .values({ memberId: viewer.memberId, itemId, downloads: 1, firstViewedAt: now, lastSeenAt: now })
    .onConflictDoUpdate({ target: [contentReads.memberId, contentReads.itemId], set: { downloads: sql`${contentReads.downloads} + 1` } });
}

/** An attachment of an item the member can read, counted as a download; null when it is not theirs. */
export async function downloadAttachment(db: Executor, { viewer, itemId, fileId }: { viewer: Viewer; itemId: string; fileId: string }): Promise<FileDownload | null> {
  const item = await getMemberItem(db, { viewer, itemId });
  if (!item || !item.attachmentFileIds.includes(fileId.toLowerCase())) return null;
  const download = await readStoredFile(db, fileId.toLowerCase());
  if (download) await recordDownload(db, { viewer, itemId });
  return download;
}

/** The reads and writes the reading page and its download route make, on the app's database. */
export const readingPages = {
  view: (viewer: Viewer, itemId: string) => recordView(getDb(), { viewer, itemId }),
  download: (viewer: Viewer, itemId: string, fileId: string) => downloadAttachment(getDb(), { viewer, itemId, fileId }),
};
