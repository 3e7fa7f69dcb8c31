import 'server-only';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { members, orgs, outflowEpisodes, temporaryBranchApplications, temporaryBranchMembers } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { appendAudit } from '@/lib/audit/audit';
import { orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { notifyMember } from '@/lib/notifications/queries';
import { COMMITTEE_TYPES } from '@/lib/orgs/org-types';
import { isWithinPath } from '@/lib/orgs/paths';
import { insertOrg, nearestCommitteeOf } from '@/lib/orgs/queries';
import { beijingDay } from '@/lib/time/beijing';
import { lockMember } from './member-lock';
import { type Candidate, commonAncestorPath, memberCountState, membershipProblems, parseProposal } from './temporary-branch-rules';

// 临时党支部 (issue 5 §5): an archive admin proposes one for members of its subtree away in the
// same city; an admin of a 党委 above all their branches — never the proposer — approves it,
// naming the 书记, which creates the org under the proposal's 党委 and enrols the members; it
// is dissolved by that 党委, or by itself when its last member comes home. Every write is audited.

const t = messages.temporaryBranches;
const e = t.errors;
export type TemporaryBranchContext = { viewer: Viewer | null; ip: string; now?: Date };

const asArchiveAdmin = (viewer: Viewer | null): Viewer | null => (viewer && isArchiveAdmin(viewer) ? viewer : null);

type CandidateRow = Candidate & { orgId: number; path: string };

/** The members as the archive holds them now: branch, open episode's region, current 临时党支部. */
async function readCandidates(tx: Executor, memberIds: readonly string[], today: string): Promise<CandidateRow[]> {
  if (memberIds.length === 0) return [];
  const current = sql<string | null>`(SELECT o.name FROM ${temporaryBranchMembers} AS tbm JOIN ${orgs} AS o ON o.id = tbm.org_id WHERE tbm.member_id = ${members.id} AND tbm.left_on IS NULL LIMIT 1)`;
  return tx
    .select({
      id: members.id,
      name: members.name,
      category: members.category,
      orgId: members.orgId,
      path: orgs.path,
      awayRegionCode: outflowEpisodes.regionCode,
      currentBranchName: current,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(outflowEpisodes, and(eq(outflowEpisodes.memberId, members.id), isNull(outflowEpisodes.endedOn), sql`${outflowEpisodes.startedOn} <= ${today}::date`))
    .where(inArray(members.id, [...memberIds]));
}

/** An archive admin proposes a 临时党支部 for members of its own subtree. */
export async function proposeTemporaryBranch(db: Database, ctx: TemporaryBranchContext, raw: Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  const parsed = parseProposal(raw);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const proposal = parsed.value;
  return db.transaction(async (tx) => {
    const candidates = await readCandidates(tx, proposal.memberIds, beijingDay(ctx.now));
    if (candidates.length !== proposal.memberIds.length || candidates.some((candidate) => !orgPathInScope(viewer, candidate.path))) return forbidden(e.membersOutOfScope);
    const problems = membershipProblems(candidates, proposal.regionCode, proposal.secretaryMemberId);
    if (Object.keys(problems).length > 0) return invalid(problems);
    const committee = await nearestCommitteeOf(tx, commonAncestorPath(candidates.map((candidate) => candidate.path)));
    if (!committee) return failed(e.noCommittee);
    const [application] = await tx
      .insert(temporaryBranchApplications)
      .values({ ...proposal, committeeOrgId: committee.id, proposedBy: viewer.userId, createdAt: ctx.now ?? new Date() })
      .returning({ id: temporaryBranchApplications.id });
    // The 书记 goes in as leaderMemberId: the redactor blanks any key containing "secret".
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'temporary_branch.propose',
      entityType: 'org',
      entityId: String(committee.id),
      orgId: committee.id,
      ip: ctx.ip,
      outcome: 'success',
      detail: { applicationId: application.id, name: proposal.name, region: proposal.regionCode, memberIds: proposal.memberIds, leaderMemberId: proposal.secretaryMemberId },
    });
    return { status: 'success', message: t.results.proposed } satisfies ActionState;
  });
}

/**
 * The viewer's own org when it is a 党委 / 党工委 whose subtree holds `orgPath`: only such an
 * admin decides for the 临时党支部 under it (DESIGN.md §1: approvals the rules give to a higher
 * level need an admin of a strictly higher 党委; the members' branches all lie below it).
 */
async function committeeAuthority(tx: Executor, viewer: Viewer, orgPath: string): Promise<boolean> {
  if (!orgPathInScope(viewer, orgPath)) return false;
  const [own] = await tx.select({ type: orgs.type }).from(orgs).where(eq(orgs.id, viewer.orgId));
  return own !== undefined && COMMITTEE_TYPES.includes(own.type);
}

type Pending = typeof temporaryBranchApplications.$inferSelect;

/** Locks the pending application the viewer may decide, or says why not. */
async function lockForDecision(tx: Executor, viewer: Viewer, applicationId: string): Promise<{ pending: Pending; committeePath: string } | { refused: ActionState }> {
  const [row] = await tx
    .select({ application: temporaryBranchApplications, committeePath: orgs.path })
    .from(temporaryBranchApplications)
    .innerJoin(orgs, eq(orgs.id, temporaryBranchApplications.committeeOrgId))
    .where(eq(temporaryBranchApplications.id, applicationId))
    .for('update', { of: temporaryBranchApplications });
  if (!row || !orgPathInScope(viewer, row.committeePath)) return { refused: forbidden(e.notFound) };
  if (!(await committeeAuthority(tx, viewer, row.committeePath))) return { refused: forbidden(e.notSuperior) };
  if (row.application.proposedBy === viewer.userId) return { refused: forbidden(e.ownProposal) };
  if (row.application.status !== 'pending') return { refused: failed(e.alreadyDecided) };
  return { pending: row.application, committeePath: row.committeePath };
}

function decisionNoteProblem(note: string): string | null {
  return note.length > 500 ? e.decisionNote : null;
}

/**
 * The 党委 approves: it names the 书记 (the proposed one or another full member of the list),
 * the members are checked again as they are now, the org is created under the 党委 and they
 * are enrolled, each told by a notification.
 */
export async function approveTemporaryBranch(
  db: Database,
  ctx: TemporaryBranchContext,
  input: { applicationId: string; secretaryMemberId: string; note?: string },
): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  const note = input.note?.trim() ?? '';
  const noteProblem = decisionNoteProblem(note);
  if (noteProblem) return invalid({ note: [noteProblem] });
  return db.transaction(async (tx) => {
    const locked = await lockForDecision(tx, viewer, input.applicationId);
    if ('refused' in locked) return locked.refused;
    const application = locked.pending;
    if (!application.memberIds.includes(input.secretaryMemberId)) return invalid({ secretaryMemberId: [e.secretaryNotMember] });
    // Members in one order, so two decisions touching the same members wait instead of deadlocking.
    for (const memberId of [...application.memberIds].sort()) await lockMember(tx, memberId);
    const today = beijingDay(ctx.now);
    const candidates = await readCandidates(tx, application.memberIds, today);
    const problems = membershipProblems(candidates, application.regionCode, input.secretaryMemberId);
    // A member gone, or moved to a branch outside the 党委 since the proposal, is no longer its to enrol.
    if (candidates.length !== application.memberIds.length || candidates.some((candidate) => !isWithinPath(candidate.path, locked.committeePath))) {
      problems.memberIds = [...(problems.memberIds ?? []), e.membersOutOfScope];
    }
    if (Object.keys(problems).length > 0) return failed(Object.values(problems).flat().join(' '));
    const org = await insertOrg(tx, { parentId: application.committeeOrgId, name: application.name, type: 'temporary_branch', regionCode: application.regionCode });
    await tx.insert(temporaryBranchMembers).values(
      application.memberIds.map((memberId) => ({ orgId: org.id, memberId, role: memberId === input.secretaryMemberId ? ('secretary' as const) : ('member' as const), joinedOn: today })),
    );
    await tx
      .update(temporaryBranchApplications)
      .set({ status: 'approved', orgId: org.id, secretaryMemberId: input.secretaryMemberId, decidedBy: viewer.userId, decidedAt: ctx.now ?? new Date(), decisionNote: note || null })
      .where(eq(temporaryBranchApplications.id, application.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'temporary_branch.approve',
      entityType: 'org',
      entityId: String(org.id),
      orgId: org.id,
      ip: ctx.ip,
      outcome: 'success',
      detail: { applicationId: application.id, name: org.name, parentId: application.committeeOrgId, memberIds: application.memberIds, leaderMemberId: input.secretaryMemberId },
    });
    for (const memberId of application.memberIds) {
      await notifyMember(tx, {
        memberId,
        category: 'notice',
        title: t.notifications.joinedTitle,
        body: t.notifications.joinedBody(org.name, memberId === input.secretaryMemberId ? t.roles.secretary : t.roles.member),
        link: '/flow',
      });
    }
    return { status: 'success', message: t.results.approved(org.name) } satisfies ActionState;
  });
}

