import { describe, expect, it } from 'vitest';
import { censusPhase, completionPercent, deadlineProblem, mayOpenCensus, overlapPath } from './rules';

describe('census rules', () => {
  it('is opened by the county or a 党委 / 党工委 admin holding the archive capability', () => {
    const admin = { tier: 'org_admin' as const, capabilities: ['archive' as const] };
    expect(mayOpenCensus({ tier: 'county_admin', capabilities: ['archive'] }, { type: 'party_committee', parentId: null })).toBe(true);
    expect(mayOpenCensus(admin, { type: 'party_committee', parentId: 1 })).toBe(true);
    expect(mayOpenCensus(admin, { type: 'working_committee', parentId: 1 })).toBe(true);
    expect(mayOpenCensus(admin, { type: 'branch', parentId: 4 })).toBe(false);
    expect(mayOpenCensus(admin, { type: 'general_branch', parentId: 4 })).toBe(false);
    expect(mayOpenCensus({ tier: 'org_admin', capabilities: ['org_life'] }, { type: 'party_committee', parentId: 1 })).toBe(false);
    expect(mayOpenCensus({ tier: 'host_admin', capabilities: ['archive'] }, { type: 'party_committee', parentId: 1 })).toBe(false);
    expect(mayOpenCensus({ tier: 'member', capabilities: [] }, { type: 'party_committee', parentId: null })).toBe(false);
  });

  it('takes a deadline of today or later, as a real Beijing day', () => {
    expect(deadlineProblem('2026-12-05', '2026-12-05')).toBeNull();
    expect(deadlineProblem('2027-01-31', '2026-12-05')).toBeNull();
    expect(deadlineProblem('2026-12-04', '2026-12-05')).toBe('截止日期不能早于今天。');
    expect(deadlineProblem('2027-02-30', '2026-12-05')).toBe('请选择截止日期。');
    expect(deadlineProblem('明天', '2026-12-05')).toBe('请选择截止日期。');
  });

  it('stays open past its deadline (late answers still count) until it is closed', () => {
    expect(censusPhase({ deadline: '2026-12-10', closedAt: null }, '2026-12-10')).toBe('open');
    expect(censusPhase({ deadline: '2026-12-10', closedAt: null }, '2026-12-11')).toBe('overdue');
    expect(censusPhase({ deadline: '2026-12-10', closedAt: new Date() }, '2026-12-01')).toBe('closed');
  });

  it('never rounds a missing member up to 100%', () => {
    expect(completionPercent(199, 200)).toBe(99);
    expect(completionPercent(200, 200)).toBe(100);
    expect(completionPercent(0, 0)).toBe(100);
    expect(completionPercent(1, 3)).toBe(33);
  });

  it('overlaps a viewer and a census at the deeper of the two subtrees, or not at all', () => {
    expect(overlapPath('1', '1.4')).toBe('1.4');
    expect(overlapPath('1.4.9', '1.4')).toBe('1.4.9');
    expect(overlapPath('1.5', '1.4')).toBeNull();
    expect(overlapPath('1.4', '1.45')).toBeNull();
  });
});
