import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { censuses, censusResponses, members, orgs } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { appendAudit } from '@/lib/audit/audit';
import { orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { isWithinPath } from '@/lib/orgs/paths';
import { beijingDay } from '@/lib/time/beijing';
import { CENSUS_MEMBER_STATUSES, deadlineProblem, mayOpenCensus, NOTE_MAX, TITLE_MAX, TITLE_MIN } from './rules';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';

// 摸底排查: open, close, and a member's answer. Every function authorises the viewer itself
// (the actions are public POST endpoints, and tests call these directly with any viewer).

const t = messages.census;
export type CensusContext = { viewer: Viewer | null; ip: string; now?: Date };


export async function openCensus(db: Database, ctx: CensusContext, input: { title: string; note: string; deadline: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!viewer) return forbidden();
  const [org] = await db.select({ id: orgs.id, type: orgs.type, parentId: orgs.parentId }).from(orgs).where(eq(orgs.id, viewer.orgId));
  if (!org || !mayOpenCensus(viewer, org)) return forbidden(t.cannotOpen);
  const title = input.title.trim();
  const note = input.note.trim();
  const fieldErrors: Record<string, string[]> = {};
  if ([...title].length < TITLE_MIN || [...title].length > TITLE_MAX) fieldErrors.title = [t.errors.titleLength];
  if ([...note].length > NOTE_MAX) fieldErrors.note = [t.errors.noteLength];
  const deadline = deadlineProblem(input.deadline, beijingDay(ctx.now));
  if (deadline) fieldErrors.deadline = [deadline];
  if (Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);
  const id = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(censuses)
      .values({ orgId: org.id, title, note: note || null, deadline: input.deadline, createdBy: viewer.userId })
      .returning({ id: censuses.id });
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'census.open',
      entityType: 'census',
      entityId: created.id,
      orgId: org.id,
      ip: ctx.ip,
      outcome: 'success',
      detail: { after: { title, deadline: input.deadline } },
    });
    return created.id;
  });
  return { status: 'success', message: t.opened, data: { censusId: id } };
}

/** The opener's level or any level above it may close a census. */
export async function closeCensus(db: Database, ctx: CensusContext, input: { censusId: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!viewer || (viewer.tier !== 'org_admin' && viewer.tier !== 'county_admin') || !viewer.capabilities.includes('archive')) return forbidden();
  return db.transaction(async (tx) => {
    const [census] = await tx
      .select({ id: censuses.id, orgId: censuses.orgId, closedAt: censuses.closedAt, path: orgs.path })
      .from(censuses)
      .innerJoin(orgs, eq(orgs.id, censuses.orgId))
      .where(eq(censuses.id, input.censusId))
      .for('update', { of: censuses });
    if (!census || !orgPathInScope(viewer, census.path)) return forbidden(t.errors.outOfScope);
    if (census.closedAt) return failed(t.errors.alreadyClosed);
    await tx.update(censuses).set({ closedAt: ctx.now ?? new Date() }).where(eq(censuses.id, census.id));
    await appendAudit(tx, { actor: auditActor(viewer), action: 'census.close', entityType: 'census', entityId: census.id, orgId: census.orgId, ip: ctx.ip, outcome: 'success' });
    return { status: 'success', message: t.closed } satisfies ActionState;
  });
}

/**
 * A census asks this member when it is not closed, the member's branch lies in its subtree and
 * the member is still in the archive. Returns the census's org id, or null.
 */
export async function censusAsksMember(db: Executor, censusId: string, memberId: string): Promise<number | null> {
  const [census] = await db
    .select({ orgId: censuses.orgId, path: orgs.path })
    .from(censuses)
    .innerJoin(orgs, eq(orgs.id, censuses.orgId))
    .where(and(eq(censuses.id, censusId), isNull(censuses.closedAt)));
  if (!census) return null;
  const [member] = await db.select({ path: orgs.path, status: members.status }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(eq(members.id, memberId));
  if (!member || !isWithinPath(member.path, census.path) || !CENSUS_MEMBER_STATUSES.includes(member.status)) return null;
  return census.orgId;
}

/** One tap: the member confirms the record is right. An answer is given once. */
export async function confirmCensus(db: Database, ctx: CensusContext, input: { censusId: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!viewer || viewer.tier !== 'member' || !viewer.memberId) return forbidden();
  const memberId = viewer.memberId;
  const censusOrgId = await censusAsksMember(db, input.censusId, memberId);
  if (censusOrgId === null) return failed(t.errors.notForYou);
  const [memberRow] = await db.select({ orgId: members.orgId }).from(members).where(eq(members.id, memberId));
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(censusResponses)
      .values({ censusId: input.censusId, memberId, outcome: 'confirmed', respondedAt: ctx.now ?? new Date() })
      .onConflictDoNothing()
      .returning({ censusId: censusResponses.censusId });
    if (inserted.length === 0) return failed(t.errors.alreadyResponded);
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'census.respond',
      entityType: 'census',
      entityId: input.censusId,
      orgId: memberRow.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { outcome: 'confirmed', memberId },
    });
    return { status: 'success', message: t.banner.confirmed } satisfies ActionState;
  });
}

/** A correction filed as a change request answers the census (and replaces a confirmation). */
export async function recordCensusCorrection(tx: Executor, input: { censusId: string; memberId: string; changeRequestId: string; now?: Date }): Promise<void> {
  await tx
    .insert(censusResponses)
    .values({ censusId: input.censusId, memberId: input.memberId, outcome: 'corrected', changeRequestId: input.changeRequestId, respondedAt: input.now ?? new Date() })
    .onConflictDoUpdate({
      target: [censusResponses.censusId, censusResponses.memberId],
      set: { outcome: 'corrected', changeRequestId: input.changeRequestId, respondedAt: input.now ?? new Date() },
    });
}

/** A withdrawn correction no longer answers the census: the member is asked again. */
export async function dropCensusCorrection(tx: Executor, changeRequestId: string): Promise<void> {
  await tx.delete(censusResponses).where(eq(censusResponses.changeRequestId, changeRequestId));
}
