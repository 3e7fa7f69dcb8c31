// The demo county's archive beyond identity and outflow (issue 4): the county's skills
// dictionary, 民族, 党员类别 with 预备期, 转正时间, work units, 党费类别, family and
// difficulties, emergency contacts, a 联系人 for most floating members, a year of contact
// logs (动态联系) and this year's 外出情况汇报 — enough for the 四清楚, warning and contact
// screens to have something true to show.
//
// generateDemoArchive is PURE and deterministic like demo-county.ts (seeded PRNG, no clock);
// seedDemoArchive bulk-loads its output with `unnest` (DESIGN.md §9). Everything is synthetic.
//
// For realism the archive also leaves some generated values blank, and the seed writes that
// back: no mobile for some very old members at home, no industry for some 灵活就业 without a
// work unit, no occupation for some 失联 members. Probationary members (预备党员) joined the
// Party within the past year, so their 入党时间 is moved into that year.

import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { queryRows } from '../rows';
import { PROVINCE_CODES } from '../../lib/members/id-number';
import type { ContactWay, DuesCategory, MemberCategory } from '../../lib/members/member-status';
import { DEMO_DEFAULT_SEED, DEMO_DEFAULT_TODAY, DEMO_DESTINATIONS, Rng, SKILLS } from './demo-county';
import type { DemoCounty, DemoMember } from './demo-county';
import { EMPLOYER_SUFFIXES, GIVEN_CHARS, SURNAMES, TRADE_NAMES } from './demo-names';

// ---------------------------------------------------------------------------------------
// Public types

export type DemoSkill = { name: string; category: string; active: boolean };

export type DemoEmergencyContact = { name: string; relation: string; phone: string };

export type DemoArchiveMember = {
  ethnicity: string;
  category: MemberCategory;
  /** 入党时间: the generator's, or moved into the past year for a 预备党员. */
  joinedPartyOn: string;
  probationEndsOn: string | null;
  fullMemberOn: string | null;
  workUnit: string | null;
  duesCategory: DuesCategory | null;
  familySituation: string | null;
  difficulties: string | null;
  emergencyContact: DemoEmergencyContact | null;
  /** Index in county.members of the 联系人 (a member at home in the same branch). */
  contactPerson: number | null;
  /** Newest of this member's contacts, or null when never contacted. */
  lastContactOn: string | null;
  /** The generator's values, some left blank by the archive (see the file comment). */
  phone: string | null;
  occupation: string | null;
  industry: string | null;
};

export type DemoContact = { member: number; contactedOn: string; way: ContactWay; contactedBy: string; note: string | null };
export type DemoReport = { member: number; year: number; receivedOn: string; summary: string };

export type DemoArchive = { skills: DemoSkill[]; members: DemoArchiveMember[]; contacts: DemoContact[]; reports: DemoReport[] };
export type DemoArchiveOptions = { seed?: number; today?: Date };

// ---------------------------------------------------------------------------------------
// The county's skills dictionary, in display order. Every skill the generator gives members
// (demo-county.ts SKILLS) is in it; a couple of outdated ones are kept but switched off.

const SKILL_GROUPS: readonly (readonly [category: string, names: readonly string[]])[] = [
  ['建筑施工', ['电工', '焊工', '木工', '瓦工', '钢筋工', '架子工', '水暖工', '油漆工', '防水工', '室内装修']],
  ['交通运输', ['驾驶', '货车驾驶', '叉车操作', '挖掘机操作', '快递配送']],
  ['餐饮服务', ['厨艺', '中式面点', '西式面点', '餐厅服务']],
  ['家政服务', ['家政', '育婴', '养老护理', '月嫂', '保洁']],
  ['电子商务', ['电商运营', '直播带货', '网店美工', '短视频制作']],
  ['农业生产', ['种植', '养殖', '果树修剪', '农机操作', '食用菌栽培', '农产品经纪']],
  ['制造维修', ['维修', '家电维修', '汽车维修', '数控车床', '电子装配', '缝纫']],
  ['办公财会', ['电脑操作', '财会', '文秘', '统计']],
  ['生活服务', ['美容美发', '保安', '物业管理', '按摩保健']],
  ['其他', ['寻呼机维修', '胶片冲印']],
];
const RETIRED_SKILLS = new Set(['寻呼机维修', '胶片冲印']);

