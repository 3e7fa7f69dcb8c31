import 'server-only';
import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { auditLog, memberContacts, members, orgs, outflowEpisodes, users } from '@/db/schema';
import { inViewerScope, orgInSubtree } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { BRANCH_TYPES } from '@/lib/orgs/org-types';
import { regionName } from '@/lib/regions/regions';
import { fieldDisplay, FIELD_POLICY, MEMBER_FIELDS, type FieldDisplay, type FieldGroup, type MemberField } from './field-policy';
import { formatFieldValue, type FieldValue } from './field-values';
import type { ContactWay, MemberStatus, OutflowReason } from './member-status';
import { maskedIdNumber, readMemberRecord, type MemberRecord } from './record';
import { adminEditableFields, isArchiveAdmin } from './record-edit';

// The scoped read of one member's e-archive for the admin detail and edit pages. Who may open a
// record: archive admins whose subtree holds the member's org, and host (流入地) admins whose
// subtree holds the host org of the member's open outflow episode — the latter see only the
// policy's host fields, and none of the contact log or change history. Missing and forbidden
// look the same (null), so a guessed id tells nothing.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const CONTACTS_PAGE_SIZE = 20;
export const HISTORY_PAGE_SIZE = 30;
const REDACTED = '[redacted]';

export type DetailField = {
  field: MemberField;
  group: FieldGroup;
  display: Exclude<FieldDisplay, 'hidden'>;
  /** What the viewer reads: the formatted value, or its masked form. */
  text: string;
  /** The canonical value, for plain fields only (masked ones never leave the server in full). */
  value: FieldValue;
};

export type OutflowView = {
  id: string;
  startedOn: string;
  endedOn: string | null;
  region: string;
  place: string;
  reason: OutflowReason;
  hostOrgName: string | null;
};

export type ContactView = { id: string; contactedOn: string; way: ContactWay; contactedBy: string; note: string | null };

export type HistoryChange = { field: MemberField; before: string; after: string };
export type HistoryEntry = { id: number; at: Date; actorName: string | null; action: string; changes: HistoryChange[] };

export type MemberDetail = {
  id: string;
  name: string;
  status: MemberStatus;
  orgId: number;
  orgName: string;
  groupName: string | null;
  /** How the viewer reaches the record: through the archive's subtree, or as the host. */
  access: 'archive' | 'host';
  canEdit: boolean;
  fields: DetailField[];
  contactPerson: { id: string; name: string } | null;
  lastContactOn: string | null;
  outflows: OutflowView[];
  contacts: { items: ContactView[]; next: string | null };
  history: { items: HistoryEntry[]; next: number | null };
};

/** The member (id and org) when an archive admin's subtree holds it; null otherwise. */
export async function findArchiveMember(db: Executor, viewer: Viewer, memberId: string): Promise<{ id: string; orgId: number } | null> {
  if (!isArchiveAdmin(viewer) || !UUID.test(memberId)) return null;
  const [row] = await db
    .select({ id: members.id, orgId: members.orgId })
    .from(members)
    .where(and(eq(members.id, memberId), inViewerScope(members.orgId, viewer)))
    .limit(1);
  return row ?? null;
}

/** Whether a host admin's subtree hosts the member's open outflow episode (members.host_org_id). */
async function hostsMember(db: Executor, viewer: Viewer, memberId: string): Promise<boolean> {
  if (viewer.tier !== 'host_admin' || !UUID.test(memberId)) return false;
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.id, memberId), orgInSubtree(members.hostOrgId, viewer.scopePath)))
    .limit(1);
  return Boolean(row);
}

function detailFields(viewer: Viewer, record: MemberRecord): DetailField[] {
  const shown: DetailField[] = [];
  for (const field of MEMBER_FIELDS) {
    const display = fieldDisplay(viewer, field);
    if (display === 'hidden') continue;
    const value = record.values[field];
    let text: string;
    if (display === 'plain') text = formatFieldValue(field, value, record.names);
    else if (field === 'idNumber') text = maskedIdNumber(record);
    else text = value === null ? messages.memberFields.notSet : messages.memberRecord.maskedValue;
    shown.push({ field, group: FIELD_POLICY[field].group, display, text, value: display === 'plain' ? value : null });
  }
  return shown;
}

async function listOutflows(db: Executor, memberId: string, hostScope: string | null): Promise<OutflowView[]> {
  const rows = await db
    .select({
      id: outflowEpisodes.id,
      startedOn: outflowEpisodes.startedOn,
      endedOn: outflowEpisodes.endedOn,
      regionCode: outflowEpisodes.regionCode,
      place: outflowEpisodes.place,
      reason: outflowEpisodes.reason,
      hostOrgName: orgs.name,
    })
    .from(outflowEpisodes)
    .leftJoin(orgs, eq(orgs.id, outflowEpisodes.hostOrgId))
    .where(and(eq(outflowEpisodes.memberId, memberId), hostScope === null ? undefined : orgInSubtree(outflowEpisodes.hostOrgId, hostScope)))
    .orderBy(desc(outflowEpisodes.startedOn), desc(outflowEpisodes.id));
  return rows.map(({ regionCode, ...row }) => ({ ...row, region: regionName(regionCode) }));
}

