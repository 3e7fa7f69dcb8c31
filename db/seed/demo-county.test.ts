import { describe, expect, it } from 'vitest';

import { parseIdNumber } from '../../lib/members/id-number';
import { MEMBER_STATUSES, OUTFLOW_REASONS } from '../../lib/members/member-status';
import type { MemberStatus } from '../../lib/members/member-status';
import { ORG_TYPES } from '../../lib/orgs/org-types';
import type { OrgType } from '../../lib/orgs/org-types';
import {
  DEMO_DEFAULT_TODAY,
  DEMO_DESTINATIONS,
  EDUCATION_LEVELS,
  generateDemoCounty,
  SKILLS,
} from './demo-county';
import type { DemoCounty, DemoOrg } from './demo-county';

const TODAY = new Date(DEMO_DEFAULT_TODAY);
const TODAY_ISO = DEMO_DEFAULT_TODAY.slice(0, 10);

// One default county shared by the structural tests (generation is deterministic).
const county: DemoCounty = generateDemoCounty();
const orgByKey = new Map<string, DemoOrg>(county.orgs.map((o) => [o.key, o]));
const ofType = (type: OrgType): DemoOrg[] => county.orgs.filter((o) => o.type === type);

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function birthDateOf(idNumber: string): string {
  const parsed = parseIdNumber(idNumber, TODAY);
  if (!parsed.ok) throw new Error(`bad ID number ${idNumber}`);
  return parsed.id.birthDate;
}

/** YYYY-MM-DD of the 18th birthday; a 29 February birthday gives 29 February, which sorts before 1 March. */
function eighteenthBirthday(birthDate: string): string {
  return `${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4)}`;
}

describe('generateDemoCounty: determinism', () => {
  it('gives deep-equal output for the same seed', () => {
    const a = generateDemoCounty({ seed: 42, memberCount: 800 });
    const b = generateDemoCounty({ seed: 42, memberCount: 800 });
    expect(a).toEqual(b);
  });

  it('defaults to a fixed seed and date', () => {
    expect(generateDemoCounty()).toEqual(county);
    expect(generateDemoCounty({ today: TODAY, memberCount: 5000 })).toEqual(county);
  });

  it('gives different output for a different seed', () => {
    const a = generateDemoCounty({ seed: 1, memberCount: 300 });
    const b = generateDemoCounty({ seed: 2, memberCount: 300 });
    expect(a).not.toEqual(b);
    expect(a.members.map((m) => m.idNumber)).not.toEqual(b.members.map((m) => m.idNumber));
  });

  it('rejects a bad member count', () => {
    expect(() => generateDemoCounty({ memberCount: -1 })).toThrow(RangeError);
    expect(() => generateDemoCounty({ memberCount: 1.5 })).toThrow(RangeError);
  });

  it('handles tiny counties', () => {
    expect(generateDemoCounty({ memberCount: 0 }).members).toHaveLength(0);
    expect(generateDemoCounty({ memberCount: 7 }).members).toHaveLength(7);
  });
});