export const DEMO_SKILLS: readonly DemoSkill[] = SKILL_GROUPS.flatMap(([category, names]) =>
  names.map((name) => ({ name, category, active: !RETIRED_SKILLS.has(name) })),
);

// ---------------------------------------------------------------------------------------
// Dates (UTC midnights, as in demo-county.ts)

const DAY_MS = 86_400_000;
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

function shiftYears(iso: string, years: number): string {
  const d = new Date(dayMs(iso));
  return isoDate(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()));
}

function birthDateOf(member: DemoMember): string {
  const b = member.idNumber.slice(6, 14);
  return `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6, 8)}`;
}

function ageOn(member: DemoMember, iso: string): number {
  const birth = birthDateOf(member);
  const years = Number(iso.slice(0, 4)) - Number(birth.slice(0, 4));
  return iso.slice(5) < birth.slice(5) ? years - 1 : years;
}

// ---------------------------------------------------------------------------------------
// Word lists (synthetic or generic)

const ETHNICITIES = [['汉族', 985], ['回族', 8], ['满族', 3], ['蒙古族', 2], ['土家族', 1], ['藏族', 1]] as const;

const RELATIONS_YOUNG = [['父亲', 30], ['母亲', 35], ['配偶', 25], ['兄弟', 5], ['姐妹', 5]] as const;
const RELATIONS_ADULT = [['配偶', 60], ['父亲', 6], ['母亲', 8], ['儿子', 10], ['女儿', 8], ['兄弟', 4], ['姐妹', 4]] as const;
const RELATIONS_ELDER = [['配偶', 30], ['儿子', 40], ['女儿', 30]] as const;

const MOBILE_PREFIXES = ['133', '135', '137', '139', '150', '152', '155', '158', '173', '177', '180', '183', '187', '189', '199'] as const;

const SCHOOLS = ['清源县第一中学', '清源县第二中学', '清源县城关镇中心小学', '清源县陵前镇初级中学', '清源县职业教育中心', '清源县实验幼儿园'];
const HOSPITALS = ['清源县人民医院', '清源县中医医院', '清源县妇幼保健院', '清源县城关镇卫生院', '清源县陵前镇卫生院'];
const OFFICES = ['清源县人民政府办公室', '清源县财政局', '清源县农业农村局', '清源县教育局', '清源县市场监督管理局', '清源县城关镇人民政府', '清源县陵前镇人民政府'];

const FAMILY_YOUNG = ['未婚，父母在家务农', '未婚，与父母同住', '未婚，父母身体健康'];
const FAMILY_ADULT = [
  '已婚，育有一子一女，配偶在家照顾老人',
  '已婚，育有一子，在县城上学',
  '已婚，育有一女，随迁在外就读',
  '已婚，配偶同在外务工，子女由祖父母照看',
  '已婚，育有两子，父母年迈需要照顾',
  '离异，育有一女，由本人抚养',
];
const FAMILY_ELDER = ['老伴健在，子女在外工作', '丧偶，独居，子女定期探望', '与儿子一家同住', '老伴身体欠佳，由本人照料'];
const DIFFICULTIES = [
  '家中老人常年患病，医药费负担较重',
  '子女就学费用压力较大',
  '本人患有慢性病，需长期服药',
  '在外务工工资被拖欠，已向流入地党组织反映',
  '住房年久失修，存在安全隐患',
  '配偶残疾，缺乏劳动能力',
  '因病致贫，已纳入低保',
];

const NOTES_AWAY: Partial<Record<ContactWay, readonly string[]>> = {
  phone: ['电话了解务工情况，工作稳定，身体健康。', '电话联系，提醒按时交纳党费。', '询问返乡时间，邀请参加春节返乡座谈会。', '提醒报送外出情况汇报。'],
  wechat: ['微信视频联系，传达近期学习内容。', '微信了解在外生活情况，无特殊困难。', '微信推送主题党日学习材料，本人已学习。'],
  sms: ['短信提醒参加线上组织生活。'],
  visit: ['走访家属，了解家庭情况，转达组织关怀。'],
  homecoming_forum: ['参加春节返乡流动党员座谈会，交流在外务工情况。'],
};
const NOTES_HOME: Partial<Record<ContactWay, readonly string[]>> = {
  visit: ['入户走访，了解身体和生活情况。', '走访慰问，听取对村（社区）工作的意见。'],
  heart_talk: ['谈心谈话，了解思想动态。', '谈心谈话，听取对支部工作的意见建议。'],
  phone: ['电话问候，了解身体情况。', '电话通知参加支部主题党日。'],
  wechat: ['微信转发学习材料。'],
};
const WAYS_AWAY = [['phone', 45], ['wechat', 40], ['sms', 5], ['visit', 5], ['homecoming_forum', 5]] as const;
const WAYS_HOME = [['visit', 40], ['heart_talk', 30], ['phone', 25], ['wechat', 5]] as const;

