import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { violatesUnique } from '@/db/errors';
import { inflowMembers, members, orgs } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { appendAudit } from '@/lib/audit/audit';
import { orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { PLACEMENT_TYPES } from '@/lib/orgs/org-types';
import { isWithinPath } from '@/lib/orgs/paths';
import { maskIdNumber } from '@/lib/security/masking';
import { encryptPii, piiLookupHash } from '@/lib/security/pii';
import { beijingDay } from '@/lib/time/beijing';
import { mayManageHosting } from './hosting';
import { noteAfterLeaving, parseInflowLeaving, parseInflowRegistration } from './inflow-rules';

// The 流入党员 register (issue 5 §4, transfer in). The org a member from outside the deployment
// reports to registers them; the audience is that of 报到 (host admins, and archive admins for
// the orgs of their subtree), each only for receiving orgs inside their own subtree. Each write
// goes with its audit row, which holds the masked ID number only (DESIGN.md §5).

const m = messages.inflow;
const e = m.errors;
export type InflowContext = { viewer: Viewer | null; ip: string; now?: Date };

/** Who keeps the register: the same admins who take 报到 at a host. */
export const mayManageInflow = (viewer: Viewer | null): viewer is Viewer => mayManageHosting(viewer);

// A member of the deployment who is still its own (not transferred out) reports through 报到, so
// registering them here too would count one person twice.
const OWN_MEMBER = ne(members.status, 'transferred_out');

export async function registerInflowMember(db: Database, ctx: InflowContext, raw: Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageInflow(viewer)) return forbidden();
  const parsed = parseInflowRegistration(raw, beijingDay(ctx.now));
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const { idNumber, ...input } = parsed.value;
  const idNumberHash = piiLookupHash(idNumber, 'member.id_number');
  const idNumberMasked = maskIdNumber(idNumber);
  try {
    return await db.transaction(async (tx) => {
      const [receiving] = await tx.select({ id: orgs.id, path: orgs.path, dissolvedAt: orgs.dissolvedAt }).from(orgs).where(eq(orgs.id, input.receivingOrgId));
      // An org that does not exist answers as one out of scope: ids are not to be probed.
      if (!receiving || !orgPathInScope(viewer, receiving.path)) return forbidden(e.outOfScope);
      if (receiving.dissolvedAt) return invalid({ receivingOrgId: [e.receivingDissolved] });
      const [placed] = await tx.select({ id: orgs.id, path: orgs.path, type: orgs.type, dissolvedAt: orgs.dissolvedAt }).from(orgs).where(eq(orgs.id, input.placedOrgId));
      if (!placed || placed.dissolvedAt || !isWithinPath(placed.path, receiving.path) || !PLACEMENT_TYPES.includes(placed.type)) {
        return invalid({ placedOrgId: [e.placement] });
      }
      const [own] = await tx.select({ id: members.id }).from(members).where(and(eq(members.idNumberHash, idNumberHash), OWN_MEMBER)).limit(1);
      if (own) return failed(e.deploymentMember);
      const [row] = await tx
        .insert(inflowMembers)
        .values({
          ...input,
          // The member's purpose: the same person's number hashes alike in both tables.
          idNumberCipher: encryptPii(idNumber, 'member.id_number'),
          idNumberHash,
          idNumberMasked,
          registeredBy: viewer.userId,
          createdAt: ctx.now ?? new Date(),
        })
        .returning({ id: inflowMembers.id });
      await appendAudit(tx, {
        actor: auditActor(viewer),
        action: 'inflow.register',
        entityType: 'inflow_member',
        entityId: row.id,
        orgId: receiving.id,
        ip: ctx.ip,
        outcome: 'success',
        detail: {
          receivingOrgId: receiving.id,
          placedOrgId: placed.id,
          idNumberMasked,
          originalOrgName: input.originalOrgName,
          certificateNumber: input.certificateNumber,
          reportedOn: input.reportedOn,
        },
      });
      return { status: 'success', message: m.results.registered, data: { inflowMemberId: row.id } } satisfies ActionState;
    });
  } catch (error) {
    if (violatesUnique(error, 'inflow_members_one_active')) return failed(e.alreadyActive);
    throw error;
  }
}

/** The member has left the receiving org: the row moves to the 已离开 list, kept for the record. */
export async function markInflowMemberLeft(db: Database, ctx: InflowContext, input: { inflowMemberId: string } & Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageInflow(viewer)) return forbidden();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ inflow: inflowMembers, receivingPath: orgs.path })
      .from(inflowMembers)
      .innerJoin(orgs, eq(orgs.id, inflowMembers.receivingOrgId))
      .where(eq(inflowMembers.id, input.inflowMemberId))
      .for('update', { of: inflowMembers });
    if (!row || !orgPathInScope(viewer, row.receivingPath)) return forbidden(e.notFound);
    const { inflow } = row;
    if (inflow.status !== 'active') return failed(e.alreadyLeft);
    const parsed = parseInflowLeaving(input, inflow.reportedOn, beijingDay(ctx.now));
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const { leftOn, reason } = parsed.value;
    await tx
      .update(inflowMembers)
      .set({ status: 'left', leftOn, note: noteAfterLeaving(inflow.note, reason, m.leave.reasonInNote) })
      .where(eq(inflowMembers.id, inflow.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'inflow.leave',
      entityType: 'inflow_member',
      entityId: inflow.id,
      orgId: inflow.receivingOrgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { idNumberMasked: inflow.idNumberMasked, leftOn, reason },
    });
    return { status: 'success', message: m.results.left } satisfies ActionState;
  });
}
