import { bigint, index, integer, jsonb, pgEnum, pgTable, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { tier } from './identity';
import { bytea } from './types';

export const auditOutcome = pgEnum('audit_outcome', ['success', 'failure']);

/**
 * Append-only, hash-chained audit trail (DESIGN.md §5): each row's hash covers its content and
 * the previous row's hash, so an edit or deletion breaks the chain. A trigger (migration)
 * refuses UPDATE and DELETE. Never holds a full ID number or a password.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid(),
    actorTier: tier(),
    action: varchar({ length: 80 }).notNull(),
    entityType: varchar({ length: 40 }),
    entityId: varchar({ length: 64 }),
    // The org the act concerns, so admins see the trail of their own subtree only.
    orgId: integer(),
    ip: varchar({ length: 64 }),
    outcome: auditOutcome().notNull(),
    detail: jsonb().notNull(),
    prevHash: bytea().notNull(),
    hash: bytea().notNull(),
  },
  (table) => [
    index('audit_log_org_at_idx').on(table.orgId, table.at),
    index('audit_log_actor_idx').on(table.actorUserId, table.at),
    index('audit_log_entity_idx').on(table.entityType, table.entityId),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
