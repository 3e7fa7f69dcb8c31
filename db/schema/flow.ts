import { sql } from 'drizzle-orm';
import { check, date, index, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { OUTFLOW_REPORT_STATUSES } from '@/lib/flow/report-status';
import { users } from './identity';
import { members, outflowEpisodes, outflowReason } from './members';

export const outflowReportStatus = pgEnum('outflow_report_status', OUTFLOW_REPORT_STATUSES);

/**
 * 外出报告 (issue 5 §1): a member tells the branch where, when and why they are going; the branch
 * confirms it, which opens the outflow episode, or sends it back with a reason. An admin may
 * record one for a member who did not report: it is stored confirmed, with the admin as filer.
 */
export const outflowReports = pgTable(
  'outflow_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    regionCode: varchar({ length: 6 }).notNull(),
    place: varchar({ length: 200 }).notNull(),
    reason: outflowReason().notNull(),
    leavesOn: date().notNull(),
    expectedMonths: smallint().notNull(),
    // The host organisation as the member knows it, if at all: 报到 later names the real one.
    plannedHost: varchar({ length: 100 }),
    phoneAway: varchar({ length: 20 }),
    note: text(),
    status: outflowReportStatus().notNull().default('pending'),
    filedBy: uuid()
      .notNull()
      .references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    episodeId: uuid().references(() => outflowEpisodes.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('outflow_reports_member_idx').on(table.memberId, table.createdAt.desc()),
    // The branch's queue: pending reports, oldest first.
    index('outflow_reports_pending_idx').on(table.createdAt, table.id).where(sql`${table.status} = 'pending'`),
    // One report waiting per member: a second would be a second journey before the first is known.
    uniqueIndex('outflow_reports_one_pending').on(table.memberId).where(sql`${table.status} = 'pending'`),
    check('outflow_reports_months', sql`${table.expectedMonths} BETWEEN 1 AND 120`),
    check('outflow_reports_phone_format', sql`${table.phoneAway} ~ '^[0-9+-]{5,20}$'`),
  ],
);

export type OutflowReport = typeof outflowReports.$inferSelect;
