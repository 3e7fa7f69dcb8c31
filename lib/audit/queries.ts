import 'server-only';
import { and, desc, eq, lt, or, isNull, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';

export type AuditListItem = {
  id: number;
  at: Date;
  actorName: string | null;
  actorTier: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  outcome: 'success' | 'failure';
  detail: unknown;
};

export const AUDIT_PAGE_SIZE = 50;

/**
 * The trail of the viewer's subtree, newest first, by keyset (`before` an id). Rows that belong
 * to no org (anonymous failures, system work) are the county's to see.
 */
export async function listAuditEntries(
  viewer: Viewer,
  filter: { action?: string; outcome?: 'success' | 'failure'; before?: number },
): Promise<AuditListItem[]> {
  const conditions: SQL[] = [
    viewer.tier === 'county_admin'
      ? (or(inViewerScope(auditLog.orgId, viewer), isNull(auditLog.orgId)) as SQL)
      : inViewerScope(auditLog.orgId, viewer),
  ];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.outcome) conditions.push(eq(auditLog.outcome, filter.outcome));
  if (filter.before) conditions.push(lt(auditLog.id, filter.before));
  return getDb()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorName: users.displayName,
      actorTier: auditLog.actorTier,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      ip: auditLog.ip,
      outcome: auditLog.outcome,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE);
}

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.activate',
  'auth.reset',
  'auth.totp_enrolled',
  'auth.session_end',
  'auth.passkey_added',
  'auth.passkey_removed',
  'auth.passkey_login',
  'account.create',
  'account.disable',
  'account.enable',
  'account.reset_code',
  'account.unlock',
  'member.activation_code',
  // Change requests, the member's own archive and the census (issue 4).
  'change_request.file',
  'change_request.withdraw',
  'change_request.approve',
  'change_request.reject',
  'change_request.reveal',
  'change_request.evidence_upload',
  'member.self_update',
  'member.reveal_own',
  'census.open',
  'census.close',
  'census.respond',
  'claim.file',
  'claim.verify',
  'claim.reject',
  // The skills dictionary (lib/skills).
  'skill.create',
  'skill.rename',
  'skill.set_active',
  'skill.reorder',
  // 电话通知 (lib/call-lists); each call's outcome is a 'member.contact' row.
  'call_list.create',
  'call_list.reveal',
  'call_list.close',
] as const;
