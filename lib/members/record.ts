import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { members } from '@/db/schema';
import { decryptPii, encryptPii, piiLookupHash } from '@/lib/security/pii';
import { maskIdNumber } from '@/lib/security/masking';
import { parseIdNumber } from './id-number';
import { FIELD_POLICY, type MemberField } from './field-policy';
import type { FieldValue, RecordValues } from './field-values';

// The one place that maps record fields to the members table and back: reading a member's
// values (decrypting what is encrypted), writing changed fields (encrypting, deriving gender and
// birth date from an ID number) and the redacted form of a value for the audit log.

export type MemberRecord = { id: string; orgId: number; values: Required<RecordValues>; names: Map<string, string> };

// The names of the org, 党小组 and 联系人 come in the same statement as the row: one round trip, not
// three. Written out: in a single-table select Drizzle leaves columns unqualified, and the 联系人's
// `contact_person_id` would then bind to the subquery's own row.
export const memberRecordColumns = {
  row: members,
  orgName: sql<string | null>`(SELECT o.name FROM orgs AS o WHERE o.id = members.org_id)`,
  groupName: sql<string | null>`(SELECT g.name FROM orgs AS g WHERE g.id = members.group_id)`,
  contactPersonName: sql<string | null>`(SELECT p.name FROM members AS p WHERE p.id = members.contact_person_id)`,
};

type MemberRecordRow = { row: typeof members.$inferSelect; orgName: string | null; groupName: string | null; contactPersonName: string | null };

/** Reads one member's whole record. Callers decide what the viewer may see (field-policy.ts). */
export async function readMemberRecord(db: Executor, memberId: string): Promise<MemberRecord | null> {
  const [found] = await db.select(memberRecordColumns).from(members).where(eq(members.id, memberId)).limit(1);
  return found ? toMemberRecord(found) : null;
}

/** The record of a row selected with memberRecordColumns (decrypting what is encrypted). */
export function toMemberRecord(found: MemberRecordRow): MemberRecord {
  const { row } = found;
  const values: Required<RecordValues> = {
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    birthDate: row.birthDate,
    idNumber: decryptPii(row.idNumberCipher, 'member.id_number'),
    education: row.education,
    phone: row.phone,
    joinedPartyOn: row.joinedPartyOn,
    fullMemberOn: row.fullMemberOn,
    category: row.category,
    probationEndsOn: row.probationEndsOn,
    org: String(row.orgId),
    group: row.groupId === null ? null : String(row.groupId),
    status: row.status,
    occupation: row.occupation,
    industry: row.industry,
    workUnit: row.workUnit,
    skills: row.skills,
    monthlyIncome: row.monthlyIncomeCipher ? Number(decryptPii(row.monthlyIncomeCipher, 'member.monthly_income')) : null,
    duesCategory: row.duesCategory,
    familySituation: row.familySituation,
    difficulties: row.difficulties,
    emergencyContactName: row.emergencyContactName,
    emergencyContactRelation: row.emergencyContactRelation,
    emergencyContactPhone: row.emergencyContactPhone,
    lastContactOn: row.lastContactOn,
    contactPerson: row.contactPersonId,
  };
  const names = new Map<string, string>();
  if (found.orgName !== null) names.set(String(row.orgId), found.orgName);
  if (row.groupId !== null && found.groupName !== null) names.set(String(row.groupId), found.groupName);
  if (row.contactPersonId && found.contactPersonName !== null) names.set(row.contactPersonId, found.contactPersonName);
  return { id: row.id, orgId: row.orgId, values, names };
}

/** The masked ID number shown to viewers who may not reveal it. */
export function maskedIdNumber(record: MemberRecord): string {
  return maskIdNumber(String(record.values.idNumber));
}

/**
 * Writes changed fields of one member. Values are canonical (field-values.ts); the caller has
 * checked permission, scope, and that an org or contact person lies in scope.
 */
export async function writeMemberFields(tx: Executor, memberId: string, changes: RecordValues): Promise<void> {
  const update: Partial<typeof members.$inferInsert> = { updatedAt: new Date() };
  for (const [field, value] of Object.entries(changes) as [MemberField, FieldValue][]) {
    switch (field) {
      case 'idNumber': {
        const parsed = parseIdNumber(String(value));
        if (!parsed.ok) throw new Error('writeMemberFields: invalid ID number');
        update.idNumberCipher = encryptPii(parsed.id.value, 'member.id_number');
        update.idNumberHash = piiLookupHash(parsed.id.value, 'member.id_number');
        update.idNumberMasked = maskIdNumber(parsed.id.value);
        update.gender = parsed.id.gender;
        update.birthDate = parsed.id.birthDate;
        break;
      }
      case 'monthlyIncome':
        update.monthlyIncomeCipher = value === null ? null : encryptPii(String(value), 'member.monthly_income');
        break;
      case 'org':
        update.orgId = Number(value);
        break;
      case 'group':
        update.groupId = value === null ? null : Number(value);
        break;
      case 'contactPerson':
        update.contactPersonId = value === null ? null : String(value);
        break;
      case 'skills':
        update.skills = Array.isArray(value) ? value : [];
        break;
      case 'gender':
        update.gender = value as 'male' | 'female';
        break;
      case 'category':
        update.category = value as 'full' | 'probationary';
        break;
      case 'status':
        update.status = value as typeof members.$inferInsert.status;
        break;
      case 'duesCategory':
        update.duesCategory = value as typeof members.$inferInsert.duesCategory;
        break;
      default:
        (update as Record<string, unknown>)[field] = value;
    }
  }
  await tx.update(members).set(update).where(eq(members.id, memberId));
}

/** What the audit log keeps of a value: never a full ID number, never an income figure. */
export function auditableValue(field: MemberField, value: FieldValue | undefined): FieldValue {
  if (value === null || value === undefined) return null;
  if (field === 'idNumber') return maskIdNumber(String(value));
  if (FIELD_POLICY[field].sensitivity === 'income') return '[redacted]';
  return value;
}
