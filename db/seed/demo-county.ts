// A synthetic demo county for development, demos and benchmarks: 中共清源县委, a fictional
// county in 陕西省咸阳市 (region code 610422), with its committees, branches, 党小组, host
// (流入地) organisations, one 临时党支部 and a few thousand members, ~44% of them 流动党员.
//
// PURE and deterministic: no database, no I/O, no clock, no Math.random. The same options
// give a deep-equal result; all randomness comes from a seeded mulberry32 PRNG. Every name,
// ID number and phone number is synthetic (ID numbers carry a valid GB 11643 check char
// but were drawn at random); region codes of destinations are real GB/T 2260 codes.

import { computeIdNumberCheckChar, parseIdNumber, PROVINCE_CODES } from '../../lib/members/id-number';
import type { Gender } from '../../lib/members/id-number';
import type { MemberStatus, OutflowReason } from '../../lib/members/member-status';
import type { OrgType } from '../../lib/orgs/org-types';
import { EMPLOYER_SUFFIXES, GIVEN_CHARS, ROAD_NAMES, SURNAMES, TRADE_NAMES } from './demo-names';
import type { NameEra } from './demo-names';
import { mulberry32 } from './random';

// ---------------------------------------------------------------------------------------
// Public types and constants

export type DemoOrg = {
  /** Stable unique key, e.g. 'root', 'c1', 'c1-b03', 'c1-b03-g2', 'host-sz-1', 'temp-1'. */
  key: string;
  parentKey: string | null;
  /** Full Chinese name. */
  name: string;
  type: OrgType;
  /** 6-digit GB/T 2260 code where it applies. */
  regionCode: string | null;
  contactPhone: string | null;
};

export type DemoOutflow = {
  /** 6-digit code of the destination county/district. */
  regionCode: string;
  /** Human readable: province, city, district, road and usually an employer. */
  place: string;
  reason: OutflowReason;
  startedOn: string; // YYYY-MM-DD
  /** The host org in this deployment when the member has reported there. */
  hostOrgKey: string | null;
};

export type DemoMember = {
  /** The HOME branch (党支部/联合党支部), never a 党小组, committee or the 临时党支部. */
  orgKey: string;
  /** The 党小组 inside that branch, when the branch has groups. */
  groupKey: string | null;
  name: string;
  /** Synthetic, valid GB 11643 checksum, unique. */
  idNumber: string;
  /** Synthetic 11-digit mobile, unique. */
  phone: string;
  status: MemberStatus;
  joinedPartyOn: string; // YYYY-MM-DD
  education: string;
  occupation: string;
  industry: string;
  /** 0–3 entries of SKILLS. */
  skills: string[];
  /** Integer fen (1 yuan = 100 fen); null when unknown or none. */
  monthlyIncomeFen: number | null;
  /** Present iff status === 'outflow'. */
  outflow: DemoOutflow | null;
};

export type DemoCounty = { countyName: string; regionCode: string; orgs: DemoOrg[]; members: DemoMember[] };

export type DemoCountyOptions = { seed?: number; today?: Date; memberCount?: number };

export const DEMO_COUNTY_NAME = '清源县';
export const DEMO_COUNTY_REGION_CODE = '610422';
export const DEMO_DEFAULT_SEED = 20261101;
export const DEMO_DEFAULT_TODAY = '2026-11-01T00:00:00Z';
export const DEMO_DEFAULT_MEMBER_COUNT = 5000;

export const EDUCATION_LEVELS = ['初中', '高中', '中专', '大专', '本科', '研究生'] as const;
export const SKILLS = [
  '电工', '焊工', '驾驶', '厨艺', '电脑操作', '财会', '种植', '养殖', '维修', '家政', '美容美发', '缝纫',
] as const;
type Skill = (typeof SKILLS)[number];

/** Share of members with status 'outflow' that the generator aims at. */
const OUTFLOW_SHARE = 0.44;

type Weighted<T> = readonly (readonly [T, number])[];
type Bracket = readonly [min: number, max: number, weight: number];

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
  /** Picks a bracket by weight, then an integer uniformly inside it. */
  bracket(brackets: readonly Bracket[]): number {
    const [min, max] = this.weighted(brackets.map((b) => [b, b[2]] as const));
    return this.int(min, max);
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}

// ---------------------------------------------------------------------------------------
// Dates (all UTC, as epoch milliseconds of midnight)

const DAY_MS = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function shiftYears(ms: number, years: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate());
}

/** A uniformly random day in [fromMs, toMs]. */
function dayBetween(rng: Rng, fromMs: number, toMs: number): number {
  return fromMs + rng.int(0, Math.floor((toMs - fromMs) / DAY_MS)) * DAY_MS;
}

// ---------------------------------------------------------------------------------------
// Occupations

type OccupationSpec = {
  industry: string;
  /** Monthly income range in yuan; null: never any income figure. */
  incomeYuan: readonly [number, number] | null;
  /** Share of members whose income is unknown (null). */
  nullShare: number;
  /** Weights over EDUCATION_LEVELS. */
  education: readonly [number, number, number, number, number, number];
  skills: readonly Skill[];
  /** Affinity by gender, multiplied into a context's weight. */
  male: number;
  female: number;
};

