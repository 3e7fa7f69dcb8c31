// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP). The parameters are fixed to
// HMAC-SHA-1, 6 digits and 30-second steps because that is the only combination every
// authenticator app (Google/Microsoft Authenticator, 腾讯身份验证器, FreeOTP …) reliably honours,
// whatever the otpauth URI claims.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted on either side of the server's current step, for phones whose clock drifts. */
export const TOTP_DRIFT_STEPS = 1;
/** RFC 4226 §4 asks for at least 128 bits and recommends 160, the length of a SHA-1 block output. */
export const TOTP_SECRET_BYTES = 20;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DIGITS_MODULUS = 10 ** TOTP_DIGITS;

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32_ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes RFC 4648 base32. Lenient about what people type or paste (lower case, spaces,
 * trailing '=' padding) but throws on anything else, so a corrupted stored secret is noticed
 * instead of silently producing codes nobody can match.
 */
export function base32Decode(input: string): Buffer {
  const clean = input.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  // 1, 3 or 6 leftover characters cannot come out of an encoder: they would carry less than a byte.
  if ([1, 3, 6].includes(clean.length % 8)) throw new Error('base32: invalid length');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) throw new Error('base32: invalid character');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(TOTP_SECRET_BYTES));
}

export function timeStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  // RFC 4226 §5.3 dynamic truncation; the top bit is masked so signed and unsigned readers agree.
  const offset = mac[mac.length - 1] & 0x0f;
  const binary =
    ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % DIGITS_MODULUS).padStart(TOTP_DIGITS, '0');
}

function decodeSecret(secretBase32: string): Buffer {
  const key = base32Decode(secretBase32);
  // An empty key still yields codes, and they would be the same for every such account.
  if (key.length === 0) throw new Error('totp: empty secret');
  return key;
}

export function totpAt(secretBase32: string, step: number): string {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError('totp: step must be a non-negative integer');
  return hotp(decodeSecret(secretBase32), step);
}

export type TotpVerification = { ok: true; step: number } | { ok: false };

/**
 * Checks a code against the current step ± TOTP_DRIFT_STEPS. Store the returned step and pass it
 * back as `lastAcceptedStep`: every step up to it is then refused, so an observed code cannot be
 * replayed, not even one from an earlier step after a later code was used.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  now: Date,
  lastAcceptedStep: number | null,
): TotpVerification {
  // Apps display the code as "123 456", so inner spaces are as harmless as outer ones.
  const typed = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(typed)) return { ok: false };
  const key = decodeSecret(secretBase32);
  const typedBytes = Buffer.from(typed, 'ascii');
  const current = timeStep(now);

  let matched: number | null = null;
  // Every candidate is computed and compared so the response time does not reveal which
  // step (if any) matched. On a collision the latest step wins: it burns the most steps,
  // leaving no later step in the window where the same digits would be accepted again.
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step++) {
    if (step < 0) continue;
    const expected = Buffer.from(hotp(key, step), 'ascii');
    const equal = timingSafeEqual(expected, typedBytes);
    if (equal && (lastAcceptedStep === null || step > lastAcceptedStep)) matched = step;
  }
  return matched === null ? { ok: false } : { ok: true, step: matched };
}

export type OtpauthParams = { issuer: string; account: string; secret: string };

/**
 * Key URI for the enrolment QR code (Google Authenticator "Key Uri Format"). Spaces are
 * encoded as %20, not '+', because several apps show a literal '+' otherwise; the issuer is
 * given both in the label and as a parameter because older apps read only one of them.
 */
export function otpauthUri({ issuer, account, secret }: OtpauthParams): string {
  // Round-tripping both canonicalises what a person may have typed and throws on characters
  // that would otherwise end up unescaped in the query string.
  const normalisedSecret = base32Encode(decodeSecret(secret));
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = [
    `secret=${normalisedSecret}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
