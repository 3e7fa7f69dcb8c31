import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { activityCertificates, members, outflowEpisodes, outflowReports } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { appendAudit } from '@/lib/audit/audit';
import { orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import type { MemberStatus } from '@/lib/members/member-status';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { notifyMember } from '@/lib/notifications/queries';
import { beijingDay } from '@/lib/time/beijing';
import { inspectionNoteProblem } from './certificate-rules';
import { endRegistrations } from './hosting';
import { lockMember, type LockedMember } from './member-lock';
import { canDecideReport, canWithdrawReport, decisionReasonProblem, destinationText, mayGoAway, parseOutflowReport, returnDayProblem, type OutflowPlan } from './rules';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { violatesUnique } from '@/db/errors';
import { leaveTemporaryBranch } from './temporary-branches';

// The 外出报告 workflow and the outflow episode's opening and closing (issue 5 §1, §4). Each
// function authorises its viewer itself — a member acts on their own reports, an archive admin on
// members whose branch lies in their subtree — and writes in one transaction with its audit row
// and the member's notification. The server actions (actions.ts) are thin wrappers.

const t = messages.flow;
const e = t.errors;
export type FlowContext = { viewer: Viewer | null; ip: string; now?: Date };


type MemberViewer = Viewer & { memberId: string };
const asMember = (viewer: Viewer | null): MemberViewer | null => (viewer?.tier === 'member' && viewer.memberId ? (viewer as MemberViewer) : null);
const asArchiveAdmin = (viewer: Viewer | null): Viewer | null => (viewer && isArchiveAdmin(viewer) ? viewer : null);

const ONE_PENDING_CONSTRAINT = 'outflow_reports_one_pending';
const ONE_OPEN_EPISODE_CONSTRAINT = 'outflow_episodes_one_open';

/** Opens the episode the plan describes and marks the member 流出中, audited with the status before and after. */
async function openEpisode(tx: Executor, member: LockedMember, plan: OutflowPlan): Promise<string> {
  const [episode] = await tx
    .insert(outflowEpisodes)
    .values({ memberId: member.id, startedOn: plan.leavesOn, regionCode: plan.regionCode, place: plan.place, reason: plan.reason })
    .returning({ id: outflowEpisodes.id });
  await tx.update(members).set({ status: 'outflow', updatedAt: new Date() }).where(eq(members.id, member.id));
  return episode.id;
}

const planOf = (report: typeof outflowReports.$inferSelect): OutflowPlan => ({
  regionCode: report.regionCode,
  place: report.place,
  reason: report.reason,
  leavesOn: report.leavesOn,
  expectedMonths: report.expectedMonths,
  plannedHost: report.plannedHost,
  phoneAway: report.phoneAway,
  note: report.note,
});

/** A member reports going away (or, late, having gone). The branch confirms it. */
export async function fileOutflowReport(db: Database, ctx: FlowContext, raw: Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = asMember(ctx.viewer);
  if (!viewer) return forbidden();
  const now = ctx.now ?? new Date();
  const parsed = parseOutflowReport(raw, beijingDay(now));
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const plan = parsed.value;
  try {
    return await db.transaction(async (tx) => {
      const member = await lockMember(tx, viewer.memberId);
      if (!member) return forbidden();
      if (!mayGoAway(member.status) || member.openEpisode) return failed(e.notAllowed);
      const [report] = await tx
        .insert(outflowReports)
        .values({ memberId: member.id, ...plan, filedBy: viewer.userId, createdAt: now })
        .returning({ id: outflowReports.id });
      await appendAudit(tx, {
        actor: auditActor(viewer),
        action: 'outflow_report.file',
        entityType: 'member',
        entityId: member.id,
        orgId: member.orgId,
        ip: ctx.ip,
        outcome: 'success',
        detail: { reportId: report.id, region: plan.regionCode, reason: plan.reason, leavesOn: plan.leavesOn, expectedMonths: plan.expectedMonths },
      });
      return { status: 'success', message: t.results.filed, data: { reportId: report.id } } satisfies ActionState;
    });
  } catch (error) {
    // The member row lock serialises one member's filings; the index is the last word all the same.
    if (violatesUnique(error, ONE_PENDING_CONSTRAINT)) return failed(e.pendingExists);
    throw error;
  }
}

/** The member takes back a report the branch has not decided. */
export async function withdrawOutflowReport(db: Database, ctx: FlowContext, input: { reportId: string }): Promise<ActionState> {
  const viewer = asMember(ctx.viewer);
  if (!viewer) return forbidden();
  return db.transaction(async (tx) => {
    const [report] = await tx.select().from(outflowReports).where(eq(outflowReports.id, input.reportId)).for('update');
    // Another member's report looks like a missing one.
    if (!report || report.memberId !== viewer.memberId) return forbidden(e.notFound);
    if (!canWithdrawReport(report.status)) return failed(e.alreadyDecided);
    const [member] = await tx.select({ orgId: members.orgId }).from(members).where(eq(members.id, viewer.memberId));
    await tx
      .update(outflowReports)
      .set({ status: 'withdrawn', decidedAt: ctx.now ?? new Date() })
      .where(eq(outflowReports.id, report.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'outflow_report.withdraw',
      entityType: 'member',
      entityId: viewer.memberId,
      orgId: member.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { reportId: report.id },
    });
    return { status: 'success', message: t.results.withdrawn } satisfies ActionState;
  });
}

type LockedReport = { report: typeof outflowReports.$inferSelect; member: LockedMember };

/**
 * Locks a pending report and its member, checking the admin's scope against the member's branch as
 * it is now. Member first, then report: the order every flow write takes, so two admins acting on
 * one member (one confirming, one recording the journey) wait for each other instead of deadlocking.
 */
async function lockForDecision(tx: Executor, viewer: Viewer, reportId: string): Promise<LockedReport | ActionState> {
  const [owner] = await tx.select({ memberId: outflowReports.memberId }).from(outflowReports).where(eq(outflowReports.id, reportId));
  if (!owner) return forbidden(e.notFound);
  const member = await lockMember(tx, owner.memberId);
  if (!member || !orgPathInScope(viewer, member.path)) return forbidden(e.outOfScope);
  const [report] = await tx.select().from(outflowReports).where(eq(outflowReports.id, reportId)).for('update');
  if (!report || report.memberId !== member.id) return forbidden(e.notFound);
  if (!canDecideReport(report.status)) return failed(e.alreadyDecided);
  return { report, member };
}

/** The branch confirms a report: the outflow episode opens and the member is 流出中 from the day they left. */
export async function confirmOutflowReport(db: Database, ctx: FlowContext, input: { reportId: string }): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  return db.transaction(async (tx) => {
    const locked = await lockForDecision(tx, viewer, input.reportId);
    if ('status' in locked) return locked;
    const { report, member } = locked;
    // The member may have been recorded away, transferred or suspended since filing.
    if (member.openEpisode) return failed(e.memberAway);
    if (!mayGoAway(member.status)) return failed(e.memberNotAvailable);
    const episodeId = await openEpisode(tx, member, planOf(report));
    await tx
      .update(outflowReports)
      .set({ status: 'confirmed', decidedBy: viewer.userId, decidedAt: ctx.now ?? new Date(), episodeId })
      .where(eq(outflowReports.id, report.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'outflow_report.confirm',
      entityType: 'member',
      entityId: member.id,
      orgId: member.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { reportId: report.id, episodeId, before: { status: member.status }, after: { status: 'outflow' } },
    });
    await notifyMember(tx, {
      memberId: member.id,
      category: 'request_result',
      title: t.notifications.confirmedTitle,
      body: t.notifications.confirmedBody(destinationText(report.regionCode, report.place)),
      link: '/flow',
    });
    return { status: 'success', message: t.results.confirmed } satisfies ActionState;
  });
}

