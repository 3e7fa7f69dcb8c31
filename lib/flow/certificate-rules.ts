import { messages } from '@/lib/i18n/messages';
import { addDays, monthsBefore } from '@/lib/members/four-clear';

// Pure rules of the 流动党员活动证 (issue 5 §2). The certificate is for stays of up to six months;
// where the membership cannot transfer (a stay without a fixed place or employer, say) it may run
// longer, to at most a year at a time, and the issuer records why. Renewal issues a new one.

const e = messages.flow.certificate.errors;

export const STANDARD_VALIDITY_MONTHS = 6;
export const EXTENDED_VALIDITY_MONTHS = 12;
/** Expiry is warned about this many days ahead, so the member can renew before it lapses. */
export const EXPIRY_WARNING_DAYS = 30;
/** A certificate issued on paper and entered later may be dated back this far. */
export const BACKDATE_DAYS = 90;
export const NOTE_MIN = 2;
export const NOTE_MAX = 500;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export function isRealDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export type CertificateTerms = { issuedOn: string; validUntil: string; extensionReason: string | null };
export type Parsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string[]> };

/** The last day a certificate issued on `issuedOn` may run to, standard or extended. */
export function latestValidUntil(issuedOn: string, extended: boolean): string {
  return addDays(monthsBefore(issuedOn, -(extended ? EXTENDED_VALIDITY_MONTHS : STANDARD_VALIDITY_MONTHS)), -1);
}

/** Issue or renewal dates as the admin entered them (`today` is the Beijing day). */
export function parseCertificateTerms(raw: { issuedOn?: unknown; validUntil?: unknown; extensionReason?: unknown }, today: string): Parsed<CertificateTerms> {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const fieldErrors: Record<string, string[]> = {};
  const issuedOn = text(raw.issuedOn);
  const validUntil = text(raw.validUntil);
  const extensionReason = text(raw.extensionReason);
  if (!isRealDay(issuedOn)) fieldErrors.issuedOn = [e.issuedOn];
  else if (issuedOn > today) fieldErrors.issuedOn = [e.issuedOnFuture];
  else if (issuedOn < addDays(today, -BACKDATE_DAYS)) fieldErrors.issuedOn = [e.issuedOnTooEarly(BACKDATE_DAYS)];
  if (extensionReason.length > NOTE_MAX) fieldErrors.extensionReason = [e.extensionReasonTooLong(NOTE_MAX)];
  if (!isRealDay(validUntil)) fieldErrors.validUntil = [e.validUntil];
  else if (!fieldErrors.issuedOn) {
    if (validUntil < today) fieldErrors.validUntil = [e.validUntilPast];
    else if (validUntil > latestValidUntil(issuedOn, true)) fieldErrors.validUntil = [e.validUntilTooLong(EXTENDED_VALIDITY_MONTHS)];
    else if (validUntil > latestValidUntil(issuedOn, false) && extensionReason.length < NOTE_MIN) fieldErrors.extensionReason = [e.extensionReasonRequired(STANDARD_VALIDITY_MONTHS)];
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const extended = validUntil > latestValidUntil(issuedOn, false);
  return { ok: true, value: { issuedOn, validUntil, extensionReason: extended ? extensionReason : null } };
}

/** 〔2026〕0012号: the issuer's running number within the year, as printed on the certificate. */
export function certificateNumber(year: number, serial: number): string {
  return `〔${year}〕${String(serial).padStart(4, '0')}号`;
}

export type CertificateState = 'valid' | 'expiring' | 'expired' | 'renewed' | 'returned';

/** What a certificate is on `today`: still held and valid (or soon to lapse, or lapsed), renewed or handed in. */
export function certificateState(status: 'valid' | 'renewed' | 'returned', validUntil: string, today: string): CertificateState {
  if (status !== 'valid') return status;
  if (validUntil < today) return 'expired';
  return validUntil <= addDays(today, EXPIRY_WARNING_DAYS) ? 'expiring' : 'valid';
}

export function inspectionNoteProblem(note: string): string | null {
  const length = note.trim().length;
  return length < NOTE_MIN || length > NOTE_MAX ? e.inspectionNote : null;
}
