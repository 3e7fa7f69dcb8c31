import { describe, expect, it } from 'vitest';
import { CONTACT_WAYS, DUES_CATEGORIES } from '../../lib/members/member-status';
import { generateDemoArchive, skillsOutsideDictionary } from './demo-archive';
import type { DemoArchive } from './demo-archive';
import { DEMO_DEFAULT_TODAY, generateDemoCounty, SKILLS } from './demo-county';

const ANCHOR = DEMO_DEFAULT_TODAY.slice(0, 10);
const county = generateDemoCounty();
const archive: DemoArchive = generateDemoArchive(county);
const members = county.members;

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const plusYear = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate())).toISOString().slice(0, 10);
};
const share = (count: number, total: number) => count / total;
/** The items breaking a rule: one assertion per rule keeps thousands of rows fast to check. */
const breaking = <T>(items: readonly T[], rule: (item: T, index: number) => boolean): T[] => items.filter((item, index) => !rule(item, index));

describe('generateDemoArchive: determinism', () => {
  it('gives deep-equal output for the same county and seed, and differs for another seed', () => {
    // As JSON: a deep comparison of some 20,000 objects is slower than the generation itself.
    expect(JSON.stringify(generateDemoArchive(county))).toBe(JSON.stringify(archive));
    const small = generateDemoCounty({ seed: 5, memberCount: 400 });
    const json = (seed: number) => JSON.stringify(generateDemoArchive(small, { seed }));
    expect(json(5)).toBe(json(5));
    expect(json(6)).not.toBe(json(5));
  });

  it('handles tiny counties', () => {
    for (const memberCount of [0, 1, 7]) {
      const tiny = generateDemoCounty({ memberCount });
      expect(generateDemoArchive(tiny).members).toHaveLength(memberCount);
    }
  });
});

describe('generateDemoArchive: skills dictionary', () => {
  it('holds every skill members have, once, in named categories, with a few switched off', () => {
    expect(skillsOutsideDictionary(archive)).toEqual([]);
    expect(SKILLS.length).toBeGreaterThan(5);
    const names = archive.skills.map((skill) => skill.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['电工', '焊工', '厨艺', '驾驶', '电商运营', '育婴']));
    expect(new Set(archive.skills.map((skill) => skill.category)).size).toBeGreaterThanOrEqual(8);
    for (const skill of archive.skills) {
      expect(skill.name.length).toBeLessThanOrEqual(30);
      expect(skill.name).not.toMatch(/[、,，;；|\s]/);
    }
    const inactive = archive.skills.filter((skill) => !skill.active).map((skill) => skill.name);
    expect(inactive.length).toBeGreaterThan(0);
    expect(members.flatMap((member) => member.skills).filter((skill) => inactive.includes(skill))).toEqual([]);
  });
});

