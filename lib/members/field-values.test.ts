import { describe, expect, it } from 'vitest';
import { crossFieldProblems, formatFieldValue, parseFieldValue, sameValue } from './field-values';

const today = '2026-12-05';

describe('member field values', () => {
  it('reads dates as people write them and refuses impossible or future ones', () => {
    expect(parseFieldValue('joinedPartyOn', '2020.7.1', today)).toEqual({ ok: true, value: '2020-07-01' });
    expect(parseFieldValue('joinedPartyOn', '2020年7月1日', today)).toEqual({ ok: true, value: '2020-07-01' });
    expect(parseFieldValue('joinedPartyOn', '2021-02-29', today)).toMatchObject({ ok: false, message: expect.stringContaining('有效日期') });
    expect(parseFieldValue('joinedPartyOn', '2027-01-01', today)).toMatchObject({ ok: false, message: '日期不能晚于今天。' });
    expect(parseFieldValue('probationEndsOn', '2027-01-01', today)).toEqual({ ok: true, value: '2027-01-01' });
  });

  it('keeps income in exact fen and shows it in yuan', () => {
    expect(parseFieldValue('monthlyIncome', '4,900.5元', today)).toEqual({ ok: true, value: 490050 });
    expect(parseFieldValue('monthlyIncome', '0.07', today)).toEqual({ ok: true, value: 7 });
    expect(parseFieldValue('monthlyIncome', '-5', today).ok).toBe(false);
    expect(formatFieldValue('monthlyIncome', 490050)).toBe('4900.50');
  });

  it('checks ID numbers with the GB 11643 rules and normalises a lowercase x', () => {
    expect(parseFieldValue('idNumber', '34052419800101001x', today)).toEqual({ ok: true, value: '34052419800101001X' });
    expect(parseFieldValue('idNumber', '340524198001010010', today)).toMatchObject({ ok: false, message: expect.stringContaining('校验位') });
  });

  it('accepts enum keys or their Chinese labels, and refuses anything else', () => {
    expect(parseFieldValue('category', '预备党员', today)).toEqual({ ok: true, value: 'probationary' });
    expect(parseFieldValue('status', '流出中', today)).toEqual({ ok: true, value: 'outflow' });
    expect(parseFieldValue('duesCategory', '工资', today)).toMatchObject({ ok: false });
    expect(formatFieldValue('category', 'probationary')).toBe('预备党员');
  });

  it('splits skills on Chinese and Latin separators without duplicates', () => {
    expect(parseFieldValue('skills', '电工、焊工，电工;厨师', today)).toEqual({ ok: true, value: ['电工', '焊工', '厨师'] });
    expect(formatFieldValue('skills', ['电工', '焊工'])).toBe('电工、焊工');
  });

  it('refuses to clear a required field, allows clearing an optional one', () => {
    expect(parseFieldValue('name', '  ', today)).toMatchObject({ ok: false, message: '此项为必填项。' });
    expect(parseFieldValue('workUnit', '', today)).toEqual({ ok: true, value: null });
    expect(parseFieldValue('phone', '138 1234 5678', today)).toEqual({ ok: true, value: '13812345678' });
    expect(parseFieldValue('phone', '12345', today).ok).toBe(false);
  });

  it('finds contradictions between fields', () => {
    expect(crossFieldProblems({ joinedPartyOn: '2020-07-01', fullMemberOn: '2019-07-01' }).map((p) => p.field)).toEqual(['fullMemberOn']);
    expect(crossFieldProblems({ category: 'probationary', probationEndsOn: null }).map((p) => p.field)).toEqual(['probationEndsOn']);
    expect(crossFieldProblems({ category: 'full', joinedPartyOn: '2020-07-01', fullMemberOn: '2021-07-01' })).toEqual([]);
  });

  it('compares lists by content', () => {
    expect(sameValue(['电工'], ['电工'])).toBe(true);
    expect(sameValue(null, [])).toBe(true);
    expect(sameValue('a', null)).toBe(false);
  });
});