export async function rejectTemporaryBranch(db: Database, ctx: TemporaryBranchContext, input: { applicationId: string; note: string }): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  const note = input.note.trim();
  if (note.length < 2 || note.length > 500) return invalid({ note: [e.decisionNote] });
  return db.transaction(async (tx) => {
    const locked = await lockForDecision(tx, viewer, input.applicationId);
    if ('refused' in locked) return locked.refused;
    const application = locked.pending;
    await tx
      .update(temporaryBranchApplications)
      .set({ status: 'rejected', decidedBy: viewer.userId, decidedAt: ctx.now ?? new Date(), decisionNote: note })
      .where(eq(temporaryBranchApplications.id, application.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'temporary_branch.reject',
      entityType: 'org',
      entityId: String(application.committeeOrgId),
      orgId: application.committeeOrgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { applicationId: application.id, note },
    });
    return { status: 'success', message: t.results.rejected } satisfies ActionState;
  });
}

/** Ends every membership and marks the org dissolved; the caller audits why. */
async function dissolve(tx: Executor, orgId: number, day: string, now: Date): Promise<void> {
  await tx.update(temporaryBranchMembers).set({ leftOn: day }).where(and(eq(temporaryBranchMembers.orgId, orgId), isNull(temporaryBranchMembers.leftOn)));
  await tx.update(orgs).set({ dissolvedAt: now, updatedAt: now }).where(eq(orgs.id, orgId));
}

