import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { fieldDisplay, MEMBER_FIELDS, type MemberField } from './field-policy';
import { crossFieldProblems, parseFieldValue, sameValue, type FieldValue, type RecordValues } from './field-values';
import { CONTACT_WAYS } from './member-status';

// Pure rules of the admin's edit form, reveal and contact log (no database): which fields an
// admin may change, how a posted form becomes a set of changes, and the forms' schemas.

const t = messages.memberRecord;

/**
 * Fields an archive admin never types: gender and birth date are derived from the ID number
 * (writeMemberFields re-derives them), and the last contact date follows the contact log.
 */
const DERIVED_FIELDS: ReadonlySet<MemberField> = new Set(['gender', 'birthDate', 'lastContactOn']);

/**
 * Sensitive fields whose full value is never put into the edit form (that would be an unaudited
 * reveal): their input starts empty, and an empty input means "keep".
 */
export const BLANK_KEEPS_FIELDS: ReadonlySet<MemberField> = new Set(['idNumber', 'monthlyIncome']);

export const REVEALABLE_FIELDS = ['idNumber', 'monthlyIncome'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

export function isArchiveAdmin(viewer: Pick<Viewer, 'tier' | 'capabilities'>): boolean {
  return (viewer.tier === 'org_admin' || viewer.tier === 'county_admin') && viewer.capabilities.includes('archive');
}

/** What this admin may change on a record in scope: not derived, and not hidden from them (income without pii_reveal). */
export function adminEditableFields(viewer: Pick<Viewer, 'tier' | 'capabilities'>): MemberField[] {
  if (!isArchiveAdmin(viewer)) return [];
  return MEMBER_FIELDS.filter((field) => !DERIVED_FIELDS.has(field) && fieldDisplay(viewer, field) !== 'hidden');
}

export type RecordChangePlan = { changes: RecordValues; fieldErrors: Record<string, string[]> };

/**
 * Turns the posted edit form into the fields that really change. Only `editable` fields are
 * read; a posted field outside it is an error (a forged post), not silently dropped. Cross-field
 * problems are reported only when the change introduces them, so an old inconsistency in a record
 * does not block an unrelated correction.
 */
export function planRecordChanges(
  current: RecordValues,
  posted: Partial<Record<MemberField, string>>,
  editable: readonly MemberField[],
  today: string,
): RecordChangePlan {
  const changes: RecordValues = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, raw] of Object.entries(posted) as [MemberField, string | undefined][]) {
    if (raw === undefined) continue;
    if (!editable.includes(field)) {
      fieldErrors[field] = [t.notEditable];
      continue;
    }
    if (BLANK_KEEPS_FIELDS.has(field) && raw.trim() === '') continue;
    // The form posts every field with its current value: an untouched one is no change, even when
    // it holds an old value today's rules would refuse (an education label from an old import).
    if (raw.trim() === formText(current[field])) continue;
    const parsed = parseFieldValue(field, raw, today);
    if (!parsed.ok) {
      fieldErrors[field] = [parsed.message];
      continue;
    }
    if (!sameValue(current[field], parsed.value)) changes[field] = parsed.value;
  }
  const before = new Set(crossFieldProblems(current).map((problem) => `${problem.field}:${problem.message}`));
  for (const problem of crossFieldProblems({ ...current, ...changes })) {
    if (before.has(`${problem.field}:${problem.message}`)) continue;
    (fieldErrors[problem.field] ??= []).push(problem.message);
  }
  return { changes, fieldErrors };
}

/** The canonical value as the edit form shows it in its input. */
export function formText(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join('、') : String(value);
}

/** members.last_contact_on only moves forward: an older contact entered late leaves it alone. */
export function newerContactDay(current: string | null, contactedOn: string): string {
  return current !== null && current >= contactedOn ? current : contactedOn;
}

const memberId = z.uuid({ error: t.outOfScope });

export const revealSchema = z.object({
  memberId,
  field: z.enum(REVEALABLE_FIELDS, { error: t.notRevealable }),
});
export type RevealInput = z.output<typeof revealSchema>;

export const contactSchema = z.object({
  memberId,
  // The date's own rules (real day, not in the future) are checked with the Beijing "today".
  contactedOn: z.string().trim().min(1, messages.memberFields.errors.date).max(20, messages.memberFields.errors.date),
  way: z.enum(CONTACT_WAYS, { error: t.wayRequired }),
  contactedBy: z.string().trim().min(1, t.contactedByRequired).max(50, t.contactedByTooLong),
  note: z
    .string()
    .trim()
    .max(500, t.noteTooLong)
    .optional()
    .transform((note) => (note ? note : null)),
});
export type ContactInput = z.output<typeof contactSchema>;

// Every field may be posted as text; which ones this admin may change is decided per viewer.
const postedFields = Object.fromEntries(MEMBER_FIELDS.map((field) => [field, z.string().max(2000, messages.memberFields.errors.tooLong(2000)).optional()])) as Record<
  MemberField,
  z.ZodOptional<z.ZodString>
>;

export const updateSchema = z.object({ memberId, ...postedFields });
export type UpdateInput = z.output<typeof updateSchema>;

/** The posted member fields of an update, without the member id. */
export function postedRecordFields(input: UpdateInput): Partial<Record<MemberField, string>> {
  const posted: Partial<Record<MemberField, string>> = {};
  for (const field of MEMBER_FIELDS) if (input[field] !== undefined) posted[field] = input[field];
  return posted;
}
