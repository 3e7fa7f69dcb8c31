import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/i18n/messages';
import { isPocketSuspect, parseTransferOut, receiptDayProblem, shouldSuggestTransfer, transferSuggestionCutoff } from './transfer-rules';

const e = messages.flow.transfer.errors;
const today = '2026-12-05';
const letter = { letterNumber: '（2026）第 0031 号', issuedOn: '2026-12-01', validUntil: '2027-01-01', receivingOrgName: '深圳市南山区粤海街道工作委员会' };

describe('parseTransferOut', () => {
  it('takes a letter as written, with an optional note', () => {
    expect(parseTransferOut({ ...letter, note: '  ' }, today)).toEqual({ ok: true, value: { ...letter, note: null } });
  });

  it('keeps a letter valid for at most 90 days from its issue, never before it', () => {
    expect(parseTransferOut({ ...letter, validUntil: '2027-03-01' }, today).ok).toBe(true);
    expect(parseTransferOut({ ...letter, validUntil: '2027-03-02' }, today)).toEqual({ ok: false, fieldErrors: { validUntil: [e.validUntilRange(90)] } });
    expect(parseTransferOut({ ...letter, validUntil: '2026-11-30' }, today)).toEqual({ ok: false, fieldErrors: { validUntil: [e.validUntilRange(90)] } });
  });

  it('names every missing or malformed part of the letter', () => {
    expect(parseTransferOut({ letterNumber: '', issuedOn: '2026-12-06', validUntil: 'soon', receivingOrgName: '党', note: '注'.repeat(501) }, today)).toEqual({
      ok: false,
      fieldErrors: { letterNumber: [e.letterNumber], issuedOn: [e.issuedOnFuture], validUntil: [e.validUntil], receivingOrgName: [e.receivingOrgName], note: [e.note] },
    });
  });
});

describe('receipts and 口袋党员', () => {
  it('takes a receipt between the letter and today', () => {
    expect(receiptDayProblem('2026-12-03', '2026-12-01', today)).toBeNull();
    expect(receiptDayProblem('2026-11-30', '2026-12-01', today)).toBe(e.receiptBeforeLetter);
    expect(receiptDayProblem('2026-12-06', '2026-12-01', today)).toBe(e.receiptOnFuture);
  });

  it('suspects a 口袋党员 only once a waiting letter is past its validity', () => {
    expect(isPocketSuspect('awaiting_receipt', '2026-12-05', today)).toBe(false);
    expect(isPocketSuspect('awaiting_receipt', '2026-12-04', today)).toBe(true);
    expect(isPocketSuspect('received', '2026-01-01', today)).toBe(false);
    expect(isPocketSuspect('cancelled', '2026-01-01', today)).toBe(false);
  });
});

describe('shouldSuggestTransfer', () => {
  it('suggests a transfer after six months at one place', () => {
    expect(transferSuggestionCutoff(today)).toBe('2026-06-05');
    expect(shouldSuggestTransfer({ startedOn: '2026-06-05', letterOut: false, extendedCertificate: false }, today)).toBe(true);
    expect(shouldSuggestTransfer({ startedOn: '2026-06-06', letterOut: false, extendedCertificate: false }, today)).toBe(false);
  });

  it('does not suggest one already under way, or where a 活动证 records that it cannot transfer', () => {
    expect(shouldSuggestTransfer({ startedOn: '2025-01-01', letterOut: true, extendedCertificate: false }, today)).toBe(false);
    expect(shouldSuggestTransfer({ startedOn: '2025-01-01', letterOut: false, extendedCertificate: true }, today)).toBe(false);
  });
});
