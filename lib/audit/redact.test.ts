import { describe, expect, it } from 'vitest';
import { REDACTED, redactForAudit } from './redact';

const ID = '34052419800101001X';
const ID_MASKED = '340524********001X';

describe('redactForAudit: secret keys', () => {
  it('replaces the value of every key that looks like a secret, at any depth and in any case', () => {
    const out = redactForAudit({
      password: 'hunter2',
      newPassword: 'x',
      clientSecret: 's',
      smsCode: '123456',
      accessToken: { nested: 'object' },
      TOTP: 654321,
      otp: null,
      nested: { list: [{ resetToken: 'abc', name: '张伟' }] },
      name: '张伟',
    });
    expect(out).toEqual({
      password: REDACTED,
      newPassword: REDACTED,
      clientSecret: REDACTED,
      smsCode: REDACTED,
      accessToken: REDACTED,
      TOTP: REDACTED,
      otp: REDACTED,
      nested: { list: [{ resetToken: REDACTED, name: '张伟' }] },
      name: '张伟',
    });
  });

  it('keeps keys that do not match', () => {
    expect(redactForAudit({ before: { name: 'a' }, after: { name: 'b' }, reason: 'typo' })).toEqual({
      before: { name: 'a' },
      after: { name: 'b' },
      reason: 'typo',
    });
  });
});

describe('redactForAudit: ID numbers', () => {
  it('masks an ID number that is the whole string, first 6 and last 4 kept', () => {
    expect(redactForAudit({ idNumber: ID })).toEqual({ idNumber: ID_MASKED });
  });

  it('masks ID numbers inside text, with a lowercase x, several in one string', () => {
    const text = `身份证号${ID.toLowerCase()}，另一人:110105194912310021。`;
    expect(redactForAudit(text)).toBe('身份证号340524********001x，另一人:110105********0021。');
  });

  it('masks an ID number glued to letters or inside a longer run of digits', () => {
    expect(redactForAudit(`ID${ID}`)).toBe(`ID${ID_MASKED}`);
    expect(redactForAudit(`9${ID}`)).toBe('934052********1001X');
  });

  it('masks ID numbers in arrays, in keys, and given as numbers', () => {
    expect(redactForAudit([ID, { [ID]: 'x' }])).toEqual([ID_MASKED, { [ID_MASKED]: 'x' }]);
    // 110101199003071234 is not a safe integer; the double prints as 110101199003071232.
    expect(redactForAudit({ id: 110101199003071234 })).toEqual({ id: '110101********1232' });
  });

  it('leaves 17 digits alone', () => {
    expect(redactForAudit('12345678901234567')).toBe('12345678901234567');
  });
});

describe('redactForAudit: mobile numbers', () => {
  it('masks a mainland mobile number in the 138****5678 style, alone or inside text', () => {
    expect(redactForAudit({ phone: '13812345678' })).toEqual({ phone: '138****5678' });
    expect(redactForAudit('联系电话：15912345678，或 tel:19987654321')).toBe('联系电话：159****5678，或 tel:199****4321');
  });

  it('masks a mobile number given as a number', () => {
    expect(redactForAudit({ phone: 13812345678 })).toEqual({ phone: '138****5678' });
  });

  it('leaves numbers that are not mobiles: wrong prefix, longer runs, millisecond timestamps, UUIDs', () => {
    expect(redactForAudit('12812345678')).toBe('12812345678');
    expect(redactForAudit('138123456789')).toBe('138123456789');
    expect(redactForAudit({ ms: '1718000000000', n: 1718000000000, small: 42, ratio: 1.5 })).toEqual({
      ms: '1718000000000',
      n: 1718000000000,
      small: 42,
      ratio: 1.5,
    });
    const uuid = '0e5c1a3b-7d2f-4c1e-9a8b-a13812345678';
    expect(redactForAudit({ memberId: uuid })).toEqual({ memberId: uuid });
  });
});

describe('redactForAudit: copying', () => {
  it('returns a deep copy and leaves the input untouched', () => {
    const input = { user: { password: 'p', phone: '13812345678' }, list: [1, 2] };
    const out = redactForAudit(input) as typeof input;
    expect(input).toEqual({ user: { password: 'p', phone: '13812345678' }, list: [1, 2] });
    expect(out).not.toBe(input);
    expect(out.user).not.toBe(input.user);
    expect(out.list).not.toBe(input.list);
  });

  it('turns values JSON cannot hold faithfully into plain data', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const out = redactForAudit({
      when: new Date('2026-03-31T16:00:00.123Z'),
      big: 12n,
      error: new Error(`lookup failed for ${ID}`),
      map: new Map([['k', { password: 'p' }]]),
      set: new Set(['13812345678']),
      bytes: new Uint8Array(3),
      fn: () => 1,
      circular,
    });
    expect(out).toEqual({
      when: '2026-03-31T16:00:00.123Z',
      big: '12',
      error: { name: 'Error', message: `lookup failed for ${ID_MASKED}` },
      map: { k: { password: REDACTED } },
      set: ['138****5678'],
      bytes: '[binary 3 bytes]',
      fn: undefined,
      circular: { name: 'loop', self: '[circular]' },
    });
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('repeats a shared (non-circular) object instead of calling it circular', () => {
    const shared = { a: 1 };
    expect(redactForAudit({ x: shared, y: shared })).toEqual({ x: { a: 1 }, y: { a: 1 } });
  });

  it('passes primitives through', () => {
    expect(redactForAudit(null)).toBeNull();
    expect(redactForAudit(undefined)).toBeUndefined();
    expect(redactForAudit(true)).toBe(true);
    expect(redactForAudit('plain')).toBe('plain');
  });
});
