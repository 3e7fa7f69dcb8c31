import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/i18n/messages';
import { certificateNumber, certificateState, inspectionNoteProblem, latestValidUntil, parseCertificateTerms } from './certificate-rules';

const e = messages.flow.certificate.errors;
const today = '2026-12-05';

describe('latestValidUntil', () => {
  it('runs six months less a day, or a year where the membership cannot transfer', () => {
    expect(latestValidUntil('2026-12-05', false)).toBe('2027-06-04');
    expect(latestValidUntil('2026-12-05', true)).toBe('2027-12-04');
    // 08-31 plus six months is the end of February, not 3 March.
    expect(latestValidUntil('2026-08-31', false)).toBe('2027-02-27');
  });
});

describe('parseCertificateTerms', () => {
  it('accepts a six-month certificate without a reason and drops a reason it does not need', () => {
    expect(parseCertificateTerms({ issuedOn: today, validUntil: '2027-06-04', extensionReason: '随便写写' }, today)).toEqual({
      ok: true,
      value: { issuedOn: today, validUntil: '2027-06-04', extensionReason: null },
    });
  });

  it('asks why a certificate runs past six months, and refuses more than a year', () => {
    expect(parseCertificateTerms({ issuedOn: today, validUntil: '2027-06-05' }, today)).toEqual({ ok: false, fieldErrors: { extensionReason: [e.extensionReasonRequired(6)] } });
    expect(parseCertificateTerms({ issuedOn: today, validUntil: '2027-06-05', extensionReason: '无固定工作单位，组织关系无法转移' }, today)).toEqual({
      ok: true,
      value: { issuedOn: today, validUntil: '2027-06-05', extensionReason: '无固定工作单位，组织关系无法转移' },
    });
    expect(parseCertificateTerms({ issuedOn: today, validUntil: '2027-12-05', extensionReason: '无固定工作单位' }, today)).toEqual({ ok: false, fieldErrors: { validUntil: [e.validUntilTooLong(12)] } });
  });

  it('refuses a future or long-past issue day and a certificate that has already lapsed', () => {
    expect(parseCertificateTerms({ issuedOn: '2026-12-06', validUntil: '2027-01-01' }, today)).toEqual({ ok: false, fieldErrors: { issuedOn: [e.issuedOnFuture] } });
    expect(parseCertificateTerms({ issuedOn: '2026-09-05', validUntil: '2027-01-01' }, today)).toEqual({ ok: false, fieldErrors: { issuedOn: [e.issuedOnTooEarly(90)] } });
    expect(parseCertificateTerms({ issuedOn: '2026-10-01', validUntil: '2026-12-04' }, today)).toEqual({ ok: false, fieldErrors: { validUntil: [e.validUntilPast] } });
  });

  it('names each malformed or forged field', () => {
    expect(parseCertificateTerms({ issuedOn: '2026-02-30', validUntil: ['2027-01-01'] }, today)).toEqual({ ok: false, fieldErrors: { issuedOn: [e.issuedOn], validUntil: [e.validUntil] } });
  });
});

describe('certificateNumber and certificateState', () => {
  it('prints the running number as issued documents do', () => {
    expect(certificateNumber(2026, 12)).toBe('〔2026〕0012号');
  });

  it('warns 30 days ahead, marks a lapsed one expired, and leaves renewed and returned ones alone', () => {
    expect(certificateState('valid', '2027-01-05', today)).toBe('valid');
    expect(certificateState('valid', '2027-01-04', today)).toBe('expiring');
    expect(certificateState('valid', today, today)).toBe('expiring');
    expect(certificateState('valid', '2026-12-04', today)).toBe('expired');
    expect(certificateState('returned', '2026-01-01', today)).toBe('returned');
    expect(certificateState('renewed', '2026-01-01', today)).toBe('renewed');
  });

  it('wants an inspection finding of 2 to 500 characters', () => {
    expect(inspectionNoteProblem('好')).toBe(e.inspectionNote);
    expect(inspectionNoteProblem('在外按时参加组织生活，党费已交至11月')).toBeNull();
  });
});
