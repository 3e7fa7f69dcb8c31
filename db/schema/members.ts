import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { DUES_CATEGORIES, MEMBER_CATEGORIES, MEMBER_STATUSES, OUTFLOW_REASONS } from '@/lib/members/member-status';
import { orgs } from './orgs';
import { bytea } from './types';

export const memberStatus = pgEnum('member_status', MEMBER_STATUSES);
export const gender = pgEnum('gender', ['male', 'female']);
export const outflowReason = pgEnum('outflow_reason', OUTFLOW_REASONS);
export const memberCategory = pgEnum('member_category', MEMBER_CATEGORIES);
export const duesCategory = pgEnum('dues_category', DUES_CATEGORIES);

export const members = pgTable(
  'members',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    groupId: integer().references(() => orgs.id),
    name: varchar({ length: 50 }).notNull(),
    // Character bigrams of the name: most Chinese names have 2–3 characters, too short for
    // trigram indexes (DESIGN.md §9). name_bigrams() is defined in migration 0000.
    nameBigrams: text()
      .array()
      .notNull()
      .generatedAlwaysAs(sql`name_bigrams(name)`),
    idNumberCipher: bytea().notNull(),
    idNumberHash: bytea().notNull(),
    idNumberMasked: varchar({ length: 18 }).notNull(),
    gender: gender().notNull(),
    birthDate: date().notNull(),
    phone: varchar({ length: 20 }),
    status: memberStatus().notNull().default('registered'),
    education: varchar({ length: 20 }),
    occupation: varchar({ length: 50 }),
    industry: varchar({ length: 50 }),
    skills: text().array().notNull().default(sql`'{}'::text[]`),
    monthlyIncomeCipher: bytea(),
    joinedPartyOn: date(),
    ethnicity: varchar({ length: 20 }),
    category: memberCategory().notNull().default('full'),
    // 预备期 end (one year after admission); 转正时间 once the branch has converted the member.
    probationEndsOn: date(),
    fullMemberOn: date(),
    workUnit: varchar({ length: 100 }),
    duesCategory: duesCategory(),
    familySituation: text(),
    difficulties: text(),
    emergencyContactName: varchar({ length: 50 }),
    emergencyContactRelation: varchar({ length: 20 }),
    emergencyContactPhone: varchar({ length: 20 }),
    lastContactOn: date(),
    // 联系人: the branch member responsible for keeping in touch with this one.
    contactPersonId: uuid().references((): AnyPgColumn => members.id, { onDelete: 'set null' }),
    // The host (流入地) org of the member's open outflow episode, kept by a trigger on
    // outflow_episodes (migration 0006), never written by the app: a host admin's list walks
    // members_hosted_list_idx instead of probing the episodes of every member in name order.
    hostOrgId: integer().references(() => orgs.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('members_id_number_hash_key').on(table.idNumberHash),
    index('members_org_name_idx').on(table.orgId, table.name, table.id),
    // Counting a scope reads every member's org_id: this index holds little else (org_id
    // deduplicates), 7 MB at 1,000,000 members against 62 MB for members_org_name_idx.
    index('members_org_idx').on(table.orgId),
    // The list's keyset orders (list-queries.ts) for scopes too large to sort: a 1,000,000-member
    // county walks an index in (key, id) order and stops after a page. org_id, status and skills
    // ride along so that the scope check and the commonest filters are answered from the index
    // alone (index-only scan) instead of one heap page per rejected row. skills stays far below the
    // btree row limit (2,700 bytes): at most 20 skills of 30 characters (field-values.ts).
    index('members_name_list_idx').on(table.name, table.id, table.orgId, table.status, table.skills),
    // Same sentinel day as the sort key (list-queries.ts NO_DAY), or the planner will not match them.
    index('members_last_contact_list_idx').on(sql`coalesce(${table.lastContactOn}, '0001-01-01'::date)`, table.id),
    index('members_joined_list_idx').on(sql`coalesce(${table.joinedPartyOn}, '0001-01-01'::date)`, table.id),
    index('members_hosted_list_idx').on(table.hostOrgId, table.name, table.id).where(sql`${table.hostOrgId} IS NOT NULL`),
    index('members_status_idx').on(table.status),
    index('members_phone_idx').on(table.phone),
    index('members_contact_person_idx').on(table.contactPersonId),
    index('members_skills_gin').using('gin', table.skills),
    index('members_name_bigrams_gin').using('gin', table.nameBigrams),
    check('members_phone_format', sql`${table.phone} ~ '^[0-9+-]{5,20}$'`),
  ],
);

/**
 * Members per home org and status, kept exact by statement triggers on members (migration 0006):
 * the list's count of a subtree sums ~1,000 rows instead of reading 1,000,000 index entries.
 */
export const orgMemberCounts = pgTable(
  'org_member_counts',
  {
    orgId: integer()
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    status: memberStatus().notNull(),
    members: integer().notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.status] })],
);

export const outflowEpisodes = pgTable(
  'outflow_episodes',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    startedOn: date().notNull(),
    endedOn: date(),
    regionCode: varchar({ length: 6 }).notNull(),
    place: varchar({ length: 200 }).notNull(),
    reason: outflowReason().notNull(),
    hostOrgId: integer().references(() => orgs.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('outflow_episodes_member_idx').on(table.memberId, table.startedOn),
    // One open episode per member: a member is away at one place at a time.
    uniqueIndex('outflow_episodes_one_open').on(table.memberId).where(sql`${table.endedOn} IS NULL`),
    index('outflow_episodes_region_idx').on(table.regionCode),
    // The member list asks of every candidate row "is there an open episode (in this region, for
    // this reason, hosted here)?": with these columns the answer needs no heap page.
    index('outflow_episodes_open_member_idx').on(table.memberId, table.hostOrgId, table.regionCode, table.reason).where(sql`${table.endedOn} IS NULL`),
    // A host (流入地) admin's list walks the name order and asks the same of thousands of rows per
    // page (one in seventy is hosted here): only hosted episodes, so the index stays small and cached.
    index('outflow_episodes_hosted_member_idx').on(table.memberId, table.hostOrgId).where(sql`${table.endedOn} IS NULL AND ${table.hostOrgId} IS NOT NULL`),
    // The same episodes from the host side: a host admin's count.
    index('outflow_episodes_hosted_by_idx').on(table.hostOrgId, table.memberId).where(sql`${table.endedOn} IS NULL AND ${table.hostOrgId} IS NOT NULL`),
  ],
);

export type Member = typeof members.$inferSelect;
export type NewMember = typeof members.$inferInsert;
export type OutflowEpisode = typeof outflowEpisodes.$inferSelect;
