import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { NOTIFICATION_CATEGORIES } from '@/lib/notifications/categories';
import { members } from './members';

export const notificationCategory = pgEnum('notification_category', NOTIFICATION_CATEGORIES);

/**
 * A member's in-app notifications (消息). Written in the same transaction as what they report
 * (a change request's decision, say), so a member is told exactly when it happened, never of
 * something rolled back. The link is an in-app path.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    category: notificationCategory().notNull(),
    title: varchar({ length: 100 }).notNull(),
    body: text().notNull(),
    link: varchar({ length: 200 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('notifications_member_list_idx').on(table.memberId, table.createdAt.desc(), table.id.desc()),
    // The tab bar's unread count on every page: only unread rows are in it.
    index('notifications_unread_idx').on(table.memberId).where(sql`${table.readAt} IS NULL`),
  ],
);
