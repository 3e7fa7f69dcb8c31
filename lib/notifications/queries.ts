import 'server-only';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { notifications } from '@/db/schema';
import type { NotificationCategory } from './categories';
import { insertNotificationWithDeliveries, type NotificationSms } from './deliveries';

// The one place that reads and writes notifications. Every read and write names the member it
// is for, so a notification id from another member finds nothing.

export const NOTIFICATIONS_PAGE_SIZE = 20;

export type NewNotification = {
  memberId: string;
  category: NotificationCategory;
  title: string;
  body: string;
  /** An in-app path such as `/archive`. */
  link?: string | null;
};

/**
 * Adds a notification in the caller's transaction, so it exists exactly when what it reports does,
 * with its push deliveries by the member's preferences and, when `sms` is given, an SMS (see
 * lib/notifications/deliveries.ts). One statement: cheap inside another module's transaction.
 */
export async function notifyMember(tx: Executor, notification: NewNotification, options: { sms?: { template: NotificationSms['template']; params: Record<string, string> } } = {}): Promise<string> {
  return insertNotificationWithDeliveries(tx, { ...notification, link: notification.link ?? null }, options.sms ?? null);
}

export type NotificationView = {
  id: string;
  category: NotificationCategory;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  read: boolean;
};

/** `before` is the last row of the previous page: `<ISO time>_<uuid>`. */
function parseCursor(before: string | undefined): { at: Date; id: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(before ?? '');
  if (!match) return null;
  const at = new Date(match[1]);
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2] };
}

/** One page of a member's notifications, newest first, with the cursor of the next (older) page. */
export async function listNotifications(
  db: Executor,
  { memberId, before, limit = NOTIFICATIONS_PAGE_SIZE }: { memberId: string; before?: string; limit?: number },
): Promise<{ items: NotificationView[]; next: string | null }> {
  const cursor = parseCursor(before);
  const rows = await db
    .select({
      id: notifications.id,
      category: notifications.category,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.memberId, memberId),
        cursor ? sql`(${notifications.createdAt}, ${notifications.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(({ readAt, ...row }) => ({ ...row, read: readAt !== null }));
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? `${last.createdAt.toISOString()}_${last.id}` : null };
}

export async function countUnread(db: Executor, memberId: string): Promise<number> {
  const [row] = await db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
  return Number(row.unread);
}

/**
 * Marks one of the member's notifications read and returns its link (null when it has none), or
 * undefined when the member has no such notification.
 */
export async function markNotificationRead(db: Executor, { memberId, id, now = new Date() }: { memberId: string; id: string; now?: Date }): Promise<string | null | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.memberId, memberId)))
    .returning({ link: notifications.link });
  return row ? row.link : undefined;
}

/** Marks all the member's unread notifications read; returns how many there were. */
export async function markAllNotificationsRead(db: Executor, { memberId, now = new Date() }: { memberId: string; now?: Date }): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** What the member pages read, bound to the app's database. */
export const notificationReads = {
  page: (memberId: string, before?: string) => listNotifications(getDb(), { memberId, before }),
  unread: (memberId: string) => countUnread(getDb(), memberId),
};
