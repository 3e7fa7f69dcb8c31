import 'server-only';
import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { changeRequestFields, changeRequests, files, members, orgs, skills, users } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { appendAudit } from '@/lib/audit/audit';
import { orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { censusAsksMember, dropCensusCorrection, recordCensusCorrection } from '@/lib/census/workflow';
import { messages } from '@/lib/i18n/messages';
import { fieldDisplay, type MemberField } from '@/lib/members/field-policy';
import { formatFen, type FieldValue, type RecordValues } from '@/lib/members/field-values';
import { auditableValue, readMemberRecord, writeMemberFields } from '@/lib/members/record';
import { notifyMember } from '@/lib/notifications/queries';
import { saveUpload } from '@/lib/storage/queries';
import type { FileStore } from '@/lib/storage/file-store';
import { beijingDay } from '@/lib/time/beijing';
import {
  canDecide,
  canWithdraw,
  fieldList,
  isReviewer,
  MAX_EVIDENCE_FILES,
  newProblems,
  planChangeRequest,
  planDirectEdit,
  reasonProblem,
  staleFields,
  type PlannedChange,
} from './rules';
import { isSensitiveField, readFieldValue, storeFieldValue } from './stored-values';
import { auditActor, failed, forbidden, invalid } from '@/lib/actions/outcomes';
import { violatesUnique } from '@/db/errors';

// The change-request workflow (修改申请, issue 4 item 6) and a member's direct edits. Each
// function authorises its viewer itself — members act on their own archive only, reviewers on
// members whose branch lies in their subtree — writes in one transaction with one audit row,
// and answers with an ActionState. The server actions are thin wrappers around these.

const t = messages.changeRequests;
const n = messages.notifications.changeRequest;
export type WorkflowContext = { viewer: Viewer | null; ip: string; now?: Date };


type MemberViewer = Viewer & { memberId: string };
const asMember = (viewer: Viewer | null): MemberViewer | null => (viewer?.tier === 'member' && viewer.memberId ? (viewer as MemberViewer) : null);

const PENDING_FIELD_CONSTRAINT = 'change_request_fields_one_pending';

function auditPairs(changes: readonly PlannedChange[]) {
  const before: Record<string, FieldValue> = {};
  const after: Record<string, FieldValue> = {};
  for (const change of changes) {
    before[change.field] = auditableValue(change.field, change.oldValue);
    after[change.field] = auditableValue(change.field, change.newValue);
  }
  return { before, after };
}

async function pendingFieldsOf(db: Executor, memberId: string, fields: readonly MemberField[]): Promise<MemberField[]> {
  if (fields.length === 0) return [];
  const rows = await db
    .select({ field: changeRequestFields.field })
    .from(changeRequestFields)
    .where(and(eq(changeRequestFields.memberId, memberId), eq(changeRequestFields.pending, true), inArray(changeRequestFields.field, [...fields])));
  return rows.map((row) => row.field as MemberField);
}

export type FileRequestInput = {
  fields: readonly string[];
  /** Form inputs: new values under `new_<field>`. */
  values: Readonly<Record<string, unknown>>;
  reason: string;
  evidence: readonly string[];
  censusId?: string | null;
};

/** A member asks for reviewed fields of their own record to change. */
export async function fileChangeRequest(db: Database, ctx: WorkflowContext, input: FileRequestInput): Promise<ActionState> {
  const viewer = asMember(ctx.viewer);
  if (!viewer) return forbidden(t.errors.memberOnly);
  const record = await readMemberRecord(db, viewer.memberId);
  if (!record) return forbidden(t.errors.memberOnly);
  const now = ctx.now ?? new Date();

  const plan = planChangeRequest(record.values, input.fields, input.values, beijingDay(now));
  const fieldErrors: Record<string, string[]> = plan.ok ? {} : { ...plan.fieldErrors };
  const reasonError = reasonProblem(input.reason);
  if (reasonError) fieldErrors.reason = [reasonError];
  const evidenceIds = [...new Set(input.evidence)];
  if (evidenceIds.length > MAX_EVIDENCE_FILES) fieldErrors.evidence = [t.errors.tooManyEvidence(MAX_EVIDENCE_FILES)];
  if (!plan.ok || Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);

  if (input.censusId && (await censusAsksMember(db, input.censusId, viewer.memberId)) === null) return failed(t.errors.censusClosed);
  const changes = plan.changes;
  const alreadyPending = await pendingFieldsOf(db, viewer.memberId, changes.map((change) => change.field));
  if (alreadyPending.length > 0) return failed(t.errors.pendingExists(fieldList(alreadyPending)));

  try {
    return await db.transaction(async (tx) => {
      if (evidenceIds.length > 0) {
        // Lock the files first, then look for links in a later statement: a concurrent request
        // naming the same file waits here and then sees the other's link (READ COMMITTED).
        const own = await tx
          .select({ id: files.id })
          .from(files)
          .where(and(inArray(files.id, evidenceIds), eq(files.uploadedBy, viewer.userId)))
          .for('update');
        const linked = await tx
          .select({ id: changeRequests.id })
          .from(changeRequests)
          .where(sql`${changeRequests.evidenceFileIds} && ${sql.param(evidenceIds)}::uuid[]`)
          .limit(1);
        if (own.length !== evidenceIds.length || linked.length > 0) return invalid({ evidence: [t.errors.evidenceInvalid] });
      }
      const [request] = await tx
        .insert(changeRequests)
        .values({
          memberId: viewer.memberId,
          submittedBy: viewer.userId,
          reason: input.reason.trim(),
          evidenceFileIds: evidenceIds,
          censusId: input.censusId ?? null,
          createdAt: now,
        })
        .returning({ id: changeRequests.id });
      await tx.insert(changeRequestFields).values(
        changes.map((change) => ({
          requestId: request.id,
          memberId: viewer.memberId,
          field: change.field,
          oldValue: storeFieldValue(change.field, change.oldValue),
          newValue: storeFieldValue(change.field, change.newValue),
        })),
      );
      if (input.censusId) await recordCensusCorrection(tx, { censusId: input.censusId, memberId: viewer.memberId, changeRequestId: request.id, now });
      await appendAudit(tx, {
        actor: auditActor(viewer),
        action: 'change_request.file',
        entityType: 'member',
        entityId: viewer.memberId,
        orgId: record.orgId,
        ip: ctx.ip,
        outcome: 'success',
        detail: { requestId: request.id, requested: auditPairs(changes).after, evidenceFiles: evidenceIds.length, censusId: input.censusId ?? null },
      });
      return { status: 'success', message: t.results.filed, data: { requestId: request.id } } satisfies ActionState;
    });
  } catch (error) {
    // Two requests racing for one field: the partial unique index lets only one through.
    if (violatesUnique(error, PENDING_FIELD_CONSTRAINT)) return failed(t.errors.pendingExists(fieldList(changes.map((change) => change.field))));
    throw error;
  }
}

/** The member takes back a request nobody has decided yet. */
export async function withdrawChangeRequest(db: Database, ctx: WorkflowContext, input: { requestId: string }): Promise<ActionState> {
  const viewer = asMember(ctx.viewer);
  if (!viewer) return forbidden();
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(changeRequests).where(eq(changeRequests.id, input.requestId)).for('update');
    // Another member's request looks like a missing one.
    if (!request || request.memberId !== viewer.memberId) return forbidden(t.errors.notFound);
    if (!canWithdraw(request.status)) return failed(t.errors.notWithdrawable);
    const [member] = await tx.select({ orgId: members.orgId }).from(members).where(eq(members.id, viewer.memberId));
    await tx.update(changeRequests).set({ status: 'withdrawn', decidedAt: ctx.now ?? new Date() }).where(eq(changeRequests.id, request.id));
    await tx.update(changeRequestFields).set({ pending: false }).where(eq(changeRequestFields.requestId, request.id));
    await dropCensusCorrection(tx, request.id);
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'change_request.withdraw',
      entityType: 'member',
      entityId: viewer.memberId,
      orgId: member.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { requestId: request.id },
    });
    return { status: 'success', message: t.results.withdrawn } satisfies ActionState;
  });
}

