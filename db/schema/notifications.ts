import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, NOTIFICATION_CATEGORIES, SMS_TEMPLATES } from '@/lib/notifications/categories';
import { contactOutcome, memberContacts } from './archive';
import { contentItems } from './content';
import { users } from './identity';
import { members } from './members';
import { orgs } from './orgs';

export const notificationCategory = pgEnum('notification_category', NOTIFICATION_CATEGORIES);
export const deliveryChannel = pgEnum('delivery_channel', DELIVERY_CHANNELS);
export const deliveryStatus = pgEnum('delivery_status', DELIVERY_STATUSES);
export const smsTemplate = pgEnum('sms_template', SMS_TEMPLATES);

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

/**
 * A member's choice per category and channel. Only choices that differ from the default are
 * stored (the defaults live in lib/notifications/preferences.ts), so a new member has no rows.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    category: notificationCategory().notNull(),
    channel: deliveryChannel().notNull(),
    enabled: boolean().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.memberId, table.category, table.channel] })],
);

/** One browser's Web Push subscription; removed when its push service answers 404 or 410. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    endpoint: text().notNull(),
    p256dh: varchar({ length: 200 }).notNull(),
    auth: varchar({ length: 100 }).notNull(),
    deviceLabel: varchar({ length: 100 }).notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSuccessAt: timestamp({ withTimezone: true }),
  },
  (table) => [uniqueIndex('push_subscriptions_endpoint_key').on(table.endpoint), index('push_subscriptions_member_idx').on(table.memberId)],
);

/**
 * Each attempt to reach someone outside the app, and what came of it. Sent by a job, never inside
 * a request. An SMS without a notification is a code (activation, reset) for a known number.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    notificationId: uuid().references(() => notifications.id, { onDelete: 'cascade' }),
    memberId: uuid().references(() => members.id, { onDelete: 'cascade' }),
    channel: deliveryChannel().notNull(),
    status: deliveryStatus().notNull().default('queued'),
    pushSubscriptionId: uuid().references(() => pushSubscriptions.id, { onDelete: 'set null' }),
    smsTemplate: smsTemplate(),
    // Template parameters until the delivery ends; cleared then, since a code must not outlive its SMS.
    params: jsonb().$type<Record<string, string>>(),
    // HMAC of the phone number (lib/security/pii piiLookupHash): the per-number rate limit counts
    // by it without keeping the number itself here.
    destinationHash: varchar({ length: 64 }),
    attempts: smallint().notNull().default(0),
    lastError: text(),
    providerMessageId: varchar({ length: 100 }),
    // Why it was skipped or failed, as a stable key the admin pages translate.
    outcomeReason: varchar({ length: 40 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('notification_deliveries_member_idx').on(table.memberId, table.createdAt.desc()),
    index('notification_deliveries_notification_idx').on(table.notificationId),
    index('notification_deliveries_sms_rate_idx').on(table.destinationHash, table.createdAt).where(sql`${table.channel} = 'sms'`),
  ],
);

/** 电话通知: a branch's list of members to phone about a notice or an activity. */
export const callLists = pgTable(
  'call_lists',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    title: varchar({ length: 100 }).notNull(),
    // What the calls are about: a published notice, or (until activities are built) a described event.
    contentItemId: uuid().references(() => contentItems.id, { onDelete: 'set null' }),
    message: varchar({ length: 500 }).notNull().default(''),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index('call_lists_org_idx').on(table.orgId, table.createdAt.desc())],
);

/** One member on a call list; the outcome of the call is also written to the member's contact log. */
export const callListEntries = pgTable(
  'call_list_entries',
  {
    callListId: uuid()
      .notNull()
      .references(() => callLists.id, { onDelete: 'cascade' }),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    outcome: contactOutcome(),
    calledAt: timestamp({ withTimezone: true }),
    calledBy: uuid().references(() => users.id),
    contactId: uuid().references(() => memberContacts.id, { onDelete: 'set null' }),
  },
  (table) => [primaryKey({ columns: [table.callListId, table.memberId] })],
);

export type Notification = typeof notifications.$inferSelect;
export type NotificationDelivery = typeof notificationDeliveries.$inferSelect;
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
export type CallList = typeof callLists.$inferSelect;
export type CallListEntry = typeof callListEntries.$inferSelect;