const REPORT_WORK = ['工作稳定，收入正常', '今年更换了工作单位，已向支部报告', '跟随项目部转场，工作地点有变动', '工作稳定，参加了岗位技能培训'];
const REPORT_PARTY = ['按时参加流入地党组织活动', '通过线上学习参加支部组织生活', '按时交纳党费，参加主题党日活动', '参加流入地志愿服务活动'];

/** Occupations that would be a branch's natural 联系人: cadres and people who know everyone. */
const CONTACT_PERSON_WEIGHT: Readonly<Record<string, number>> = { 村干部: 6, 社区工作者: 6, 机关干部: 4, 教师: 3, 会计: 2 };

// ---------------------------------------------------------------------------------------
// Helpers over the county

type Branch = { key: string; name: string; kind: 'village' | 'community' | 'enterprise' | 'social'; members: number[] };

/** '中共清源县城关镇东关村支部委员会' → '清源县城关镇东关村'. */
function bareName(orgName: string): string {
  return orgName.replace(/^中共/, '').replace(/(联合)?(总)?支部委员会$/, '');
}

function branchKind(key: string, name: string): Branch['kind'] {
  if (key.startsWith('c3-')) return name.includes('社会组织') ? 'social' : 'enterprise';
  return name.includes('社区') ? 'community' : 'village';
}

function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

function personName(rng: Rng, surname: string | null, gender: 'male' | 'female', birthYear: number): string {
  const era = birthYear < 1970 ? 'old' : birthYear < 1990 ? 'middle' : 'young';
  const chars = GIVEN_CHARS[gender][era];
  const given = rng.chance(0.35) ? rng.pick([...chars]) : rng.pick([...chars]) + rng.pick([...chars]);
  return (surname ?? rng.weighted(SURNAMES)) + given;
}

function localEmployer(rng: Rng, industry: string): string | null {
  const suffixes = EMPLOYER_SUFFIXES[industry];
  if (suffixes === undefined) return null;
  return `清源县${rng.pick(TRADE_NAMES)}${rng.pick(suffixes).replace(/项目部$/, '')}`;
}

function outflowEmployer(member: DemoMember): string | null {
  const outflow = member.outflow;
  if (outflow === null) return null;
  const tail = outflow.place.slice(outflow.place.lastIndexOf('号') + 1);
  if (tail === '' || tail.startsWith('（')) return null;
  const destination = DEMO_DESTINATIONS.find((d) => d.code === outflow.regionCode);
  const prefix = destination && destination.city !== '' ? destination.city : (PROVINCE_CODES[outflow.regionCode.slice(0, 2)] ?? '');
  return `${prefix}${tail}`;
}

function workUnitFor(rng: Rng, member: DemoMember, branch: Branch): string | null {
  if (member.status === 'lost_contact') return null;
  if (member.outflow !== null) return outflowEmployer(member);
  const own = bareName(branch.name);
  switch (member.occupation) {
    case '退休':
    case '学生':
    case '灵活就业':
    case '农民':
    case '果农':
      return null;
    case '村干部': {
      const village = own.split('、')[0].replace(/村$/, '');
      return `${village}村民委员会`;
    }
    case '社区工作者':
      return `${own.replace(/第[一二三四五]$/, '')}居民委员会`;
    case '教师':
      return rng.pick(SCHOOLS);
    case '医生':
    case '护士':
      return rng.pick(HOSPITALS);
    case '机关干部':
      return rng.pick(OFFICES);
    default:
      if (branch.kind === 'enterprise' && !own.includes('协会')) return own;
      if (member.occupation === '个体经营' || member.occupation === '养殖户') return rng.chance(0.4) ? localEmployer(rng, member.industry) : null;
      return rng.chance(0.8) ? localEmployer(rng, member.industry) : null;
  }
}