/** `after` is the last row of the previous page: `YYYY-MM-DD_<uuid>`. */
function contactCursor(after: string | undefined): { day: string; id: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2})_([0-9a-f-]{36})$/i.exec(after ?? '');
  return match && UUID.test(match[2]) ? { day: match[1], id: match[2] } : null;
}

async function listContacts(db: Executor, memberId: string, after: string | undefined): Promise<MemberDetail['contacts']> {
  const cursor = contactCursor(after);
  const conditions: SQL[] = [eq(memberContacts.memberId, memberId)];
  if (cursor) conditions.push(sql`(${memberContacts.contactedOn}, ${memberContacts.id}) < (${cursor.day}::date, ${cursor.id}::uuid)`);
  const rows = await db
    .select({
      id: memberContacts.id,
      contactedOn: memberContacts.contactedOn,
      way: memberContacts.way,
      contactedBy: memberContacts.contactedBy,
      note: memberContacts.note,
    })
    .from(memberContacts)
    .where(and(...conditions))
    .orderBy(desc(memberContacts.contactedOn), desc(memberContacts.id))
    .limit(CONTACTS_PAGE_SIZE + 1);
  const items = rows.slice(0, CONTACTS_PAGE_SIZE);
  const last = items.at(-1);
  return { items, next: rows.length > CONTACTS_PAGE_SIZE && last ? `${last.contactedOn}_${last.id}` : null };
}

type AuditChanges = { before?: Record<string, unknown>; after?: Record<string, unknown> };

const isMemberField = (key: string): key is MemberField => (MEMBER_FIELDS as readonly string[]).includes(key);

function asFieldValue(value: unknown): FieldValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map(String);
  return JSON.stringify(value);
}

/**
 * Member-field changes recorded by anyone (admin edits, approved change requests, imports, the
 * contact log): every successful audit row about this member whose detail has `before`/`after`
 * keyed by field. The values were redacted when written (masked ID number, no income figure).
 */
async function listHistory(db: Executor, viewer: Viewer, memberId: string, before: number | undefined): Promise<MemberDetail['history']> {
  const rows = await db
    .select({ id: auditLog.id, at: auditLog.at, actorName: users.displayName, action: auditLog.action, detail: auditLog.detail })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.entityType, 'member'),
        eq(auditLog.entityId, memberId),
        eq(auditLog.outcome, 'success'),
        sql`${auditLog.detail} -> 'after' IS NOT NULL`,
        before === undefined ? undefined : lt(auditLog.id, before),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(HISTORY_PAGE_SIZE + 1);
  const page = rows.slice(0, HISTORY_PAGE_SIZE);

  // Orgs and contact persons are stored by id: look their names up once for the page.
  const orgIds = new Set<number>();
  const memberIds = new Set<string>();
  for (const row of page) {
    const detail = (row.detail ?? {}) as AuditChanges;
    for (const side of [detail.before, detail.after]) {
      for (const [key, value] of Object.entries(side ?? {})) {
        if ((key === 'org' || key === 'group') && /^\d{1,9}$/.test(String(value))) orgIds.add(Number(value));
        if (key === 'contactPerson' && typeof value === 'string' && UUID.test(value)) memberIds.add(value);
      }
    }
  }
  const names = new Map<string, string>();
  if (orgIds.size > 0) for (const org of await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, [...orgIds]))) names.set(String(org.id), org.name);
  if (memberIds.size > 0) for (const person of await db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, [...memberIds]))) names.set(person.id, person.name);

  const show = (field: MemberField, value: unknown): string => {
    const display = fieldDisplay(viewer, field);
    if (value === REDACTED || display === 'hidden' || (display !== 'plain' && field !== 'idNumber')) {
      return value === null || value === undefined ? messages.memberFields.notSet : messages.memberFields.masked;
    }
    return formatFieldValue(field, asFieldValue(value), names);
  };

  const items = page.map((row) => {
    const detail = (row.detail ?? {}) as AuditChanges;
    const fields = [...new Set([...Object.keys(detail.before ?? {}), ...Object.keys(detail.after ?? {})])].filter(isMemberField);
    fields.sort((a, b) => MEMBER_FIELDS.indexOf(a) - MEMBER_FIELDS.indexOf(b));
    const changes = fields.map((field) => ({ field, before: show(field, detail.before?.[field]), after: show(field, detail.after?.[field]) }));
    return { id: row.id, at: row.at, actorName: row.actorName, action: row.action, changes };
  });
  return { items, next: rows.length > HISTORY_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null };
}

