import 'server-only';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '@/db/client';
import { changeRequestFields, changeRequests, files, members, orgs, skills, users } from '@/db/schema';
import { inViewerScope } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { FIELD_GROUPS, FIELD_POLICY, fieldDisplay, REVIEWED_FIELDS, visibleFields, type FieldGroup, type MemberField } from '@/lib/members/field-policy';
import { formatFieldValue, type FieldValue } from '@/lib/members/field-values';
import { readMemberRecord } from '@/lib/members/record';
import { maskIdNumber } from '@/lib/security/masking';
import { isReviewer, isUnseenDecision, type RequestStatus } from './rules';
import { isSensitiveField, readFieldValue } from './stored-values';

// Reads for 我的档案 (the member's own record and requests) and for reviewers (修改申请).
// Members only ever read their own archive; reviewers only members whose branch is in scope.

const masked = messages.memberFields.masked;

export type RecordItem = { field: MemberField; text: string; revealable: boolean };
export type RecordGroup = { group: FieldGroup; items: RecordItem[] };

/** Text of a value for its owner: sensitive values masked (revealed on tap), the rest formatted. */
function ownText(field: MemberField, value: FieldValue, names: ReadonlyMap<string, string>): RecordItem {
  if (!isSensitiveField(field)) return { field, text: formatFieldValue(field, value, names), revealable: false };
  if (value === null) return { field, text: messages.memberFields.notSet, revealable: false };
  return { field, text: field === 'idNumber' ? maskIdNumber(String(value)) : masked, revealable: true };
}

/** The member's own record, grouped as the field policy groups it. */
export async function getOwnRecord(db: Executor, { viewer }: { viewer: Viewer }): Promise<{ name: string; groups: RecordGroup[] } | null> {
  if (viewer.tier !== 'member' || !viewer.memberId) return null;
  const record = await readMemberRecord(db, viewer.memberId);
  if (!record) return null;
  const fields = visibleFields(viewer, true);
  const groups = FIELD_GROUPS.map((group) => ({
    group,
    items: fields.filter((field) => FIELD_POLICY[field].group === group).map((field) => ownText(field, record.values[field], record.names)),
  })).filter((group) => group.items.length > 0);
  return { name: String(record.values.name), groups };
}

export type RequestFieldView = { field: MemberField; oldText: string; newText: string; sensitive: boolean; revealable: boolean };
export type RequestView = {
  id: string;
  status: RequestStatus;
  reason: string;
  createdAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
  fromCensus: boolean;
  fields: RequestFieldView[];
  evidence: { id: string; name: string }[];
};

async function fieldsAndEvidence(db: Executor, requests: { id: string; evidenceFileIds: string[] }[], revealable: (field: MemberField) => boolean) {
  const ids = requests.map((request) => request.id);
  const fileIds = [...new Set(requests.flatMap((request) => request.evidenceFileIds))];
  const [fieldRows, fileRows] = await Promise.all([
    ids.length ? db.select().from(changeRequestFields).where(inArray(changeRequestFields.requestId, ids)) : Promise.resolve([]),
    fileIds.length ? db.select({ id: files.id, name: files.originalName }).from(files).where(inArray(files.id, fileIds)) : Promise.resolve([]),
  ]);
  const order = (field: string) => REVIEWED_FIELDS.indexOf(field as (typeof REVIEWED_FIELDS)[number]);
  const byRequest = new Map<string, RequestFieldView[]>();
  for (const row of fieldRows.sort((a, b) => order(a.field) - order(b.field))) {
    const field = row.field as MemberField;
    const sensitive = isSensitiveField(field);
    const text = (stored: string | null) => (sensitive ? (stored === null ? messages.memberFields.notSet : masked) : formatFieldValue(field, readFieldValue(field, stored)));
    const list = byRequest.get(row.requestId) ?? [];
    list.push({ field, oldText: text(row.oldValue), newText: text(row.newValue), sensitive, revealable: sensitive && revealable(field) });
    byRequest.set(row.requestId, list);
  }
  const names = new Map(fileRows.map((file) => [file.id, file.name]));
  return {
    fieldsOf: (id: string) => byRequest.get(id) ?? [],
    evidenceOf: (fileIdsOfRequest: string[]) => fileIdsOfRequest.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : [])),
  };
}

/** The member's own requests, newest first. */
export async function listOwnChangeRequests(db: Executor, { viewer, limit = 20 }: { viewer: Viewer; limit?: number }): Promise<RequestView[]> {
  if (viewer.tier !== 'member' || !viewer.memberId) return [];
  const rows = await db
    .select()
    .from(changeRequests)
    .where(eq(changeRequests.memberId, viewer.memberId))
    .orderBy(desc(changeRequests.createdAt), desc(changeRequests.id))
    .limit(limit);
  const { fieldsOf, evidenceOf } = await fieldsAndEvidence(db, rows, () => true);
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    reason: row.reason,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    fromCensus: row.censusId !== null,
    fields: fieldsOf(row.id),
    evidence: evidenceOf(row.evidenceFileIds),
  }));
}

/** Decisions (approved / rejected) made after `seenUpTo` (ms), which the member has not looked at. */
export function unseenDecisions(requests: readonly RequestView[], seenUpTo: number | null): Set<string> {
  return new Set(requests.filter((request) => (request.status === 'approved' || request.status === 'rejected') && isUnseenDecision(request.decidedAt, seenUpTo)).map((request) => request.id));
}

