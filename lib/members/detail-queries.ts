import 'server-only';
import { and, asc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { members, orgs } from '@/db/schema';
import { inViewerScope, orgInSubtree } from '@/lib/auth/scope';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { BRANCH_TYPES } from '@/lib/orgs/org-types';
import { regionName } from '@/lib/regions/regions';
import { fieldDisplay, FIELD_POLICY, MEMBER_FIELDS, type FieldDisplay, type FieldGroup, type MemberField } from './field-policy';
import { formatFieldValue, type FieldValue } from './field-values';
import type { ContactOutcome, ContactWay, MemberStatus, OutflowReason } from './member-status';
import { maskedIdNumber, memberRecordColumns, toMemberRecord, type MemberRecord } from './record';
import { adminEditableFields, isArchiveAdmin } from './record-edit';
import { depthBelow } from '@/lib/orgs/paths';

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

export type ContactView = { id: string; contactedOn: string; way: ContactWay; outcome: ContactOutcome; contactedBy: string; note: string | null };

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

/** `after` is the last row of the previous page: `YYYY-MM-DD_<uuid>`. */
function contactCursor(after: string | undefined): { day: string; id: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2})_([0-9a-f-]{36})$/i.exec(after ?? '');
  return match && UUID.test(match[2]) ? { day: match[1], id: match[2] } : null;
}

type AuditChanges = { before?: Record<string, unknown>; after?: Record<string, unknown> };

const isMemberField = (key: string): key is MemberField => (MEMBER_FIELDS as readonly string[]).includes(key);

function asFieldValue(value: unknown): FieldValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map(String);
  return JSON.stringify(value);
}

// The whole page is one statement: the member's row (with its org, 党小组 and 联系人 names), the
// scope check in its WHERE, and each related list as JSON from a correlated subquery. Five reads
// sent side by side over the pool held five connections and the page waited for the slowest of
// them, which on a busy 2-core machine is mostly scheduling; one statement is one wait (README:
// member pages at 1,000,000 members). The subqueries run only for a row that passed the check,
// so nothing outside the scope is read. Table names are written out: in a single-table select
// Drizzle leaves columns unqualified.

/** The outflow episodes, newest first; for a host admin only those its subtree hosts. */
function outflowsJson(hostScope: string | null): SQL<OutflowRow[]> {
  const hosted = hostScope === null ? sql`` : sql` AND EXISTS (SELECT 1 FROM orgs AS scope_org WHERE scope_org.id = e.host_org_id AND scope_org.path <@ ${hostScope}::ltree)`;
  return sql<OutflowRow[]>`(SELECT coalesce(json_agg(json_build_object(
      'id', e.id, 'startedOn', e.started_on, 'endedOn', e.ended_on, 'regionCode', e.region_code, 'place', e.place, 'reason', e.reason,
      'hostOrgName', (SELECT h.name FROM orgs AS h WHERE h.id = e.host_org_id)
    ) ORDER BY e.started_on DESC, e.id DESC), '[]'::json)
    FROM outflow_episodes AS e WHERE e.member_id = members.id${hosted})`;
}

/** One page of the contact log (a row more than the page, to know whether another follows). */
function contactsJson(after: string | undefined): SQL<ContactView[]> {
  const cursor = contactCursor(after);
  const from = cursor ? sql` AND (c.contacted_on, c.id) < (${cursor.day}::date, ${cursor.id}::uuid)` : sql``;
  return sql<ContactView[]>`(SELECT coalesce(json_agg(json_build_object(
      'id', c.id, 'contactedOn', c.contacted_on, 'way', c.way, 'outcome', c.outcome, 'contactedBy', c.contacted_by, 'note', c.note
    ) ORDER BY c.contacted_on DESC, c.id DESC), '[]'::json)
    FROM (SELECT c.id, c.contacted_on, c.way, c.outcome, c.contacted_by, c.note FROM member_contacts AS c
          WHERE c.member_id = members.id${from} ORDER BY c.contacted_on DESC, c.id DESC LIMIT ${CONTACTS_PAGE_SIZE + 1}) AS c)`;
}

/**
 * Member-field changes recorded by anyone (admin edits, approved change requests, imports, the
 * contact log): every successful audit row about this member whose detail has `before`/`after`
 * keyed by field. The values were redacted when written (masked ID number, no income figure).
 * Orgs and contact persons are stored by id, so the page carries the names they stand for.
 */
