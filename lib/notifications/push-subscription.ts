import { z } from 'zod';
import { messages } from '@/lib/i18n/messages';

// What a browser's PushSubscription must look like before it is stored: its endpoint is where
// the server will POST, so only https (or this machine, for development) is accepted — never an
// internal http address the server could be made to call; the keys are a P-256 point and 16 bytes.

const t = messages.notifications.pushDevice;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isAcceptableEndpoint(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

const base64urlBytes = (value: string) => (/^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64url') : Buffer.alloc(0));

export const pushSubscriptionSchema = z.object({
  endpoint: z.string({ error: t.invalidEndpoint }).trim().max(1000, t.invalidEndpoint).refine(isAcceptableEndpoint, t.invalidEndpoint),
  // An uncompressed P-256 public key: 65 bytes starting 0x04.
  p256dh: z.string({ error: t.invalidKeys }).refine((value) => {
    const bytes = base64urlBytes(value);
    return bytes.length === 65 && bytes[0] === 4;
  }, t.invalidKeys),
  auth: z.string({ error: t.invalidKeys }).refine((value) => base64urlBytes(value).length === 16, t.invalidKeys),
});
