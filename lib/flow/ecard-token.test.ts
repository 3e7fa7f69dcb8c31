import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ECARD_TTL_SECONDS, groupedToken, signECardToken, verifyECardToken } from './ecard-token';

const key = randomBytes(32);
const memberId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const now = new Date('2026-12-05T02:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('e-card token', () => {
  it('names the member until it expires ten minutes later, and nothing else', () => {
    const { token, expiresAt } = signECardToken(memberId, now, key);
    expect(expiresAt).toEqual(later(ECARD_TTL_SECONDS));
    expect(verifyECardToken(token, later(ECARD_TTL_SECONDS - 1), key)).toEqual({ ok: true, memberId, expiresAt });
    expect(verifyECardToken(token, later(ECARD_TTL_SECONDS), key)).toEqual({ ok: false, reason: 'expired' });
    // 51 characters: the member id and expiry are inside, no ID number or name.
    expect(token).toHaveLength(51);
  });

  it('accepts the token as typed in groups from the screen', () => {
    const { token } = signECardToken(memberId, now, key);
    expect(verifyECardToken(` ${groupedToken(token)} `, now, key).ok).toBe(true);
  });

  it('refuses a token signed with another key, or with a changed member or expiry', () => {
    const { token } = signECardToken(memberId, now, key);
    expect(verifyECardToken(token, now, randomBytes(32))).toEqual({ ok: false, reason: 'signature' });
    const [body, signature] = token.split('.');
    const bytes = Buffer.from(body, 'base64url');
    bytes[5] ^= 1; // another member
    expect(verifyECardToken(`${bytes.toString('base64url')}.${signature}`, now, key)).toEqual({ ok: false, reason: 'signature' });
    const extended = Buffer.from(body, 'base64url');
    extended.writeUInt32BE(extended.readUInt32BE(17) + 86_400, 17); // a day longer
    expect(verifyECardToken(`${extended.toString('base64url')}.${signature}`, now, key)).toEqual({ ok: false, reason: 'signature' });
  });

  it('calls anything else malformed', () => {
    for (const input of ['', 'hello', '34052419800101001X', `${'A'.repeat(28)}.${'B'.repeat(21)}`, `${'A'.repeat(28)}.${'B'.repeat(22)}.x`]) {
      expect(verifyECardToken(input, now, key)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