describe('generateDemoArchive: members', () => {
  it('gives one archive row per member, mostly 汉族', () => {
    expect(archive.members).toHaveLength(members.length);
    const han = archive.members.filter((m) => m.ethnicity === '汉族').length;
    expect(share(han, members.length)).toBeGreaterThan(0.95);
    expect(new Set(archive.members.map((m) => m.ethnicity)).size).toBeGreaterThan(2);
    expect(breaking(archive.members, (m) => m.ethnicity.endsWith('族'))).toEqual([]);
  });

  it('has a few percent 预备党员, admitted within the year, their 预备期 ends spread so that some end within 30 days', () => {
    const probationary = archive.members.filter((m) => m.category === 'probationary');
    expect(share(probationary.length, members.length)).toBeGreaterThan(0.02);
    expect(share(probationary.length, members.length)).toBeLessThan(0.05);
    expect(
      breaking(
        probationary,
        (m) => m.probationEndsOn === plusYear(m.joinedPartyOn) && m.fullMemberOn === null && m.joinedPartyOn <= ANCHOR && m.probationEndsOn > addDays(ANCHOR, -30),
      ),
    ).toEqual([]);
    const soon = probationary.filter((m) => m.probationEndsOn! >= ANCHOR && m.probationEndsOn! <= addDays(ANCHOR, 30));
    expect(soon.length).toBeGreaterThanOrEqual(5);
    // Spread over the year: every quarter ahead has some.
    for (let quarter = 0; quarter < 4; quarter++) {
      const from = addDays(ANCHOR, quarter * 91);
      const to = addDays(ANCHOR, quarter * 91 + 90);
      expect(probationary.some((m) => m.probationEndsOn! >= from && m.probationEndsOn! <= to), `quarter ${quarter}`).toBe(true);
    }
  });

  it('keeps 入党时间 after the 18th birthday, and 转正 a year after admission for most full members', () => {
    const adultAtJoining = (m: DemoArchive['members'][number], index: number) => {
      const birth = members[index].idNumber.slice(6, 14);
      return m.joinedPartyOn >= `${Number(birth.slice(0, 4)) + 18}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
    };
    expect(breaking(archive.members, adultAtJoining)).toEqual([]);
    const full = archive.members.filter((m) => m.category === 'full');
    expect(breaking(full, (m) => m.probationEndsOn === null && (m.fullMemberOn === null || m.fullMemberOn === plusYear(m.joinedPartyOn)))).toEqual([]);
    expect(share(full.filter((m) => m.fullMemberOn !== null).length, full.length)).toBeGreaterThan(0.9);
  });

  it('fills work units, dues categories, family notes and emergency contacts', () => {
    const workers = archive.members.filter((m, i) => members[i].status === 'outflow' && members[i].occupation !== '学生');
    expect(share(workers.filter((m) => m.workUnit !== null).length, workers.length)).toBeGreaterThan(0.7);
    const wellFormed = (m: DemoArchive['members'][number], i: number) =>
      (m.workUnit === null || m.workUnit.length <= 100) &&
      m.duesCategory !== null &&
      DUES_CATEGORIES.includes(m.duesCategory) &&
      (members[i].occupation !== '学生' || m.duesCategory === 'student') &&
      (members[i].occupation !== '退休' || m.duesCategory === 'retired') &&
      (m.emergencyContact === null || (/^1\d{10}$/.test(m.emergencyContact.phone) && /^[\u4e00-\u9fff]{2,3}$/.test(m.emergencyContact.name)));
    expect(breaking(archive.members, wellFormed)).toEqual([]);
    expect(share(archive.members.filter((m) => m.emergencyContact !== null).length, members.length)).toBeGreaterThan(0.8);
    expect(archive.members.some((m) => m.difficulties !== null)).toBe(true);
    expect(archive.members.some((m) => m.familySituation !== null)).toBe(true);
  });

  it('leaves a few archives incomplete, as real ones are', () => {
    const noPhone = archive.members.filter((m) => m.phone === null).length;
    expect(noPhone).toBeGreaterThan(0);
    expect(share(noPhone, members.length)).toBeLessThan(0.03);
    expect(breaking(archive.members, (m, i) => (m.phone === null ? members[i].status === 'registered' : m.phone === members[i].phone))).toEqual([]);
    expect(archive.members.some((m) => m.industry === null && m.workUnit === null)).toBe(true);
  });
});

describe('generateDemoArchive: contact', () => {
  it('gives most floating members a 联系人 at home in the same branch', () => {
    const away = archive.members.filter((_, i) => members[i].status === 'outflow');
    expect(share(away.filter((m) => m.contactPerson !== null).length, away.length)).toBeGreaterThan(0.85);
    const sameBranchAtHome = (m: DemoArchive['members'][number], i: number) =>
      m.contactPerson === null ||
      (members[m.contactPerson].status === 'registered' && members[m.contactPerson].orgKey === members[i].orgKey && m.contactPerson !== i);
    expect(breaking(archive.members, sameBranchAtHome)).toEqual([]);
  });

  it('logs a year of contacts, with the newest as the last contact date', () => {
    const yearAgo = addDays(ANCHOR, -364);
    expect(
      breaking(archive.contacts, (c) => CONTACT_WAYS.includes(c.way) && c.contactedOn <= ANCHOR && c.contactedOn >= yearAgo && /^[\u4e00-\u9fff]{2,3}$/.test(c.contactedBy)),
    ).toEqual([]);
    const newest = new Map<number, string>();
    for (const c of archive.contacts) if ((newest.get(c.member) ?? '') < c.contactedOn) newest.set(c.member, c.contactedOn);
    expect(breaking(archive.members, (m, i) => m.lastContactOn === (newest.get(i) ?? null))).toEqual([]);
    const gone = (i: number) => members[i].status === 'transferred_out' || members[i].status === 'suspended';
    expect(archive.contacts.filter((c) => gone(c.member))).toEqual([]);
  });

  it('leaves some floating members unreached for 3 months, some for 6, and some never', () => {
    const floating = archive.members.filter((_, i) => members[i].status === 'outflow');
    const older = (days: number) => floating.filter((m) => m.lastContactOn !== null && m.lastContactOn <= addDays(ANCHOR, -days)).length;
    const never = floating.filter((m) => m.lastContactOn === null).length;
    expect(share(older(92), floating.length)).toBeGreaterThan(0.15);
    expect(share(older(183), floating.length)).toBeGreaterThan(0.05);
    expect(share(never, floating.length)).toBeGreaterThan(0.02);
    expect(share(older(92) + never, floating.length)).toBeLessThan(0.5);
  });

  it('has this year’s 外出情况汇报 for most floating members, and reports only from them', () => {
    const year = Number(ANCHOR.slice(0, 4));
    const reported = new Set(archive.reports.filter((r) => r.year === year).map((r) => r.member));
    const floating = members.map((m, i) => [m, i] as const).filter(([m]) => m.status === 'outflow');
    expect(share(floating.filter(([, i]) => reported.has(i)).length, floating.length)).toBeGreaterThan(0.7);
    expect(share(floating.filter(([, i]) => reported.has(i)).length, floating.length)).toBeLessThan(0.95);
    const plausible = (r: DemoArchive['reports'][number]) => {
      const member = members[r.member];
      return (
        member.outflow !== null &&
        r.receivedOn.slice(0, 4) === String(r.year) &&
        r.receivedOn <= ANCHOR &&
        r.receivedOn >= member.outflow.startedOn &&
        r.summary.includes(`${r.year}年度外出情况汇报`)
      );
    };
    expect(breaking(archive.reports, plausible)).toEqual([]);
  });

  it('never writes an ID number into any generated text', () => {
    const text = JSON.stringify(archive);
    const found = text.match(/[0-9]{17}[0-9Xx]/g) ?? [];
    const ids = new Set(members.map((m) => m.idNumber));
    expect(found.filter((candidate) => ids.has(candidate.toUpperCase()))).toEqual([]);
  });
});
