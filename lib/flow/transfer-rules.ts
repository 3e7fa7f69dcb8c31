import { messages } from '@/lib/i18n/messages';
import { addDays, monthsBefore } from '@/lib/members/four-clear';
import { isRealDay } from './certificate-rules';
import type { TransferStatus } from './report-status';

// Pure rules of 组织关系转接 (issue 5 §4; DESIGN.md §4: "away 6+ months at a fixed place →
// membership should transfer; until the receiving side accepts, the sending side stays responsible").

const e = messages.flow.transfer.errors;

/** A 介绍信 is valid for a stated time, commonly a month and at most three. */
export const MAX_LETTER_VALID_DAYS = 90;
/** A letter written on paper and entered later may be dated back this far. */
export const LETTER_BACKDATE_DAYS = 90;
/** Away this long at one place, the membership should follow the member. */
export const TRANSFER_SUGGESTION_MONTHS = 6;

export type TransferOut = { letterNumber: string; issuedOn: string; validUntil: string; receivingOrgName: string; note: string | null };
export type Parsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string[]> };

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function parseTransferOut(raw: Readonly<Record<string, unknown>>, today: string): Parsed<TransferOut> {
  const fieldErrors: Record<string, string[]> = {};
  const letterNumber = text(raw.letterNumber);
  const issuedOn = text(raw.issuedOn);
  const validUntil = text(raw.validUntil);
  const receivingOrgName = text(raw.receivingOrgName);
  const note = text(raw.note);
  if (letterNumber.length === 0 || letterNumber.length > 40) fieldErrors.letterNumber = [e.letterNumber];
  if (!isRealDay(issuedOn)) fieldErrors.issuedOn = [e.issuedOn];
  else if (issuedOn > today) fieldErrors.issuedOn = [e.issuedOnFuture];
  else if (issuedOn < addDays(today, -LETTER_BACKDATE_DAYS)) fieldErrors.issuedOn = [e.issuedOnTooEarly(LETTER_BACKDATE_DAYS)];
  if (!isRealDay(validUntil)) fieldErrors.validUntil = [e.validUntil];
  else if (!fieldErrors.issuedOn && (validUntil < issuedOn || validUntil > addDays(issuedOn, MAX_LETTER_VALID_DAYS))) fieldErrors.validUntil = [e.validUntilRange(MAX_LETTER_VALID_DAYS)];
  if (receivingOrgName.length < 2 || receivingOrgName.length > 100) fieldErrors.receivingOrgName = [e.receivingOrgName];
  if (note.length > 500) fieldErrors.note = [e.note];
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, value: { letterNumber, issuedOn, validUntil, receivingOrgName, note: note || null } };
}

/** The 回执 arrives between the letter's issue and today (a late receipt is still a receipt). */
export function receiptDayProblem(receiptOn: string, issuedOn: string, today: string): string | null {
  if (!isRealDay(receiptOn)) return e.receiptOn;
  if (receiptOn > today) return e.receiptOnFuture;
  if (receiptOn < issuedOn) return e.receiptBeforeLetter;
  return null;
}

/** 疑似口袋党员: the letter's validity has run out and no receipt has come back. */
export function isPocketSuspect(status: TransferStatus, validUntil: string, today: string): boolean {
  return status === 'awaiting_receipt' && validUntil < today;
}

/** The last day an episode may have begun for its member to be suggested a transfer on `today`. */
export function transferSuggestionCutoff(today: string): string {
  return monthsBefore(today, TRANSFER_SUGGESTION_MONTHS);
}

/**
 * Whether a member away since `startedOn` should be offered a transfer: six months at one place,
 * no letter already out, and no 活动证 issued for a longer stay because the membership cannot move.
 */
export function shouldSuggestTransfer(input: { startedOn: string; letterOut: boolean; extendedCertificate: boolean }, today: string): boolean {
  return !input.letterOut && !input.extendedCertificate && input.startedOn <= transferSuggestionCutoff(today);
}