const OCCUPATIONS = {
  建筑工人: { industry: '建筑业', incomeYuan: [4500, 9000], nullShare: 0.08, education: [6, 3, 1, 0.2, 0, 0], skills: ['焊工', '电工', '驾驶', '维修'], male: 1, female: 0.1 },
  电工: { industry: '建筑业', incomeYuan: [6000, 10000], nullShare: 0.06, education: [2, 3, 4, 1, 0.2, 0], skills: ['电工', '维修', '焊工'], male: 1, female: 0.05 },
  焊工: { industry: '制造业', incomeYuan: [6000, 10500], nullShare: 0.06, education: [3, 3, 3, 0.5, 0, 0], skills: ['焊工', '维修'], male: 1, female: 0.05 },
  快递员: { industry: '交通运输', incomeYuan: [5000, 8000], nullShare: 0.06, education: [3, 4, 2, 1, 0.3, 0], skills: ['驾驶', '电脑操作'], male: 1, female: 0.15 },
  网约车司机: { industry: '交通运输', incomeYuan: [5000, 9000], nullShare: 0.08, education: [3, 4, 1, 1, 0.3, 0], skills: ['驾驶', '维修'], male: 1, female: 0.1 },
  货车司机: { industry: '交通运输', incomeYuan: [6000, 12000], nullShare: 0.08, education: [4, 3, 1, 0.3, 0, 0], skills: ['驾驶', '维修'], male: 1, female: 0.03 },
  厨师: { industry: '住宿餐饮', incomeYuan: [5000, 9000], nullShare: 0.07, education: [3, 3, 3, 0.5, 0, 0], skills: ['厨艺'], male: 1, female: 0.4 },
  餐饮服务员: { industry: '住宿餐饮', incomeYuan: [3500, 5500], nullShare: 0.07, education: [3, 4, 2, 1, 0.2, 0], skills: ['厨艺', '家政'], male: 0.5, female: 1 },
  工厂普工: { industry: '制造业', incomeYuan: [4500, 7000], nullShare: 0.06, education: [3, 4, 3, 1, 0.2, 0], skills: ['维修', '电脑操作', '缝纫'], male: 1, female: 0.8 },
  技术员: { industry: '制造业', incomeYuan: [6500, 12000], nullShare: 0.06, education: [0, 1, 3, 4, 3, 0.3], skills: ['电脑操作', '电工', '维修'], male: 1, female: 0.3 },
  个体经营: { industry: '批发零售', incomeYuan: [4000, 20000], nullShare: 0.3, education: [3, 4, 2, 2, 1, 0], skills: ['财会', '驾驶', '厨艺', '维修'], male: 1, female: 0.6 },
  销售: { industry: '批发零售', incomeYuan: [4000, 10000], nullShare: 0.1, education: [1, 3, 2, 3, 2, 0], skills: ['电脑操作', '驾驶'], male: 1, female: 0.8 },
  保安: { industry: '居民服务', incomeYuan: [3500, 5500], nullShare: 0.06, education: [5, 3, 1, 0.2, 0, 0], skills: ['驾驶'], male: 1, female: 0.05 },
  保洁员: { industry: '居民服务', incomeYuan: [3000, 4500], nullShare: 0.08, education: [6, 2, 0.5, 0, 0, 0], skills: ['家政'], male: 0.3, female: 1 },
  家政服务员: { industry: '居民服务', incomeYuan: [4000, 8000], nullShare: 0.1, education: [5, 3, 1, 0.2, 0, 0], skills: ['家政', '厨艺'], male: 0.05, female: 1 },
  美容美发师: { industry: '居民服务', incomeYuan: [4000, 8000], nullShare: 0.1, education: [3, 4, 3, 0.5, 0, 0], skills: ['美容美发'], male: 0.4, female: 1 },
  灵活就业: { industry: '居民服务', incomeYuan: [2000, 4500], nullShare: 0.5, education: [4, 3, 1, 0.5, 0.2, 0], skills: ['家政', '厨艺', '缝纫'], male: 0.6, female: 1 },
  护士: { industry: '卫生', incomeYuan: [5000, 9000], nullShare: 0.05, education: [0, 0, 3, 5, 3, 0.2], skills: ['电脑操作'], male: 0.08, female: 1 },
  医生: { industry: '卫生', incomeYuan: [8000, 16000], nullShare: 0.05, education: [0, 0, 0, 1, 5, 3], skills: ['电脑操作'], male: 1, female: 0.8 },
  教师: { industry: '教育', incomeYuan: [5000, 9000], nullShare: 0.05, education: [0, 0, 1, 4, 5, 1], skills: ['电脑操作'], male: 0.7, female: 1 },
  学生: { industry: '教育', incomeYuan: null, nullShare: 1, education: [0, 0, 0, 3, 8, 2], skills: ['电脑操作'], male: 1, female: 1 },
  软件工程师: { industry: '信息技术', incomeYuan: [12000, 25000], nullShare: 0.08, education: [0, 0, 0, 1, 5, 3], skills: ['电脑操作'], male: 1, female: 0.4 },
  企业职员: { industry: '租赁和商务服务', incomeYuan: [5000, 10000], nullShare: 0.08, education: [0, 1, 1, 4, 5, 1], skills: ['电脑操作', '财会'], male: 1, female: 1 },
  会计: { industry: '租赁和商务服务', incomeYuan: [4000, 8000], nullShare: 0.05, education: [0, 1, 3, 4, 3, 0.2], skills: ['财会', '电脑操作'], male: 0.5, female: 1 },
  矿工: { industry: '采矿业', incomeYuan: [8000, 14000], nullShare: 0.06, education: [5, 4, 2, 0.3, 0, 0], skills: ['电工', '驾驶', '维修'], male: 1, female: 0.01 },
  农民: { industry: '农业', incomeYuan: [800, 3000], nullShare: 0.55, education: [6, 3, 0.5, 0.1, 0, 0], skills: ['种植', '养殖', '驾驶'], male: 1, female: 1 },
  果农: { industry: '农业', incomeYuan: [1500, 6000], nullShare: 0.35, education: [4, 4, 1, 0.3, 0, 0], skills: ['种植', '驾驶'], male: 1, female: 0.7 },
  养殖户: { industry: '农业', incomeYuan: [2000, 8000], nullShare: 0.3, education: [4, 4, 1, 0.5, 0, 0], skills: ['养殖', '种植', '驾驶'], male: 1, female: 0.6 },
  村干部: { industry: '公共管理', incomeYuan: [2500, 4500], nullShare: 0.05, education: [1, 4, 2, 3, 1, 0], skills: ['电脑操作', '财会'], male: 1, female: 0.4 },
  社区工作者: { industry: '公共管理', incomeYuan: [3000, 5000], nullShare: 0.05, education: [0, 1, 2, 4, 3, 0], skills: ['电脑操作', '财会'], male: 0.6, female: 1 },
  机关干部: { industry: '公共管理', incomeYuan: [5000, 8500], nullShare: 0.05, education: [0, 0, 0, 2, 6, 2], skills: ['电脑操作', '财会'], male: 1, female: 0.7 },
  退休: { industry: '离退休', incomeYuan: [2000, 4500], nullShare: 0.1, education: [5, 4, 2, 1.5, 1, 0.1], skills: ['种植', '维修', '厨艺'], male: 1, female: 1 },
} as const satisfies Record<string, OccupationSpec>;

