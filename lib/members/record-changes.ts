import 'server-only';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { changeRequestFields, memberContacts, members, orgs } from '@/db/schema';
import type { ActionState } from '@/lib/actions/action-state';
import { appendAudit } from '@/lib/audit/audit';
import { orgPathInScope } from '@/lib/auth/access';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { BRANCH_TYPES } from '@/lib/orgs/org-types';
import { piiLookupHash } from '@/lib/security/pii';
import { beijingDay } from '@/lib/time/beijing';
import { findArchiveMember } from './detail-queries';
import { fieldDisplay, type MemberField } from './field-policy';
import { formatFieldValue, parseFieldValue, type FieldValue, type RecordValues } from './field-values';
import { parseIdNumber } from './id-number';
import { auditableValue, readMemberRecord, writeMemberFields } from './record';
import { adminEditableFields, isArchiveAdmin, newerContactDay, planRecordChanges, postedRecordFields, type ContactInput, type RevealInput, type UpdateInput } from './record-edit';
import { auditActor } from '@/lib/actions/outcomes';
import type { ContactOutcome, ContactWay } from './member-status';

// The bodies of the member-record actions (record-actions.ts wraps each in validatedAction).
// They take the Viewer, so tests call them directly; each re-checks tier and capability, checks
// the member lies in the viewer's subtree, and writes with its audit row in one transaction.

const t = messages.memberRecord;
const fieldLabel = (field: MemberField) => messages.memberFields.fields[field];
const forbidden = (message: string): ActionState => ({ status: 'forbidden', message });
const invalid = (fieldErrors: Record<string, string[]>, message: string = messages.actions.invalid): ActionState => ({ status: 'invalid', message, fieldErrors });

export type ChangeContext = { ip: string; /** Beijing day for "not in the future" checks. */ today?: string };

async function lockMember(tx: Executor, memberId: string): Promise<void> {
  await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for('update');
}

/** Shows one sensitive value in full, once, to an archive admin holding pii_reveal; audited without the value. */
export async function revealField(viewer: Viewer, input: RevealInput, { ip }: ChangeContext): Promise<ActionState> {
  if (!isArchiveAdmin(viewer) || fieldDisplay(viewer, input.field) !== 'revealable') return forbidden(messages.actions.forbidden);
  const db = getDb();
  const member = await findArchiveMember(db, viewer, input.memberId);
  if (!member) return forbidden(t.outOfScope);
  const value = await db.transaction(async (tx) => {
    const record = await readMemberRecord(tx, member.id);
    await appendAudit(tx, {
      actor: auditActor(viewer),
      action: 'member.reveal',
      entityType: 'member',
      entityId: member.id,
      orgId: member.orgId,
      ip,
      outcome: 'success',
      detail: { field: input.field },
    });
    return record?.values[input.field] ?? null;
  });
  return { status: 'success', message: t.revealed, data: { value: formatFieldValue(input.field, value) } };
}

/** Org, group and contact person must fit together and lie in the admin's subtree. */
async function relationProblems(tx: Executor, viewer: Viewer, memberId: string, changes: RecordValues, merged: RecordValues): Promise<Record<string, string[]>> {
  const problems: Record<string, string[]> = {};
  const orgId = Number(merged.org);
  if ('org' in changes) {
    const [org] = await tx.select({ path: orgs.path, type: orgs.type, dissolvedAt: orgs.dissolvedAt }).from(orgs).where(eq(orgs.id, orgId));
    if (!org || org.dissolvedAt || !BRANCH_TYPES.includes(org.type) || !orgPathInScope(viewer, String(org.path))) problems.org = [t.orgNotAllowed];
  }
  if (('group' in changes || 'org' in changes) && merged.group !== null && merged.group !== undefined) {
    const [group] = await tx.select({ parentId: orgs.parentId, type: orgs.type, dissolvedAt: orgs.dissolvedAt }).from(orgs).where(eq(orgs.id, Number(merged.group)));
    if (!group || group.dissolvedAt || group.type !== 'party_group' || group.parentId !== orgId) problems.group = [t.groupNotInOrg];
  }
  if (('contactPerson' in changes || 'org' in changes) && merged.contactPerson !== null && merged.contactPerson !== undefined) {
    const personId = String(merged.contactPerson);
    const [person] = personId === memberId ? [] : await tx.select({ orgId: members.orgId }).from(members).where(eq(members.id, personId));
    if (!person || person.orgId !== orgId) problems.contactPerson = [t.contactPersonNotInBranch];
  }
  if ('idNumber' in changes) {
    const hash = piiLookupHash(String(changes.idNumber), 'member.id_number');
    const [other] = await tx.select({ id: members.id }).from(members).where(and(eq(members.idNumberHash, hash), ne(members.id, memberId))).limit(1);
    if (other) problems.idNumber = [t.idNumberTaken];
  }
  return problems;
}

