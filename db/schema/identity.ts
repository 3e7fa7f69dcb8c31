import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { TIERS } from '@/lib/auth/viewer';
import { members } from './members';
import { orgs } from './orgs';
import { bytea } from './types';

export const tier = pgEnum('tier', TIERS);

/**
 * A person who can sign in: a member (bound to their archive row, tier `member`) or an admin
 * account (username, tier above member, capabilities inside the subtree of `orgId`).
 */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    memberId: uuid().references(() => members.id),
    username: varchar({ length: 50 }),
    displayName: varchar({ length: 50 }).notNull(),
    tier: tier().notNull(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    capabilities: text().array().notNull().default(sql`'{}'::text[]`),
    passwordHash: text(),
    passwordChangedAt: timestamp({ withTimezone: true }),
    totpSecretCipher: bytea(),
    totpEnrolledAt: timestamp({ withTimezone: true }),
    // Each TOTP code is accepted once: the last accepted time step is kept.
    totpLastStep: bigint({ mode: 'number' }),
    consentVersion: varchar({ length: 20 }),
    consentedAt: timestamp({ withTimezone: true }),
    disabledAt: timestamp({ withTimezone: true }),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('users_member_key').on(table.memberId),
    uniqueIndex('users_username_key').on(sql`lower(${table.username})`),
    index('users_org_idx').on(table.orgId),
  ],
);

/** Server-side sessions: the JWT carries only the id, so revocation takes effect at once. */
export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the random session id; the id itself lives only in the user's cookie.
    idHash: varchar({ length: 64 }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    idleExpiresAt: timestamp({ withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    ip: varchar({ length: 64 }),
    userAgent: varchar({ length: 300 }),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

export const oneTimeCodePurpose = pgEnum('one_time_code_purpose', ['activation', 'reset']);

/** Branch-issued activation codes and admin-issued reset codes: random, single use, expiring. */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    purpose: oneTimeCodePurpose().notNull(),
    memberId: uuid().references(() => members.id, { onDelete: 'cascade' }),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    codeHash: bytea().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    issuedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('one_time_codes_member_idx').on(table.memberId), index('one_time_codes_user_idx').on(table.userId)],
);

/** Failure counters per account and per IP, in the database so every instance shares them. */
export const authThrottles = pgTable('auth_throttles', {
  key: varchar({ length: 120 }).primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp({ withTimezone: true }),
  // How many times this key has been locked: each lock doubles, up to 24 hours.
  lockLevel: integer().notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Session = typeof sessions.$inferSelect;

/** WebAuthn credentials a member added as an alternative to their password. */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // base64url credential id, as the authenticator returns it.
    credentialId: varchar({ length: 1400 }).notNull(),
    publicKey: bytea().notNull(),
    // Signature counter: a value that does not increase suggests a cloned authenticator.
    counter: bigint({ mode: 'number' }).notNull().default(0),
    transports: text().array().notNull().default(sql`'{}'::text[]`),
    deviceType: varchar({ length: 20 }).notNull(),
    backedUp: boolean().notNull().default(false),
    label: varchar({ length: 60 }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (table) => [uniqueIndex('passkeys_credential_key').on(table.credentialId), index('passkeys_user_idx').on(table.userId)],
);

/** Each WebAuthn challenge is accepted once, across every instance. */
export const usedWebauthnChallenges = pgTable(
  'used_webauthn_challenges',
  {
    challengeHash: varchar({ length: 64 }).primaryKey(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('used_webauthn_challenges_expiry_idx').on(table.expiresAt)],
);

export const memberClaimStatus = pgEnum('member_claim_status', ['pending', 'verified', 'rejected']);

/**
 * "不在库" claims: a person whose name + ID matched no archive names the branch they belong to;
 * that branch verifies them (识别) and creates the archive, or rejects the claim.
 */
export const memberClaims = pgTable(
  'member_claims',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    name: varchar({ length: 50 }).notNull(),
    idNumberCipher: bytea().notNull(),
    idNumberHash: bytea().notNull(),
    idNumberMasked: varchar({ length: 18 }).notNull(),
    phone: varchar({ length: 20 }).notNull(),
    note: text(),
    consentVersion: varchar({ length: 20 }).notNull(),
    status: memberClaimStatus().notNull().default('pending'),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    memberId: uuid().references(() => members.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('member_claims_org_status_idx').on(table.orgId, table.status, table.createdAt),
    // One open claim per ID number: repeated filings do not pile up in a branch's queue.
    uniqueIndex('member_claims_one_pending').on(table.idNumberHash).where(sql`${table.status} = 'pending'`),
  ],
);

export type Passkey = typeof passkeys.$inferSelect;
export type MemberClaim = typeof memberClaims.$inferSelect;
