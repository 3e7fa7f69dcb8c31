import { describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import type { RecordValues } from '@/lib/members/field-values';
import { mayDownloadEvidence } from './evidence-access';
import { ageInDays, canDecide, canWithdraw, isReviewer, isUnseenDecision, newProblems, planChangeRequest, planDirectEdit, reasonProblem, staleFields } from './rules';

const today = '2026-12-05';
const current: RecordValues = {
  name: '王建国',
  workUnit: '深圳某电子厂',
  occupation: '工厂普工',
  joinedPartyOn: '2010-07-01',
  fullMemberOn: '2011-07-01',
  category: 'full',
  probationEndsOn: null,
  monthlyIncome: 520000,
  education: '高中',
  phone: '13912345678',
  skills: ['电工'],
  emergencyContactName: null,
  emergencyContactRelation: null,
  emergencyContactPhone: null,
};

describe('planChangeRequest', () => {
  it('captures old → new for a changed reviewed field, parsed as the record stores it', () => {
    const plan = planChangeRequest(current, ['workUnit', 'monthlyIncome'], { new_workUnit: ' 东莞某物流公司 ', new_monthlyIncome: '6,100.5' }, today);
    expect(plan).toEqual({
      ok: true,
      changes: [
        { field: 'workUnit', oldValue: '深圳某电子厂', newValue: '东莞某物流公司' },
        { field: 'monthlyIncome', oldValue: 520000, newValue: 610050 },
      ],
    });
  });

  it('drops a field whose new value equals the current one, and refuses a request that changes nothing', () => {
    const plan = planChangeRequest(current, ['workUnit', 'education'], { new_workUnit: '新单位', new_education: '高中' }, today);
    expect(plan).toEqual({ ok: true, changes: [{ field: 'workUnit', oldValue: '深圳某电子厂', newValue: '新单位' }] });
    const nothing = planChangeRequest(current, ['workUnit'], { new_workUnit: '深圳某电子厂' }, today);
    expect(nothing).toEqual({ ok: false, fieldErrors: { fields: ['所填内容与档案一致，没有需要修改的内容。'] } });
  });

  it('refuses direct-edit and admin-only fields by name', () => {
    expect(planChangeRequest(current, ['phone'], { new_phone: '13800000000' }, today)).toEqual({ ok: false, fieldErrors: { fields: ['“手机号”不能通过修改申请更改。'] } });
    expect(planChangeRequest(current, ['status', 'idNumber'], { new_status: 'returned' }, today)).toEqual({
      ok: false,
      fieldErrors: { fields: ['“状态”不能通过修改申请更改。', '“身份证号”不能通过修改申请更改。'] },
    });
    expect(planChangeRequest(current, ['passwordHash'], {}, today)).toMatchObject({ ok: false, fieldErrors: { fields: ['“passwordHash”不能通过修改申请更改。'] } });
    expect(planChangeRequest(current, [], {}, today)).toEqual({ ok: false, fieldErrors: { fields: ['请至少勾选一项需要修改的内容。'] } });
  });

  it('puts each bad value under its own input, and checks the record as it would be afterwards', () => {
    const bad = planChangeRequest(current, ['joinedPartyOn', 'education'], { new_joinedPartyOn: '2030-01-01', new_education: '幼儿园' }, today);
    expect(bad).toEqual({ ok: false, fieldErrors: { new_joinedPartyOn: ['日期不能晚于今天。'], new_education: ['请从给定的选项中选择。'] } });
    const crossed = planChangeRequest(current, ['fullMemberOn'], { new_fullMemberOn: '2009-01-01' }, today);
    expect(crossed).toEqual({ ok: false, fieldErrors: { new_fullMemberOn: ['转正时间不能早于入党时间。'] } });
  });

  it('is not blocked by an inconsistency the record already had elsewhere', () => {
    const inconsistent: RecordValues = { ...current, category: 'probationary', probationEndsOn: null };
    expect(planChangeRequest(inconsistent, ['workUnit'], { new_workUnit: '新单位' }, today).ok).toBe(true);
    expect(newProblems(inconsistent, [{ field: 'workUnit', newValue: '新单位' }])).toEqual([]);
  });
});

describe('staleFields', () => {
  it('names the fields whose value moved since the member asked', () => {
    const asked = [
      { field: 'workUnit' as const, oldValue: '深圳某电子厂' },
      { field: 'monthlyIncome' as const, oldValue: 500000 },
      { field: 'ethnicity' as const, oldValue: null },
    ];
    expect(staleFields(current, asked)).toEqual(['monthlyIncome']);
    expect(staleFields({ ...current, workUnit: null }, asked)).toEqual(['workUnit', 'monthlyIncome']);
  });
});

describe('planDirectEdit', () => {
  const dictionary = ['电工', '焊工', '驾驶'];

  it('keeps only real changes; the order skills were ticked in is not a change', () => {
    const same = planDirectEdit({ ...current, skills: ['电工', '驾驶'] }, { phone: '139 1234 5678', skills: ['驾驶', '电工'] }, dictionary, today);
    expect(same).toEqual({ ok: true, changes: [] });
    const changed = planDirectEdit(current, { phone: '13912345678', skills: ['电工', '焊工'], emergencyContactName: '王芳', emergencyContactRelation: '配偶', emergencyContactPhone: '0755-1234567' }, dictionary, today);
    expect(changed).toEqual({
      ok: true,
      changes: [
        { field: 'skills', oldValue: ['电工'], newValue: ['电工', '焊工'] },
        { field: 'emergencyContactName', oldValue: null, newValue: '王芳' },
        { field: 'emergencyContactRelation', oldValue: null, newValue: '配偶' },
        { field: 'emergencyContactPhone', oldValue: null, newValue: '0755-1234567' },
      ],
    });
  });

  it('adds skills only from the active dictionary, but lets a member keep a retired one', () => {
    expect(planDirectEdit(current, { phone: '13912345678', skills: ['电工', '黑客'] }, dictionary, today)).toEqual({
      ok: false,
      fieldErrors: { skills: ['“黑客”不在技能目录中，请从目录中选择。'] },
    });
    const retired = planDirectEdit({ ...current, skills: ['缝纫'] }, { phone: '13912345678', skills: ['缝纫', '驾驶'] }, dictionary, today);
    expect(retired).toEqual({ ok: true, changes: [{ field: 'skills', oldValue: ['缝纫'], newValue: ['缝纫', '驾驶'] }] });
  });

  it('refuses a malformed phone with the field message', () => {
    expect(planDirectEdit(current, { phone: '12345', skills: ['电工'] }, dictionary, today)).toEqual({ ok: false, fieldErrors: { phone: ['请填写11位手机号码。'] } });
  });
});

describe('request status and timing', () => {
  it('withdraws and decides pending requests only', () => {
    expect(canWithdraw('pending')).toBe(true);
    expect(canDecide('pending')).toBe(true);
    for (const status of ['approved', 'rejected', 'withdrawn'] as const) {
      expect(canWithdraw(status)).toBe(false);
      expect(canDecide(status)).toBe(false);
    }
  });

  it('needs a reason of 2 to 500 characters', () => {
    expect(reasonProblem(' 换 ')).toBe('请填写修改理由（2至500个字）。');
    expect(reasonProblem('换了工作')).toBeNull();
    expect(reasonProblem('字'.repeat(501))).not.toBeNull();
  });

  it('counts age in Beijing days', () => {
    // 15:30 UTC on 4 Dec is 23:30 in Beijing; an hour later it is 5 Dec there.
    expect(ageInDays(new Date('2026-12-04T15:30:00Z'), new Date('2026-12-04T16:30:00Z'))).toBe(1);
    expect(ageInDays(new Date('2026-12-04T01:00:00Z'), new Date('2026-12-04T15:00:00Z'))).toBe(0);
    expect(ageInDays(new Date('2026-12-06T00:00:00Z'), new Date('2026-12-05T00:00:00Z'))).toBe(0);
  });

  it('marks a decision unseen when it came after the last look', () => {
    const decided = new Date('2026-12-05T02:00:00Z');
    expect(isUnseenDecision(decided, null)).toBe(true);
    expect(isUnseenDecision(decided, decided.getTime() - 1)).toBe(true);
    expect(isUnseenDecision(decided, decided.getTime())).toBe(false);
    expect(isUnseenDecision(null, null)).toBe(false);
  });
});

describe('who reviews and who downloads evidence', () => {
  const base = { userId: 'u', orgId: 5, scopePath: '1.5', capabilities: ['archive'] } as const;
  const branchAdmin: Viewer = { ...base, tier: 'org_admin', capabilities: ['archive'] };
  const county: Viewer = { ...base, tier: 'county_admin', scopePath: '1' };
  const noArchive: Viewer = { ...branchAdmin, capabilities: ['org_life'] };
  const host: Viewer = { ...branchAdmin, tier: 'host_admin' };
  const owner: Viewer = { ...base, tier: 'member', capabilities: [], memberId: 'm-1' };
  const neighbour: Viewer = { ...owner, memberId: 'm-2' };
  const elsewhere: Viewer = { ...branchAdmin, scopePath: '1.6' };
  const evidence = { memberId: 'm-1', memberOrgPath: '1.5.9' };

  it('reviewers are org or county admins with the archive capability', () => {
    expect([branchAdmin, county, noArchive, host, owner, null].map((viewer) => isReviewer(viewer))).toEqual([true, true, false, false, false, false]);
  });

  it('evidence goes to its member and to reviewers whose subtree holds the branch, nobody else', () => {
    expect(mayDownloadEvidence(owner, evidence)).toBe(true);
    expect(mayDownloadEvidence(branchAdmin, evidence)).toBe(true);
    expect(mayDownloadEvidence(county, evidence)).toBe(true);
    for (const viewer of [neighbour, noArchive, host, elsewhere, { ...branchAdmin, scopePath: '1.59' }, null]) expect(mayDownloadEvidence(viewer, evidence)).toBe(false);
  });
});