type OccupationName = keyof typeof OCCUPATIONS;
type OccupationTable = Weighted<OccupationName>;

const OUTFLOW_WORK: OccupationTable = [
  ['建筑工人', 20], ['电工', 5], ['焊工', 4], ['快递员', 9], ['网约车司机', 6], ['货车司机', 5], ['厨师', 6],
  ['餐饮服务员', 5], ['工厂普工', 12], ['技术员', 5], ['销售', 4], ['保安', 4], ['保洁员', 2], ['家政服务员', 4],
  ['护士', 2], ['医生', 0.5], ['教师', 1.5], ['软件工程师', 2], ['企业职员', 5], ['矿工', 2], ['美容美发师', 1.5],
];
const OUTFLOW_OLDER: OccupationTable = [
  ['保安', 30], ['建筑工人', 20], ['保洁员', 20], ['个体经营', 15], ['灵活就业', 15],
];
const OUTFLOW_BUSINESS: OccupationTable = [
  ['个体经营', 70], ['销售', 15], ['厨师', 5], ['美容美发师', 5], ['网约车司机', 5],
];
const OUTFLOW_STUDY: OccupationTable = [['学生', 1]];
const OUTFLOW_FAMILY: OccupationTable = [
  ['灵活就业', 50], ['家政服务员', 15], ['餐饮服务员', 10], ['保洁员', 10], ['个体经营', 10],
];
const OUTFLOW_FAMILY_OLDER: OccupationTable = [['退休', 50], ['灵活就业', 40], ['保洁员', 10]];
const OUTFLOW_OTHER: OccupationTable = [
  ['灵活就业', 30], ['企业职员', 15], ['个体经营', 15], ['保安', 10], ['建筑工人', 15], ['工厂普工', 15],
];

const VILLAGE: OccupationTable = [
  ['农民', 35], ['果农', 15], ['养殖户', 10], ['村干部', 6], ['个体经营', 10], ['建筑工人', 6],
  ['货车司机', 4], ['教师', 3], ['工厂普工', 5], ['电工', 3], ['灵活就业', 3],
];
const VILLAGE_ELDER: OccupationTable = [['农民', 70], ['果农', 10], ['退休', 20]];
const COMMUNITY: OccupationTable = [
  ['社区工作者', 8], ['个体经营', 18], ['企业职员', 14], ['教师', 10], ['护士', 6], ['医生', 3],
  ['机关干部', 10], ['销售', 8], ['网约车司机', 4], ['厨师', 4], ['保安', 4], ['会计', 5], ['灵活就业', 6],
];
const TOWN_ELDER: OccupationTable = [['退休', 85], ['个体经营', 8], ['灵活就业', 7]];
const ENTERPRISE_ELDER: OccupationTable = [['退休', 1]];

// ---------------------------------------------------------------------------------------
// Org tree

type BranchKind = 'village' | 'community' | 'enterprise' | 'social';

type BranchSpec = {
  key: string;
  parentKey: string;
  name: string;
  type: 'branch' | 'joint_branch';
  kind: BranchKind;
  /** Relative share of the county's members. */
  weight: number;
  /** Working-age occupations when they differ from the kind's default. */
  occupations?: OccupationTable;
  /** Industry of an enterprise's working members. */
  industry?: string;
};

type CommitteeSpec = { key: string; name: string; type: OrgType };

const ROOT_NAME = '中共清源县委';
const COMMITTEES: readonly CommitteeSpec[] = [
  { key: 'c1', name: '中共清源县城关镇委员会', type: 'party_committee' },
  { key: 'c2', name: '中共清源县陵前镇委员会', type: 'party_committee' },
  { key: 'c3', name: '中共清源县委非公有制经济组织和社会组织工作委员会', type: 'working_committee' },
];
const GENERAL_BRANCH = { key: 'c1-z1', parentKey: 'c1', name: '中共清源县城关镇新城社区总支部委员会' } as const;

function village(key: string, parentKey: string, town: string, name: string, weight: number): BranchSpec {
  return { key, parentKey, name: `中共清源县${town}${name}支部委员会`, type: 'branch', kind: 'village', weight };
}

function community(key: string, parentKey: string, name: string, weight: number): BranchSpec {
  return { key, parentKey, name, type: 'branch', kind: 'community', weight };
}

function enterprise(
  key: string,
  name: string,
  weight: number,
  occupations: OccupationTable,
  industry?: string,
): BranchSpec {
  return { key, parentKey: 'c3', name, type: 'branch', kind: 'enterprise', weight, occupations, industry };
}

