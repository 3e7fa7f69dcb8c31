import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/i18n/messages';
import { MEMBER_STATUSES } from '@/lib/members/member-status';
import { canDecideReport, canWithdrawReport, decisionReasonProblem, destinationText, mayGoAway, parseOutflowReport, returnDayProblem } from './rules';

const e = messages.flow.errors;
const today = '2026-12-05';
const valid = { region: '广东省深圳市南山区', place: '南山区科技园某软件公司', reason: 'work', leavesOn: '2026-12-20', expectedMonths: '12' };

describe('parseOutflowReport', () => {
  it('turns a filled-in report into the episode it would open, with the county code', () => {
    expect(parseOutflowReport({ ...valid, plannedHost: ' 南山区流动党员党支部 ', phoneAway: '139 1234 5678', note: '' }, today)).toEqual({
      ok: true,
      value: {
        regionCode: '440305',
        place: '南山区科技园某软件公司',
        reason: 'work',
        leavesOn: '2026-12-20',
        expectedMonths: 12,
        plannedHost: '南山区流动党员党支部',
        phoneAway: '13912345678',
        note: null,
      },
    });
  });

  it('accepts a county however people write it, and a current 6-digit code', () => {
    for (const region of ['深圳市南山区', '广东深圳南山区', '440305']) {
      const parsed = parseOutflowReport({ ...valid, region }, today);
      expect(parsed.ok && parsed.value.regionCode).toBe('440305');
    }
  });

  it('asks for a county when only a province or city is given, and names an unknown place', () => {
    expect(parseOutflowReport({ ...valid, region: '广东省深圳市' }, today)).toEqual({ ok: false, fieldErrors: { region: [e.regionNotCounty] } });
    expect(parseOutflowReport({ ...valid, region: '火星' }, today)).toEqual({ ok: false, fieldErrors: { region: [e.regionUnknown] } });
    expect(parseOutflowReport({ ...valid, region: '999999' }, today)).toEqual({ ok: false, fieldErrors: { region: [e.regionUnknown] } });
  });

  it('takes a late report up to a year back and a plan up to half a year ahead', () => {
    expect(parseOutflowReport({ ...valid, leavesOn: '2025-12-05' }, today).ok).toBe(true);
    expect(parseOutflowReport({ ...valid, leavesOn: '2025-12-04' }, today)).toEqual({ ok: false, fieldErrors: { leavesOn: [e.leavesOnTooEarly] } });
    expect(parseOutflowReport({ ...valid, leavesOn: '2027-06-06' }, today).ok).toBe(true);
    expect(parseOutflowReport({ ...valid, leavesOn: '2027-06-07' }, today)).toEqual({ ok: false, fieldErrors: { leavesOn: [e.leavesOnTooLate] } });
    expect(parseOutflowReport({ ...valid, leavesOn: '2026-02-30' }, today)).toEqual({ ok: false, fieldErrors: { leavesOn: [e.leavesOn] } });
  });

  it('reports every bad field at once, each with its own message', () => {
    const parsed = parseOutflowReport({ region: '', place: '', reason: 'holiday', leavesOn: '', expectedMonths: '0', phoneAway: '12345', note: '长'.repeat(501), plannedHost: '党'.repeat(101) }, today);
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: {
        region: [e.regionUnknown],
        place: [e.placeRequired],
        reason: [e.reason],
        leavesOn: [e.leavesOn],
        expectedMonths: [e.expectedMonths],
        plannedHost: [e.plannedHost],
        phoneAway: [e.phoneAway],
        note: [e.note],
      },
    });
  });

  it('takes 1 to 120 whole months, and a landline as the phone away', () => {
    for (const months of ['121', '1.5', '-3', 'abc', '']) expect(parseOutflowReport({ ...valid, expectedMonths: months }, today).ok).toBe(false);
    expect(parseOutflowReport({ ...valid, expectedMonths: '120', phoneAway: '0755-86001234' }, today).ok).toBe(true);
  });

  it('ignores a forged non-string field instead of throwing', () => {
    expect(parseOutflowReport({ ...valid, place: ['a', 'b'], expectedMonths: 12 }, today)).toEqual({
      ok: false,
      fieldErrors: { place: [e.placeRequired], expectedMonths: [e.expectedMonths] },
    });
  });
});

describe('who may go away and what may be decided', () => {
  it('lets only members at home (在册) or back (已返乡) start a journey', () => {
    expect(MEMBER_STATUSES.filter(mayGoAway)).toEqual(['registered', 'returned']);
  });

  it('decides and withdraws only pending reports', () => {
    expect(canDecideReport('pending') && canWithdrawReport('pending')).toBe(true);
    for (const status of ['confirmed', 'returned', 'withdrawn'] as const) {
      expect(canDecideReport(status) || canWithdrawReport(status)).toBe(false);
    }
  });

  it('wants a reason the member can act on when sending a report back', () => {
    expect(decisionReasonProblem(' 好 ')).toBe(e.decisionReason);
    expect(decisionReasonProblem('请写明单位名称')).toBeNull();
    expect(decisionReasonProblem('理'.repeat(501))).toBe(e.decisionReason);
  });
});

describe('destinationText', () => {
  it('puts the county before an address that does not already start with it', () => {
    expect(destinationText('440305', '科技园某软件公司')).toBe('广东省 深圳市 南山区 科技园某软件公司');
    expect(destinationText('440305', '广东省深圳市南山区科技园')).toBe('广东省深圳市南山区科技园');
  });
});

describe('returnDayProblem', () => {
  it('accepts a return between leaving and today', () => {
    expect(returnDayProblem('2026-12-05', '2026-03-01', today)).toBeNull();
    expect(returnDayProblem('2026-03-01', '2026-03-01', today)).toBeNull();
  });

  it('refuses a future day, a day before leaving and a malformed day', () => {
    expect(returnDayProblem('2026-12-06', '2026-03-01', today)?.message).toBe(e.returnedOnFuture);
    expect(returnDayProblem('2026-02-28', '2026-03-01', today)?.message).toBe(e.returnedBeforeLeaving);
    expect(returnDayProblem('12/05/2026', '2026-03-01', today)?.message).toBe(e.returnedOn);
  });
});
