import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { activityCertificates, membershipTransfers, members, outflowEpisodes } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { appendAudit } from '@/lib/audit/audit';
import { orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { isManagedStatus } from '@/lib/members/four-clear';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { notifyMember } from '@/lib/notifications/queries';
import { beijingDay } from '@/lib/time/beijing';
import { parseTransferOut, receiptDayProblem } from './transfer-rules';
import { endRegistrations } from './hosting';
import { lockMember } from './member-lock';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { violatesUnique } from '@/db/errors';
import { leaveTemporaryBranch } from './temporary-branches';

// 组织关系转出 (issue 5 §4): the sending branch records the 介绍信, stays responsible while it is
// out, and logs the 回执; only then is the member 组织关系已转出. Each function authorises an
// archive admin against the member's branch and writes with its audit row in one transaction.

const tr = messages.flow.transfer;
const e = tr.errors;
export type TransferContext = { viewer: Viewer | null; ip: string; now?: Date };

const asArchiveAdmin = (viewer: Viewer | null): Viewer | null => (viewer && isArchiveAdmin(viewer) ? viewer : null);

/** The branch records the 介绍信 it issued; the member stays in its archive until the receipt. */
export async function recordTransferOut(db: Database, ctx: TransferContext, input: { memberId: string } & Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  const parsed = parseTransferOut(input, beijingDay(ctx.now));
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  try {
    return await db.transaction(async (tx) => {
      const member = await lockMember(tx, input.memberId);
      if (!member || !orgPathInScope(viewer, member.path)) return forbidden(messages.flow.errors.outOfScope);
      if (!isManagedStatus(member.status)) return failed(e.notManaged);
      const [transfer] = await tx
        .insert(membershipTransfers)
        .values({ memberId: member.id, ...parsed.value, issuedBy: viewer.userId })
        .returning({ id: membershipTransfers.id });
      await appendAudit(tx, {
        actor: auditActor(viewer),
        action: 'transfer.out',
        entityType: 'member',
        entityId: member.id,
        orgId: member.orgId,
        ip: ctx.ip,
        outcome: 'success',
        detail: { transferId: transfer.id, ...parsed.value },
      });
      return { status: 'success', message: tr.results.recorded, data: { transferId: transfer.id } } satisfies ActionState;
    });
  } catch (error) {
    if (violatesUnique(error, 'membership_transfers_one_open')) return failed(e.letterOut);
    throw error;
  }
}

async function lockTransfer(tx: Executor, viewer: Viewer, transferId: string) {
  // Member first, then letter: the order every flow write takes (workflow.ts lockForDecision).
  const [owner] = await tx.select({ memberId: membershipTransfers.memberId }).from(membershipTransfers).where(eq(membershipTransfers.id, transferId));
  if (!owner) return forbidden(e.notFound);
  const member = await lockMember(tx, owner.memberId);
  if (!member || !orgPathInScope(viewer, member.path)) return forbidden(e.notFound);
  const [transfer] = await tx.select().from(membershipTransfers).where(eq(membershipTransfers.id, transferId)).for('update');
  if (!transfer || transfer.memberId !== member.id) return forbidden(e.notFound);
  if (transfer.status !== 'awaiting_receipt') return failed(e.notAwaiting);
  return { transfer, member };
}

/**
 * The 回执 is back: the transfer completes, the member is 组织关系已转出, an open outflow episode
 * ends and a held 活动证 is taken back — all on the receipt day, in one transaction.
 */
export async function logTransferReceipt(db: Database, ctx: TransferContext, input: { transferId: string; receiptOn: string }): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  return db.transaction(async (tx) => {
    const locked = await lockTransfer(tx, viewer, input.transferId);
    if ('status' in locked) return locked;
    const { transfer, member } = locked;
    const problem = receiptDayProblem(input.receiptOn, transfer.issuedOn, beijingDay(ctx.now));
    if (problem) return invalid({ receiptOn: [problem] });
    await tx
      .update(membershipTransfers)
      .set({ status: 'received', receiptOn: input.receiptOn, closedBy: viewer.userId })
      .where(eq(membershipTransfers.id, transfer.id));
    await tx.update(members).set({ status: 'transferred_out', updatedAt: new Date() }).where(eq(members.id, member.id));
    if (member.openEpisode && member.openEpisode.startedOn > input.receiptOn) {
      // A journey booked for a day after the receipt never began: it goes, as when called off.
      await tx.delete(outflowEpisodes).where(eq(outflowEpisodes.id, member.openEpisode.id));
    } else if (member.openEpisode) {
      await tx.update(outflowEpisodes).set({ endedOn: input.receiptOn }).where(eq(outflowEpisodes.id, member.openEpisode.id));
      await endRegistrations(tx, member.openEpisode.id);
    }
    // Membership gone, the member takes part in no 临时党支部 either (whichever way the journey ended).
    await leaveTemporaryBranch(tx, { viewer, ip: ctx.ip, now: ctx.now }, member.id, input.receiptOn);
    const certificates = await tx
      .update(activityCertificates)
      .set({
        status: 'returned',
        // Never before the certificate's own issue day (one issued after the letter went out).
        handedInOn: sql`greatest(${input.receiptOn}::date, ${activityCertificates.issuedOn})`,
        inspectedBy: viewer.userId,
        inspectionNote: messages.flow.certificate.transferredOut,
      })
      .where(and(eq(activityCertificates.memberId, member.id), eq(activityCertificates.status, 'valid')))
      .returning({ id: activityCertificates.id });
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'transfer.receipt',
      entityType: 'member',
      entityId: member.id,
      orgId: member.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: {
        transferId: transfer.id,
        receiptOn: input.receiptOn,
        episodeEnded: member.openEpisode?.id ?? null,
        certificatesTakenBack: certificates.map((row) => row.id),
        before: { status: member.status },
        after: { status: 'transferred_out' },
      },
    });
    await notifyMember(tx, {
      memberId: member.id,
      category: 'request_result',
      title: messages.flow.notifications.transferTitle,
      body: messages.flow.notifications.transferBody(transfer.receivingOrgName),
      link: '/flow',
    });
    return { status: 'success', message: tr.results.received } satisfies ActionState;
  });
}

/** A letter not used (the member stayed, or it was written wrong) is withdrawn with a reason. */
export async function cancelTransfer(db: Database, ctx: TransferContext, input: { transferId: string; reason: string }): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  const reason = input.reason.trim();
  if (reason.length < 2 || reason.length > 500) return invalid({ reason: [e.cancelReason] });
  return db.transaction(async (tx) => {
    const locked = await lockTransfer(tx, viewer, input.transferId);
    if ('status' in locked) return locked;
    const { transfer, member } = locked;
    await tx
      .update(membershipTransfers)
      .set({ status: 'cancelled', closedBy: viewer.userId, note: transfer.note ? `${transfer.note}\n${tr.cancelReason}：${reason}` : `${tr.cancelReason}：${reason}` })
      .where(eq(membershipTransfers.id, transfer.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'transfer.cancel',
      entityType: 'member',
      entityId: member.id,
      orgId: member.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { transferId: transfer.id, reason },
    });
    return { status: 'success', message: tr.results.cancelled } satisfies ActionState;
  });
}