const BRANCHES: readonly BranchSpec[] = [
  village('c1-b01', 'c1', '城关镇', '东关村', 1.6),
  village('c1-b02', 'c1', '城关镇', '西关村', 1.4),
  village('c1-b03', 'c1', '城关镇', '北街村', 1.2),
  village('c1-b04', 'c1', '城关镇', '南庄村', 1.0),
  village('c1-b05', 'c1', '城关镇', '河滨村', 0.9),
  village('c1-b06', 'c1', '城关镇', '柳树湾村', 0.8),
  community('c1-b07', 'c1', '中共清源县城关镇南街社区支部委员会', 0.9),
  { ...village('c1-b08', 'c1', '城关镇', '沙河村、高家堡村联合', 0.5), type: 'joint_branch' },
  community('c1-z1-b01', 'c1-z1', '中共清源县城关镇新城社区第一支部委员会', 0.7),
  community('c1-z1-b02', 'c1-z1', '中共清源县城关镇新城社区第二支部委员会', 0.6),
  community('c1-z1-b03', 'c1-z1', '中共清源县城关镇新城社区第三支部委员会', 0.5),
  village('c2-b01', 'c2', '陵前镇', '陵前村', 1.5),
  village('c2-b02', 'c2', '陵前镇', '北坡村', 1.2),
  village('c2-b03', 'c2', '陵前镇', '石桥村', 1.1),
  village('c2-b04', 'c2', '陵前镇', '赵家寨村', 1.0),
  village('c2-b05', 'c2', '陵前镇', '杨家庄村', 1.0),
  village('c2-b06', 'c2', '陵前镇', '坡头村', 0.9),
  village('c2-b07', 'c2', '陵前镇', '马坊村', 0.9),
  village('c2-b08', 'c2', '陵前镇', '泉沟村', 0.8),
  village('c2-b09', 'c2', '陵前镇', '中原村', 0.8),
  village('c2-b10', 'c2', '陵前镇', '新兴村', 0.7),
  { ...village('c2-b11', 'c2', '陵前镇', '乔家村、岭底村联合', 0.5), type: 'joint_branch' },
  community('c2-b12', 'c2', '中共清源县陵前镇陵前社区支部委员会', 0.6),
  enterprise('c3-b01', '中共清源县秦川果业有限公司支部委员会', 0.35, [
    ['工厂普工', 40], ['技术员', 12], ['销售', 15], ['会计', 6], ['企业职员', 12], ['货车司机', 8], ['果农', 7],
  ], '农业'),
  enterprise('c3-b02', '中共清源县建工集团有限公司支部委员会', 0.45, [
    ['建筑工人', 35], ['电工', 12], ['焊工', 10], ['技术员', 15], ['企业职员', 12], ['会计', 5], ['货车司机', 6],
  ], '建筑业'),
  enterprise('c3-b03', '中共清源县顺达物流有限公司支部委员会', 0.25, [
    ['货车司机', 35], ['快递员', 25], ['企业职员', 15], ['会计', 5], ['技术员', 5], ['销售', 10],
  ], '交通运输'),
  enterprise('c3-b04', '中共清源县新合商贸城支部委员会', 0.3, [
    ['个体经营', 55], ['销售', 25], ['会计', 5], ['保安', 5], ['企业职员', 10],
  ], '批发零售'),
  enterprise('c3-b05', '中共清源县乾元农业专业合作社支部委员会', 0.25, [
    ['农民', 30], ['果农', 20], ['养殖户', 25], ['技术员', 8], ['会计', 7], ['销售', 10],
  ], '农业'),
  enterprise('c3-b06', '中共清源县个体私营企业协会支部委员会', 0.4, [
    ['个体经营', 60], ['美容美发师', 8], ['厨师', 10], ['网约车司机', 6], ['销售', 10], ['电工', 6],
  ]),
  {
    key: 'c3-b07',
    parentKey: 'c3',
    name: '中共清源县社会组织联合支部委员会',
    type: 'joint_branch',
    kind: 'social',
    weight: 0.25,
    occupations: [['社区工作者', 25], ['企业职员', 25], ['教师', 15], ['会计', 10], ['灵活就业', 15], ['护士', 10]],
  },
];

/** Relative likelihood that a member of a branch of this kind works away from home. */
const OUTFLOW_AFFINITY: Readonly<Record<BranchKind, number>> = {
  village: 1.25,
  community: 0.8,
  enterprise: 0.35,
  social: 0.5,
};

type HostSpec = { key: string; name: string; regionCode: string; areaCode: string; landlineFirstDigit: string };

const HOSTS: readonly HostSpec[] = [
  { key: 'host-sz-1', name: '中共深圳市宝安区清源籍流动党员党支部', regionCode: '440306', areaCode: '0755', landlineFirstDigit: '2' },
  { key: 'host-xa-1', name: '中共西安市未央区清源籍流动党员党支部', regionCode: '610112', areaCode: '029', landlineFirstDigit: '8' },
  { key: 'host-sip-1', name: '中共苏州工业园区清源籍流动党员党支部', regionCode: '320571', areaCode: '0512', landlineFirstDigit: '6' },
  { key: 'host-hz-1', name: '中共杭州市萧山区清源籍流动党员党支部', regionCode: '330109', areaCode: '0571', landlineFirstDigit: '8' },
  { key: 'host-bj-1', name: '中共北京市朝阳区清源籍流动党员党支部', regionCode: '110105', areaCode: '010', landlineFirstDigit: '6' },
];

// The 临时党支部 is an org only here: a member's orgKey is always their HOME branch. Seeding
// enrols members away in Shenzhen into it (seed-demo.ts), keeping their membership at home.
const TEMPORARY_BRANCH = {
  key: 'temp-1',
  name: '中共清源县驻深圳流动党员临时党支部',
  regionCode: '440300', // 深圳市
} as const;

const GROUP_NAMES = ['第一党小组', '第二党小组', '第三党小组', '第四党小组'] as const;

/** Branches with more members than this get 2–4 党小组. */
const GROUP_THRESHOLD = 60;

