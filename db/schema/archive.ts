import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgEnum, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { CONTACT_OUTCOMES, CONTACT_WAYS } from '@/lib/members/member-status';
import { users } from './identity';
import { members } from './members';
import { orgs } from './orgs';

/** The county's controlled skills dictionary: members pick from it so job notices can target them. */
export const skills = pgTable(
  'skills',
  {
    id: serial().primaryKey(),
    name: varchar({ length: 30 }).notNull(),
    category: varchar({ length: 30 }).notNull(),
    active: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('skills_name_key').on(table.name)],
);

export const contactWay = pgEnum('contact_way', CONTACT_WAYS);
export const contactOutcome = pgEnum('contact_outcome', CONTACT_OUTCOMES);

/** 动态联系: each time the branch reached a member. members.last_contact_on follows the newest. */
export const memberContacts = pgTable(
  'member_contacts',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    contactedOn: date().notNull(),
    way: contactWay().notNull(),
    // A call from a 电话通知 list is logged whatever came of it; only a 'reached' contact moves
    // members.last_contact_on, so an unanswered call never hides a member nobody has reached.
    outcome: contactOutcome().notNull().default('reached'),
    // Who made contact: a named person (often the 联系人), and the account that recorded it.
    contactedBy: varchar({ length: 50 }).notNull(),
    note: text(),
    recordedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('member_contacts_member_idx').on(table.memberId, table.contactedOn)],
);

/** 外出情况汇报: a floating member reports on their situation at least yearly. */
export const situationReports = pgTable(
  'situation_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    // Beijing year the report covers.
    year: smallint().notNull(),
    receivedOn: date().notNull(),
    summary: text().notNull(),
    recordedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('situation_reports_member_year_idx').on(table.memberId, table.year)],
);

/** 摸底排查: every member under `orgId` is asked to confirm or correct their record by the deadline. */
export const censuses = pgTable(
  'censuses',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    title: varchar({ length: 100 }).notNull(),
    note: text(),
    deadline: date().notNull(),
    closedAt: timestamp({ withTimezone: true }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('censuses_org_idx').on(table.orgId)],
);

export const changeRequestStatus = pgEnum('change_request_status', ['pending', 'approved', 'rejected', 'withdrawn']);

/** 修改申请: changed fields, a reason and evidence; approving applies them in the same transaction. */
export const changeRequests = pgTable(
  'change_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    submittedBy: uuid()
      .notNull()
      .references(() => users.id),
    reason: text().notNull(),
    evidenceFileIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    status: changeRequestStatus().notNull().default('pending'),
    censusId: uuid().references(() => censuses.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('change_requests_member_idx').on(table.memberId, table.createdAt),
    index('change_requests_status_idx').on(table.status, table.createdAt),
    index('change_requests_evidence_gin').using('gin', table.evidenceFileIds),
  ],
);

/**
 * One changed field of a request: old → new as shown to the member when they asked. Values are
 * the field's canonical text form; a sensitive field (income) holds sealed ciphertext instead.
 */
export const changeRequestFields = pgTable(
  'change_request_fields',
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => changeRequests.id, { onDelete: 'cascade' }),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    field: varchar({ length: 40 }).notNull(),
    oldValue: text(),
    newValue: text(),
    // True while the request is pending: no two pending requests may touch one field.
    pending: boolean().notNull().default(true),
  },
  (table) => [
    index('change_request_fields_request_idx').on(table.requestId),
    uniqueIndex('change_request_fields_one_pending').on(table.memberId, table.field).where(sql`${table.pending}`),
  ],
);

export const censusOutcome = pgEnum('census_outcome', ['confirmed', 'corrected']);

export const censusResponses = pgTable(
  'census_responses',
  {
    censusId: uuid()
      .notNull()
      .references(() => censuses.id, { onDelete: 'cascade' }),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    outcome: censusOutcome().notNull(),
    changeRequestId: uuid().references(() => changeRequests.id),
    respondedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.censusId, table.memberId] })],
);

export type Skill = typeof skills.$inferSelect;
export type MemberContact = typeof memberContacts.$inferSelect;
export type SituationReport = typeof situationReports.$inferSelect;
export type Census = typeof censuses.$inferSelect;
export type ChangeRequest = typeof changeRequests.$inferSelect;
export type ChangeRequestField = typeof changeRequestFields.$inferSelect;
export type CensusResponse = typeof censusResponses.$inferSelect;