type Locked = { request: typeof changeRequests.$inferSelect; orgId: number };

/**
 * Locks a pending request and its member for a decision, checking the reviewer's scope against
 * the member's branch as it is now (the member may have moved since filing).
 */
async function lockForDecision(tx: Executor, viewer: Viewer, requestId: string): Promise<Locked | ActionState> {
  const [request] = await tx.select().from(changeRequests).where(eq(changeRequests.id, requestId)).for('update');
  if (!request) return forbidden(t.errors.outOfScope);
  const [member] = await tx
    .select({ orgId: members.orgId, path: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, request.memberId))
    .for('update', { of: members });
  if (!member || !orgPathInScope(viewer, member.path)) return forbidden(t.errors.outOfScope);
  if (!canDecide(request.status)) return failed(t.errors.alreadyDecided);
  return { request, orgId: member.orgId };
}

async function plannedChangesOf(db: Executor, requestId: string): Promise<PlannedChange[]> {
  const rows = await db.select().from(changeRequestFields).where(eq(changeRequestFields.requestId, requestId)).orderBy(asc(changeRequestFields.field));
  return rows.map((row) => {
    const field = row.field as MemberField;
    return { field, oldValue: readFieldValue(field, row.oldValue), newValue: readFieldValue(field, row.newValue) };
  });
}

