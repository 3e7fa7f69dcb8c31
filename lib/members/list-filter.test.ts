import { describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import {
  ageBandBirthRange,
  ageBandOf,
  ageOn,
  allowedMissingFields,
  allowedSorts,
  decodeCursor,
  encodeCursor,
  filterForViewer,
  isFiltered,
  memberListAccess,
  memberListHref,
  memberListSearchParams,
  parseMemberListParams,
  yearsBefore,
} from './list-filter';

const ID = '0b7c1a52-4f0e-4c39-9d0a-5f1f3f6c2e11';
const viewer = (tier: Viewer['tier'], capabilities: Viewer['capabilities'] = []) => ({ tier, capabilities });

describe('parseMemberListParams', () => {
  it('reads every filter from the URL', () => {
    const { filter, page } = parseMemberListParams(
      new URLSearchParams({
        subtree: '17',
        status: 'outflow',
        province: '44',
        city: '4403',
        reason: 'work',
        occupation: ' 电工 ',
        industry: '建筑业',
        skill: '焊工',
        age: '36to45',
        contactPerson: ID.toUpperCase(),
        missing: 'workUnit',
        q: '张伟',
        sort: 'lastContact',
      }),
    );
    expect(filter).toEqual({
      subtree: 17,
      status: 'outflow',
      province: '44',
      city: '4403',
      reason: 'work',
      occupation: '电工',
      industry: '建筑业',
      skill: '焊工',
      age: '36to45',
      contactPerson: ID,
      missing: 'workUnit',
      q: '张伟',
      sort: 'lastContact',
    });
    expect(page).toBeUndefined();
  });

  it('drops values that do not fit instead of failing, and sorts by name by default', () => {
    const { filter } = parseMemberListParams({
      subtree: '0',
      status: 'gone',
      province: '99',
      city: '44x3',
      reason: 'holiday',
      age: '18',
      contactPerson: 'not-a-uuid',
      missing: 'idNumber',
      q: '   ',
      sort: 'income',
      occupation: '',
    });
    expect(filter).toEqual({ sort: 'name' });
    expect(isFiltered(filter)).toBe(false);
  });

  it('takes the first of repeated values, as Next.js passes them', () => {
    expect(parseMemberListParams({ status: ['lost_contact', 'outflow'] }).filter.status).toBe('lost_contact');
  });

  it('cuts an over-long name search to 20 characters', () => {
    expect(parseMemberListParams({ q: '张'.repeat(30) }).filter.q).toBe('张'.repeat(20));
  });

  it('derives the province from a city, and drops a city left over from another province', () => {
    expect(parseMemberListParams({ city: '3205' }).filter).toMatchObject({ province: '32', city: '3205' });
    const changed = parseMemberListParams({ province: '32', city: '4403' }).filter;
    expect(changed.province).toBe('32');
    expect(changed.city).toBeUndefined();
  });

  it('reads an after or a before cursor (after wins), and refuses forged ones', () => {
    const cursor = { key: '张伟', id: ID };
    expect(parseMemberListParams({ after: encodeCursor(cursor), before: encodeCursor(cursor) }).page).toEqual({ after: cursor });
    expect(parseMemberListParams({ before: encodeCursor(cursor) }).page).toEqual({ before: cursor });
    expect(parseMemberListParams({ after: 'garbage!!' }).page).toBeUndefined();
    // A date sort needs a day as its key.
    expect(parseMemberListParams({ sort: 'joined', after: encodeCursor(cursor) }).page).toBeUndefined();
    expect(parseMemberListParams({ sort: 'joined', after: encodeCursor({ key: '2020-07-01', id: ID }) }).page).toEqual({ after: { key: '2020-07-01', id: ID } });
  });
});

describe('cursors', () => {
  it('round-trip Chinese keys through URL-safe text', () => {
    const encoded = encodeCursor({ key: '欧阳娜娜', id: ID });
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('name', encoded)).toEqual({ key: '欧阳娜娜', id: ID });
  });

  it('reject wrong shapes', () => {
    const wrap = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    expect(decodeCursor('name', wrap(['张伟']))).toBeUndefined();
    expect(decodeCursor('name', wrap(['张伟', 'not-a-uuid']))).toBeUndefined();
    expect(decodeCursor('name', wrap(['', ID]))).toBeUndefined();
    expect(decodeCursor('name', wrap({ key: '张伟', id: ID }))).toBeUndefined();
    expect(decodeCursor('name', undefined)).toBeUndefined();
  });
});

