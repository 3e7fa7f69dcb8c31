import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { MEMBER_STATUSES, OUTFLOW_REASONS } from '@/lib/members/member-status';
import { orgs } from './orgs';
import { bytea } from './types';

export const memberStatus = pgEnum('member_status', MEMBER_STATUSES);
export const gender = pgEnum('gender', ['male', 'female']);
export const outflowReason = pgEnum('outflow_reason', OUTFLOW_REASONS);

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
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('members_id_number_hash_key').on(table.idNumberHash),
    index('members_org_name_idx').on(table.orgId, table.name, table.id),
    index('members_status_idx').on(table.status),
    index('members_name_bigrams_gin').using('gin', table.nameBigrams),
    check('members_phone_format', sql`${table.phone} ~ '^[0-9+-]{5,20}$'`),
  ],
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
  ],
);

export type Member = typeof members.$inferSelect;
export type NewMember = typeof members.$inferInsert;
export type OutflowEpisode = typeof outflowEpisodes.$inferSelect;
