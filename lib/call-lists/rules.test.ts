import { describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { callProgress, createSchema, mayRevealPhones, mayRunCallLists, notReachedMonths, outcomeSchema, revealSchema, statusesFor, telHref } from './rules';

const viewer = (tier: Viewer['tier'], capabilities: Viewer['capabilities']): Viewer => ({ userId: 'u', tier, orgId: 1, scopePath: '1', capabilities });
const uuid = '0b7c8a0e-4b5e-4d7a-9a55-0f5f2c3a9e11';

describe('who runs call lists', () => {
  it('is the archive admins of a branch, committee or the county', () => {
    expect(mayRunCallLists(viewer('org_admin', ['archive']))).toBe(true);
    expect(mayRunCallLists(viewer('county_admin', ['archive']))).toBe(true);
    expect(mayRunCallLists(viewer('org_admin', ['content', 'pii_reveal']))).toBe(false);
    expect(mayRunCallLists(viewer('host_admin', ['archive']))).toBe(false);
    expect(mayRunCallLists(viewer('member', ['archive']))).toBe(false);
    expect(mayRunCallLists(null)).toBe(false);
  });

  it('shows full numbers only to those who also hold pii_reveal', () => {
    expect(mayRevealPhones(viewer('org_admin', ['archive', 'pii_reveal']))).toBe(true);
    expect(mayRevealPhones(viewer('org_admin', ['archive']))).toBe(false);
    expect(mayRevealPhones(viewer('org_admin', ['pii_reveal']))).toBe(false);
  });
});

describe('filters', () => {
  it('takes 在册 and 流出中 by default, or only those away', () => {
    expect(statusesFor('managed')).toEqual(['registered', 'outflow']);
    expect(statusesFor('outflow')).toEqual(['outflow']);
  });

  it('reads the not-reached choice as months', () => {
    expect(notReachedMonths('any')).toBeNull();
    expect(notReachedMonths('3')).toBe(3);
    expect(notReachedMonths('6')).toBe(6);
  });
});

describe('the creation form', () => {
  it('needs a notice for a notice, and a title and message for an activity', () => {
    expect(createSchema.safeParse({ source: 'notice', orgId: '3' }).error?.issues.map((issue) => issue.message)).toEqual(['请选择一则通知。']);
    expect(createSchema.parse({ source: 'notice', contentItemId: uuid, orgId: '3' })).toMatchObject({ orgId: 3, statuses: 'managed', notReached: 'any', title: '' });
    const activity = createSchema.safeParse({ source: 'activity', title: '会', message: '', orgId: '3' });
    expect(activity.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ['message', '请填写活动说明。'],
      ['title', '名单标题须为 2 至 100 个字。'],
    ]);
    expect(createSchema.safeParse({ source: 'activity', title: '', message: '说明', orgId: '3' }).error?.issues.map((issue) => issue.path[0])).toEqual(['title']);
    expect(createSchema.safeParse({ source: 'notice', contentItemId: uuid, title: '长'.repeat(101), orgId: '3' }).error?.issues.map((issue) => issue.path[0])).toEqual(['title']);
    expect(createSchema.parse({ source: 'activity', title: '七一主题党日', message: '7月1日上午9时，村委会', orgId: '3', statuses: 'outflow', notReached: '3' })).toMatchObject({
      statuses: 'outflow',
      notReached: '3',
    });
  });

  it('refuses forged choices', () => {
    expect(createSchema.safeParse({ source: 'sms', orgId: '3' }).success).toBe(false);
    expect(createSchema.safeParse({ source: 'activity', title: '主题党日', message: '说明', orgId: '0' }).success).toBe(false);
    expect(createSchema.safeParse({ source: 'activity', title: '主题党日', message: '说明', orgId: '3', statuses: 'all' }).success).toBe(false);
    expect(createSchema.safeParse({ source: 'activity', title: '主题党日', message: '说明', orgId: '3', notReached: '12' }).success).toBe(false);
    expect(createSchema.safeParse({ source: 'activity', title: '主题党日', message: '说'.repeat(501), orgId: '3' }).success).toBe(false);
  });
});

describe('a call outcome', () => {
  it('is one of the three, with an optional note', () => {
    expect(outcomeSchema.parse({ callListId: uuid, memberId: uuid, outcome: 'no_answer', note: '  ' })).toMatchObject({ outcome: 'no_answer', note: null });
    expect(outcomeSchema.safeParse({ callListId: uuid, memberId: uuid, outcome: 'busy' }).error?.issues[0].message).toBe('请选择通话结果：已接通、无人接听或号码错误。');
    expect(outcomeSchema.safeParse({ callListId: uuid, memberId: uuid, outcome: 'reached', note: '长'.repeat(201) }).success).toBe(false);
  });

  it('reveals a row or the whole list', () => {
    expect(revealSchema.parse({ callListId: uuid })).toEqual({ callListId: uuid, memberId: '' });
    expect(revealSchema.safeParse({ callListId: uuid, memberId: 'x' }).success).toBe(false);
  });
});

describe('progress and dialling', () => {
  it('counts called and reached entries', () => {
    expect(callProgress([null, 'reached', 'no_answer', 'wrong_number', 'reached'])).toEqual({ total: 5, called: 4, reached: 2 });
    expect(callProgress([])).toEqual({ total: 0, called: 0, reached: 0 });
  });

  it('dials only digits and a leading plus', () => {
    expect(telHref('138 1234 5678')).toBe('tel:13812345678');
    expect(telHref('+86-138-1234-5678')).toBe('tel:+8613812345678');
    expect(telHref('0571-8888 1234;ext')).toBe('tel:057188881234');
  });
});