describe('memberListSearchParams', () => {
  it('writes a canonical URL that parses back to the same filter and page', () => {
    const input = 'q=%E5%BC%A0&status=outflow&sort=joined&city=4403';
    const parsed = parseMemberListParams(new URLSearchParams(input));
    const written = memberListSearchParams(parsed.filter, { after: { key: '2001-07-01', id: ID } });
    expect([...written.keys()]).toEqual(['status', 'province', 'city', 'q', 'sort', 'after']);
    expect(parseMemberListParams(written)).toEqual({ ...parsed, page: { after: { key: '2001-07-01', id: ID } } });
  });

  it('leaves the default sort and empty filters out', () => {
    expect(memberListHref('/admin/members', { sort: 'name' })).toBe('/admin/members');
    expect(memberListHref('/admin/members', { sort: 'name', status: 'returned' })).toBe('/admin/members?status=returned');
  });
});

describe('who may list and filter', () => {
  it('lets archive admins and host admins list, nobody else', () => {
    expect(memberListAccess(viewer('org_admin', ['archive']))).toBe('archive');
    expect(memberListAccess(viewer('county_admin', ['archive', 'pii_reveal']))).toBe('archive');
    expect(memberListAccess(viewer('host_admin', ['org_life']))).toBe('host');
    expect(memberListAccess(viewer('org_admin', ['org_life', 'dues']))).toBeNull();
    expect(memberListAccess(viewer('member', ['archive']))).toBeNull();
  });

  it('keeps a host admin to the fields the policy shows them', () => {
    const host = viewer('host_admin', ['org_life']);
    const params = parseMemberListParams({
      status: 'outflow',
      occupation: '电工',
      skill: '焊工',
      age: 'over60',
      contactPerson: ID,
      missing: 'workUnit',
      province: '44',
      q: '张',
      sort: 'lastContact',
      after: encodeCursor({ key: '2020-01-01', id: ID }),
    });
    const limited = filterForViewer(host, params);
    expect(limited.filter).toEqual({ status: 'outflow', occupation: '电工', skill: '焊工', province: '44', q: '张', sort: 'name' });
    // The cursor belonged to another sort: it is dropped with it.
    expect(limited.page).toBeUndefined();
    expect(allowedSorts(host)).toEqual(['name']);
    expect(allowedMissingFields(host)).toEqual(['phone', 'occupation', 'industry']);
    expect(filterForViewer(host, parseMemberListParams({ missing: 'phone' })).filter.missing).toBe('phone');
  });

  it('leaves an archive admin’s filter as it is', () => {
    const admin = viewer('org_admin', ['archive']);
    const params = parseMemberListParams({ age: 'over60', missing: 'outflowPlace', contactPerson: ID, sort: 'joined' });
    expect(filterForViewer(admin, params)).toEqual(params);
    expect(allowedMissingFields(admin)).toContain('outflowPlace');
  });
});

describe('age bands in Beijing days', () => {
  it('counts whole years, birthdays included', () => {
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
    // Born on 29 February: a year older on 1 March of a common year.
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
  });

  it('turns 29 February into 28 February in a common year', () => {
    expect(yearsBefore('2028-02-29', 1)).toBe('2027-02-28');
    expect(yearsBefore('2028-02-29', 4)).toBe('2024-02-29');
    expect(() => yearsBefore('29/02/2028', 1)).toThrow();
  });

  it('gives birth-date ranges that agree with ageOn at every boundary', () => {
    const today = '2026-11-01';
    expect(ageBandBirthRange('upTo35', today)).toEqual({ bornAfter: '1990-11-01' });
    expect(ageBandBirthRange('36to45', today)).toEqual({ bornAfter: '1980-11-01', bornOnOrBefore: '1990-11-01' });
    expect(ageBandBirthRange('46to60', today)).toEqual({ bornAfter: '1965-11-01', bornOnOrBefore: '1980-11-01' });
    expect(ageBandBirthRange('over60', today)).toEqual({ bornOnOrBefore: '1965-11-01' });
    const inRange = (birth: string, range: { bornAfter?: string; bornOnOrBefore?: string }) =>
      (!range.bornAfter || birth > range.bornAfter) && (!range.bornOnOrBefore || birth <= range.bornOnOrBefore);
    for (const birth of ['1990-11-01', '1990-11-02', '1980-11-01', '1980-11-02', '1965-11-01', '1965-11-02', '1965-10-31', '2001-01-01', '1940-05-05']) {
      const band = ageBandOf(ageOn(birth, today));
      expect(inRange(birth, ageBandBirthRange(band, today)), `${birth} in ${band}`).toBe(true);
    }
  });
});