/**
 * One member's record as this viewer may see it, or null when the member is missing or outside
 * the viewer's scope. `contactsAfter` / `historyBefore` page the contact log and the history.
 */
export async function findMemberForViewer({
  viewer,
  memberId,
  contactsAfter,
  historyBefore,
}: {
  viewer: Viewer;
  memberId: string;
  contactsAfter?: string;
  historyBefore?: number;
}): Promise<MemberDetail | null> {
  const db = getDb();
  if (!UUID.test(memberId)) return null;
  // An archive admin can reach a record only through its subtree, a host admin only as the host:
  // the tier says which check applies. The check and the reads go out together (one round trip
  // over the pool on PostgreSQL); what they read is dropped unless the check passes. Host admins
  // get neither the contact log nor the history, so those are not even read for them.
  const access: MemberDetail['access'] | null = isArchiveAdmin(viewer) ? 'archive' : viewer.tier === 'host_admin' ? 'host' : null;
  if (!access) return null;
  const archive = access === 'archive';
  const [allowed, record, outflows, contacts, history] = await Promise.all([
    archive ? findArchiveMember(db, viewer, memberId).then(Boolean) : hostsMember(db, viewer, memberId),
    readMemberRecord(db, memberId),
    listOutflows(db, memberId, archive ? null : viewer.scopePath),
    archive ? listContacts(db, memberId, contactsAfter) : null,
    archive ? listHistory(db, viewer, memberId, historyBefore) : null,
  ]);
  if (!allowed) return null;
  if (!record) return null;
  // The record already holds the row: no second read for these three.
  const row = { name: String(record.values.name), status: record.values.status as MemberStatus, lastContactOn: record.values.lastContactOn as string | null };
  const orgName = record.names.get(String(record.values.org)) ?? '';
  const fields = detailFields(viewer, record);

  if (access === 'host') {
    return {
      id: record.id,
      name: row.name,
      status: row.status,
      orgId: record.orgId,
      orgName,
      groupName: null,
      access,
      canEdit: false,
      fields,
      contactPerson: null,
      lastContactOn: null,
      outflows,
      contacts: { items: [], next: null },
      history: { items: [], next: null },
    };
  }

  const contactPersonId = record.values.contactPerson as string | null;
  return {
    id: record.id,
    name: row.name,
    status: row.status,
    orgId: record.orgId,
    orgName,
    groupName: record.values.group === null ? null : (record.names.get(String(record.values.group)) ?? null),
    access,
    canEdit: adminEditableFields(viewer).length > 0,
    fields,
    contactPerson: contactPersonId ? { id: contactPersonId, name: record.names.get(contactPersonId) ?? '' } : null,
    lastContactOn: row.lastContactOn,
    outflows,
    contacts: contacts ?? { items: [], next: null },
    history: history ?? { items: [], next: null },
  };
}

export type OrgChoice = { id: number; name: string; depth: number };
export type GroupChoice = { id: number; name: string; orgId: number };
export type PersonChoice = { id: string; name: string };

export type MemberEditForm = {
  detail: MemberDetail;
  editable: MemberField[];
  orgs: OrgChoice[];
  groups: GroupChoice[];
  contactPersons: PersonChoice[];
};

/** What the edit page needs: the record, the fields this admin may change, and the choices. */
export async function getMemberEditForm({ viewer, memberId }: { viewer: Viewer; memberId: string }): Promise<MemberEditForm | null> {
  const detail = await findMemberForViewer({ viewer, memberId });
  if (!detail || !detail.canEdit) return null;
  const db = getDb();
  const base = viewer.scopePath.split('.').length;
  const scoped = await db
    .select({ id: orgs.id, name: orgs.name, type: orgs.type, path: orgs.path, parentId: orgs.parentId })
    .from(orgs)
    .where(and(inViewerScope(orgs.id, viewer), isNull(orgs.dissolvedAt), or(inArray(orgs.type, [...BRANCH_TYPES]), eq(orgs.type, 'party_group'))))
    .orderBy(asc(orgs.path));
  const persons = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(and(eq(members.orgId, detail.orgId), ne(members.id, memberId)))
    .orderBy(asc(members.name), asc(members.id))
    .limit(500);
  return {
    detail,
    editable: adminEditableFields(viewer),
    orgs: scoped.filter((org) => org.type !== 'party_group').map((org) => ({ id: org.id, name: org.name, depth: Math.max(0, String(org.path).split('.').length - base) })),
    groups: scoped.filter((org) => org.type === 'party_group' && org.parentId !== null).map((org) => ({ id: org.id, name: org.name, orgId: org.parentId! })),
    contactPersons: persons,
  };
}
