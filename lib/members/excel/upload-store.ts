import 'server-only';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { secrets } from '@/lib/config/secrets';
import { fileStore, type FileStore } from '@/lib/storage/file-store';

// An uploaded member list holds full ID numbers and incomes in clear, and so do the validated
// rows waiting for the admin's confirmation. Both are kept encrypted (AES-256-GCM, a key derived
// from the PII key, bound to the storage key) in the file store, where every instance can read
// them back — validation and import run as jobs, possibly on another instance. They have no row
// in `files`, so no download route can serve them; each is deleted as soon as it has served.

const KEY_PATTERN = /^imports\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uploadKey(): Buffer {
  return Buffer.from(hkdfSync('sha256', secrets().piiKey, 'ejia member import', 'upload at rest', 32));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function putSealed(bytes: Uint8Array, store: FileStore = fileStore()): Promise<{ storageKey: string; sha256: string }> {
  const storageKey = `imports/${randomUUID()}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', uploadKey(), iv);
  cipher.setAAD(Buffer.from(storageKey));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  await store.put(storageKey, new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body])));
  return { storageKey, sha256: sha256Hex(bytes) };
}

/** The bytes, or null when they are gone (used, expired) or do not decrypt. */
export async function getSealed(storageKey: string, store: FileStore = fileStore()): Promise<Uint8Array | null> {
  if (!KEY_PATTERN.test(storageKey)) return null;
  const sealed = await store.get(storageKey);
  if (!sealed || sealed.length < 28) return null;
  try {
    const bytes = Buffer.from(sealed);
    const decipher = createDecipheriv('aes-256-gcm', uploadKey(), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(storageKey));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]));
  } catch {
    return null;
  }
}

export async function deleteSealed(storageKey: string | null | undefined, store: FileStore = fileStore()): Promise<void> {
  if (!storageKey) return;
  if (KEY_PATTERN.test(storageKey)) await store.delete(storageKey);
}