function groupCountFor(size: number): number {
  if (size <= GROUP_THRESHOLD) return 0;
  if (size <= 150) return 2;
  if (size <= 240) return 3;
  return 4;
}

// ---------------------------------------------------------------------------------------
// Outflow destinations: real GB/T 2260 codes (320571 苏州工业园区 is the statistical code).

type Destination = {
  code: string;
  /** Empty for the municipalities directly under the central government. */
  city: string;
  /** Empty for prefecture-level cities without counties (东莞, 中山). */
  district: string;
  weight: number;
  /** Many universities: favoured by members who left to study. */
  campus?: boolean;
};

export const DEMO_DESTINATIONS: readonly Destination[] = [
  // 陕西
  { code: '610112', city: '西安市', district: '未央区', weight: 8 },
  { code: '610113', city: '西安市', district: '雁塔区', weight: 5, campus: true },
  { code: '610111', city: '西安市', district: '灞桥区', weight: 3 },
  { code: '610116', city: '西安市', district: '长安区', weight: 3, campus: true },
  { code: '610104', city: '西安市', district: '莲湖区', weight: 2 },
  { code: '610103', city: '西安市', district: '碑林区', weight: 1.5, campus: true },
  { code: '610402', city: '咸阳市', district: '秦都区', weight: 3 },
  { code: '610802', city: '榆林市', district: '榆阳区', weight: 2 },
  { code: '610602', city: '延安市', district: '宝塔区', weight: 1.5 },
  { code: '610302', city: '宝鸡市', district: '渭滨区', weight: 1 },
  // 广东
  { code: '440306', city: '深圳市', district: '宝安区', weight: 7 },
  { code: '440307', city: '深圳市', district: '龙岗区', weight: 4 },
  { code: '440309', city: '深圳市', district: '龙华区', weight: 3 },
  { code: '440305', city: '深圳市', district: '南山区', weight: 1.5 },
  { code: '440304', city: '深圳市', district: '福田区', weight: 1 },
  { code: '441900', city: '东莞市', district: '', weight: 4 },
  { code: '440111', city: '广州市', district: '白云区', weight: 2 },
  { code: '440106', city: '广州市', district: '天河区', weight: 1.5, campus: true },
  { code: '440113', city: '广州市', district: '番禺区', weight: 1.5 },
  { code: '440606', city: '佛山市', district: '顺德区', weight: 1.5 },
  { code: '440605', city: '佛山市', district: '南海区', weight: 1 },
  { code: '442000', city: '中山市', district: '', weight: 1 },
  // 浙江
  { code: '330109', city: '杭州市', district: '萧山区', weight: 4 },
  { code: '330110', city: '杭州市', district: '余杭区', weight: 2 },
  { code: '330106', city: '杭州市', district: '西湖区', weight: 1, campus: true },
  { code: '330782', city: '金华市', district: '义乌市', weight: 2 },
  { code: '330212', city: '宁波市', district: '鄞州区', weight: 1.5 },
  { code: '330302', city: '温州市', district: '鹿城区', weight: 1 },
  // 江苏
  { code: '320571', city: '苏州市', district: '工业园区', weight: 4 },
  { code: '320506', city: '苏州市', district: '吴中区', weight: 1.5 },
  { code: '320583', city: '苏州市', district: '昆山市', weight: 2.5 },
  { code: '320115', city: '南京市', district: '江宁区', weight: 1.5, campus: true },
  { code: '320214', city: '无锡市', district: '新吴区', weight: 1 },
  // 北京、上海、天津、重庆
  { code: '110105', city: '', district: '朝阳区', weight: 3 },
  { code: '110108', city: '', district: '海淀区', weight: 1.5, campus: true },
  { code: '110106', city: '', district: '丰台区', weight: 1 },
  { code: '110115', city: '', district: '大兴区', weight: 1 },
  { code: '310115', city: '', district: '浦东新区', weight: 2 },
  { code: '310112', city: '', district: '闵行区', weight: 1.5 },
  { code: '310117', city: '', district: '松江区', weight: 1 },
  { code: '120116', city: '', district: '滨海新区', weight: 1 },
  { code: '500112', city: '', district: '渝北区', weight: 0.6 },
  // 新疆
  { code: '650102', city: '乌鲁木齐市', district: '天山区', weight: 1 },
  { code: '650104', city: '乌鲁木齐市', district: '新市区', weight: 1 },
  { code: '650502', city: '哈密市', district: '伊州区', weight: 0.5 },
  { code: '652901', city: '阿克苏地区', district: '阿克苏市', weight: 0.8 },
  // 四川 and others
  { code: '510107', city: '成都市', district: '武侯区', weight: 1, campus: true },
  { code: '510116', city: '成都市', district: '双流区', weight: 0.7 },
  { code: '620102', city: '兰州市', district: '城关区', weight: 1 },
  { code: '640104', city: '银川市', district: '兴庆区', weight: 0.8 },
  { code: '150602', city: '鄂尔多斯市', district: '东胜区', weight: 1 },
  { code: '350206', city: '厦门市', district: '湖里区', weight: 0.5 },
];

const DESTINATIONS_WORK: Weighted<Destination> = DEMO_DESTINATIONS.map((d) => [d, d.weight] as const);
const DESTINATIONS_STUDY: Weighted<Destination> = DEMO_DESTINATIONS.map(
  (d) => [d, d.campus === true ? d.weight * 8 : d.weight * 0.3] as const,
);

function destinationName(d: Destination): string {
  const province = PROVINCE_CODES[d.code.slice(0, 2)];
  return `${province}${d.city}${d.district}`;
}

const OUTFLOW_REASON_WEIGHTS: Weighted<OutflowReason> = [
  ['work', 68], ['business', 14], ['study', 6], ['family', 8], ['other', 4],
];

// ---------------------------------------------------------------------------------------
// Statuses and ages

type NonOutflowStatus = Exclude<MemberStatus, 'outflow'>;

