import { describe, expect, it } from 'vitest';
import { daysUntil, memberWarnings, probationWarningUntil, type WarningInput } from './warnings';

const TODAY = '2026-12-05';
const quiet: WarningInput = { status: 'outflow', category: 'full', probationEndsOn: null, lastContactOn: '2026-11-20', hasReportThisYear: true };
const warn = (changes: Partial<WarningInput>) => memberWarnings({ ...quiet, ...changes }, TODAY);

describe('member warnings', () => {
  it('raises nothing for a member in touch, reported and fully admitted', () => {
    expect(warn({})).toEqual([]);
  });

  it('warns after six months without contact, counting from the same day six months ago', () => {
    expect(warn({ lastContactOn: '2026-06-06' })).toEqual([]);
    expect(warn({ lastContactOn: '2026-06-05' })).toEqual(['no_contact']);
    expect(warn({ lastContactOn: null })).toEqual(['no_contact']);
  });

  it('warns when the 预备期 ends within 30 days, or ended without conversion', () => {
    expect(probationWarningUntil(TODAY)).toBe('2027-01-04');
    expect(warn({ category: 'probationary', probationEndsOn: '2027-01-04' })).toEqual(['probation_ending']);
    expect(warn({ category: 'probationary', probationEndsOn: '2027-01-05' })).toEqual([]);
    expect(warn({ category: 'probationary', probationEndsOn: '2026-11-30' })).toEqual(['probation_ending']);
    // A full member's old 预备期 end is history, not a warning.
    expect(warn({ category: 'full', probationEndsOn: '2026-12-10' })).toEqual([]);
  });

  it('asks floating members only for this year’s situation report', () => {
    expect(warn({ hasReportThisYear: false })).toEqual(['no_situation_report']);
    expect(warn({ status: 'registered', hasReportThisYear: false })).toEqual([]);
  });

  it('leaves members transferred out or suspended alone, and combines kinds in a fixed order', () => {
    expect(warn({ status: 'transferred_out', lastContactOn: null, hasReportThisYear: false })).toEqual([]);
    expect(warn({ status: 'suspended', lastContactOn: null })).toEqual([]);
    expect(warn({ lastContactOn: null, category: 'probationary', probationEndsOn: '2026-12-20', hasReportThisYear: false })).toEqual([
      'no_contact',
      'probation_ending',
      'no_situation_report',
    ]);
  });

  it('counts days to a 预备期 end, negative once it is over', () => {
    expect(daysUntil('2026-12-20', TODAY)).toBe(15);
    expect(daysUntil('2026-12-01', TODAY)).toBe(-4);
  });
});
