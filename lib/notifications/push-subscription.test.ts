import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAcceptableEndpoint, pushSubscriptionSchema } from './push-subscription';

describe('push subscription input', () => {
  it('accepts https endpoints and this machine over http only', () => {
    expect(isAcceptableEndpoint('https://fcm.googleapis.com/fcm/send/abc')).toBe(true);
    expect(isAcceptableEndpoint('http://localhost:9999/push/1')).toBe(true);
    expect(isAcceptableEndpoint('http://127.0.0.1:9999/push/1')).toBe(true);
    for (const bad of ['http://10.0.0.5/push', 'http://example.com/push', 'ftp://example.com/', 'javascript:alert(1)', 'https://user:pw@example.com/', 'not a url']) {
      expect(isAcceptableEndpoint(bad)).toBe(false);
    }
  });

  it('checks the key lengths', () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const good = { endpoint: 'https://push.example/1', p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
    expect(pushSubscriptionSchema.safeParse(good).success).toBe(true);
    expect(pushSubscriptionSchema.safeParse({ ...good, p256dh: Buffer.alloc(65, 5).toString('base64url') }).success).toBe(false);
    expect(pushSubscriptionSchema.safeParse({ ...good, p256dh: Buffer.alloc(33, 4).toString('base64url') }).success).toBe(false);
    expect(pushSubscriptionSchema.safeParse({ ...good, auth: randomBytes(15).toString('base64url') }).success).toBe(false);
    expect(pushSubscriptionSchema.safeParse({ ...good, p256dh: 'not base64!' }).success).toBe(false);
  });
});
