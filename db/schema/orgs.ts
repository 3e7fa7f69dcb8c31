import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, integer, pgEnum, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { ORG_TYPES } from '@/lib/orgs/org-types';
import { ltree } from './types';

export const orgType = pgEnum('org_type', ORG_TYPES);

export const orgs = pgTable(
  'orgs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer().references((): AnyPgColumn => orgs.id),
    name: varchar({ length: 100 }).notNull(),
    type: orgType().notNull(),
    // Ancestors' ids and its own, joined by '.'; kept by lib/orgs, never by hand.
    path: ltree().notNull(),
    regionCode: varchar({ length: 6 }),
    contactPhone: varchar({ length: 20 }),
    sortOrder: integer().notNull().default(0),
    dissolvedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('orgs_path_gist').using('gist', table.path),
    index('orgs_parent_idx').on(table.parentId),
    check('orgs_region_code_format', sql`${table.regionCode} ~ '^[0-9]{6}$'`),
  ],
);

export type Org = typeof orgs.$inferSelect;
export type NewOrg = typeof orgs.$inferInsert;
