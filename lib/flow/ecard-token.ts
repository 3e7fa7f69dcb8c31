import { createHmac, timingSafeEqual } from 'node:crypto';

// The 电子党员证's QR code (issue 5 §6): a signed, expiring token naming the member — never the ID
// number. body = version (1 byte) ‖ member uuid (16) ‖ expiry, Unix seconds (4); the signature is
// HMAC-SHA256 under a key derived for this use only, cut to 16 bytes (128 bits: forging one is
// out of reach; a short token keeps the QR code coarse enough for a cheap phone camera).

const VERSION = 1;
const BODY_BYTES = 21;
const SIGNATURE_BYTES = 16;
/** A code shown on a phone is good for ten minutes: long enough for a queue at the door. */
export const ECARD_TTL_SECONDS = 10 * 60;

export type ECardCheck = { ok: true; memberId: string; expiresAt: Date } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

function purposeKey(key: Buffer): Buffer {
  return createHmac('sha256', key).update('ejia.ecard.v1').digest();
}

function sign(body: Buffer, key: Buffer): Buffer {
  return createHmac('sha256', purposeKey(key)).update(body).digest().subarray(0, SIGNATURE_BYTES);
}

export function signECardToken(memberId: string, now: Date, key: Buffer): { token: string; expiresAt: Date } {
  const hex = memberId.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error('not a member id');
  const expires = Math.floor(now.getTime() / 1000) + ECARD_TTL_SECONDS;
  const body = Buffer.alloc(BODY_BYTES);
  body.writeUInt8(VERSION, 0);
  Buffer.from(hex, 'hex').copy(body, 1);
  body.writeUInt32BE(expires, 17);
  return { token: `${body.toString('base64url')}.${sign(body, key).toString('base64url')}`, expiresAt: new Date(expires * 1000) };
}

/** Checks a scanned or typed token (whitespace ignored): its shape, its signature, then its time. */
export function verifyECardToken(input: string, now: Date, key: Buffer): ECardCheck {
  const match = /^([A-Za-z0-9_-]{28})\.([A-Za-z0-9_-]{22})$/.exec(input.replace(/\s+/g, ''));
  if (!match) return { ok: false, reason: 'malformed' };
  const body = Buffer.from(match[1], 'base64url');
  const signature = Buffer.from(match[2], 'base64url');
  if (body.length !== BODY_BYTES || signature.length !== SIGNATURE_BYTES || body.readUInt8(0) !== VERSION) return { ok: false, reason: 'malformed' };
  if (!timingSafeEqual(signature, sign(body, key))) return { ok: false, reason: 'signature' };
  const expires = body.readUInt32BE(17);
  if (expires * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  const hex = body.subarray(1, 17).toString('hex');
  const memberId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { ok: true, memberId, expiresAt: new Date(expires * 1000) };
}

/** The token in groups of four, for reading aloud or typing from the member's screen. */
export function groupedToken(token: string): string {
  return token.match(/.{1,4}/g)!.join(' ');
}
