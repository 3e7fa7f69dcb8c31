import { describe, expect, it } from 'vitest';
import { computeIdNumberCheckChar, parseIdNumber } from './id-number';

const today = new Date('2026-11-27T00:00:00Z');

describe('parseIdNumber (GB 11643-1999)', () => {
  it('accepts the standard example and derives birth date and gender', () => {
    const result = parseIdNumber('34052419800101001X', today);
    expect(result).toEqual({
      ok: true,
      id: { value: '34052419800101001X', regionCode: '340524', provinceCode: '34', birthDate: '1980-01-01', gender: 'male' },
    });
  });

  it('normalises a lowercase x and surrounding spaces', () => {
    const result = parseIdNumber(' 34052419800101001x ', today);
    expect(result.ok && result.id.value).toBe('34052419800101001X');
  });

  it('computes the MOD 11-2 check character', () => {
    expect(computeIdNumberCheckChar('34052419800101001')).toBe('X');
    expect(computeIdNumberCheckChar('11010519491231002')).toBe('X');
    // Σ(a_i × w_i) = 226 for this number, 226 mod 11 = 6 → '10X98765432'[6] = '6'.
    expect(computeIdNumberCheckChar('61042219900307002')).toBe('6');
  });

  it('reads an even sequence digit as female', () => {
    const first17 = '61042219900307002';
    const result = parseIdNumber(first17 + computeIdNumberCheckChar(first17), today);
    expect(result.ok && result.id.gender).toBe('female');
  });

  it('rejects a wrong check character', () => {
    expect(parseIdNumber('340524198001010011', today)).toEqual({ ok: false, problem: 'checkChar' });
  });

  it('rejects wrong lengths and characters', () => {
    expect(parseIdNumber('3405241980010100', today)).toEqual({ ok: false, problem: 'format' });
    expect(parseIdNumber('34052419800101001XX', today)).toEqual({ ok: false, problem: 'format' });
    expect(parseIdNumber('3405241980010A001X', today)).toEqual({ ok: false, problem: 'format' });
  });

  it('rejects an unknown province prefix but accepts a retired county code', () => {
    const unknownProvince = '99052419800101001';
    expect(parseIdNumber(unknownProvince + computeIdNumberCheckChar(unknownProvince), today)).toEqual({
      ok: false,
      problem: 'province',
    });
    // 610423 (a county code since merged away) is still a valid number for its holder.
    const retiredCounty = '61042319750615003';
    expect(parseIdNumber(retiredCounty + computeIdNumberCheckChar(retiredCounty), today).ok).toBe(true);
  });

  it('rejects impossible and future birth dates', () => {
    for (const first17 of ['34052419800230001', '34052418991231001', '34052420270101001']) {
      expect(parseIdNumber(first17 + computeIdNumberCheckChar(first17), today)).toEqual({
        ok: false,
        problem: 'birthDate',
      });
    }
  });

  it('accepts 29 February in a leap year', () => {
    const first17 = '34052420000229001';
    expect(parseIdNumber(first17 + computeIdNumberCheckChar(first17), today).ok).toBe(true);
  });
});