describe('generateDemoCounty: org tree', () => {
  it('has the county root', () => {
    const roots = county.orgs.filter((o) => o.parentKey === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ key: 'root', name: '中共清源县委', type: 'party_committee', regionCode: '610422' });
    expect(county).toMatchObject({ countyName: '清源县', regionCode: '610422' });
  });

  it('has unique keys, known types and existing parents', () => {
    expect(orgByKey.size).toBe(county.orgs.length);
    for (const org of county.orgs) {
      expect(ORG_TYPES).toContain(org.type);
      if (org.parentKey !== null) expect(orgByKey.has(org.parentKey), org.key).toBe(true);
      if (org.regionCode !== null) expect(org.regionCode).toMatch(/^\d{6}$/);
      expect(org.name.length).toBeGreaterThan(0);
    }
  });

  it('has 3 committees under the root', () => {
    const committees = county.orgs.filter(
      (o) => o.parentKey === 'root' && (o.type === 'party_committee' || o.type === 'working_committee'),
    );
    expect(committees).toHaveLength(3);
    expect(committees.filter((o) => o.type === 'working_committee')).toHaveLength(1);
  });

  it('has ~30 branches, a couple of them joint, under committees or a 党总支', () => {
    const branches = county.orgs.filter((o) => o.type === 'branch' || o.type === 'joint_branch');
    expect(branches.length).toBeGreaterThanOrEqual(25);
    expect(branches.length).toBeLessThanOrEqual(35);
    expect(ofType('joint_branch').length).toBeGreaterThanOrEqual(2);
    for (const b of branches) {
      const parent = orgByKey.get(b.parentKey ?? '');
      expect(['party_committee', 'working_committee', 'general_branch']).toContain(parent?.type);
      expect(b.parentKey).not.toBe('root');
    }
  });

  it('gives 2–4 党小组 to every branch with more than 60 members, and none to smaller ones', () => {
    const sizes = countBy(county.members, (m) => m.orgKey);
    for (const b of county.orgs.filter((o) => o.type === 'branch' || o.type === 'joint_branch')) {
      const groups = county.orgs.filter((o) => o.parentKey === b.key && o.type === 'party_group');
      const size = sizes.get(b.key) ?? 0;
      if (size > 60) {
        expect(groups.length, b.key).toBeGreaterThanOrEqual(2);
        expect(groups.length, b.key).toBeLessThanOrEqual(4);
      } else {
        expect(groups, b.key).toHaveLength(0);
      }
    }
    for (const g of ofType('party_group')) {
      expect(orgByKey.get(g.parentKey ?? '')?.type).toMatch(/^(branch|joint_branch)$/);
      expect(county.orgs.some((o) => o.parentKey === g.key), g.key).toBe(false);
    }
  });

  it('has at least 4 host orgs with region codes and contact phones', () => {
    const hosts = ofType('host');
    expect(hosts.length).toBeGreaterThanOrEqual(4);
    expect(hosts.length).toBeLessThanOrEqual(6);
    for (const h of hosts) {
      expect(h.parentKey).toBe('root');
      expect(h.regionCode).toMatch(/^\d{6}$/);
      expect(h.contactPhone).toBeTruthy();
    }
    expect(hosts.map((h) => h.regionCode)).toContain('440306');
  });

  it('has exactly one 临时党支部, holding no members', () => {
    const temps = ofType('temporary_branch');
    expect(temps).toHaveLength(1);
    expect(temps[0].name).toContain('临时党支部');
    expect(county.members.some((m) => m.orgKey === temps[0].key)).toBe(false);
    // The outflow members it stands for exist: members working in Shenzhen.
    const inShenzhen = county.members.filter((m) => m.outflow?.regionCode.startsWith('4403') === true);
    expect(inShenzhen.length).toBeGreaterThanOrEqual(3);
  });
});