/** A new ID number also rewrites gender and birth date (writeMemberFields): the audit shows them too. */
function withDerived(changes: RecordValues, current: RecordValues): RecordValues {
  if (typeof changes.idNumber !== 'string') return changes;
  const parsed = parseIdNumber(changes.idNumber);
  if (!parsed.ok) return changes;
  const derived: RecordValues = { ...changes };
  if (parsed.id.gender !== current.gender) derived.gender = parsed.id.gender;
  if (parsed.id.birthDate !== current.birthDate) derived.birthDate = parsed.id.birthDate;
  return derived;
}

function isIdNumberCollision(error: unknown): boolean {
  for (let current: unknown = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    const { constraint, constraint_name: constraintName, message } = current as { constraint?: string; constraint_name?: string; message?: string };
    if ([constraint, constraintName].includes('members_id_number_hash_key') || message?.includes('members_id_number_hash_key')) return true;
  }
  return false;
}

/**
 * An archive admin's edit: each posted field parsed, cross-field and relation checks, no field
 * with a pending change request, then the changed fields written with one audit row holding the
 * redacted before/after — all in one transaction, or nothing at all.
 */
export async function updateRecord(viewer: Viewer, input: UpdateInput, { ip, today = beijingDay() }: ChangeContext): Promise<ActionState> {
  const editable = adminEditableFields(viewer);
  if (editable.length === 0) return forbidden(messages.actions.forbidden);
  const db = getDb();
  const member = await findArchiveMember(db, viewer, input.memberId);
  if (!member) return forbidden(t.outOfScope);
  const posted = postedRecordFields(input);
  try {
    return await db.transaction(async (tx): Promise<ActionState> => {
      await lockMember(tx, member.id);
      const record = await readMemberRecord(tx, member.id);
      if (!record) return forbidden(t.outOfScope);
      const plan = planRecordChanges(record.values, posted, editable, today);
      if (Object.keys(plan.fieldErrors).length > 0) return invalid(plan.fieldErrors);
      const changed = Object.keys(plan.changes) as MemberField[];
      if (changed.length === 0) return { status: 'success', message: t.editNoChanges };

      const relations = await relationProblems(tx, viewer, member.id, plan.changes, { ...record.values, ...plan.changes });
      if (Object.keys(relations).length > 0) return invalid(relations);

      const pending = await tx
        .select({ field: changeRequestFields.field })
        .from(changeRequestFields)
        .where(and(eq(changeRequestFields.memberId, member.id), eq(changeRequestFields.pending, true), inArray(changeRequestFields.field, changed)));
      if (pending.length > 0) {
        const fields = changed.filter((field) => pending.some((row) => row.field === field));
        return invalid(Object.fromEntries(fields.map((field) => [field, [t.pendingRequestField]])), t.pendingRequest(fields.map(fieldLabel).join('、')));
      }

      await writeMemberFields(tx, member.id, plan.changes);
      const audited = withDerived(plan.changes, record.values);
      const before: Record<string, FieldValue> = {};
      const after: Record<string, FieldValue> = {};
      for (const field of Object.keys(audited) as MemberField[]) {
        before[field] = auditableValue(field, record.values[field]);
        after[field] = auditableValue(field, audited[field]);
      }
      await appendAudit(tx, {
        actor: auditActor(viewer),
        action: 'member.update',
        entityType: 'member',
        entityId: member.id,
        orgId: member.orgId,
        ip,
        outcome: 'success',
        detail: { before, after },
      });
      return { status: 'success', message: t.editSaved(changed.length) };
    });
  } catch (error) {
    // Two edits racing to the same new ID number: the unique index decides, with the same message.
    if (isIdNumberCollision(error)) return invalid({ idNumber: [t.idNumberTaken] });
    throw error;
  }
}