/** The branch sends a report back with a reason the member reads; nothing else changes. */
export async function returnOutflowReport(db: Database, ctx: FlowContext, input: { reportId: string; reason: string }): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  const problem = decisionReasonProblem(input.reason);
  if (problem) return invalid({ reason: [problem] });
  const reason = input.reason.trim();
  return db.transaction(async (tx) => {
    const locked = await lockForDecision(tx, viewer, input.reportId);
    if ('status' in locked) return locked;
    const { report, member } = locked;
    await tx
      .update(outflowReports)
      .set({ status: 'returned', decidedBy: viewer.userId, decidedAt: ctx.now ?? new Date(), decisionNote: reason })
      .where(eq(outflowReports.id, report.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'outflow_report.return',
      entityType: 'member',
      entityId: member.id,
      orgId: member.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { reportId: report.id, reason },
    });
    await notifyMember(tx, {
      memberId: member.id,
      category: 'request_result',
      title: t.notifications.returnedTitle,
      body: t.notifications.returnedBody(reason),
      link: '/flow',
    });
    return { status: 'success', message: t.results.returned } satisfies ActionState;
  });
}

/**
 * The branch records a journey the member did not report: stored as a confirmed report filed by
 * the admin, with the episode opened at once. A report the member left pending is superseded.
 */
