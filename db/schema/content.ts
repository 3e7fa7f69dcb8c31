import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import type { AgeBand } from '@/lib/members/list-filter';
import { COLUMN_KINDS, CONTENT_STATUSES, REGULATION_CATEGORIES, REVIEW_DECISIONS } from '@/lib/content/content-kinds';
import { users } from './identity';
import { members } from './members';
import { orgs } from './orgs';
import { files } from './platform';

export const columnKind = pgEnum('column_kind', COLUMN_KINDS);
export const contentStatus = pgEnum('content_status', CONTENT_STATUSES);
export const regulationCategory = pgEnum('regulation_category', REGULATION_CATEGORIES);
export const reviewDecision = pgEnum('review_decision', REVIEW_DECISIONS);

/** 栏目: the county's columns; the defaults come with migration 0013 (lib/content/content-kinds.ts). */
export const contentColumns = pgTable(
  'content_columns',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: varchar({ length: 40 }).notNull(),
    name: varchar({ length: 40 }).notNull(),
    kind: columnKind().notNull(),
    sortOrder: smallint().notNull().default(0),
  },
  (table) => [uniqueIndex('content_columns_slug_key').on(table.slug)],
);

/**
 * A published piece: news, a notice, a regulation, a study material, a case, a job notice. `orgId`
 * is the org that wrote it (its admins edit it); `audienceOrgId` the subtree whose members read it.
 * The body is kept as Markdown and as its sanitised HTML and plain text, rendered once on save.
 */
export const contentItems = pgTable(
  'content_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    columnId: integer()
      .notNull()
      .references(() => contentColumns.id),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    audienceOrgId: integer()
      .notNull()
      .references(() => orgs.id),
    title: varchar({ length: 120 }).notNull(),
    summary: varchar({ length: 200 }).notNull().default(''),
    bodyMarkdown: text().notNull().default(''),
    bodyHtml: text().notNull().default(''),
    bodyText: text().notNull().default(''),
    toc: jsonb().$type<{ id: string; level: 2 | 3; text: string }[]>().notNull().default([]),
    // Character bigrams of title and text: 2-character Chinese words are below trigram reach (DESIGN.md §9).
    searchBigrams: text()
      .array()
      .notNull()
      .generatedAlwaysAs(sql`name_bigrams(lower(title || ' ' || left(body_text, 20000)))`),
    coverFileId: uuid().references(() => files.id),
    attachmentFileIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    // Every stored file the item shows (cover, attachments, images in the body): what its readers may download.
    fileIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    externalUrl: varchar({ length: 500 }),
    pinned: boolean().notNull().default(false),
    featured: boolean().notNull().default(false),
    // 重要通知: on publication its audience is also told by SMS (issue 7), not only in the app.
    important: boolean().notNull().default(false),
    status: contentStatus().notNull().default('draft'),
    publishAt: timestamp({ withTimezone: true }),
    withdrawnAt: timestamp({ withTimezone: true }),
    // While pending: the org whose admins review it next (the level above the submitter, then upward).
    reviewOrgId: integer().references(() => orgs.id),
    // Who submitted it last, and from which org: no one reviews their own submission, nor one of their own org.
    submittedByUserId: uuid().references(() => users.id),
    submitterOrgId: integer().references(() => orgs.id),
    regulationCategory: regulationCategory(),
    issuingBody: varchar({ length: 100 }),
    effectiveOn: date(),
    revisedOn: date(),
    // Targeting (就业培训): an empty list means "everyone in the audience" on that criterion.
    targetSkills: text().array().notNull().default(sql`'{}'::text[]`),
    targetOccupations: text().array().notNull().default(sql`'{}'::text[]`),
    targetIndustries: text().array().notNull().default(sql`'{}'::text[]`),
    targetRegionCodes: text().array().notNull().default(sql`'{}'::text[]`),
    targetAgeBands: text().array().$type<AgeBand[]>().notNull().default(sql`'{}'::text[]`),
    // Whether any criterion is set. Stored, so the planner knows most items are for everyone: the
    // criteria alone it estimates as matching almost nothing, and then reads and sorts every item.
    targeted: boolean()
      .notNull()
      .generatedAlwaysAs(
        sql`cardinality(target_skills) + cardinality(target_occupations) + cardinality(target_industries) + cardinality(target_region_codes) + cardinality(target_age_bands) > 0`,
      ),
    authorUserId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Members' lists: newest published first, per column and overall; audience decided per row.
    index('content_items_published_idx').on(table.publishAt.desc(), table.id.desc()).where(sql`${table.status} = 'published'`),
    index('content_items_column_published_idx').on(table.columnId, table.publishAt.desc(), table.id.desc()).where(sql`${table.status} = 'published'`),
    index('content_items_pinned_idx').on(table.publishAt.desc()).where(sql`${table.status} = 'published' AND (${table.pinned} OR ${table.featured})`),
    index('content_items_org_idx').on(table.orgId, table.updatedAt.desc()),
    index('content_items_review_idx').on(table.reviewOrgId).where(sql`${table.status} = 'pending_review'`),
    index('content_items_search_gin').using('gin', table.searchBigrams),
    index('content_items_files_gin').using('gin', table.fileIds),
  ],
);

/** The review trail of an item: each submission, forwarding upward, approval and return. */
export const contentReviews = pgTable(
  'content_reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: 'cascade' }),
    decision: reviewDecision().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    note: varchar({ length: 500 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('content_reviews_item_idx').on(table.itemId, table.createdAt)],
);

/**
 * What a member read: views, reading time by heartbeat while the page is visible, downloads. One
 * row per member and item; the points module reads it.
 */
export const contentReads = pgTable(
  'content_reads',
  {
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    itemId: uuid()
      .notNull()
      .references(() => contentItems.id, { onDelete: 'cascade' }),
    views: integer().notNull().default(0),
    readSeconds: integer().notNull().default(0),
    downloads: integer().notNull().default(0),
    firstViewedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.memberId, table.itemId] }), index('content_reads_item_idx').on(table.itemId)],
);

export type ContentColumn = typeof contentColumns.$inferSelect;
export type ContentItem = typeof contentItems.$inferSelect;
export type NewContentItem = typeof contentItems.$inferInsert;
export type ContentReview = typeof contentReviews.$inferSelect;
export type ContentRead = typeof contentReads.$inferSelect;
