import { messages } from '@/lib/i18n/messages';
import { parseIdNumber, type Gender } from '@/lib/members/id-number';
import { isRealDay } from './certificate-rules';
import type { Parsed } from './hosting-rules';

// Pure rules of the 流入党员 register (issue 5 §4, transfer in): a Party member from outside the
// deployment reports to one of its orgs and is placed there for organisation life; the membership
// stays with the original organisation, which the register names.

const e = messages.inflow.errors;

/** The register starts with the 2000s: an earlier 报到 date is a typing slip, not a record. */
export const EARLIEST_REPORT_DAY = '2000-01-01';
export const NOTE_MAX = 500;
export const LEAVE_REASON_MAX = 200;

export type InflowRegistration = {
  receivingOrgId: number;
  placedOrgId: number;
  name: string;
  /** Normalised (upper-case X); the caller encrypts, hashes and masks it, and never logs it. */
  idNumber: string;
  /** From the ID number, as for members: an admin never types what the number already says. */
  gender: Gender;
  phone: string;
  originalOrgName: string;
  originalOrgContact: string | null;
  certificateNumber: string | null;
  reportedOn: string;
  note: string | null;
};

export type InflowLeaving = { leftOn: string; reason: string | null };

const MOBILE = /^1[3-9]\d{9}$/;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const orgId = (value: unknown): number | null => {
  const digits = text(value);
  return /^\d{1,9}$/.test(digits) && Number(digits) > 0 ? Number(digits) : null;
};

/** Midnight UTC of a Beijing day, as parseIdNumber takes it: born on `today` is still allowed. */
const dayStart = (day: string): Date => new Date(`${day}T00:00:00Z`);

/**
 * The registration form as the admin filled it. Which orgs the ids name, and whether the viewer
 * may use them, is for the caller to check against the database.
 */
export function parseInflowRegistration(raw: Readonly<Record<string, unknown>>, today: string): Parsed<InflowRegistration> {
  const fieldErrors: Record<string, string[]> = {};
  const receivingOrgId = orgId(raw.receivingOrgId);
  const placedOrgId = orgId(raw.placedOrgId);
  if (receivingOrgId === null) fieldErrors.receivingOrgId = [e.receivingOrg];
  if (placedOrgId === null) fieldErrors.placedOrgId = [e.placement];

  const name = text(raw.name);
  if (name.length < 2 || name.length > 50 || /[0-9<>{}]/.test(name)) fieldErrors.name = [e.name];

  const id = parseIdNumber(text(raw.idNumber), dayStart(today));
  if (!id.ok) fieldErrors.idNumber = [messages.idNumber[id.problem]];

  const phone = text(raw.phone).replace(/[\s-]/g, '');
  if (!MOBILE.test(phone)) fieldErrors.phone = [e.phone];

  const originalOrgName = text(raw.originalOrgName);
  if (originalOrgName.length < 2 || originalOrgName.length > 100) fieldErrors.originalOrgName = [e.originalOrgName];
  const originalOrgContact = text(raw.originalOrgContact);
  if (originalOrgContact.length > 100) fieldErrors.originalOrgContact = [e.originalOrgContact];
  const certificateNumber = text(raw.certificateNumber);
  if (certificateNumber.length > 40) fieldErrors.certificateNumber = [e.certificateNumber];

  const reportedOn = text(raw.reportedOn);
  if (!isRealDay(reportedOn)) fieldErrors.reportedOn = [e.reportedOn];
  else if (reportedOn > today) fieldErrors.reportedOn = [e.reportedOnFuture];
  else if (reportedOn < EARLIEST_REPORT_DAY) fieldErrors.reportedOn = [e.reportedOnTooEarly(EARLIEST_REPORT_DAY)];

  const note = text(raw.note);
  if (note.length > NOTE_MAX) fieldErrors.note = [e.note];

  if (Object.keys(fieldErrors).length > 0 || receivingOrgId === null || placedOrgId === null || !id.ok) return { ok: false, fieldErrors };
  return {
    ok: true,
    value: {
      receivingOrgId,
      placedOrgId,
      name,
      idNumber: id.id.value,
      gender: id.id.gender,
      phone,
      originalOrgName,
      originalOrgContact: originalOrgContact || null,
      certificateNumber: certificateNumber || null,
      reportedOn,
      note: note || null,
    },
  };
}

/** Leaving: on a real day between the 报到 and today, with an optional short reason. */
export function parseInflowLeaving(raw: Readonly<Record<string, unknown>>, reportedOn: string, today: string): Parsed<InflowLeaving> {
  const fieldErrors: Record<string, string[]> = {};
  const leftOn = text(raw.leftOn);
  if (!isRealDay(leftOn)) fieldErrors.leftOn = [e.leftOn];
  else if (leftOn > today) fieldErrors.leftOn = [e.leftOnFuture];
  else if (leftOn < reportedOn) fieldErrors.leftOn = [e.leftBeforeReport];
  const reason = text(raw.reason);
  if (reason.length > LEAVE_REASON_MAX) fieldErrors.reason = [e.reason];
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, value: { leftOn, reason: reason || null } };
}

/** The note kept after leaving: the registration's own note, then why the member left. */
export function noteAfterLeaving(note: string | null, reason: string | null, label: string): string | null {
  if (!reason) return note;
  const line = `${label}：${reason}`;
  return note ? `${note}\n${line}` : line;
}
