import 'server-only';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { violatesUnique } from '@/db/errors';
import { awayAttendance, hostRegistrations, inflowMembers, orgs, outflowEpisodes, temporaryBranchMembers } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { appendAudit, appendAuditFailure } from '@/lib/audit/audit';
import { orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { secrets } from '@/lib/config/secrets';
import { messages } from '@/lib/i18n/messages';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { beijingDay } from '@/lib/time/beijing';
import { verifyECardToken } from './ecard-token';
import { mayManageHosting } from './hosting';
import type { AttendanceSource } from './report-status';
import { type AttendanceInput, parseAttendance, parseAttendeeIds } from './temporary-branch-rules';

// Attendance at organisation life away from home (issue 5 §3, §6): the host records the members
// it placed — picked from its list, or after checking their e-card — and a 临时党支部's 党委
// records its members. Each row names where the meeting was held; the home branch reads them all.

const t = messages.temporaryBranches;
const e = t.errors;
export type AttendanceContext = { viewer: Viewer | null; ip: string; now?: Date };

type Placement = { orgId: number; since: string; episodeId: string };

/** Where each member takes part at a host in the viewer's subtree now: the org they were placed in, on which journey. */
async function hostPlacements(db: Executor, viewer: Viewer, memberIds: readonly string[]): Promise<Map<string, Placement>> {
  const rows = await db
    .select({ memberId: hostRegistrations.memberId, orgId: hostRegistrations.placedOrgId, since: hostRegistrations.reportedOn, episodeId: hostRegistrations.episodeId })
    .from(hostRegistrations)
    .innerJoin(orgs, eq(orgs.id, hostRegistrations.hostOrgId))
    .where(and(inArray(hostRegistrations.memberId, [...memberIds]), eq(hostRegistrations.status, 'accepted'), sql`${orgs.path} <@ ${viewer.scopePath}::ltree`));
  return new Map(rows.flatMap((row) => (row.orgId === null ? [] : [[row.memberId, { orgId: row.orgId, since: row.since, episodeId: row.episodeId }] as const])));
}

async function insertAttendance(
  db: Database,
  ctx: AttendanceContext & { viewer: Viewer },
  meeting: AttendanceInput,
  // Exactly one of the two ids per row: a member of the deployment, or a 流入党员 from outside it.
  rows: ({ memberId: string; orgId: number; episodeId: string | null } | { inflowMemberId: string; orgId: number })[],
  source: AttendanceSource,
  auditOrgId: number,
): Promise<ActionState> {
  try {
    return await db.transaction(async (tx) => {
      await tx.insert(awayAttendance).values(rows.map((row) => ({ ...row, ...meeting, source, recordedBy: ctx.viewer.userId })));
      await appendAudit(tx, {
        actor: auditActor(ctx.viewer),
        action: 'attendance.record',
        entityType: 'org',
        entityId: String(auditOrgId),
        orgId: auditOrgId,
        ip: ctx.ip,
        outcome: 'success',
        detail: { ...meeting, source, attendees: rows.map((row) => ('memberId' in row ? row.memberId : row.inflowMemberId)), orgIds: [...new Set(rows.map((row) => row.orgId))] },
      });
      return { status: 'success', message: t.results.recorded(rows.length) } satisfies ActionState;
    });
  } catch (error) {
    if (violatesUnique(error, 'away_attendance_once_member') || violatesUnique(error, 'away_attendance_once_inflow')) return failed(e.duplicate);
    throw error;
  }
}

/** The host records a meeting attended by members it placed (all of them, or nothing is recorded). */
export async function recordHostAttendance(db: Database, ctx: AttendanceContext, raw: Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageHosting(viewer)) return forbidden();
  const memberIds = parseAttendeeIds(raw.memberIds);
  if (!memberIds) return invalid({ memberIds: [e.attendeesRequired] });
  const parsed = parseAttendance(raw, beijingDay(ctx.now));
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const placements = await hostPlacements(db, viewer, memberIds);
  // Names are not echoed: a posted id outside the host's list must not reveal whose it is.
  if (memberIds.some((id) => !placements.has(id))) return forbidden(e.notHostedHere);
  if (memberIds.some((id) => placements.get(id)!.since > parsed.value.heldOn)) return invalid({ heldOn: [e.heldOnBeforeReport] });
  return insertAttendance(db, { ...ctx, viewer }, parsed.value, memberIds.map((memberId) => ({ memberId, orgId: placements.get(memberId)!.orgId, episodeId: placements.get(memberId)!.episodeId })), 'list', viewer.orgId);
}