/**
 * Approving applies the fields, closes the request, writes one audit row and tells the member,
 * all in one transaction. A field changed since the member asked is not overwritten blindly: approval is
 * refused, naming it, and the member files again against the current value.
 */
export async function approveChangeRequest(db: Database, ctx: WorkflowContext, input: { requestId: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!isReviewer(viewer)) return forbidden();
  return db.transaction(async (tx) => {
    const locked = await lockForDecision(tx, viewer, input.requestId);
    if ('status' in locked) return locked;
    const { request, orgId } = locked;
    const record = await readMemberRecord(tx, request.memberId);
    if (!record) return forbidden(t.errors.outOfScope);
    const changes = await plannedChangesOf(tx, request.id);
    const stale = staleFields(record.values, changes);
    if (stale.length > 0) return failed(t.errors.stale(fieldList(stale)));
    const problems = newProblems(record.values, changes);
    if (problems.length > 0) return failed(problems.map((problem) => problem.message).join(''));

    await writeMemberFields(tx, request.memberId, Object.fromEntries(changes.map((change) => [change.field, change.newValue])) as RecordValues);
    await tx
      .update(changeRequests)
      .set({ status: 'approved', decidedBy: viewer.userId, decidedAt: ctx.now ?? new Date() })
      .where(eq(changeRequests.id, request.id));
    await tx.update(changeRequestFields).set({ pending: false }).where(eq(changeRequestFields.requestId, request.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'change_request.approve',
      entityType: 'member',
      entityId: request.memberId,
      orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { requestId: request.id, ...auditPairs(changes) },
    });
    await notifyMember(tx, {
      memberId: request.memberId,
      category: 'request_result',
      title: n.approvedTitle,
      body: n.approvedBody(fieldList(changes.map((change) => change.field))),
      link: '/archive',
    });
    return { status: 'success', message: t.results.approved } satisfies ActionState;
  });
}