/** Relative weights among the members who are not outflow (which are ~56% of all). */
const OTHER_STATUS_WEIGHTS: Weighted<NonOutflowStatus> = [
  ['registered', 47.85], ['returned', 4], ['transferred_out', 2.5], ['lost_contact', 1.5], ['suspended', 0.15],
];

const AGES_OUTFLOW: readonly Bracket[] = [[18, 21, 1], [22, 29, 15], [30, 44, 42], [45, 55, 30], [56, 62, 9], [63, 70, 3]];
const AGES_STUDY: readonly Bracket[] = [[18, 21, 30], [22, 26, 60], [27, 30, 10]];
const AGES_FAMILY: readonly Bracket[] = [[22, 29, 10], [30, 44, 35], [45, 59, 25], [60, 75, 30]];
const AGES_BY_STATUS: Readonly<Record<NonOutflowStatus, readonly Bracket[]>> = {
  registered: [[18, 21, 1], [22, 29, 7], [30, 44, 15], [45, 59, 27], [60, 74, 32], [75, 90, 18]],
  returned: [[25, 44, 30], [45, 59, 45], [60, 70, 25]],
  transferred_out: [[20, 29, 35], [30, 44, 45], [45, 59, 20]],
  lost_contact: [[22, 29, 20], [30, 44, 45], [45, 59, 35]],
  suspended: [[25, 44, 40], [45, 65, 60]],
};
/** Registered members of an enterprise branch are mostly its working-age staff. */
const AGES_ENTERPRISE_REGISTERED: readonly Bracket[] = [[22, 29, 20], [30, 44, 40], [45, 59, 35], [60, 70, 5]];

const JOIN_AGES: readonly Bracket[] = [[18, 22, 20], [23, 30, 42], [31, 40, 27], [41, 55, 11]];
const JOIN_AGES_STUDY: readonly Bracket[] = [[18, 21, 60], [22, 26, 40]];

const OUTFLOW_YEARS_AGO: readonly Bracket[] = [[0, 0, 15], [1, 2, 30], [3, 5, 30], [6, 9, 18], [10, 14, 7]];
const OUTFLOW_YEARS_AGO_STUDY: readonly Bracket[] = [[0, 0, 35], [1, 3, 65]];

const ELDER_AGE = 60;

// ---------------------------------------------------------------------------------------
// Identity: ID numbers, phones, names

const NEIGHBOUR_REGION_CODES = ['610423', '610424', '610425', '610402', '610404', '610481', '610426'] as const;
/** Counties in other provinces, for members born elsewhere (married in, moved in). */
const OTHER_PROVINCE_REGION_CODES = [
  '410122', '620521', '640122', '140827', '510623', '411526', '622421', '371425', '130121', '500228',
] as const;

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '173', '176', '177', '178',
  '180', '181', '182', '183', '184', '185', '186', '187', '188', '189',
  '191', '198', '199',
] as const;

const TWO_CHAR_NAME_SHARE = 0.35;

function nameEra(birthYear: number): NameEra {
  if (birthYear < 1970) return 'old';
  if (birthYear < 1990) return 'middle';
  return 'young';
}

// ---------------------------------------------------------------------------------------
// Generator

type Context = {
  rng: Rng;
  todayMs: number;
  idNumbers: Set<string>;
  phones: Set<string>;
  today: Date;
};

function uniqueMobile(ctx: Context): string {
  for (;;) {
    const phone = ctx.rng.pick(MOBILE_PREFIXES) + ctx.rng.digits(8);
    if (!ctx.phones.has(phone)) {
      ctx.phones.add(phone);
      return phone;
    }
  }
}

function landline(rng: Rng, areaCode: string, firstDigit: string): string {
  return `${areaCode}-${firstDigit}${rng.digits(7)}`;
}

function uniqueIdNumber(ctx: Context, birthMs: number, gender: Gender): string {
  const { rng } = ctx;
  const r = rng.float();
  const region =
    r < 0.85 ? DEMO_COUNTY_REGION_CODE : r < 0.97 ? rng.pick(NEIGHBOUR_REGION_CODES) : rng.pick(OTHER_PROVINCE_REGION_CODES);
  const birth = isoDate(birthMs).replace(/-/g, '');
  for (let attempt = 0; attempt < 1000; attempt++) {
    const parity = gender === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]);
    const first17 = `${region}${birth}${rng.digits(2)}${parity}`;
    const id = first17 + computeIdNumberCheckChar(first17);
    if (ctx.idNumbers.has(id)) continue;
    const parsed = parseIdNumber(id, ctx.today);
    if (!parsed.ok || parsed.id.gender !== gender) throw new Error(`demo county: generated a bad ID number ${id}`);
    ctx.idNumbers.add(id);
    return id;
  }
  throw new Error('demo county: could not find a free ID number sequence');
}

function personName(rng: Rng, gender: Gender, birthYear: number): string {
  const surname = rng.weighted(SURNAMES);
  const chars = GIVEN_CHARS[gender][nameEra(birthYear)];
  const first = rng.pick([...chars]);
  if (rng.chance(TWO_CHAR_NAME_SHARE)) return surname + first;
  // Doubled characters (婷婷, 丽丽) are a common pattern for girls' names.
  const second = gender === 'female' && rng.chance(0.08) ? first : rng.pick([...chars]);
  return surname + first + second;
}

function ageFactors(age: number): readonly number[] {
  if (age >= 60) return [3, 2, 1, 0.5, 0.3, 0.1];
  if (age >= 45) return [1.5, 1.5, 1.2, 0.8, 0.6, 0.3];
  if (age >= 30) return [0.8, 1, 1, 1.2, 1.2, 1];
  return [0.4, 0.8, 1, 1.5, 1.6, 1.2];
}

