import 'server-only';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { activityCertificates, hostFeedback, hostRegistrations, members, orgs, outflowEpisodes } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { appendAudit } from '@/lib/audit/audit';
import { orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { notifyMember } from '@/lib/notifications/queries';
import { isWithinPath } from '@/lib/orgs/paths';
import { beijingDay } from '@/lib/time/beijing';
import { declineReasonProblem, parseFeedback, parseRegistration } from './hosting-rules';
import { lockMember } from './member-lock';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { violatesUnique } from '@/db/errors';
import { PLACEMENT_TYPES } from '@/lib/orgs/org-types';

// 报到 at the host and the host's 表现反馈 (issue 5 §3). The member files; the admin of the host
// (a host admin, or an archive admin whose subtree holds the host) accepts — placing the member,
// which sets the episode's host — or declines. Each function writes with its audit row.

const h = messages.flow.hosting;
const e = h.errors;
export type HostingContext = { viewer: Viewer | null; ip: string; now?: Date };


/** Host admins, and archive admins (a county admin may act for a host of its deployment). */
export function mayManageHosting(viewer: Viewer | null): viewer is Viewer {
  return viewer !== null && (viewer.tier === 'host_admin' || isArchiveAdmin(viewer));
}

/** Orgs a member may report to: the deployment's 流入地党组织 (type host), not dissolved. */
export async function listHostOrgs(db: Executor): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(and(eq(orgs.type, 'host'), isNull(orgs.dissolvedAt)))
    .orderBy(orgs.sortOrder, orgs.id);
}

/** The member reports to a host of the deployment (then waits) or records one outside it. */
export async function fileRegistration(db: Database, ctx: HostingContext, raw: Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (viewer?.tier !== 'member' || !viewer.memberId) return forbidden();
  const memberId = viewer.memberId;
  try {
    return await db.transaction(async (tx) => {
      const member = await lockMember(tx, memberId);
      if (!member?.openEpisode) return failed(e.notAway);
      const parsed = parseRegistration(raw, member.openEpisode.startedOn, beijingDay(ctx.now));
      if (!parsed.ok) return invalid(parsed.fieldErrors);
      const input = parsed.value;
      if (input.hostOrgId !== null) {
        const [host] = await tx
          .select({ id: orgs.id })
          .from(orgs)
          .where(and(eq(orgs.id, input.hostOrgId), eq(orgs.type, 'host'), isNull(orgs.dissolvedAt)));
        if (!host) return invalid({ hostOrgId: [e.hostNotFound] });
      }
      const status = input.hostOrgId === null ? 'outside' : 'pending';
      const [registration] = await tx
        .insert(hostRegistrations)
        .values({ memberId, episodeId: member.openEpisode.id, ...input, status, createdAt: ctx.now ?? new Date() })
        .returning({ id: hostRegistrations.id });
      await appendAudit(tx, {
        actor: auditActor(viewer),
        action: 'hosting.register',
        entityType: 'member',
        entityId: memberId,
        orgId: member.orgId,
        ip: ctx.ip,
        outcome: 'success',
        detail: { registrationId: registration.id, hostOrgId: input.hostOrgId, outsideOrgName: input.outsideOrgName, reportedOn: input.reportedOn, status },
      });
      return { status: 'success', message: status === 'outside' ? h.results.recorded : h.results.filed } satisfies ActionState;
    });
  } catch (error) {
    if (violatesUnique(error, 'host_registrations_one_live')) return failed(e.alreadyRegistered);
    throw error;
  }
}

type LockedRegistration = { registration: typeof hostRegistrations.$inferSelect; hostPath: string; memberOrgId: number };

/** Member first (every flow write's lock order), then the registration; the host must lie in the viewer's subtree. */
async function lockForDecision(tx: Executor, viewer: Viewer, registrationId: string): Promise<LockedRegistration | ActionState> {
  const [owner] = await tx.select({ memberId: hostRegistrations.memberId }).from(hostRegistrations).where(eq(hostRegistrations.id, registrationId));
  if (!owner) return forbidden(e.notFound);
  const member = await lockMember(tx, owner.memberId);
  const [row] = await tx
    .select({ registration: hostRegistrations, hostPath: orgs.path })
    .from(hostRegistrations)
    .innerJoin(orgs, eq(orgs.id, hostRegistrations.hostOrgId))
    .where(eq(hostRegistrations.id, registrationId))
    .for('update', { of: hostRegistrations });
  if (!member || !row || !orgPathInScope(viewer, row.hostPath)) return forbidden(e.outOfScope);
  if (row.registration.status !== 'pending') return failed(e.alreadyDecided);
  return { ...row, memberOrgId: member.orgId };
}

/**
 * The host accepts: the 活动证 (if the member holds one) has been checked, and the member is placed
 * in an org of the host's subtree, which becomes the episode's host (members.host_org_id follows).
 */