function duesCategoryFor(rng: Rng, member: DemoMember, difficulties: string | null): DuesCategory {
  switch (member.occupation) {
    case '学生':
      return 'student';
    case '退休':
      return 'retired';
    case '农民':
    case '果农':
    case '养殖户':
      return difficulties !== null && member.monthlyIncomeFen === null ? 'subsistence' : 'farmer';
    case '灵活就业':
      return member.monthlyIncomeFen === null ? 'unemployed' : 'self_employed';
    case '个体经营':
      return 'self_employed';
    default:
      return (member.monthlyIncomeFen ?? 0) >= 1_500_000 && rng.chance(0.4) ? 'annual_salary' : 'salaried';
  }
}

// ---------------------------------------------------------------------------------------
// Generator

/** Share of members who are 预备党员 (admitted within the past year). */
const PROBATIONARY_SHARE = 0.03;

export function generateDemoArchive(county: DemoCounty, options: DemoArchiveOptions = {}): DemoArchive {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const today = options.today ?? new Date(DEMO_DEFAULT_TODAY);
  // A stream of its own, so the county's members stay exactly what demo-county.ts gives.
  const rng = new Rng((seed ^ 0x5a17c3e9) >>> 0);
  const todayMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const anchor = isoDate(todayMs);
  const daysAgo = (days: number): string => isoDate(todayMs - days * DAY_MS);
  const members = county.members;

  // Branches and their members.
  const orgByKey = new Map(county.orgs.map((org) => [org.key, org]));
  const branches = new Map<string, Branch>();
  members.forEach((member, index) => {
    let branch = branches.get(member.orgKey);
    if (branch === undefined) {
      const name = orgByKey.get(member.orgKey)?.name ?? '';
      branch = { key: member.orgKey, name, kind: branchKind(member.orgKey, name), members: [] };
      branches.set(member.orgKey, branch);
    }
    branch.members.push(index);
  });

  // 预备党员: everyone admitted within the past year, and a quota of members at home or away
  // aged 21–45 whose admission moves into that year, their 预备期 ends spread evenly over the
  // next year (and a few days into the past: ended, not yet converted).
  const joined = members.map((member) => member.joinedPartyOn);
  const probationary = members.map((member) => shiftYears(member.joinedPartyOn, 1) > anchor);
  const eligible = members
    .map((member, index) => index)
    .filter((index) => {
      const member = members[index];
      const age = ageOn(member, anchor);
      return !probationary[index] && (member.status === 'registered' || member.status === 'outflow') && age >= 22 && age <= 45;
    });
  const quota = Math.max(0, Math.round(members.length * PROBATIONARY_SHARE) - probationary.filter(Boolean).length);
  for (let i = eligible.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [eligible[i], eligible[j]] = [eligible[j], eligible[i]];
  }
  const chosen = eligible.slice(0, Math.min(quota, eligible.length));
  chosen.forEach((index, k) => {
    const endsIn = -12 + Math.floor((k * 372) / Math.max(1, chosen.length));
    joined[index] = shiftYears(daysAgo(-endsIn), -1);
    probationary[index] = true;
  });

  // 联系人: a few members at home per branch, each looking after some of the members away.
  const contactPersonsOf = new Map<string, number[]>();
  for (const branch of branches.values()) {
    const away = branch.members.filter((index) => members[index].status === 'outflow' || members[index].status === 'lost_contact').length;
    const candidates = branch.members.filter((index) => {
      const member = members[index];
      const age = ageOn(member, anchor);
      return member.status === 'registered' && age >= 28 && age <= 62 && !probationary[index];
    });
    const wanted = Math.min(candidates.length, Math.max(1, Math.min(5, Math.ceil(away / 15))));
    const persons: number[] = [];
    while (persons.length < wanted) {
      const pick = rng.weighted(candidates.filter((index) => !persons.includes(index)).map((index) => [index, CONTACT_PERSON_WEIGHT[members[index].occupation] ?? 1] as const));
      persons.push(pick);
    }
    contactPersonsOf.set(branch.key, persons);
  }

  const archiveMembers: DemoArchiveMember[] = [];
  const contacts: DemoContact[] = [];
  const reports: DemoReport[] = [];
  const year = Number(anchor.slice(0, 4));

  members.forEach((member, index) => {
    const branch = branches.get(member.orgKey)!;
    const age = ageOn(member, anchor);
    const birthYear = Number(birthDateOf(member).slice(0, 4));
    const gender = Number(member.idNumber[16]) % 2 === 1 ? 'male' : 'female';
    const managed = member.status !== 'transferred_out' && member.status !== 'suspended';
    const away = member.status === 'outflow' || member.status === 'lost_contact';

    const ethnicity = member.idNumber.startsWith('64') && rng.chance(0.4) ? '回族' : rng.weighted(ETHNICITIES);

    const isProbationary = probationary[index];
    const joinedOn = joined[index];
    const probationEndsOn = isProbationary ? shiftYears(joinedOn, 1) : null;
    const fullMemberOn = isProbationary || rng.chance(0.05) ? null : shiftYears(joinedOn, 1);

    const familySituation = rng.chance(0.7) ? rng.pick(age < 28 ? FAMILY_YOUNG : age < 65 ? FAMILY_ADULT : FAMILY_ELDER) : null;
    const difficultyOdds = age >= 70 || member.occupation === '农民' ? 0.1 : 0.03;
    const difficulties = rng.chance(difficultyOdds) ? rng.pick(DIFFICULTIES) : null;

    let emergencyContact: DemoEmergencyContact | null = null;
    if (rng.chance(away ? 0.95 : 0.8)) {
      const relation = rng.weighted(age < 28 ? RELATIONS_YOUNG : age < 70 ? RELATIONS_ADULT : RELATIONS_ELDER);
      const surname = member.name[0];
      const spouseGender = gender === 'male' ? 'female' : 'male';
      const [relGender, relBirth, relSurname] =
        relation === '配偶' ? [spouseGender, birthYear + rng.int(-3, 3), null]
        : relation === '父亲' ? ['male', birthYear - rng.int(24, 32), surname]
        : relation === '母亲' ? ['female', birthYear - rng.int(22, 30), null]
        : relation === '儿子' ? ['male', birthYear + rng.int(22, 32), surname]
        : relation === '女儿' ? ['female', birthYear + rng.int(22, 32), surname]
        : relation === '兄弟' ? ['male', birthYear + rng.int(-6, 6), surname]
        : ['female', birthYear + rng.int(-6, 6), surname];
      emergencyContact = { name: personName(rng, relSurname, relGender as 'male' | 'female', relBirth), relation, phone: mobile(rng) };
    }

    const persons = contactPersonsOf.get(branch.key) ?? [];
    const contactPerson = away && persons.length > 0 && rng.chance(0.92) ? rng.pick(persons) : null;

    // A year of contacts: the newest by bucket, then a few older ones.
    let lastContactOn: string | null = null;
    if (managed) {
      const bucket =
        member.status === 'outflow' ? rng.weighted([['recent', 72], ['months3', 15], ['months6', 9], ['never', 4]] as const)
        : member.status === 'lost_contact' ? rng.weighted([['months6', 35], ['never', 65]] as const)
        : rng.weighted([['recent', 85], ['months3', 10], ['months6', 4], ['never', 1]] as const);
      if (bucket !== 'never') {
        // Recent contacts lean recent (the smaller of two draws): most branches keep in touch monthly.
        const newest = bucket === 'recent' ? Math.min(rng.int(0, 85), rng.int(0, 85)) : bucket === 'months3' ? rng.int(95, 175) : rng.int(190, 360);
        const extra = member.status === 'lost_contact' ? 0 : rng.int(0, away ? 4 : 3);
        const days = [newest, ...Array.from({ length: extra }, () => rng.int(newest + 1, 364))].filter((d) => d <= 364);
        const person = contactPerson ?? persons[0] ?? null;
        const fallback = person === null ? personName(rng, null, 'male', 1975) : members[person].name;
        for (const d of days) {
          const way: ContactWay = member.status === 'lost_contact' ? 'phone' : rng.weighted(away ? WAYS_AWAY : WAYS_HOME);
          const pool = (away ? NOTES_AWAY : NOTES_HOME)[way] ?? [];
          contacts.push({
            member: index,
            contactedOn: daysAgo(d),
            way,
            contactedBy: person !== null && rng.chance(0.85) ? members[person].name : fallback,
            note: member.status === 'lost_contact' ? '电话无人接听，家属也无法联系上本人。' : pool.length > 0 && rng.chance(0.8) ? rng.pick(pool) : null,
          });
        }
        lastContactOn = daysAgo(newest);
      }
    }

    // 外出情况汇报: this year's for most members away, last year's for many.
    if (member.outflow !== null) {
      const destination = DEMO_DESTINATIONS.find((d) => d.code === member.outflow!.regionCode);
      const where = destination ? `${destination.city}${destination.district}` : '外地';
      const summary = (y: number) =>
        `${y}年度外出情况汇报：在${where}从事${member.occupation}工作，${rng.pick(REPORT_WORK)}；${rng.pick(REPORT_PARTY)}。`;
      const startMs = dayMs(member.outflow.startedOn);
      const fromMs = Math.max(Date.UTC(year, 0, 15), startMs);
      if (fromMs <= todayMs && rng.chance(0.82)) {
        reports.push({ member: index, year, receivedOn: isoDate(fromMs + rng.int(0, Math.floor((todayMs - fromMs) / DAY_MS)) * DAY_MS), summary: summary(year) });
      }
      const lastYearFrom = Math.max(Date.UTC(year - 1, 5, 1), startMs);
      const lastYearTo = Date.UTC(year - 1, 11, 31);
      if (lastYearFrom <= lastYearTo && rng.chance(0.6)) {
        reports.push({ member: index, year: year - 1, receivedOn: isoDate(lastYearFrom + rng.int(0, Math.floor((lastYearTo - lastYearFrom) / DAY_MS)) * DAY_MS), summary: summary(year - 1) });
      }
    }

    let phone: string | null = member.phone;
    let occupation: string | null = member.occupation;
    let industry: string | null = member.industry;
    const workUnit = workUnitFor(rng, member, branch);
    if (member.status === 'registered' && age >= 78 && rng.chance(0.25)) phone = null;
    if (member.occupation === '灵活就业' && workUnit === null && rng.chance(0.5)) industry = null;
    if (member.status === 'lost_contact' && rng.chance(0.4)) {
      occupation = null;
      industry = null;
    }

    archiveMembers.push({
      ethnicity,
      category: isProbationary ? 'probationary' : 'full',
      joinedPartyOn: joinedOn,
      probationEndsOn,
      fullMemberOn,
      workUnit,
      duesCategory: duesCategoryFor(rng, member, difficulties),
      familySituation,
      difficulties,
      emergencyContact,
      contactPerson,
      lastContactOn,
      phone,
      occupation,
      industry,
    });
  });

  return { skills: [...DEMO_SKILLS], members: archiveMembers, contacts, reports };
}

