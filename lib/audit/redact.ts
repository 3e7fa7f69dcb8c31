import { maskIdNumber, maskPhone } from '@/lib/security/masking';

// The audit trail must never hold a secret or a full ID number (DESIGN.md §5). Over-redaction is
// the safe side: a key such as `postcode` or `footprint` also matches and loses its value.
const SECRET_KEY = /password|secret|code|token|totp|otp/i;
export const REDACTED = '[redacted]';

// Anywhere in a string, even inside a longer run of digits: a false positive costs a few digits
// of some other number, a false negative would leak an ID number.
const ID_NUMBER = /\d{17}[\dXx]/g;
// Exactly eleven digits: without the digit boundaries every millisecond timestamp (17…) and
// longer account number would lose its middle.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
// A UUID's last group can be twelve digits with a mobile-shaped run after a hex letter; ids in
// detail must stay usable for looking the entity up.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function maskText(text: string): string {
  if (UUID.test(text)) return text;
  return text.replace(ID_NUMBER, (id) => maskIdNumber(id)).replace(MOBILE, (phone) => maskPhone(phone));
}

function redactValue(value: unknown, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return maskText(value);
  if (typeof value === 'number') {
    // A phone or ID number passed as a number is still one.
    if (!Number.isInteger(value)) return value;
    const text = BigInt(value).toString();
    const masked = maskText(text);
    return masked === text ? value : masked;
  }
  // JSON has no bigint (JSON.stringify would throw and the audit row would be lost).
  if (typeof value === 'bigint') return maskText(value.toString());
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[circular]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[binary ${value.byteLength} bytes]`;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactValue(item, ancestors));
    if (value instanceof Set) return [...value].map((item) => redactValue(item, ancestors));
    // An Error's message and name are not enumerable and would vanish in JSON.
    const entries: [string, unknown][] =
      value instanceof Map
        ? [...value].map(([key, item]): [string, unknown] => [String(key), item])
        : value instanceof Error
          ? [
              ['name', value.name],
              ['message', value.message],
            ]
          : Object.entries(value);
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      out[maskText(key)] = SECRET_KEY.test(key) ? REDACTED : redactValue(item, ancestors);
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * A deep copy fit for the audit trail: values under secret-looking keys become '[redacted]',
 * ID numbers (GB 11643) and mainland mobile numbers inside any string are masked as on screen.
 */
export function redactForAudit(value: unknown): unknown {
  return redactValue(value, new Set());
}