function historyJson(memberId: string, before: number | undefined): SQL<HistoryJson> {
  const page = sql`SELECT a.id, a.at, a.action, a.detail, (SELECT u.display_name FROM users AS u WHERE u.id = a.actor_user_id) AS actor_name
    FROM audit_log AS a
    WHERE a.entity_type = 'member' AND a.entity_id = ${memberId} AND a.outcome = 'success' AND a.detail -> 'after' IS NOT NULL${
      before === undefined ? sql`` : sql` AND a.id < ${before}`
    }
    ORDER BY a.id DESC LIMIT ${HISTORY_PAGE_SIZE + 1}`;
  // The casts sit behind a CASE: a WHERE would not keep them from running on a value that fails its pattern.
  return sql<HistoryJson>`(SELECT json_build_object(
      'items', coalesce(json_agg(json_build_object('id', h.id, 'at', h.at, 'action', h.action, 'detail', h.detail, 'actorName', h.actor_name) ORDER BY h.id DESC), '[]'::json),
      'names', (SELECT coalesce(json_object_agg(named.value, named.name), '{}'::json) FROM (
        SELECT DISTINCT ON (f.value) f.value, coalesce(o.name, p.name) AS name
        FROM (${page}) AS h2
        CROSS JOIN LATERAL (
          SELECT side.key, side.value FROM jsonb_each_text(CASE WHEN jsonb_typeof(h2.detail -> 'before') = 'object' THEN h2.detail -> 'before' END) AS side
          UNION ALL
          SELECT side.key, side.value FROM jsonb_each_text(CASE WHEN jsonb_typeof(h2.detail -> 'after') = 'object' THEN h2.detail -> 'after' END) AS side
        ) AS f
        LEFT JOIN orgs AS o ON f.key IN ('org', 'group') AND o.id = CASE WHEN f.value ~ '^[0-9]{1,9}$' THEN f.value::int END
        LEFT JOIN members AS p ON f.key = 'contactPerson'
          AND p.id = CASE WHEN f.value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN f.value::uuid END
        WHERE coalesce(o.name, p.name) IS NOT NULL
      ) AS named)
    ) FROM (${page}) AS h)`;
}

type OutflowRow = Omit<OutflowView, 'region'> & { regionCode: string };
type HistoryRow = { id: number; at: string; action: string; detail: AuditChanges | null; actorName: string | null };
type HistoryJson = { items: HistoryRow[]; names: Record<string, string> };

function historyPage(viewer: Viewer, history: HistoryJson): MemberDetail['history'] {
  const names = new Map(Object.entries(history.names));
  const show = (field: MemberField, value: unknown): string => {
    const display = fieldDisplay(viewer, field);
    if (value === REDACTED || display === 'hidden' || (display !== 'plain' && field !== 'idNumber')) {
      return value === null || value === undefined ? messages.memberFields.notSet : messages.memberFields.masked;
    }
    return formatFieldValue(field, asFieldValue(value), names);
  };
  const page = history.items.slice(0, HISTORY_PAGE_SIZE);
  const items = page.map((row) => {
    const detail = row.detail ?? {};
    const fields = [...new Set([...Object.keys(detail.before ?? {}), ...Object.keys(detail.after ?? {})])].filter(isMemberField);
    fields.sort((a, b) => MEMBER_FIELDS.indexOf(a) - MEMBER_FIELDS.indexOf(b));
    const changes = fields.map((field) => ({ field, before: show(field, detail.before?.[field]), after: show(field, detail.after?.[field]) }));
    return { id: Number(row.id), at: new Date(row.at), actorName: row.actorName, action: row.action, changes };
  });
  return { items, next: history.items.length > HISTORY_PAGE_SIZE ? (items.at(-1)?.id ?? null) : null };
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
  if (!UUID.test(memberId)) return null;
  // An archive admin reaches a record only through its subtree, a host admin only as the host of
  // the member's open episode (members.host_org_id): the tier says which check applies. Host admins
  // get neither the contact log nor the history, so those are not even read for them.
  const access: MemberDetail['access'] | null = isArchiveAdmin(viewer) ? 'archive' : viewer.tier === 'host_admin' ? 'host' : null;
  if (!access) return null;
  const archive = access === 'archive';
  const none = sql<null>`NULL`;
  const [found] = await getDb()
    .select({
      ...memberRecordColumns,
      outflows: outflowsJson(archive ? null : viewer.scopePath),
      contacts: archive ? contactsJson(contactsAfter) : none,
      history: archive ? historyJson(memberId, historyBefore) : none,
    })
    .from(members)
    .where(and(eq(members.id, memberId), archive ? inViewerScope(members.orgId, viewer) : orgInSubtree(members.hostOrgId, viewer.scopePath)))
    .limit(1);
  if (!found) return null;
  const record = toMemberRecord(found);
  const outflows = found.outflows.map(({ regionCode, ...row }) => ({ ...row, region: regionName(regionCode) }));
  // The record already holds the row: no second read for these three.
  const row = { name: String(record.values.name), status: record.values.status as MemberStatus, lastContactOn: record.values.lastContactOn as string | null };
  const orgName = record.names.get(String(record.values.org)) ?? '';
  const fields = detailFields(viewer, record);

  if (!archive) {
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

  const contactRows = found.contacts ?? [];
  const contactItems = contactRows.slice(0, CONTACTS_PAGE_SIZE);
  const lastContact = contactItems.at(-1);
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
    contacts: { items: contactItems, next: contactRows.length > CONTACTS_PAGE_SIZE && lastContact ? `${lastContact.contactedOn}_${lastContact.id}` : null },
    history: found.history ? historyPage(viewer, found.history) : { items: [], next: null },
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
    orgs: scoped.filter((org) => org.type !== 'party_group').map((org) => ({ id: org.id, name: org.name, depth: depthBelow(String(org.path), viewer.scopePath) })),
    groups: scoped.filter((org) => org.type === 'party_group' && org.parentId !== null).map((org) => ({ id: org.id, name: org.name, orgId: org.parentId! })),
    contactPersons: persons,
  };
}