/** Every skill members hold is in the dictionary (asserted by the seed tests). */
export function skillsOutsideDictionary(archive: Pick<DemoArchive, 'skills'>): string[] {
  const names = new Set(archive.skills.map((skill) => skill.name));
  return SKILLS.filter((skill) => !names.has(skill));
}

// ---------------------------------------------------------------------------------------
// Loader

const CHUNK = 10_000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}

export type DemoArchiveCounts = { skills: number; contacts: number; reports: number };

/**
 * Loads the archive into the members that seedDemoCounty just inserted (found by their
 * generated, unique mobile numbers), in bulk. The caller owns the transaction.
 */
export async function seedDemoArchive(db: Executor, county: DemoCounty, archive: DemoArchive): Promise<DemoArchiveCounts> {
  const p = <T>(values: T[]) => sql.param(values);

  // Booleans travel as text: postgres.js sends a JS boolean array as a scalar bool. A dictionary
  // left from an earlier seed (a benchmark truncates orgs and members only) is kept as it is.
  await db.execute(sql`
    INSERT INTO skills (name, category, active, sort_order)
    SELECT name, category, active::boolean, sort_order
    FROM unnest(${p(archive.skills.map((s) => s.name))}::text[], ${p(archive.skills.map((s) => s.category))}::text[],
                ${p(archive.skills.map((s) => String(s.active)))}::text[], ${p(archive.skills.map((_, i) => (i + 1) * 10))}::int[])
      AS input(name, category, active, sort_order)
    ON CONFLICT (name) DO NOTHING`);

  const rows = await queryRows<{ id: string; phone: string }>(db, sql`SELECT id::text AS id, phone FROM members WHERE phone IS NOT NULL`);
  const idByPhone = new Map(rows.map((row) => [row.phone, row.id]));
  const ids = county.members.map((member) => {
    const id = idByPhone.get(member.phone);
    if (id === undefined) throw new Error('demo archive: a generated member is not in the database');
    return id;
  });

  const indexed = archive.members.map((member, index) => ({ member, id: ids[index] }));
  for (const part of chunks(indexed)) {
    const col = <T>(pick: (item: (typeof part)[number]) => T) => p(part.map(pick));
    await db.execute(sql`
      UPDATE members AS m SET
        ethnicity = i.ethnicity, category = i.category::member_category, joined_party_on = i.joined::date,
        probation_ends_on = i.probation_ends::date, full_member_on = i.full_member::date, work_unit = i.work_unit,
        dues_category = i.dues::dues_category, family_situation = i.family, difficulties = i.difficulties,
        emergency_contact_name = i.ec_name, emergency_contact_relation = i.ec_relation, emergency_contact_phone = i.ec_phone,
        contact_person_id = i.contact_person::uuid, last_contact_on = i.last_contact::date,
        phone = i.phone, occupation = i.occupation, industry = i.industry
      FROM unnest(
        ${col((r) => r.id)}::text[], ${col((r) => r.member.ethnicity)}::text[], ${col((r) => r.member.category)}::text[],
        ${col((r) => r.member.joinedPartyOn)}::text[], ${col((r) => r.member.probationEndsOn)}::text[],
        ${col((r) => r.member.fullMemberOn)}::text[], ${col((r) => r.member.workUnit)}::text[],
        ${col((r) => r.member.duesCategory)}::text[], ${col((r) => r.member.familySituation)}::text[],
        ${col((r) => r.member.difficulties)}::text[], ${col((r) => r.member.emergencyContact?.name ?? null)}::text[],
        ${col((r) => r.member.emergencyContact?.relation ?? null)}::text[], ${col((r) => r.member.emergencyContact?.phone ?? null)}::text[],
        ${col((r) => (r.member.contactPerson === null ? null : ids[r.member.contactPerson]))}::text[],
        ${col((r) => r.member.lastContactOn)}::text[], ${col((r) => r.member.phone)}::text[],
        ${col((r) => r.member.occupation)}::text[], ${col((r) => r.member.industry)}::text[]
      ) AS i(id, ethnicity, category, joined, probation_ends, full_member, work_unit, dues, family, difficulties,
             ec_name, ec_relation, ec_phone, contact_person, last_contact, phone, occupation, industry)
      WHERE m.id = i.id::uuid`);
  }

  for (const part of chunks(archive.contacts)) {
    await db.execute(sql`
      INSERT INTO member_contacts (member_id, contacted_on, way, contacted_by, note)
      SELECT member_id::uuid, contacted_on::date, way::contact_way, contacted_by, note
      FROM unnest(${p(part.map((c) => ids[c.member]))}::text[], ${p(part.map((c) => c.contactedOn))}::text[],
                  ${p(part.map((c) => c.way))}::text[], ${p(part.map((c) => c.contactedBy))}::text[], ${p(part.map((c) => c.note))}::text[])
        AS input(member_id, contacted_on, way, contacted_by, note)`);
  }

  for (const part of chunks(archive.reports)) {
    await db.execute(sql`
      INSERT INTO situation_reports (member_id, year, received_on, summary)
      SELECT member_id::uuid, year, received_on::date, summary
      FROM unnest(${p(part.map((r) => ids[r.member]))}::text[], ${p(part.map((r) => r.year))}::int[],
                  ${p(part.map((r) => r.receivedOn))}::text[], ${p(part.map((r) => r.summary))}::text[])
        AS input(member_id, year, received_on, summary)`);
  }

  return { skills: archive.skills.length, contacts: archive.contacts.length, reports: archive.reports.length };
}