/** Rejecting needs a reason, which the member is sent; the record does not change. */
export async function rejectChangeRequest(db: Database, ctx: WorkflowContext, input: { requestId: string; reason: string }): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!isReviewer(viewer)) return forbidden();
  if (reasonProblem(input.reason)) return invalid({ reason: [t.errors.decisionReasonRequired] });
  return db.transaction(async (tx) => {
    const locked = await lockForDecision(tx, viewer, input.requestId);
    if ('status' in locked) return locked;
    const { request, orgId } = locked;
    const changes = await plannedChangesOf(tx, request.id);
    await tx
      .update(changeRequests)
      .set({ status: 'rejected', decidedBy: viewer.userId, decidedAt: ctx.now ?? new Date(), decisionNote: input.reason.trim() })
      .where(eq(changeRequests.id, request.id));
    await tx.update(changeRequestFields).set({ pending: false }).where(eq(changeRequestFields.requestId, request.id));
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'change_request.reject',
      entityType: 'member',
      entityId: request.memberId,
      orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { requestId: request.id, fields: changes.map((change) => change.field), reason: input.reason.trim() },
    });
    await notifyMember(tx, {
      memberId: request.memberId,
      category: 'request_result',
      title: n.rejectedTitle,
      body: n.rejectedBody(fieldList(changes.map((change) => change.field)), input.reason.trim()),
      link: '/archive',
    });
    return { status: 'success', message: t.results.rejected } satisfies ActionState;
  });
}

/** The member's contact details and skills change at once, audited like any archive change. */
export async function saveOwnDirectFields(db: Database, ctx: WorkflowContext, raw: Readonly<Record<string, unknown>>): Promise<ActionState> {
  const viewer = asMember(ctx.viewer);
  if (!viewer) return forbidden();
  const record = await readMemberRecord(db, viewer.memberId);
  if (!record) return forbidden();
  const dictionary = await db.select({ name: skills.name }).from(skills).where(eq(skills.active, true));
  const plan = planDirectEdit(
    record.values,
    raw,
    dictionary.map((skill) => skill.name),
    beijingDay(ctx.now),
  );
  if (!plan.ok) return invalid(plan.fieldErrors);
  if (plan.changes.length === 0) return failed(t.direct.nothingChanged);
  const phone = plan.changes.find((change) => change.field === 'phone')?.newValue;
  if (typeof phone === 'string') {
    // Members sign in with their phone; a number two accounts share identifies neither.
    const [taken] = await db
      .select({ id: members.id })
      .from(members)
      .innerJoin(users, eq(users.memberId, members.id))
      .where(and(eq(members.phone, phone), ne(members.id, viewer.memberId)))
      .limit(1);
    if (taken) return invalid({ phone: [t.direct.phoneTaken] });
  }
  await db.transaction(async (tx) => {
    await writeMemberFields(tx, viewer.memberId, Object.fromEntries(plan.changes.map((change) => [change.field, change.newValue])) as RecordValues);
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'member.self_update',
      entityType: 'member',
      entityId: viewer.memberId,
      orgId: record.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: auditPairs(plan.changes),
    });
  });
  return { status: 'success', message: t.direct.saved };
}

function shown(field: MemberField, value: FieldValue): string {
  if (value === null) return messages.memberFields.notSet;
  return field === 'monthlyIncome' ? formatFen(Number(value)) : String(value);
}

/** A member looks at the full value of one of their own masked fields (audited). */
export async function revealOwnField(db: Database, ctx: WorkflowContext, input: { field: MemberField }): Promise<ActionState> {
  const viewer = asMember(ctx.viewer);
  if (!viewer) return forbidden();
  if (fieldDisplay(viewer, input.field, true) !== 'revealable') return failed(t.errors.notRevealable);
  const record = await readMemberRecord(db, viewer.memberId);
  if (!record) return forbidden();
  await db.transaction((tx) =>
    appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'member.reveal_own',
      entityType: 'member',
      entityId: viewer.memberId,
      orgId: record.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { field: input.field },
    }),
  );
  return { status: 'success', message: '', data: { value: shown(input.field, record.values[input.field]) } };
}

/**
 * The full old or new value of a sensitive field in a request: for the member who filed it, and
 * for reviewers in scope who hold pii_reveal (the field policy's `revealable`). Audited.
 */