/** The 党委 above dissolves a 临时党支部 (its members came home, or too few are left). */
export async function dissolveTemporaryBranch(db: Database, ctx: TemporaryBranchContext, input: { orgId: number }): Promise<ActionState> {
  const viewer = asArchiveAdmin(ctx.viewer);
  if (!viewer) return forbidden();
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ id: orgs.id, name: orgs.name, path: orgs.path, type: orgs.type, dissolvedAt: orgs.dissolvedAt })
      .from(orgs)
      .where(eq(orgs.id, input.orgId))
      .for('update');
    if (!org || org.type !== 'temporary_branch' || !orgPathInScope(viewer, org.path)) return forbidden(e.branchNotFound);
    if (!(await committeeAuthority(tx, viewer, org.path))) return forbidden(e.notSuperior);
    if (org.dissolvedAt) return failed(e.alreadyDissolved);
    const now = ctx.now ?? new Date();
    await dissolve(tx, org.id, beijingDay(now), now);
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'temporary_branch.dissolve',
      entityType: 'org',
      entityId: String(org.id),
      orgId: org.id,
      ip: ctx.ip,
      outcome: 'success',
      detail: { name: org.name, reason: 'decided' },
    });
    return { status: 'success', message: t.results.dissolved } satisfies ActionState;
  });
}

/**
 * The member came home or transferred out: they leave their 临时党支部, which is dissolved when
 * no one is left. Called inside the return's transaction, after the member row is locked.
 */
export async function leaveTemporaryBranch(tx: Executor, ctx: { viewer: Viewer; ip: string; now?: Date }, memberId: string, leftOn: string): Promise<void> {
  const [left] = await tx
    .update(temporaryBranchMembers)
    // A return entered for a day before the member was enrolled still ends the membership, on its first day.
    .set({ leftOn: sql`greatest(${leftOn}::date, ${temporaryBranchMembers.joinedOn})` })
    .where(and(eq(temporaryBranchMembers.memberId, memberId), isNull(temporaryBranchMembers.leftOn)))
    .returning({ orgId: temporaryBranchMembers.orgId });
  if (!left) return;
  const [org] = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.id, left.orgId)).for('update');
  const [{ active }] = await tx
    .select({ active: sql<number>`count(*)::int` })
    .from(temporaryBranchMembers)
    .where(and(eq(temporaryBranchMembers.orgId, left.orgId), isNull(temporaryBranchMembers.leftOn)));
  if (memberCountState(Number(active)) !== 'dissolve') return;
  const now = ctx.now ?? new Date();
  await dissolve(tx, org.id, beijingDay(now), now);
  await appendAudit(tx, {
    actor: auditActor(ctx.viewer),
    action: 'temporary_branch.dissolve',
    entityType: 'org',
    entityId: String(org.id),
    orgId: org.id,
    ip: ctx.ip,
    outcome: 'success',
    detail: { name: org.name, reason: 'all_returned', lastMemberId: memberId },
  });
}
