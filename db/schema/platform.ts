import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { orgs } from './orgs';

/** Fingerprints of the PII and HMAC keys: a restart with another key refuses to start. */
export const keyFingerprints = pgTable('key_fingerprints', {
  name: varchar({ length: 40 }).primaryKey(),
  fingerprint: varchar({ length: 64 }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const fileVisibility = pgEnum('file_visibility', ['scope', 'public']);

export const files = pgTable(
  'files',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Who may download: viewers whose scope contains this org ('scope'), or anyone ('public').
    orgId: integer()
      .notNull()
      .references(() => orgs.id),
    visibility: fileVisibility().notNull().default('scope'),
    originalName: varchar({ length: 255 }).notNull(),
    mime: varchar({ length: 100 }).notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: varchar({ length: 64 }).notNull(),
    storageKey: varchar({ length: 200 }).notNull(),
    uploadedBy: varchar({ length: 64 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('files_org_idx').on(table.orgId), uniqueIndex('files_storage_key').on(table.storageKey)],
);

export const jobStatus = pgEnum('job_status', ['queued', 'running', 'succeeded', 'dead']);

export const jobs = pgTable(
  'jobs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: varchar({ length: 80 }).notNull(),
    payload: jsonb().notNull().default(sql`'{}'::jsonb`),
    status: jobStatus().notNull().default('queued'),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    lastError: text(),
    lockedBy: varchar({ length: 100 }),
    lockedAt: timestamp({ withTimezone: true }),
    // Scheduled work names itself so a second enqueue of the same run is a no-op.
    uniqueKey: varchar({ length: 200 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('jobs_due_idx').on(table.runAt).where(sql`${table.status} = 'queued'`),
    uniqueIndex('jobs_unique_key').on(table.uniqueKey),
  ],
);

export type FileRecord = typeof files.$inferSelect;
export type Job = typeof jobs.$inferSelect;
