import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  otpauthUri,
  timeStep,
  totpAt,
  verifyTotp,
} from './totp';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

// The RFC lists 8-digit codes; truncating to 6 digits is the same number modulo 10^6, so the
// expected 6-digit code is the last six digits of the published one.
const RFC_VECTORS: ReadonlyArray<[seconds: number, eightDigits: string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

const at = (seconds: number) => new Date(seconds * 1000);

describe('base32 (RFC 4648, no padding)', () => {
  it('encodes the RFC 6238 seed to its well-known base32 form', () => {
    expect(base32Encode(Buffer.from('12345678901234567890', 'ascii'))).toBe(RFC_SECRET);
  });

  it('matches the RFC 4648 §10 test vectors without padding', () => {
    const vectors: ReadonlyArray<[string, string]> = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain, 'ascii'))).toBe(encoded);
      expect(base32Decode(encoded).toString('ascii')).toBe(plain);
    }
  });

  it('round-trips every byte value and every length up to 41 bytes', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base32Decode(base32Encode(all))).toEqual(Buffer.from(all));
    for (let length = 0; length <= 41; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 73 + length * 151) & 0xff);
      expect(base32Decode(base32Encode(bytes))).toEqual(Buffer.from(bytes));
    }
  });

  it('decodes lower case, spaces and padding the way people type them', () => {
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq').toString('ascii')).toBe('12345678901234567890');
    expect(base32Decode('MZXW6YQ=').toString('ascii')).toBe('foob');
  });

  it('throws on characters outside the alphabet and on impossible lengths', () => {
    expect(() => base32Decode('MZXW6Y01')).toThrow();
    expect(() => base32Decode('MZXW6YT&')).toThrow();
    expect(() => base32Decode('MZX')).toThrow();
  });
});

describe('generateTotpSecret', () => {
  it('returns 160 random bits as 32 base32 characters', () => {
    const a = generateTotpSecret();
    const b = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(a).not.toBe(b);
  });
});

describe('timeStep', () => {
  it('counts whole 30-second periods since the Unix epoch', () => {
    expect(timeStep(at(0))).toBe(0);
    expect(timeStep(new Date(29_999))).toBe(0);
    expect(timeStep(at(30))).toBe(1);
    expect(timeStep(at(59))).toBe(1);
    expect(timeStep(at(1111111111))).toBe(37037037);
  });
});

describe('totpAt (RFC 6238 Appendix B, SHA-1)', () => {
  it.each(RFC_VECTORS)('at T=%i s gives the last 6 digits of %s', (seconds, eightDigits) => {
    expect(totpAt(RFC_SECRET, timeStep(at(seconds)))).toBe(eightDigits.slice(-6));
  });

  it('keeps leading zeros', () => {
    // 07081804 → 081804: a numeric result would have lost the zero.
    expect(totpAt(RFC_SECRET, timeStep(at(1111111109)))).toBe('081804');
  });

  it('refuses an empty secret and a negative step', () => {
    expect(() => totpAt('', 1)).toThrow();
    expect(() => totpAt(RFC_SECRET, -1)).toThrow();
  });
});

describe('verifyTotp', () => {
  const now = at(1111111111);
  const step = timeStep(now);
  const codeOf = (s: number) => totpAt(RFC_SECRET, s);

  it('accepts the current code and reports its step', () => {
    expect(verifyTotp(RFC_SECRET, '050471', now, null)).toEqual({ ok: true, step });
  });

  it('accepts the previous and the next step for clock drift, but not two steps away', () => {
    expect(verifyTotp(RFC_SECRET, codeOf(step - 1), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(RFC_SECRET, codeOf(step + 1), now, null)).toEqual({ ok: true, step: step + 1 });
    expect(verifyTotp(RFC_SECRET, codeOf(step - 2), now, null)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeOf(step + 2), now, null)).toEqual({ ok: false });
  });

  it('refuses a code that was already accepted', () => {
    const first = verifyTotp(RFC_SECRET, codeOf(step), now, null);
    expect(first).toEqual({ ok: true, step });
    expect(verifyTotp(RFC_SECRET, codeOf(step), now, step)).toEqual({ ok: false });
  });

  it('refuses an earlier step once a later one was used, but accepts a later one', () => {
    expect(verifyTotp(RFC_SECRET, codeOf(step - 1), now, step)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeOf(step), now, step + 1)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeOf(step + 1), now, step)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses a wrong code', () => {
    const wrong = String((Number(codeOf(step)) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(RFC_SECRET, wrong, now, null)).toEqual({ ok: false });
  });

  it('refuses codes that are not exactly 6 digits', () => {
    expect(verifyTotp(RFC_SECRET, '14050471', now, null)).toEqual({ ok: false }); // the RFC's 8-digit form
    expect(verifyTotp(RFC_SECRET, '50471', now, null)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, '0504710', now, null)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, '05047a', now, null)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, '０５０４７１', now, null)).toEqual({ ok: false }); // full-width digits
    expect(verifyTotp(RFC_SECRET, '', now, null)).toEqual({ ok: false });
  });

  it('ignores spaces around and inside the code', () => {
    expect(verifyTotp(RFC_SECRET, ' 050471 ', now, null)).toEqual({ ok: true, step });
    expect(verifyTotp(RFC_SECRET, '050 471', now, null)).toEqual({ ok: true, step });
  });

  it('works with a freshly generated secret', () => {
    const secret = generateTotpSecret();
    const code = totpAt(secret, step);
    expect(verifyTotp(secret, code, now, null)).toEqual({ ok: true, step });
    expect(verifyTotp(secret.toLowerCase(), code, now, step - 1)).toEqual({ ok: true, step });
  });
});

describe('otpauthUri', () => {
  it('builds the key URI with the Chinese issuer percent-encoded', () => {
    expect(otpauthUri({ issuer: '流动e家', account: 'zhang.san@县委', secret: RFC_SECRET })).toBe(
      'otpauth://totp/%E6%B5%81%E5%8A%A8e%E5%AE%B6:zhang.san%40%E5%8E%BF%E5%A7%94' +
        `?secret=${RFC_SECRET}&issuer=%E6%B5%81%E5%8A%A8e%E5%AE%B6&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('encodes spaces as %20 and a colon inside the account, and canonicalises the secret', () => {
    const uri = otpauthUri({ issuer: 'A B', account: 'x:y', secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq' });
    expect(uri).toBe(`otpauth://totp/A%20B:x%3Ay?secret=${RFC_SECRET}&issuer=A%20B&algorithm=SHA1&digits=6&period=30`);
  });

  it('refuses a secret that is not base32 rather than inject it into the query', () => {
    expect(() => otpauthUri({ issuer: 'i', account: 'a', secret: 'ABC&issuer=evil' })).toThrow();
  });
});
