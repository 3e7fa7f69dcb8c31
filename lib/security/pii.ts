import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { secrets } from '@/lib/config/secrets';

// AES-256-GCM (DESIGN.md §5). Layout: version (1) | iv (12) | tag (16) | ciphertext.
// The purpose is bound as associated data, so a ciphertext moved to another column fails.
const VERSION = 1;

export type PiiPurpose = 'member.id_number' | 'member.monthly_income' | 'user.totp_secret' | 'member.phone';

export function encryptPii(plaintext: string, purpose: PiiPurpose, key: Buffer = secrets().piiKey): Uint8Array {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]));
}

export function decryptPii(payload: Uint8Array, purpose: PiiPurpose, key: Buffer = secrets().piiKey): string {
  const bytes = Buffer.from(payload);
  if (bytes[0] !== VERSION) throw new Error('unknown PII ciphertext version');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 13));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(bytes.subarray(13, 29));
  return Buffer.concat([decipher.update(bytes.subarray(29)), decipher.final()]).toString('utf8');
}

/** Keyed hash for equality lookups (an ID number is guessable, so a bare hash would not do). */
export function piiLookupHash(value: string, purpose: PiiPurpose, key: Buffer = secrets().hmacKey): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(`${purpose}\u0000${value}`).digest());
}
