import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/i18n/messages';
import { declineReasonProblem, earliestReportDay, parseFeedback, parseRegistration } from './hosting-rules';

const e = messages.flow.hosting.errors;
const today = '2026-12-05';
const startedOn = '2026-09-01';

describe('parseRegistration', () => {
  it('takes a host of the deployment by id, reported between leaving and today', () => {
    expect(parseRegistration({ where: 'host', hostOrgId: '42', reportedOn: '2026-09-03' }, startedOn, today)).toEqual({
      ok: true,
      value: { hostOrgId: 42, outsideOrgName: null, outsideContact: null, reportedOn: '2026-09-03' },
    });
  });

  it('takes a host outside the deployment with its name and contact', () => {
    expect(parseRegistration({ where: 'outside', outsideOrgName: ' 某建筑公司党支部 ', outsideContact: '王书记 13800001111', reportedOn: today }, startedOn, today)).toEqual({
      ok: true,
      value: { hostOrgId: null, outsideOrgName: '某建筑公司党支部', outsideContact: '王书记 13800001111', reportedOn: today },
    });
  });

  it('refuses a report before leaving or in the future, and a host that is not chosen', () => {
    expect(parseRegistration({ where: 'host', hostOrgId: '', reportedOn: '2026-08-31' }, startedOn, today)).toEqual({
      ok: false,
      fieldErrors: { reportedOn: [e.reportedBeforeLeaving], hostOrgId: [e.hostOrg] },
    });
    expect(parseRegistration({ where: 'host', hostOrgId: '7', reportedOn: '2026-12-06' }, startedOn, today)).toEqual({ ok: false, fieldErrors: { reportedOn: [e.reportedOnFuture] } });
    expect(parseRegistration({ where: 'outside', outsideOrgName: '党', outsideContact: '王', reportedOn: today }, startedOn, today)).toEqual({
      ok: false,
      fieldErrors: { outsideOrgName: [e.outsideOrgName], outsideContact: [e.outsideContact] },
    });
  });

  it('treats a forged choice of where as no host chosen', () => {
    expect(parseRegistration({ where: 'mars', hostOrgId: '7', reportedOn: today }, startedOn, today)).toEqual({ ok: false, fieldErrors: { hostOrgId: [e.hostOrg] } });
  });
});

describe('parseFeedback', () => {
  it('takes this or last year with a rating and a real account of the member', () => {
    expect(parseFeedback({ year: '2025', rating: 'good', content: ' 按时参加组织生活，积极参与志愿服务。 ' }, today)).toEqual({
      ok: true,
      value: { year: 2025, rating: 'good', content: '按时参加组织生活，积极参与志愿服务。' },
    });
  });

  it('refuses another year, an unknown rating and a one-word account', () => {
    expect(parseFeedback({ year: '2024', rating: 'great', content: '好' }, today)).toEqual({
      ok: false,
      fieldErrors: { year: [e.feedbackYear(2025, 2026)], rating: [e.rating], content: [e.feedbackContent] },
    });
  });
});

describe('helpers', () => {
  it('offers report days from the journey start, at most a year back', () => {
    expect(earliestReportDay(startedOn, today)).toBe(startedOn);
    expect(earliestReportDay('2024-01-01', today)).toBe('2025-12-05');
  });

  it('wants a reason when declining', () => {
    expect(declineReasonProblem(' ')).toBe(e.declineReason);
    expect(declineReasonProblem('不在本区工作')).toBeNull();
  });
});
