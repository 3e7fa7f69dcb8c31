import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { secrets } from '@/lib/config/secrets';

// Short-lived opaque tokens (a TOTP enrolment in progress, a login ticket): AES-256-GCM with a
// key derived from the session secret, bound to a purpose, carrying their own expiry.

function keyFor(purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secrets().sessionSecret, 'ejia sealed token', purpose, 32));
}

export function seal(purpose: string, payload: Record<string, unknown>, ttlMs: number, now: Date = new Date()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ ...payload, exp: now.getTime() + ttlMs }), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The payload, or null when the token is forged, altered, for another purpose or expired. */
export function unseal<T extends Record<string, unknown>>(purpose: string, token: string, now: Date = new Date()): T | null {
  try {
    const bytes = Buffer.from(token, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const payload = JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')) as T & { exp: number };
    return payload.exp > now.getTime() ? payload : null;
  } catch {
    return null;
  }
}
