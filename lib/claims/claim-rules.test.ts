import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/i18n/messages';
import {
  canReceiveClaims,
  claimFilingSchema,
  claimRejectSchema,
  decodeClaimCursor,
  encodeClaimCursor,
  parseClaimStatus,
} from './claim-rules';

const t = messages.claims;
const valid = { name: ' 王芳 ', idNumber: '34052419800101001x', phone: '138 1234 5678', orgId: '12', note: '', consent: 'on' };

function fieldErrors(input: Record<string, unknown>): Record<string, string[]> {
  const parsed = claimFilingSchema.safeParse(input);
  if (parsed.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

describe('claim filing', () => {
  it('normalises what was typed: trimmed name, upper-case X, phone digits only, empty note as none', () => {
    expect(claimFilingSchema.parse(valid)).toEqual({
      name: '王芳',
      idNumber: '34052419800101001X',
      phone: '13812345678',
      orgId: 12,
      note: null,
      consent: 'on',
    });
    expect(claimFilingSchema.parse({ ...valid, note: '  1998年入党，原在东关村支部  ' }).note).toBe('1998年入党，原在东关村支部');
  });

  it('names each bad field in Chinese', () => {
    expect(fieldErrors({ ...valid, idNumber: '340524198001010010' })).toEqual({ idNumber: [messages.idNumber.checkChar] });
    expect(fieldErrors({ ...valid, idNumber: '990524198001010010' })).toEqual({ idNumber: [messages.idNumber.province] });
    expect(fieldErrors({ ...valid, idNumber: '3405241980' })).toEqual({ idNumber: [messages.idNumber.format] });
    expect(fieldErrors({ ...valid, phone: '0755-1234567' })).toEqual({ phone: [t.errors.phone] });
    expect(fieldErrors({ ...valid, orgId: 'abc' })).toEqual({ orgId: [t.errors.org] });
    expect(fieldErrors({ ...valid, orgId: '-3' })).toEqual({ orgId: [t.errors.org] });
    expect(fieldErrors({ ...valid, note: '说'.repeat(501) })).toEqual({ note: [t.errors.noteTooLong] });
    expect(fieldErrors({ ...valid, consent: undefined })).toEqual({ consent: [messages.auth.consentRequired] });
  });

  it('requires name, ID number, phone and branch', () => {
    const errors = fieldErrors({ consent: 'on' });
    expect(errors).toEqual({
      name: [t.errors.name],
      idNumber: [messages.auth.required],
      phone: [t.errors.phone],
      orgId: [t.errors.org],
    });
    expect(fieldErrors({ ...valid, name: '   ' })).toEqual({ name: [t.errors.name] });
    expect(fieldErrors({ ...valid, name: '名'.repeat(51) })).toEqual({ name: [t.errors.name] });
  });
});

describe('claim decisions', () => {
  it('needs a reason to reject', () => {
    const claimId = '3f0e0e52-5c1f-4c39-9d0f-2b7c8f3a1e11';
    expect(claimRejectSchema.safeParse({ claimId, reason: '  ' }).success).toBe(false);
    expect(claimRejectSchema.safeParse({ claimId, reason: '查无此人' }).success).toBe(true);
    expect(claimRejectSchema.safeParse({ claimId: 'not-a-uuid', reason: '查无此人' }).success).toBe(false);
  });

  it('sends claims only to live 党支部 and 联合党支部, never to a 临时党支部, which admits no one', () => {
    expect(canReceiveClaims({ type: 'branch', dissolvedAt: null })).toBe(true);
    expect(canReceiveClaims({ type: 'joint_branch', dissolvedAt: null })).toBe(true);
    expect(canReceiveClaims({ type: 'temporary_branch', dissolvedAt: null })).toBe(false);
    expect(canReceiveClaims({ type: 'branch', dissolvedAt: new Date() })).toBe(false);
    for (const type of ['party_committee', 'working_committee', 'general_branch', 'party_group', 'host'] as const) {
      expect(canReceiveClaims({ type, dissolvedAt: null })).toBe(false);
    }
  });
});

describe('list position', () => {
  it('round-trips a cursor and reads anything else as the first page', () => {
    const cursor = { filedAt: '2026-11-27T01:45:12.123456Z', id: '3f0e0e52-5c1f-4c39-9d0f-2b7c8f3a1e11' };
    expect(decodeClaimCursor(encodeClaimCursor(cursor))).toEqual(cursor);
    expect(decodeClaimCursor(undefined)).toBeUndefined();
    expect(decodeClaimCursor('garbage!')).toBeUndefined();
    expect(decodeClaimCursor(Buffer.from(JSON.stringify(["2026-11-27'; DROP TABLE x", cursor.id])).toString('base64url'))).toBeUndefined();
    expect(decodeClaimCursor(Buffer.from(JSON.stringify([cursor.filedAt, 'x'])).toString('base64url'))).toBeUndefined();
  });

  it('shows pending claims unless another known status is asked for', () => {
    expect(parseClaimStatus(undefined)).toBe('pending');
    expect(parseClaimStatus('verified')).toBe('verified');
    expect(parseClaimStatus('rejected')).toBe('rejected');
    expect(parseClaimStatus('deleted')).toBe('pending');
  });
});
