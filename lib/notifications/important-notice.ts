import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { contentItems, orgs, type Job } from '@/db/schema';
import { audienceMemberConditions } from '@/lib/content/queries';
import { messages } from '@/lib/i18n/messages';
import { enqueueJob } from '@/lib/jobs/queue';
import { insertNotificationsWithDeliveries } from './deliveries';

// 重要通知 (issue 7): when a notice marked important is published, every member it reaches who has
// an account gets it in the app (category notice), with push by preference, and an SMS where
// they have a number and have not turned it off. A job does it at the publication time, set-based:
// one statement for the whole audience, however large.

export const IMPORTANT_NOTICE_JOB = 'notification.important_notice';
// Aliyun caps a template variable's length; a title is cut to fit, the app has the whole notice.
const SMS_TITLE_MAX = 20;

/** Called where an item becomes published; once per item and publication time. */
export async function queueImportantNotice(tx: Executor, { itemId, publishAt }: { itemId: string; publishAt: Date }): Promise<void> {
  await enqueueJob(tx, { kind: IMPORTANT_NOTICE_JOB, payload: { itemId }, runAt: publishAt, uniqueKey: `${IMPORTANT_NOTICE_JOB}:${itemId}:${publishAt.toISOString()}` });
}

/** Notifies the item's audience; returns how many members were notified (0 when it is no longer an important published notice). */
export async function fanOutImportantNotice(db: Database, itemId: string, now: Date = new Date()): Promise<number> {
  const [row] = await db.select({ item: contentItems, audiencePath: orgs.path }).from(contentItems).innerJoin(orgs, eq(orgs.id, contentItems.audienceOrgId)).where(eq(contentItems.id, itemId));
  if (!row || row.item.status !== 'published' || !row.item.important) return 0;
  const { item } = row;
  // Rescheduled later since this job was queued: the new time has its own job.
  if (item.publishAt && item.publishAt > now) {
    await queueImportantNotice(db, { itemId, publishAt: item.publishAt });
    return 0;
  }
  const link = `/read/${item.id}`;
  const title = messages.notifications.importantNotice.title(item.title);
  const smsTitle = item.title.length > SMS_TITLE_MAX ? `${item.title.slice(0, SMS_TITLE_MAX - 1)}…` : item.title;
  const conditions = audienceMemberConditions(item, row.audiencePath, now);
  return db.transaction(async (tx) => {
    const ids = await insertNotificationsWithDeliveries(
      tx,
      sql`INSERT INTO notifications (member_id, category, title, body, link)
          SELECT m.id, 'notice', ${title}, ${item.summary}, ${link}
          FROM members m
          JOIN orgs o ON o.id = m.org_id
          JOIN users u ON u.member_id = m.id AND u.disabled_at IS NULL
          WHERE ${sql.join(conditions, sql` AND `)}
            -- A run repeated after a crash notifies no one twice.
            AND NOT EXISTS (SELECT 1 FROM notifications x WHERE x.member_id = m.id AND x.category = 'notice' AND x.link = ${link})
          RETURNING id, member_id, category, title`,
      { template: 'important_notice', params: sql`jsonb_build_object('title', ${smsTitle}::text)` },
    );
    return ids.length;
  });
}

export const importantNoticeJobHandlers = {
  [IMPORTANT_NOTICE_JOB]: async (db: Database, job: Job) => {
    const itemId = (job.payload as { itemId?: unknown }).itemId;
    if (typeof itemId !== 'string') throw new Error('notification.important_notice without an itemId');
    await fanOutImportantNotice(db, itemId);
  },
};