/** One contact as the log stores it; only a 'reached' contact moves members.last_contact_on. */
export type ContactEntry = { contactedOn: string; way: ContactWay; outcome: ContactOutcome; contactedBy: string; note: string | null };

/**
 * Writes one contact-log line with its audit row, inside the caller's transaction, and moves
 * members.last_contact_on when the contact reached the member on a newer day. An unanswered call
 * or a wrong number is a fact worth logging, but it must not hide a member nobody has reached
 * from the "not reached for 3 / 6 months" lists, the warnings and 四清楚, which all read that date.
 * The caller has checked the viewer and the member's scope. Returns the contact's id.
 */
export async function writeContact(
  tx: Executor,
  viewer: Viewer,
  member: { id: string; orgId: number },
  entry: ContactEntry,
  { ip, auditDetail = {} }: { ip: string; auditDetail?: Record<string, unknown> },
): Promise<string> {
  await lockMember(tx, member.id);
  const [current] = await tx.select({ lastContactOn: members.lastContactOn }).from(members).where(eq(members.id, member.id));
  const [contact] = await tx
    .insert(memberContacts)
    .values({ memberId: member.id, contactedOn: entry.contactedOn, way: entry.way, outcome: entry.outcome, contactedBy: entry.contactedBy, note: entry.note, recordedBy: viewer.userId })
    .returning({ id: memberContacts.id });
  const next = entry.outcome === 'reached' ? newerContactDay(current.lastContactOn, entry.contactedOn) : current.lastContactOn;
  const moved = next !== current.lastContactOn;
  if (moved) await tx.update(members).set({ lastContactOn: next, updatedAt: new Date() }).where(eq(members.id, member.id));
  await appendAudit(tx, {
    actor: auditActor(viewer),
    action: 'member.contact',
    entityType: 'member',
    entityId: member.id,
    orgId: member.orgId,
    ip,
    outcome: 'success',
    // The note stays in the contact log: free text may hold anything, the audit needs only the fact.
    detail: {
      contactId: contact.id,
      contactedOn: entry.contactedOn,
      way: entry.way,
      outcome: entry.outcome,
      ...auditDetail,
      ...(moved ? { before: { lastContactOn: current.lastContactOn }, after: { lastContactOn: next } } : {}),
    },
  });
  return contact.id;
}

/** Adds one entry to the contact log (动态联系): the form records contacts that reached the member. */
export async function recordContact(viewer: Viewer, input: ContactInput, { ip, today = beijingDay() }: ChangeContext): Promise<ActionState> {
  if (!isArchiveAdmin(viewer)) return forbidden(messages.actions.forbidden);
  const day = parseFieldValue('lastContactOn', input.contactedOn, today);
  if (!day.ok || day.value === null) return invalid({ contactedOn: [day.ok ? messages.memberFields.errors.required : day.message] });
  const contactedOn = String(day.value);
  const db = getDb();
  const member = await findArchiveMember(db, viewer, input.memberId);
  if (!member) return forbidden(t.outOfScope);
  await db.transaction((tx) => writeContact(tx, viewer, member, { contactedOn, way: input.way, outcome: 'reached', contactedBy: input.contactedBy, note: input.note }, { ip }));
  return { status: 'success', message: t.contactSaved };
}