export async function openOutflowForMember(db: Database, ctx: FlowContext, input: { memberId: string } & Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  const now = ctx.now ?? new Date();
  const parsed = parseOutflowReport(input, beijingDay(now));
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const plan = parsed.value;
  try {
    return await db.transaction(async (tx) => {
      const member = await lockMember(tx, input.memberId);
      if (!member || !orgPathInScope(viewer, member.path)) return forbidden(e.outOfScope);
      if (member.openEpisode) return failed(e.memberAway);
      if (!mayGoAway(member.status)) return failed(e.memberNotAvailable);
      const superseded = await tx
        .update(outflowReports)
        .set({ status: 'withdrawn', decidedBy: viewer.userId, decidedAt: now, decisionNote: t.review.byAdmin })
        .where(and(eq(outflowReports.memberId, member.id), eq(outflowReports.status, 'pending')))
        .returning({ id: outflowReports.id });
      const episodeId = await openEpisode(tx, member, plan);
      const [report] = await tx
        .insert(outflowReports)
        .values({ memberId: member.id, ...plan, status: 'confirmed', filedBy: viewer.userId, decidedBy: viewer.userId, decidedAt: now, episodeId, createdAt: now })
        .returning({ id: outflowReports.id });
      await appendAudit(tx, {
        actor: auditActor(viewer),
        action: 'outflow.open',
        entityType: 'member',
        entityId: member.id,
        orgId: member.orgId,
        ip: ctx.ip,
        outcome: 'success',
        detail: {
          reportId: report.id,
          episodeId,
          region: plan.regionCode,
          leavesOn: plan.leavesOn,
          supersededReports: superseded.map((row) => row.id),
          before: { status: member.status },
          after: { status: 'outflow' },
        },
      });
      await notifyMember(tx, {
        memberId: member.id,
        category: 'request_result',
        title: t.notifications.openedTitle,
        body: t.notifications.openedBody(destinationText(plan.regionCode, plan.place)),
        link: '/flow',
      });
      return { status: 'success', message: t.results.opened, data: { episodeId } } satisfies ActionState;
    });
  } catch (error) {
    if (violatesUnique(error, ONE_OPEN_EPISODE_CONSTRAINT)) return failed(e.memberAway);
    throw error;
  }
}

/**
 * The member is back: the open episode ends on the day of return and the member is 已返乡. A
 * 活动证 the member holds is handed in and inspected (查验) in the same act, with the inspection's
 * findings recorded.
 */
export async function recordReturnHome(
  db: Database,
  ctx: FlowContext,
  input: { memberId: string; returnedOn: string; note?: string; inspectionNote?: string },
): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  const note = input.note?.trim() ?? '';
  if (note.length > 500) return invalid({ note: [e.note] });
  return db.transaction(async (tx) => {
    const member = await lockMember(tx, input.memberId);
    if (!member || !orgPathInScope(viewer, member.path)) return forbidden(e.outOfScope);
    if (!member.openEpisode) return failed(e.notAway);
    const today = beijingDay(ctx.now ?? new Date());
    const episode = member.openEpisode;
    // A journey confirmed ahead of its day and called off before it began: the episode is removed
    // (its report stays, confirmed, without it) and the member is at home as before.
    const calledOff = episode.startedOn > today;
    const returnedOn = calledOff ? today : input.returnedOn;
    if (!calledOff) {
      const problem = returnDayProblem(returnedOn, episode.startedOn, today);
      if (problem) return invalid({ [problem.field]: [problem.message] });
    }
    const [certificate] = await tx
      .select({ id: activityCertificates.id, issuedOn: activityCertificates.issuedOn })
      .from(activityCertificates)
      .where(and(eq(activityCertificates.memberId, member.id), eq(activityCertificates.status, 'valid')))
      .for('update');
    const inspectionNote = input.inspectionNote?.trim() ?? '';
    if (certificate) {
      // A certificate cannot be handed in before it was issued.
      if (!calledOff && returnedOn < certificate.issuedOn) return invalid({ returnedOn: [e.returnedBeforeCertificate(certificate.issuedOn)] });
      const inspectionProblem = inspectionNoteProblem(inspectionNote);
      if (inspectionProblem) return invalid({ inspectionNote: [inspectionProblem] });
      await tx
        .update(activityCertificates)
        .set({ status: 'returned', handedInOn: returnedOn, inspectedBy: viewer.userId, inspectionNote })
        .where(eq(activityCertificates.id, certificate.id));
    }
    if (calledOff) await tx.delete(outflowEpisodes).where(eq(outflowEpisodes.id, episode.id));
    else {
      await tx.update(outflowEpisodes).set({ endedOn: returnedOn }).where(eq(outflowEpisodes.id, episode.id));
      await endRegistrations(tx, episode.id);
      await leaveTemporaryBranch(tx, { viewer, ip: ctx.ip, now: ctx.now }, member.id, returnedOn);
    }
    // Only 流出中 changes: a member recorded 失联 while away stays so until the branch says otherwise.
    const after: MemberStatus = member.status !== 'outflow' ? member.status : calledOff ? 'registered' : 'returned';
    if (after !== member.status) await tx.update(members).set({ status: after, updatedAt: new Date() }).where(eq(members.id, member.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: calledOff ? 'outflow.call_off' : 'outflow.return_home',
      entityType: 'member',
      entityId: member.id,
      orgId: member.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: {
        episodeId: episode.id,
        startedOn: episode.startedOn,
        returnedOn: calledOff ? null : returnedOn,
        note: note || null,
        certificateHandedIn: certificate?.id ?? null,
        before: { status: member.status },
        after: { status: after },
      },
    });
    await notifyMember(tx, {
      memberId: member.id,
      category: 'request_result',
      title: calledOff ? t.notifications.calledOffTitle : t.notifications.homeTitle,
      body: calledOff ? t.notifications.calledOffBody(episode.startedOn) : t.notifications.homeBody(returnedOn),
      link: '/flow',
    });
    if (calledOff) return { status: 'success', message: t.results.calledOff } satisfies ActionState;
    return { status: 'success', message: t.results.returnedHome } satisfies ActionState;
  });
}
