import { describe, expect, it } from 'vitest';
import { beijingDay, beijingMonth, beijingQuarter, beijingYear, formatBeijingDateTime, startOfBeijingDay } from './beijing';

// npm test runs with TZ=UTC, so these prove the helpers do not lean on the machine's zone.
describe('Beijing calendar', () => {
  it('puts 16:00 UTC on the next Beijing day', () => {
    expect(beijingDay(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(beijingDay(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
  });
  it('rolls months and quarters at Beijing midnight, not UTC midnight', () => {
    const instant = new Date('2026-03-31T17:30:00Z');
    expect(beijingMonth(instant)).toBe('2026-04');
    expect(beijingQuarter(instant)).toBe('2026-Q2');
    expect(beijingQuarter(new Date('2026-12-31T15:00:00Z'))).toBe('2026-Q4');
    expect(beijingQuarter(new Date('2026-12-31T16:00:00Z'))).toBe('2027-Q1');
  });
  it('counts 学时 into the Beijing year: 00:30 on New Year’s Day in Beijing is the new year', () => {
    expect(beijingYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(beijingYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
  });
  it('finds the UTC start of a Beijing day', () => {
    expect(startOfBeijingDay('2026-11-27').toISOString()).toBe('2026-11-26T16:00:00.000Z');
    expect(() => startOfBeijingDay('27/11/2026')).toThrow();
  });
  it('formats instants for screens in Beijing time', () => {
    expect(formatBeijingDateTime(new Date('2026-11-27T01:45:00Z'))).toBe('2026-11-27 09:45');
  });
  it('runs under TZ=UTC in the test command', () => {
    expect(new Date('2026-01-01T00:00:00Z').getTimezoneOffset()).toBe(0);
  });
});