function pickEducation(rng: Rng, occupation: OccupationName, age: number): string {
  const spec: OccupationSpec = OCCUPATIONS[occupation];
  const factors = occupation === '学生' ? [1, 1, 1, 1, 1, 1] : ageFactors(age);
  return rng.weighted(EDUCATION_LEVELS.map((level, i) => [level, spec.education[i] * factors[i]] as const));
}

function pickOccupation(rng: Rng, table: OccupationTable, gender: Gender): OccupationName {
  return rng.weighted(
    table.map(([name, w]) => {
      const spec: OccupationSpec = OCCUPATIONS[name];
      return [name, w * (gender === 'male' ? spec.male : spec.female)] as const;
    }),
  );
}

function pickSkills(rng: Rng, occupation: OccupationName): string[] {
  const pool: readonly Skill[] = OCCUPATIONS[occupation].skills;
  const count = rng.weighted<number>([[0, 25], [1, 40], [2, 25], [3, 10]]);
  const skills: Skill[] = [];
  for (let attempt = 0; skills.length < count && attempt < 10; attempt++) {
    const skill = pool.length > 0 && rng.chance(0.85) ? rng.pick(pool) : rng.pick(SKILLS);
    if (!skills.includes(skill)) skills.push(skill);
  }
  return skills;
}

function pickIncomeFen(rng: Rng, occupation: OccupationName, age: number, extraNullShare: number): number | null {
  const spec: OccupationSpec = OCCUPATIONS[occupation];
  if (spec.incomeYuan === null || rng.chance(spec.nullShare) || rng.chance(extraNullShare)) return null;
  // Elderly farmers live on the 城乡居民养老金 and a little farm income.
  const [min, max] = occupation === '农民' && age >= ELDER_AGE ? [300, 1500] : spec.incomeYuan;
  const yuan = min + ((rng.float() + rng.float()) / 2) * (max - min);
  return Math.round(yuan / 10) * 10 * 100;
}

function ageBrackets(reason: OutflowReason | null, otherStatus: NonOutflowStatus | null, kind: BranchKind): readonly Bracket[] {
  if (reason === 'study') return AGES_STUDY;
  if (reason === 'family') return AGES_FAMILY;
  if (otherStatus === null) return AGES_OUTFLOW;
  if (otherStatus === 'registered' && kind === 'enterprise') return AGES_ENTERPRISE_REGISTERED;
  return AGES_BY_STATUS[otherStatus];
}

function homeOccupationTable(branch: BranchSpec, age: number): OccupationTable {
  const elder = age >= ELDER_AGE;
  switch (branch.kind) {
    case 'village':
      return elder ? VILLAGE_ELDER : VILLAGE;
    case 'community':
      return elder ? TOWN_ELDER : COMMUNITY;
    case 'enterprise':
      return elder ? ENTERPRISE_ELDER : (branch.occupations ?? COMMUNITY);
    case 'social':
      return elder ? TOWN_ELDER : (branch.occupations ?? COMMUNITY);
  }
}

function outflowOccupationTable(reason: OutflowReason, age: number): OccupationTable {
  switch (reason) {
    case 'work':
      return age >= 58 ? OUTFLOW_OLDER : OUTFLOW_WORK;
    case 'business':
      return OUTFLOW_BUSINESS;
    case 'study':
      return OUTFLOW_STUDY;
    case 'family':
      return age >= ELDER_AGE ? OUTFLOW_FAMILY_OLDER : OUTFLOW_FAMILY;
    case 'other':
      return age >= 58 ? OUTFLOW_OLDER : OUTFLOW_OTHER;
  }
}

function outflowPlace(rng: Rng, destination: Destination, occupation: OccupationName, industry: string): string {
  const road = `${rng.pick(ROAD_NAMES)}${rng.int(1, 999)}号`;
  const base = destinationName(destination) + road;
  if (occupation === '学生') return `${base}（在校学习）`;
  if (occupation === '退休' || occupation === '灵活就业') return base;
  const suffixes = EMPLOYER_SUFFIXES[industry];
  if (suffixes === undefined) return base;
  return `${base}${rng.pick(TRADE_NAMES)}${rng.pick(suffixes)}`;
}

