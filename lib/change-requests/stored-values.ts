import 'server-only';
import { FIELD_POLICY, type MemberField } from '@/lib/members/field-policy';
import type { FieldValue } from '@/lib/members/field-values';
import { decryptPii, encryptPii, type PiiPurpose } from '@/lib/security/pii';

// How a request's old and new values sit in change_request_fields: the canonical text form, or,
// for a sensitive field (income), AES-256-GCM ciphertext under the PII key (DESIGN.md §5) —
// never the figure in plain text. A missing value stays NULL.

const SEALED = 'sealed:v1:';

function purposeOf(field: MemberField): PiiPurpose {
  return field === 'idNumber' ? 'member.id_number' : 'member.monthly_income';
}

export function isSensitiveField(field: MemberField): boolean {
  return FIELD_POLICY[field].sensitivity !== 'normal';
}

export function storeFieldValue(field: MemberField, value: FieldValue): string | null {
  if (value === null) return null;
  const text = Array.isArray(value) ? JSON.stringify(value) : String(value);
  if (!isSensitiveField(field)) return text;
  return `${SEALED}${Buffer.from(encryptPii(text, purposeOf(field))).toString('base64')}`;
}

export function readFieldValue(field: MemberField, stored: string | null): FieldValue {
  if (stored === null) return null;
  const text = stored.startsWith(SEALED) ? decryptPii(Buffer.from(stored.slice(SEALED.length), 'base64'), purposeOf(field)) : stored;
  if (field === 'monthlyIncome') return Number(text);
  if (field === 'skills') return JSON.parse(text) as string[];
  return text;
}