export type ReviewRow = RequestView & { memberId: string; memberName: string; orgName: string; deciderName: string | null };
export const REVIEW_PAGE_SIZE = 30;

/** Keyset cursor: the last row's creation time and id. */
export function reviewCursor(row: Pick<ReviewRow, 'createdAt' | 'id'>): string {
  return `${row.createdAt.toISOString()}_${row.id}`;
}

export function parseReviewCursor(cursor: string | undefined): { at: Date; id: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/.exec(cursor ?? '');
  if (!match || Number.isNaN(new Date(match[1]).getTime())) return null;
  return { at: new Date(match[1]), id: match[2] };
}

/** Requests of members in the reviewer's subtree, newest first, by keyset. */
export async function listReviewQueue(
  db: Executor,
  { viewer, status, before }: { viewer: Viewer; status?: RequestStatus; before?: string },
): Promise<ReviewRow[]> {
  if (!isReviewer(viewer)) return [];
  const decider = alias(users, 'decider');
  const conditions: SQL[] = [inViewerScope(members.orgId, viewer)];
  if (status) conditions.push(eq(changeRequests.status, status));
  const cursor = parseReviewCursor(before);
  if (cursor) conditions.push(sql`(${changeRequests.createdAt}, ${changeRequests.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await db
    .select({ request: changeRequests, memberName: members.name, orgName: orgs.name, deciderName: decider.displayName })
    .from(changeRequests)
    .innerJoin(members, eq(members.id, changeRequests.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(decider, eq(decider.id, changeRequests.decidedBy))
    .where(and(...conditions))
    .orderBy(desc(changeRequests.createdAt), desc(changeRequests.id))
    .limit(REVIEW_PAGE_SIZE);
  const { fieldsOf, evidenceOf } = await fieldsAndEvidence(
    db,
    rows.map((row) => row.request),
    (field) => fieldDisplay(viewer, field) === 'revealable',
  );
  return rows.map(({ request, memberName, orgName, deciderName }) => ({
    id: request.id,
    status: request.status,
    reason: request.reason,
    createdAt: request.createdAt,
    decidedAt: request.decidedAt,
    decisionNote: request.decisionNote,
    fromCensus: request.censusId !== null,
    fields: fieldsOf(request.id),
    evidence: evidenceOf(request.evidenceFileIds),
    memberId: request.memberId,
    memberName,
    orgName,
    deciderName,
  }));
}

export type DirectEditData = {
  values: { phone: string; emergencyContactName: string; emergencyContactRelation: string; emergencyContactPhone: string };
  skills: string[];
  dictionary: { name: string; category: string }[];
};

/** What the direct-edit form shows: the current values and the active skills dictionary. */
export async function getDirectEditData(db: Executor, { viewer }: { viewer: Viewer }): Promise<DirectEditData | null> {
  if (viewer.tier !== 'member' || !viewer.memberId) return null;
  const [record, dictionary] = await Promise.all([
    readMemberRecord(db, viewer.memberId),
    db.select({ name: skills.name, category: skills.category }).from(skills).where(eq(skills.active, true)).orderBy(asc(skills.category), asc(skills.sortOrder), asc(skills.name)),
  ]);
  if (!record) return null;
  const text = (value: FieldValue) => (value === null ? '' : String(value));
  return {
    values: {
      phone: text(record.values.phone),
      emergencyContactName: text(record.values.emergencyContactName),
      emergencyContactRelation: text(record.values.emergencyContactRelation),
      emergencyContactPhone: text(record.values.emergencyContactPhone),
    },
    skills: Array.isArray(record.values.skills) ? record.values.skills : [],
    dictionary,
  };
}

export type RequestFormField = { field: MemberField; currentText: string; currentInput: string; sensitive: boolean; pending: boolean };

/** The reviewed fields with their current values, and which already have a pending request. */
export async function getRequestFormData(db: Executor, { viewer }: { viewer: Viewer }): Promise<RequestFormField[] | null> {
  if (viewer.tier !== 'member' || !viewer.memberId) return null;
  const [record, pending] = await Promise.all([
    readMemberRecord(db, viewer.memberId),
    db
      .select({ field: changeRequestFields.field })
      .from(changeRequestFields)
      .where(and(eq(changeRequestFields.memberId, viewer.memberId), eq(changeRequestFields.pending, true))),
  ]);
  if (!record) return null;
  const pendingFields = new Set(pending.map((row) => row.field));
  return REVIEWED_FIELDS.map((field) => {
    const value = record.values[field];
    const sensitive = isSensitiveField(field);
    return {
      field,
      currentText: sensitive ? (value === null ? messages.memberFields.notSet : masked) : formatFieldValue(field, value, record.names),
      // A sensitive value is never put into the page; the member types the new one.
      currentInput: sensitive || value === null ? '' : String(value),
      sensitive,
      pending: pendingFields.has(field),
    };
  });
}

/** For pages: the same reads on the app's database. */
export const archiveReads = {
  ownRecord: (viewer: Viewer) => getOwnRecord(getDb(), { viewer }),
  ownRequests: (viewer: Viewer) => listOwnChangeRequests(getDb(), { viewer }),
  directEdit: (viewer: Viewer) => getDirectEditData(getDb(), { viewer }),
  requestForm: (viewer: Viewer) => getRequestFormData(getDb(), { viewer }),
  reviewQueue: (viewer: Viewer, filter: { status?: RequestStatus; before?: string }) => listReviewQueue(getDb(), { viewer, ...filter }),
};