/** Largest-remainder split of `total` by `weights`. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const sizes = exact.map(Math.floor);
  let left = total - sizes.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    sizes[i]++;
  }
  return sizes;
}

export function generateDemoCounty(options: DemoCountyOptions = {}): DemoCounty {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const memberCount = options.memberCount ?? DEMO_DEFAULT_MEMBER_COUNT;
  const today = options.today ?? new Date(DEMO_DEFAULT_TODAY);
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');
  if (!Number.isInteger(memberCount) || memberCount < 0) throw new RangeError('memberCount must be a non-negative integer');
  if (Number.isNaN(today.getTime())) throw new RangeError('today must be a valid date');

  const todayMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const rng = new Rng(seed);
  const ctx: Context = { rng, todayMs, idNumbers: new Set(), phones: new Set(), today };

  // --- Orgs -----------------------------------------------------------------------------
  const orgs: DemoOrg[] = [];
  const countyOffice = (): string => landline(rng, '029', '3');
  orgs.push({
    key: 'root',
    parentKey: null,
    name: ROOT_NAME,
    type: 'party_committee',
    regionCode: DEMO_COUNTY_REGION_CODE,
    contactPhone: countyOffice(),
  });
  for (const c of COMMITTEES) {
    orgs.push({ key: c.key, parentKey: 'root', name: c.name, type: c.type, regionCode: DEMO_COUNTY_REGION_CODE, contactPhone: countyOffice() });
  }
  orgs.push({
    key: GENERAL_BRANCH.key,
    parentKey: GENERAL_BRANCH.parentKey,
    name: GENERAL_BRANCH.name,
    type: 'general_branch',
    regionCode: DEMO_COUNTY_REGION_CODE,
    contactPhone: uniqueMobile(ctx),
  });

  const sizes = apportion(memberCount, BRANCHES.map((b) => b.weight));
  const groupKeysByBranch: string[][] = [];
  BRANCHES.forEach((b, i) => {
    orgs.push({ key: b.key, parentKey: b.parentKey, name: b.name, type: b.type, regionCode: DEMO_COUNTY_REGION_CODE, contactPhone: uniqueMobile(ctx) });
    const groupKeys: string[] = [];
    for (let g = 0; g < groupCountFor(sizes[i]); g++) {
      const key = `${b.key}-g${g + 1}`;
      orgs.push({ key, parentKey: b.key, name: GROUP_NAMES[g], type: 'party_group', regionCode: null, contactPhone: null });
      groupKeys.push(key);
    }
    groupKeysByBranch.push(groupKeys);
  });

  const hostByRegion = new Map<string, string>();
  for (const h of HOSTS) {
    orgs.push({ key: h.key, parentKey: 'root', name: h.name, type: 'host', regionCode: h.regionCode, contactPhone: landline(rng, h.areaCode, h.landlineFirstDigit) });
    hostByRegion.set(h.regionCode, h.key);
  }
  orgs.push({
    key: TEMPORARY_BRANCH.key,
    parentKey: 'root',
    name: TEMPORARY_BRANCH.name,
    type: 'temporary_branch',
    regionCode: TEMPORARY_BRANCH.regionCode,
    contactPhone: uniqueMobile(ctx),
  });

  // --- Members --------------------------------------------------------------------------
  // Outflow likelihood per branch kind, scaled so that the county-wide share is OUTFLOW_SHARE.
  const affinitySum = BRANCHES.reduce((sum, b, i) => sum + OUTFLOW_AFFINITY[b.kind] * sizes[i], 0);
  const outflowScale = affinitySum > 0 ? (OUTFLOW_SHARE * memberCount) / affinitySum : 0;

  const members: DemoMember[] = [];
  BRANCHES.forEach((branch, branchIndex) => {
    const groupKeys = groupKeysByBranch[branchIndex];
    const pOutflow = Math.min(0.9, OUTFLOW_AFFINITY[branch.kind] * outflowScale);
    for (let i = 0; i < sizes[branchIndex]; i++) {
      // Exactly one of `reason` (outflow members) and `otherStatus` (everyone else) is set.
      const reason: OutflowReason | null = rng.chance(pOutflow) ? rng.weighted(OUTFLOW_REASON_WEIGHTS) : null;
      const otherStatus: NonOutflowStatus | null = reason === null ? rng.weighted(OTHER_STATUS_WEIGHTS) : null;
      const status: MemberStatus = otherStatus ?? 'outflow';
      const age = rng.bracket(ageBrackets(reason, otherStatus, branch.kind));

      const maleShare = reason === 'study' ? 0.55 : reason === 'family' ? 0.4 : 0.72;
      const gender: Gender = rng.chance(maleShare) ? 'male' : 'female';

      // Birth date: exactly `age` full years old today.
      const birthMs = dayBetween(rng, shiftYears(todayMs, -(age + 1)) + DAY_MS, shiftYears(todayMs, -age));
      const birthYear = new Date(birthMs).getUTCFullYear();

      // Joined the Party at 18 or later, never after today.
      const adultMs = shiftYears(birthMs, 18);
      let joinedMs = shiftYears(birthMs, rng.bracket(reason === 'study' ? JOIN_AGES_STUDY : JOIN_AGES)) + rng.int(0, 364) * DAY_MS;
      if (joinedMs > todayMs) joinedMs = dayBetween(rng, adultMs, todayMs);

      let table: OccupationTable;
      if (reason !== null) table = outflowOccupationTable(reason, age);
      else if (status === 'lost_contact') table = age >= 58 ? OUTFLOW_OLDER : OUTFLOW_WORK; // last known job away
      else table = homeOccupationTable(branch, age);
      const occupation = pickOccupation(rng, table, gender);
      const spec: OccupationSpec = OCCUPATIONS[occupation];
      const industry =
        reason === null && branch.industry !== undefined && occupation !== '退休' && status !== 'lost_contact'
          ? branch.industry
          : spec.industry;

      let outflow: DemoOutflow | null = null;
      if (reason !== null) {
        const destination = rng.weighted(reason === 'study' ? DESTINATIONS_STUDY : DESTINATIONS_WORK);
        const yearsAgo = rng.bracket(reason === 'study' ? OUTFLOW_YEARS_AGO_STUDY : OUTFLOW_YEARS_AGO);
        const startedMs = Math.max(todayMs - (yearsAgo * 365 + rng.int(0, 364)) * DAY_MS, joinedMs);
        const host = hostByRegion.get(destination.code);
        outflow = {
          regionCode: destination.code,
          place: outflowPlace(rng, destination, occupation, industry),
          reason,
          startedOn: isoDate(startedMs),
          hostOrgKey: host !== undefined && rng.chance(0.5) ? host : null,
        };
      }

      members.push({
        orgKey: branch.key,
        groupKey: groupKeys.length === 0 ? null : i < groupKeys.length ? groupKeys[i] : rng.pick(groupKeys),
        name: personName(rng, gender, birthYear),
        idNumber: uniqueIdNumber(ctx, birthMs, gender),
        phone: uniqueMobile(ctx),
        status,
        joinedPartyOn: isoDate(joinedMs),
        education: pickEducation(rng, occupation, age),
        occupation,
        industry,
        skills: pickSkills(rng, occupation),
        monthlyIncomeFen: pickIncomeFen(rng, occupation, age, status === 'lost_contact' ? 0.7 : 0),
        outflow,
      });
    }
  });

  return { countyName: DEMO_COUNTY_NAME, regionCode: DEMO_COUNTY_REGION_CODE, orgs, members };
}
