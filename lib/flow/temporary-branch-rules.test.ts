import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/i18n/messages';
import {
  type Candidate,
  commonAncestorPath,
  MAX_TEMPORARY_BRANCH_MEMBERS,
  memberCountState,
  membershipProblems,
  parseAttendance,
  parseAttendeeIds,
  parseProposal,
  placeKey,
  placeName,
} from './temporary-branch-rules';

const e = messages.temporaryBranches.errors;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [A, B, C, D] = [id(1), id(2), id(3), id(4)];

const proposal = (overrides: Record<string, unknown> = {}) => ({
  name: '清源县驻深圳流动党员临时党支部',
  regionCode: '440305',
  memberIds: [A, B, C],
  secretaryMemberId: A,
  reason: '成员均在深圳务工，便于集中学习。',
  ...overrides,
});

describe('placeKey and placeName', () => {
  it('is the prefecture-level city: districts of one city are one place, another city is not', () => {
    expect(placeKey('440305')).toBe('4403');
    expect(placeKey('440306')).toBe(placeKey('440305'));
    expect(placeKey('440300')).toBe('4403');
    expect(placeKey('440106')).not.toBe(placeKey('440305'));
    expect(placeName('440306')).toBe('广东省 深圳市');
  });

  it('takes a municipality as one place', () => {
    for (const [a, b] of [
      ['110105', '110108'],
      ['120101', '120116'],
      ['310115', '310104'],
      ['500103', '500235'],
    ]) {
      expect(placeKey(a)).toBe(a.slice(0, 2));
      expect(placeKey(a)).toBe(placeKey(b));
    }
    expect(placeName('110105')).toBe('北京市');
  });
});

describe('parseProposal', () => {
  it('trims, de-duplicates the members and keeps their order', () => {
    expect(parseProposal(proposal({ name: ' 清源县驻深圳流动党员临时党支部 ', memberIds: [` ${A}`, B, A, C], reason: '  成员均在深圳务工，便于集中学习。 ' }))).toEqual({
      ok: true,
      value: { name: '清源县驻深圳流动党员临时党支部', regionCode: '440305', memberIds: [A, B, C], secretaryMemberId: A, reason: '成员均在深圳务工，便于集中学习。' },
    });
  });

  it('takes a whole city by its own code', () => {
    expect(parseProposal(proposal({ regionCode: '440300' }))).toMatchObject({ ok: true, value: { regionCode: '440300' } });
  });

  it('needs three members, and at most the maximum', () => {
    expect(parseProposal(proposal({ memberIds: [A, B], secretaryMemberId: A }))).toEqual({ ok: false, fieldErrors: { memberIds: ['临时党支部至少需要 3 名成员。'] } });
    expect(parseProposal(proposal({ memberIds: [A, A, B, B] }))).toEqual({ ok: false, fieldErrors: { memberIds: [e.tooFew(3)] } });
    expect(parseProposal(proposal({ memberIds: A }))).toEqual({ ok: false, fieldErrors: { memberIds: [e.tooFew(3)] } });
    const many = Array.from({ length: MAX_TEMPORARY_BRANCH_MEMBERS + 1 }, (_, n) => id(n + 1));
    expect(parseProposal(proposal({ memberIds: many }))).toEqual({ ok: false, fieldErrors: { memberIds: [e.tooMany(MAX_TEMPORARY_BRANCH_MEMBERS)] } });
    expect(parseProposal(proposal({ memberIds: many.slice(0, MAX_TEMPORARY_BRANCH_MEMBERS) }))).toMatchObject({ ok: true });
  });

  it('refuses each bad field with its own message', () => {
    expect(parseProposal({})).toEqual({
      ok: false,
      fieldErrors: { name: [e.name], regionCode: [e.region], memberIds: [e.tooFew(3)], secretaryMemberId: [e.secretaryNotMember], reason: [e.reason] },
    });
    expect(parseProposal(proposal({ name: '深圳流动党员党支部' }))).toEqual({ ok: false, fieldErrors: { name: ['支部名称须为 6–100 字，并以“临时党支部”结尾。'] } });
    expect(parseProposal(proposal({ name: `${'深'.repeat(96)}临时党支部` }))).toEqual({ ok: false, fieldErrors: { name: [e.name] } });
    expect(parseProposal(proposal({ regionCode: '4403' }))).toEqual({ ok: false, fieldErrors: { regionCode: [e.region] } });
    expect(parseProposal(proposal({ regionCode: '999999' }))).toEqual({ ok: false, fieldErrors: { regionCode: [e.region] } });
    expect(parseProposal(proposal({ memberIds: [A, B, 'x'] }))).toEqual({ ok: false, fieldErrors: { memberIds: [messages.actions.invalid] } });
    expect(parseProposal(proposal({ secretaryMemberId: D }))).toEqual({ ok: false, fieldErrors: { secretaryMemberId: ['书记须从成员中选定。'] } });
    expect(parseProposal(proposal({ reason: '方便' }))).toEqual({ ok: false, fieldErrors: { reason: [e.reason] } });
    expect(parseProposal(proposal({ reason: 'x'.repeat(1001) }))).toEqual({ ok: false, fieldErrors: { reason: [e.reason] } });
  });
});