/**
 * The host records one member's attendance right after checking the e-card: the code must still
 * be good, and the member placed with this host. The code, not an id, names the member.
 */
export async function recordCardAttendance(db: Database, ctx: AttendanceContext, raw: Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageHosting(viewer)) return forbidden();
  const now = ctx.now ?? new Date();
  const check = verifyECardToken(typeof raw.code === 'string' ? raw.code : '', now, secrets().hmacKey);
  if (!check.ok) {
    await appendAuditFailure({ actor: auditActor(viewer), action: 'attendance.record', ip: ctx.ip, detail: { reason: check.reason } });
    return failed(messages.flow.ecard.errors[check.reason]);
  }
  const parsed = parseAttendance(raw, beijingDay(now));
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const placement = (await hostPlacements(db, viewer, [check.memberId])).get(check.memberId);
  if (!placement) return forbidden(e.notHostedHere);
  if (placement.since > parsed.value.heldOn) return invalid({ heldOn: [e.heldOnBeforeReport] });
  return insertAttendance(db, { ...ctx, viewer }, parsed.value, [{ memberId: check.memberId, orgId: placement.orgId, episodeId: placement.episodeId }], 'ecard', viewer.orgId);
}

/** A 临时党支部's meeting, recorded by an archive admin whose subtree holds it, for its current members. */
export async function recordTemporaryBranchAttendance(db: Database, ctx: AttendanceContext, raw: Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!viewer || !isArchiveAdmin(viewer)) return forbidden();
  const orgId = typeof raw.orgId === 'string' && /^\d{1,9}$/.test(raw.orgId) ? Number(raw.orgId) : null;
  const [org] = orgId === null ? [] : await db.select({ id: orgs.id, path: orgs.path, type: orgs.type, dissolvedAt: orgs.dissolvedAt }).from(orgs).where(eq(orgs.id, orgId));
  if (!org || org.type !== 'temporary_branch' || org.dissolvedAt || !orgPathInScope(viewer, org.path)) return forbidden(e.branchNotFound);
  const memberIds = parseAttendeeIds(raw.memberIds);
  if (!memberIds) return invalid({ memberIds: [e.attendeesRequired] });
  const parsed = parseAttendance(raw, beijingDay(ctx.now));
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const enrolled = await db
    .select({ memberId: temporaryBranchMembers.memberId, since: temporaryBranchMembers.joinedOn, episodeId: outflowEpisodes.id })
    .from(temporaryBranchMembers)
    .leftJoin(outflowEpisodes, and(eq(outflowEpisodes.memberId, temporaryBranchMembers.memberId), isNull(outflowEpisodes.endedOn)))
    .where(and(eq(temporaryBranchMembers.orgId, org.id), isNull(temporaryBranchMembers.leftOn), inArray(temporaryBranchMembers.memberId, memberIds)));
  if (enrolled.length !== memberIds.length) return forbidden(e.notHostedHere);
  if (enrolled.some((row) => row.since > parsed.value.heldOn)) return invalid({ heldOn: [e.heldOnBeforeJoining] });
  return insertAttendance(db, { ...ctx, viewer }, parsed.value, enrolled.map((row) => ({ memberId: row.memberId, orgId: org.id, episodeId: row.episodeId })), 'list', org.id);
}

/**
 * The receiving org records a meeting attended by 流入党员 from outside the deployment it has
 * registered (active, received inside the viewer's subtree): held where each was placed.
 */
export async function recordInflowAttendance(db: Database, ctx: AttendanceContext, raw: Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!mayManageHosting(viewer)) return forbidden();
  const inflowIds = parseAttendeeIds(raw.memberIds);
  if (!inflowIds) return invalid({ memberIds: [e.attendeesRequired] });
  const parsed = parseAttendance(raw, beijingDay(ctx.now));
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const registered = await db
    .select({ id: inflowMembers.id, orgId: inflowMembers.placedOrgId, since: inflowMembers.reportedOn })
    .from(inflowMembers)
    .innerJoin(orgs, eq(orgs.id, inflowMembers.receivingOrgId))
    .where(and(inArray(inflowMembers.id, inflowIds), eq(inflowMembers.status, 'active'), sql`${orgs.path} <@ ${viewer.scopePath}::ltree`));
  if (registered.length !== inflowIds.length) return forbidden(e.notHostedHere);
  if (registered.some((row) => row.since > parsed.value.heldOn)) return invalid({ heldOn: [e.heldOnBeforeReport] });
  return insertAttendance(db, { ...ctx, viewer }, parsed.value, registered.map((row) => ({ inflowMemberId: row.id, orgId: row.orgId })), 'list', viewer.orgId);
}