export async function revealRequestValue(
  db: Database,
  ctx: WorkflowContext,
  input: { requestId: string; field: MemberField; side: 'old' | 'new' },
): Promise<ActionState> {
  const viewer = ctx.viewer;
  if (!viewer) return forbidden();
  const [row] = await db
    .select({ memberId: changeRequests.memberId, orgId: members.orgId, path: orgs.path, oldValue: changeRequestFields.oldValue, newValue: changeRequestFields.newValue })
    .from(changeRequests)
    .innerJoin(members, eq(members.id, changeRequests.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .innerJoin(changeRequestFields, and(eq(changeRequestFields.requestId, changeRequests.id), eq(changeRequestFields.field, input.field)))
    .where(eq(changeRequests.id, input.requestId));
  const own = viewer.tier === 'member' && row?.memberId === viewer.memberId;
  const reviewer = isReviewer(viewer) && row !== undefined && orgPathInScope(viewer, row.path);
  if (!row || !(own || reviewer)) return forbidden(t.errors.notFound);
  if (!isSensitiveField(input.field) || fieldDisplay(viewer, input.field, own) !== 'revealable') return forbidden(t.errors.notRevealable);
  await db.transaction((tx) =>
    appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'change_request.reveal',
      entityType: 'member',
      entityId: row.memberId,
      orgId: row.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { requestId: input.requestId, field: input.field, side: input.side },
    }),
  );
  const stored = input.side === 'old' ? row.oldValue : row.newValue;
  return { status: 'success', message: '', data: { value: shown(input.field, readFieldValue(input.field, stored)) } };
}

/** Unlinked uploads one member may hold at a time: enough for a request, not a file store. */
const MAX_UNLINKED_UPLOADS = 10;

export type EvidenceUpload = { ok: true; id: string; name: string; size: number } | { ok: false; status: 400 | 403; message: string };

/**
 * One evidence file, uploaded before the request is filed (so each shows progress and a weak
 * connection retries one file, not the whole form). Checked and stored by lib/storage with the
 * member's branch as its org; it is linked when the request is filed.
 */
export async function uploadEvidence(db: Database, ctx: WorkflowContext, input: { bytes: Uint8Array; name: string }, store?: FileStore): Promise<EvidenceUpload> {
  const viewer = asMember(ctx.viewer);
  if (!viewer) return { ok: false, status: 403, message: t.errors.memberOnly };
  const [member] = await db.select({ orgId: members.orgId }).from(members).where(eq(members.id, viewer.memberId));
  if (!member) return { ok: false, status: 403, message: t.errors.memberOnly };
  const since = new Date((ctx.now ?? new Date()).getTime() - 24 * 3_600_000);
  const [{ unlinked }] = await db
    .select({ unlinked: sql<number>`count(*)::int` })
    .from(files)
    .where(
      and(
        eq(files.uploadedBy, viewer.userId),
        gt(files.createdAt, since),
        sql`NOT EXISTS (SELECT 1 FROM ${changeRequests} WHERE ${changeRequests.evidenceFileIds} @> ARRAY[${files.id}])`,
      ),
    );
  if (Number(unlinked) >= MAX_UNLINKED_UPLOADS) return { ok: false, status: 400, message: t.errors.tooManyUploads };
  return db.transaction(async (tx) => {
    const saved = await saveUpload(tx, { bytes: input.bytes, originalName: input.name, orgId: member.orgId, purpose: 'evidence', uploadedBy: viewer.userId }, store);
    if (!saved.ok) return { ok: false, status: 400, message: saved.message } satisfies EvidenceUpload;
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'change_request.evidence_upload',
      entityType: 'file',
      entityId: saved.file.id,
      orgId: member.orgId,
      ip: ctx.ip,
      outcome: 'success',
      detail: { mime: saved.file.mime, sizeBytes: saved.file.sizeBytes },
    });
    return { ok: true, id: saved.file.id, name: saved.file.originalName, size: saved.file.sizeBytes } satisfies EvidenceUpload;
  });
}