describe('membershipProblems', () => {
  const candidate = (n: number, overrides: Partial<Candidate> = {}): Candidate => ({
    id: id(n),
    name: `党员${n}`,
    category: 'full',
    awayRegionCode: '440305',
    currentBranchName: null,
    ...overrides,
  });

  it('has none for full members away in districts of the same city', () => {
    expect(membershipProblems([candidate(1), candidate(2, { awayRegionCode: '440306' }), candidate(3, { category: 'probationary' })], '440305', id(1))).toEqual({});
  });

  it('names the members not away, away in another city, or already in a 临时党支部, in that order', () => {
    const problems = membershipProblems(
      [candidate(1), candidate(2, { awayRegionCode: null }), candidate(3, { awayRegionCode: '440106' }), candidate(4, { currentBranchName: '某临时党支部' }), candidate(5, { awayRegionCode: null })],
      '440305',
      id(1),
    );
    expect(problems).toEqual({
      memberIds: ['党员2、党员5 当前不在外，不能编入临时党支部。', '党员3 不在广东省 深圳市，成员须在同一城市。', '党员4 已在其他临时党支部。'],
    });
  });

  it('refuses a 预备党员 as 书记', () => {
    expect(membershipProblems([candidate(1, { category: 'probationary' }), candidate(2), candidate(3)], '440305', id(1))).toEqual({
      secretaryMemberId: ['预备党员没有被选举权，不能担任书记。'],
    });
  });
});

describe('memberCountState', () => {
  it('dissolves at none, is too few below three, and ok from three', () => {
    expect([0, 1, 2, 3, 4].map(memberCountState)).toEqual(['dissolve', 'too_few', 'too_few', 'ok', 'ok']);
  });
});

describe('commonAncestorPath', () => {
  it('is the longest shared prefix by label, not by character', () => {
    expect(commonAncestorPath(['1.4.37', '1.4.52'])).toBe('1.4');
    expect(commonAncestorPath(['1.4.37'])).toBe('1.4.37');
    expect(commonAncestorPath(['1.4.37', '1.4.37.9'])).toBe('1.4.37');
    expect(commonAncestorPath(['1.4', '1.45'])).toBe('1');
    expect(commonAncestorPath(['1.4', '2.4'])).toBe('');
    expect(commonAncestorPath([])).toBe('');
  });
});

describe('parseAttendance', () => {
  const today = '2026-06-15';
  const meeting = (overrides: Record<string, unknown> = {}) => ({ heldOn: '2026-06-01', kind: 'theme_day', topic: ' 学习党章 ', ...overrides });

  it('takes a real day up to a year back, a known kind and a topic', () => {
    expect(parseAttendance(meeting(), today)).toEqual({ ok: true, value: { heldOn: '2026-06-01', kind: 'theme_day', topic: '学习党章' } });
    expect(parseAttendance(meeting({ heldOn: today }), today)).toMatchObject({ ok: true });
    expect(parseAttendance(meeting({ heldOn: '2025-06-15' }), today)).toMatchObject({ ok: true });
  });

  it('refuses a bad, future or too old day, an unknown kind and a bad topic', () => {
    expect(parseAttendance(meeting({ heldOn: '2026-02-30' }), today)).toEqual({ ok: false, fieldErrors: { heldOn: [e.heldOn] } });
    expect(parseAttendance(meeting({ heldOn: '2026-06-16' }), today)).toEqual({ ok: false, fieldErrors: { heldOn: ['日期不能晚于今天。'] } });
    expect(parseAttendance(meeting({ heldOn: '2025-06-14' }), today)).toEqual({ ok: false, fieldErrors: { heldOn: ['只能登记一年内的组织生活。'] } });
    expect(parseAttendance({}, today)).toEqual({ ok: false, fieldErrors: { heldOn: [e.heldOn], kind: [e.kind], topic: [e.topic] } });
    expect(parseAttendance(meeting({ kind: 'dinner', topic: '学' }), today)).toEqual({ ok: false, fieldErrors: { kind: ['请选择组织生活形式。'], topic: ['请填写主题（2–200 字）。'] } });
    expect(parseAttendance(meeting({ topic: 'x'.repeat(201) }), today)).toEqual({ ok: false, fieldErrors: { topic: [e.topic] } });
  });
});

describe('parseAttendeeIds', () => {
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

  it('takes one id or many, once each', () => {
    expect(parseAttendeeIds(id(1))).toEqual([id(1)]);
    expect(parseAttendeeIds([id(1), id(2), id(1)])).toEqual([id(1), id(2)]);
  });

  it('refuses none, a forged id, or more than a meeting can hold', () => {
    expect(parseAttendeeIds(undefined)).toBeNull();
    expect(parseAttendeeIds([])).toBeNull();
    expect(parseAttendeeIds([id(1), 'not-an-id'])).toBeNull();
    expect(parseAttendeeIds(Array.from({ length: MAX_TEMPORARY_BRANCH_MEMBERS + 1 }, (_, n) => id(n)))).toBeNull();
  });
});