export async function acceptRegistration(
  db: Database,
  ctx: HostingContext,
  input: { registrationId: string; placedOrgId: number; certificateChecked: boolean },
): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageHosting(viewer)) return forbidden();
  return db.transaction(async (tx) => {
    const locked = await lockForDecision(tx, viewer, input.registrationId);
    if ('status' in locked) return locked;
    const { registration, hostPath, memberOrgId } = locked;
    const [placed] = await tx.select({ id: orgs.id, name: orgs.name, path: orgs.path, type: orgs.type, dissolvedAt: orgs.dissolvedAt }).from(orgs).where(eq(orgs.id, input.placedOrgId));
    if (!placed || placed.dissolvedAt || !isWithinPath(placed.path, hostPath) || !PLACEMENT_TYPES.includes(placed.type)) {
      return invalid({ placedOrgId: [e.placement] });
    }
    const [certificate] = await tx
      .select({ id: activityCertificates.id })
      .from(activityCertificates)
      .where(and(eq(activityCertificates.memberId, registration.memberId), eq(activityCertificates.status, 'valid')));
    if (certificate && !input.certificateChecked) return invalid({ certificateChecked: [e.checkCertificate] });
    await tx
      .update(hostRegistrations)
      .set({ status: 'accepted', placedOrgId: placed.id, certificateChecked: Boolean(certificate) && input.certificateChecked, decidedBy: viewer.userId, decidedAt: ctx.now ?? new Date() })
      .where(eq(hostRegistrations.id, registration.id));
    await tx.update(outflowEpisodes).set({ hostOrgId: placed.id }).where(eq(outflowEpisodes.id, registration.episodeId));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'hosting.accept',
      entityType: 'member',
      entityId: registration.memberId,
      orgId: memberOrgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { registrationId: registration.id, placedOrgId: placed.id, certificateId: certificate?.id ?? null },
    });
    await notifyMember(tx, {
      memberId: registration.memberId,
      category: 'request_result',
      title: messages.flow.notifications.registrationAcceptedTitle,
      body: messages.flow.notifications.registrationAcceptedBody(placed.name),
      link: '/flow',
    });
    return { status: 'success', message: h.results.accepted } satisfies ActionState;
  });
}

export async function declineRegistration(db: Database, ctx: HostingContext, input: { registrationId: string; reason: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageHosting(viewer)) return forbidden();
  const problem = declineReasonProblem(input.reason);
  if (problem) return invalid({ reason: [problem] });
  const reason = input.reason.trim();
  return db.transaction(async (tx) => {
    const locked = await lockForDecision(tx, viewer, input.registrationId);
    if ('status' in locked) return locked;
    const { registration, memberOrgId } = locked;
    await tx
      .update(hostRegistrations)
      .set({ status: 'declined', decidedBy: viewer.userId, decidedAt: ctx.now ?? new Date(), decisionNote: reason })
      .where(eq(hostRegistrations.id, registration.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'hosting.decline',
      entityType: 'member',
      entityId: registration.memberId,
      orgId: memberOrgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { registrationId: registration.id, reason },
    });
    await notifyMember(tx, {
      memberId: registration.memberId,
      category: 'request_result',
      title: messages.flow.notifications.registrationDeclinedTitle,
      body: messages.flow.notifications.registrationDeclinedBody(reason),
      link: '/flow',
    });
    return { status: 'success', message: h.results.declined } satisfies ActionState;
  });
}

/**
 * The host's yearly 表现反馈 on a member it placed (now or earlier that year): the home branch
 * reads it beside the member's record. One per member, host and year.
 */
export async function fileFeedback(db: Database, ctx: HostingContext, input: { memberId: string } & Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageHosting(viewer)) return forbidden();
  const parsed = parseFeedback(input, beijingDay(ctx.now));
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const { year, rating, content } = parsed.value;
  // The host org the viewer answers for: the org the member was accepted at, inside the viewer's subtree.
  const [placement] = await db
    .select({ hostOrgId: hostRegistrations.hostOrgId, memberOrgId: members.orgId })
    .from(hostRegistrations)
    .innerJoin(orgs, eq(orgs.id, hostRegistrations.hostOrgId))
    .innerJoin(members, eq(members.id, hostRegistrations.memberId))
    .innerJoin(outflowEpisodes, eq(outflowEpisodes.id, hostRegistrations.episodeId))
    .where(
      and(
        eq(hostRegistrations.memberId, input.memberId),
        inArray(hostRegistrations.status, ['accepted', 'ended']),
        sql`${orgs.path} <@ ${viewer.scopePath}::ltree`,
        sql`extract(year from ${hostRegistrations.reportedOn}) <= ${year}`,
        // Only years the member spent there: the journey had not ended before the year began.
        sql`(${outflowEpisodes.endedOn} IS NULL OR extract(year from ${outflowEpisodes.endedOn}) >= ${year})`,
      ),
    )
    .limit(1);
  if (!placement?.hostOrgId) return forbidden(e.notHosted);
  const hostOrgId = placement.hostOrgId;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(hostFeedback).values({ memberId: input.memberId, hostOrgId, year, rating, content, filedBy: viewer.userId }).returning({ id: hostFeedback.id });
      await appendAudit(tx, {
        actor: auditActor(viewer),
        action: 'hosting.feedback',
        entityType: 'member',
        entityId: input.memberId,
        orgId: placement.memberOrgId,
        ip: ctx.ip,
        outcome: 'success',
        detail: { feedbackId: row.id, hostOrgId, year, rating },
      });
      return { status: 'success', message: h.results.feedback } satisfies ActionState;
    });
  } catch (error) {
    if (violatesUnique(error, 'host_feedback_one_a_year')) return failed(e.feedbackExists(year));
    throw error;
  }
}

/** Ends the journey's live 报到 (return home, transfer): the member no longer takes part there. */
export async function endRegistrations(tx: Executor, episodeId: string): Promise<void> {
  await tx
    .update(hostRegistrations)
    .set({ status: 'ended' })
    .where(and(eq(hostRegistrations.episodeId, episodeId), inArray(hostRegistrations.status, ['pending', 'accepted', 'outside'])));
}
