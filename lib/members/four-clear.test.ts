import { describe, expect, it } from 'vitest';
import { addDays, assessFourClear, clearRate, type FourClearInput, monthsBefore, notReachedFor } from './four-clear';

const TODAY = '2026-12-05';

const complete: FourClearInput = {
  name: '王建国',
  hasIdNumber: true,
  phone: '13812345678',
  orgId: 7,
  status: 'outflow',
  openOutflow: { regionCode: '440306', place: '广东省深圳市宝安区人民路12号', hostOrgId: null, reason: 'work' },
  lastContactOn: '2026-10-20',
  hasReportThisYear: false,
  occupation: '建筑工人',
  workUnit: null,
  industry: '建筑业',
};

const assess = (changes: Partial<FourClearInput>) => assessFourClear({ ...complete, ...changes }, TODAY);

describe('calendar days', () => {
  it('goes back whole months and clamps to the end of a shorter month', () => {
    expect(monthsBefore('2026-12-05', 6)).toBe('2026-06-05');
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
    expect(monthsBefore('2028-08-31', 6)).toBe('2028-02-29');
    expect(monthsBefore('2026-03-31', 3)).toBe('2025-12-31');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-05', 30)).toBe('2027-01-04');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => addDays('5/12/2026', 1)).toThrow();
  });

  it('counts a contact exactly six months ago as six months without contact', () => {
    expect(notReachedFor('2026-06-05', TODAY, 6)).toBe(true);
    expect(notReachedFor('2026-06-06', TODAY, 6)).toBe(false);
    expect(notReachedFor(null, TODAY, 3)).toBe(true);
    expect(notReachedFor('2026-09-05', TODAY, 3)).toBe(true);
    expect(notReachedFor('2026-09-06', TODAY, 3)).toBe(false);
  });
});

describe('四清楚 of one member', () => {
  it('finds a floating member with everything on file clear on all four', () => {
    const result = assess({});
    expect(result.allClear).toBe(true);
    expect(result.missing).toEqual([]);
    expect(result.whereabouts).toEqual({ applicable: true, clear: true, missing: [] });
  });

  it('needs name, ID number, phone and org for 数量', () => {
    const result = assess({ phone: '  ', hasIdNumber: false });
    expect(result.quantity).toEqual({ applicable: true, clear: false, missing: ['idNumber', 'phone'] });
    expect(assess({ name: '', orgId: null }).quantity.missing).toEqual(['name', 'org']);
  });

  it('needs an open outflow record with region, place and a host or reason for 去向', () => {
    expect(assess({ openOutflow: null }).whereabouts.missing).toEqual(['outflowRecord']);
    expect(assess({ openOutflow: { regionCode: '', place: ' ', hostOrgId: null, reason: null } }).whereabouts.missing).toEqual([
      'region',
      'place',
      'hostOrReason',
    ]);
    // A host org alone is enough without a recorded reason.
    expect(assess({ openOutflow: { regionCode: '440306', place: '宝安区', hostOrgId: 3, reason: null } }).whereabouts.clear).toBe(true);
  });

  it('treats 去向 as not applicable at home, and as not clear for a member who lost contact', () => {
    const home = assess({ status: 'registered', openOutflow: null });
    expect(home.whereabouts).toEqual({ applicable: false, clear: true, missing: [] });
    expect(home.allClear).toBe(true);
    const lost = assess({ status: 'lost_contact', openOutflow: null });
    expect(lost.whereabouts).toEqual({ applicable: true, clear: false, missing: ['lostContact'] });
  });

  it('accepts a contact within six months or this year’s situation report for 思想', () => {
    expect(assess({ lastContactOn: '2026-06-06' }).thinking.clear).toBe(true);
    expect(assess({ lastContactOn: '2026-06-05' }).thinking.missing).toEqual(['recentContact']);
    expect(assess({ lastContactOn: null }).thinking.clear).toBe(false);
    expect(assess({ lastContactOn: null, hasReportThisYear: true }).thinking.clear).toBe(true);
  });

  it('needs the occupation and a work unit or industry for 职业', () => {
    expect(assess({ industry: null, workUnit: '清源县建工集团' }).occupation.clear).toBe(true);
    expect(assess({ industry: null, workUnit: null }).occupation.missing).toEqual(['workUnitOrIndustry']);
    expect(assess({ occupation: null }).occupation.missing).toEqual(['occupation']);
  });

  it('lists everything missing in dimension order', () => {
    const result = assess({ phone: null, status: 'lost_contact', lastContactOn: null, occupation: '', industry: null });
    expect(result.allClear).toBe(false);
    expect(result.missing).toEqual(['phone', 'lostContact', 'recentContact', 'occupation', 'workUnitOrIndustry']);
  });
});

describe('clear rates', () => {
  it('gives a percentage with one decimal, and nothing for an empty count', () => {
    expect(clearRate(2, 3)).toBe(66.7);
    expect(clearRate(5, 5)).toBe(100);
    expect(clearRate(0, 0)).toBeNull();
  });
});