describe('generateDemoCounty: members', () => {
  const members = county.members;
  const statusCounts = countBy(members, (m) => m.status);
  const count = (s: MemberStatus): number => statusCounts.get(s) ?? 0;

  it('has the requested number of members with a realistic status mix', () => {
    expect(members).toHaveLength(5000);
    expect(count('outflow')).toBeGreaterThanOrEqual(1980);
    expect(count('outflow')).toBeLessThanOrEqual(2420);
    for (const s of ['returned', 'transferred_out', 'lost_contact'] as const) {
      expect(count(s), s).toBeGreaterThanOrEqual(25);
      expect(count(s), s).toBeLessThanOrEqual(400);
    }
    expect(count('suspended')).toBeGreaterThanOrEqual(1);
    expect(count('suspended')).toBeLessThanOrEqual(25);
    expect(count('registered')).toBeGreaterThan(count('outflow'));
    for (const s of statusCounts.keys()) expect(MEMBER_STATUSES).toContain(s);
  });

  it('honours memberCount', () => {
    const small = generateDemoCounty({ seed: 9, memberCount: 1234 });
    expect(small.members).toHaveLength(1234);
    const outflow = small.members.filter((m) => m.status === 'outflow').length;
    expect(outflow / 1234).toBeGreaterThan(0.38);
    expect(outflow / 1234).toBeLessThan(0.5);
  });

  it('has valid, unique ID numbers', () => {
    const ids = new Set<string>();
    for (const m of members) {
      const parsed = parseIdNumber(m.idNumber, TODAY);
      expect(parsed.ok, m.idNumber).toBe(true);
      if (parsed.ok) expect(parsed.id.value).toBe(m.idNumber);
      ids.add(m.idNumber);
    }
    expect(ids.size).toBe(members.length);
    expect(new Set(members.map((m) => `${m.name}|${m.idNumber}`)).size).toBe(members.length);
  });

  it('draws ID numbers mostly from 清源 and its neighbours, with ~70% men', () => {
    const regions = countBy(members, (m) => m.idNumber.slice(0, 6));
    const home = regions.get('610422') ?? 0;
    expect(home / members.length).toBeGreaterThan(0.8);
    const xianyang = members.filter((m) => m.idNumber.startsWith('6104')).length;
    const elsewhere = members.length - xianyang;
    expect(elsewhere / members.length).toBeGreaterThan(0.01);
    expect(elsewhere / members.length).toBeLessThan(0.06);
    const men = members.filter((m) => Number(m.idNumber[16]) % 2 === 1).length;
    expect(men / members.length).toBeGreaterThan(0.62);
    expect(men / members.length).toBeLessThan(0.78);
  });

  it('has members aged 18–90 and older registered than outflow members', () => {
    const ages = (status: MemberStatus): number[] =>
      members
        .filter((m) => m.status === status)
        .map((m) => {
          const birth = birthDateOf(m.idNumber);
          const years = Number(TODAY_ISO.slice(0, 4)) - Number(birth.slice(0, 4));
          return birth.slice(5) > TODAY_ISO.slice(5) ? years - 1 : years;
        });
    const all = MEMBER_STATUSES.flatMap((s) => ages(s));
    expect(Math.min(...all)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...all)).toBeLessThanOrEqual(90);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const outflowAges = ages('outflow');
    expect(mean(ages('registered'))).toBeGreaterThan(mean(outflowAges) + 5);
    const prime = outflowAges.filter((a) => a >= 30 && a <= 55).length;
    expect(prime / outflowAges.length).toBeGreaterThan(0.6);
  });

  it('has unique 11-digit mobile phones', () => {
    for (const m of members) expect(m.phone).toMatch(/^1(3\d|5[0-35-9]|7[3678]|8\d|9[189])\d{8}$/);
    expect(new Set(members.map((m) => m.phone)).size).toBe(members.length);
  });

  it('puts every member in a branch, and in one of its 党小组 when it has groups', () => {
    for (const m of members) {
      const org = orgByKey.get(m.orgKey);
      expect(org?.type === 'branch' || org?.type === 'joint_branch', m.orgKey).toBe(true);
      const groups = county.orgs.filter((o) => o.parentKey === m.orgKey && o.type === 'party_group');
      if (m.groupKey === null) {
        expect(groups).toHaveLength(0);
      } else {
        const group = orgByKey.get(m.groupKey);
        expect(group?.type).toBe('party_group');
        expect(group?.parentKey).toBe(m.orgKey);
      }
    }
    // Every group has members.
    const perGroup = countBy(members.filter((m) => m.groupKey !== null), (m) => m.groupKey ?? '');
    for (const g of ofType('party_group')) expect(perGroup.get(g.key) ?? 0, g.key).toBeGreaterThan(0);
  });

  it('has an outflow record iff the status is outflow', () => {
    for (const m of members) expect(m.outflow !== null).toBe(m.status === 'outflow');
  });

  it('has plausible outflow records', () => {
    const destinationCodes = new Set(DEMO_DESTINATIONS.map((d) => d.code));
    const hostKeys = new Set(ofType('host').map((h) => h.key));
    let withHost = 0;
    let atHostRegion = 0;
    const reasons = countBy(
      members.filter((m) => m.outflow !== null),
      (m) => m.outflow?.reason ?? '',
    );
    for (const m of members) {
      const o = m.outflow;
      if (o === null) continue;
      expect(destinationCodes.has(o.regionCode)).toBe(true);
      expect(OUTFLOW_REASONS).toContain(o.reason);
      expect(o.place.length).toBeGreaterThan(6);
      expect(o.startedOn >= m.joinedPartyOn).toBe(true);
      expect(o.startedOn <= TODAY_ISO).toBe(true);
      const hostHere = ofType('host').find((h) => h.regionCode === o.regionCode);
      if (hostHere !== undefined) atHostRegion++;
      if (o.hostOrgKey !== null) {
        expect(hostKeys.has(o.hostOrgKey)).toBe(true);
        expect(orgByKey.get(o.hostOrgKey)?.regionCode).toBe(o.regionCode);
        withHost++;
      }
      if (o.reason === 'study') expect(m.occupation).toBe('学生');
    }
    expect(withHost / atHostRegion).toBeGreaterThan(0.35);
    expect(withHost / atHostRegion).toBeLessThan(0.65);
    expect(reasons.get('work') ?? 0).toBeGreaterThan(reasons.get('business') ?? 0);
    expect(reasons.get('business') ?? 0).toBeGreaterThan(reasons.get('other') ?? 0);
    // Guangdong and Shaanxi are the largest destinations.
    const provinces = countBy(
      members.filter((m) => m.outflow !== null),
      (m) => m.outflow?.regionCode.slice(0, 2) ?? '',
    );
    const top = [...provinces.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([p]) => p);
    expect(top.sort()).toEqual(['44', '61']);
  });

  it('has 25–45% two-character names', () => {
    for (const m of members) expect(m.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    const share = members.filter((m) => m.name.length === 2).length / members.length;
    expect(share).toBeGreaterThanOrEqual(0.25);
    expect(share).toBeLessThanOrEqual(0.45);
  });

  it('joined the Party at 18 or later and not in the future', () => {
    for (const m of members) {
      expect(m.joinedPartyOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(m.joinedPartyOn >= eighteenthBirthday(birthDateOf(m.idNumber)), m.idNumber).toBe(true);
      expect(m.joinedPartyOn <= TODAY_ISO).toBe(true);
    }
  });

  it('has controlled education, skills and realistic incomes', () => {
    for (const m of members) {
      expect(EDUCATION_LEVELS).toContain(m.education);
      expect(m.skills.length).toBeLessThanOrEqual(3);
      expect(new Set(m.skills).size).toBe(m.skills.length);
      for (const s of m.skills) expect(SKILLS).toContain(s);
      expect(m.occupation.length).toBeGreaterThan(0);
      expect(m.industry.length).toBeGreaterThan(0);
      if (m.monthlyIncomeFen !== null) {
        expect(Number.isInteger(m.monthlyIncomeFen)).toBe(true);
        expect(m.monthlyIncomeFen).toBeGreaterThanOrEqual(300 * 100);
        expect(m.monthlyIncomeFen).toBeLessThanOrEqual(25_000 * 100);
      }
      if (m.occupation === '学生') expect(m.monthlyIncomeFen).toBeNull();
      if (m.occupation === '建筑工人' && m.monthlyIncomeFen !== null) {
        expect(m.monthlyIncomeFen).toBeGreaterThanOrEqual(4500 * 100);
        expect(m.monthlyIncomeFen).toBeLessThanOrEqual(9000 * 100);
      }
      if (m.occupation === '退休' && m.monthlyIncomeFen !== null) {
        expect(m.monthlyIncomeFen).toBeGreaterThanOrEqual(2000 * 100);
        expect(m.monthlyIncomeFen).toBeLessThanOrEqual(4500 * 100);
      }
    }
    const incomes = members.filter((m) => m.monthlyIncomeFen === null).length / members.length;
    expect(incomes).toBeGreaterThan(0.03);
    expect(incomes).toBeLessThan(0.4);
  });
});
