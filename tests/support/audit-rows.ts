import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { queryRows } from '@/db/rows';
import { settleAuditWrites } from '@/lib/audit/audit';

// The audit log as tests read it: where it ends now, and the rows written after that point
// (refusals are written on their own connection, so pending writes are settled first).

export type AuditRow = { action: string; outcome: string; entity_type: string | null; entity_id: string | null; org_id: number | null; actor_user_id: string | null; detail: Record<string, unknown> };

export async function lastAuditRowId(db: Database): Promise<number> {
  await settleAuditWrites();
  const [{ id }] = await queryRows<{ id: number }>(db, sql`SELECT coalesce(max(id), 0)::int AS id FROM audit_log`);
  return id;
}

export async function auditRowsAfter(db: Database, id: number): Promise<AuditRow[]> {
  await settleAuditWrites();
  return queryRows<AuditRow>(
    db,
    sql`SELECT action, outcome::text AS outcome, entity_type, entity_id, org_id, actor_user_id::text AS actor_user_id, detail FROM audit_log WHERE id > ${id} ORDER BY id`,
  );
}
