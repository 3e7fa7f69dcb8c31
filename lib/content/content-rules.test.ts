import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/i18n/messages';
import { listCities } from '@/lib/regions/regions';
import type { ColumnKind } from './content-kinds';
import {
  isTargeted,
  matchesTarget,
  mayAddress,
  mayPublishTo,
  mayReviewAt,
  NO_TARGET,
  parentPathOf,
  parseBeijingDateTime,
  parseItemForm,
  regionAncestors,
  splitWords,
  type ContentTarget,
  type ItemDraft,
  type TargetProfile,
} from './content-rules';

const e = messages.content.errors;
const FILE_A = '3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9a0b3e';
const FILE_B = '0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d';
const fileId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

// A county ('1.4') under the city ('1'), with a committee ('1.4.37') and its branch ('1.4.37.90');
// '1.5' is a sibling county and '1.45' a county whose id merely starts with the same digits.
const CITY = '1';
const COUNTY = '1.4';
const COMMITTEE = '1.4.37';
const BRANCH = '1.4.37.90';
const OTHER_COUNTY = '1.5';
const LOOKALIKE_COUNTY = '1.45';

const article = {
  columnId: '3',
  audienceOrgId: '4',
  title: '关于开展主题党日活动的通知',
  summary: '',
  bodyMarkdown: '各党支部：\n\n请于本月底前组织开展主题党日活动。',
  coverFileId: '',
  tags: '',
  externalUrl: '',
  publishAt: '',
};
const regulation = { ...article, title: '中国共产党纪律处分条例', regulationCategory: 'regulation', issuingBody: '中共中央', effectiveOn: '2024-01-01', revisedOn: '' };
const jobNotice = { ...article, title: '县城工业园招聘焊工', bodyMarkdown: '工业园区招聘焊工 20 名。' };

type Raw = Record<string, unknown>;

function valueOf(raw: Raw, kind: ColumnKind): ItemDraft {
  const parsed = parseItemForm(raw, kind);
  if (!parsed.ok) throw new Error(`expected the form to be accepted, got ${JSON.stringify(parsed.fieldErrors)}`);
  return parsed.value;
}

function errorsOf(raw: Raw, kind: ColumnKind): Record<string, string[]> {
  const parsed = parseItemForm(raw, kind);
  if (parsed.ok) throw new Error('expected the form to be refused');
  return parsed.fieldErrors;
}

describe('parseItemForm: an article (图文)', () => {
  it('turns a filled-in form into the item that is saved, trimmed and normalised', () => {
    const value = valueOf(
      {
        ...article,
        title: '  关于开展主题党日活动的通知 ',
        summary: ' 请各支部按时组织。 ',
        bodyMarkdown: '第一段\r\n\r\n第二段\r第三段',
        coverFileId: ` ${FILE_A.toUpperCase()} `,
        attachmentFileIds: [FILE_B, FILE_B.toUpperCase(), ''],
        tags: '主题党日，通知, 主题党日',
        externalUrl: 'https://mp.weixin.qq.com/s/AbC123',
        pinned: 'on',
      },
      'articles',
    );
    expect(value).toEqual({
      columnId: 3,
      audienceOrgId: 4,
      title: '关于开展主题党日活动的通知',
      summary: '请各支部按时组织。',
      bodyMarkdown: '第一段\n\n第二段\n第三段',
      coverFileId: FILE_A,
      attachmentFileIds: [FILE_B],
      tags: ['主题党日', '通知'],
      externalUrl: 'https://mp.weixin.qq.com/s/AbC123',
      pinned: true,
      important: false,
      featured: false,
      publishAt: null,
      regulationCategory: null,
      issuingBody: null,
      effectiveOn: null,
      revisedOn: null,
      target: NO_TARGET,
    });
  });

  it('leaves the cover, attachments, tags, link and schedule empty when they are not filled in', () => {
    const value = valueOf({ ...article }, 'articles');
    expect(value).toMatchObject({ coverFileId: null, attachmentFileIds: [], tags: [], externalUrl: null, publishAt: null, pinned: false, featured: false });
  });

  it('pins and features only when the boxes are ticked', () => {
    expect(valueOf({ ...article, pinned: 'on', featured: 'true' }, 'articles')).toMatchObject({ pinned: true, featured: true });
    expect(valueOf({ ...article, pinned: 'off', featured: '' }, 'articles')).toMatchObject({ pinned: false, featured: false });
    expect(valueOf({ ...article, pinned: 'false', featured: 'no' }, 'articles')).toMatchObject({ pinned: false, featured: false });
    expect(valueOf({ ...article, important: 'on' }, 'articles')).toMatchObject({ important: true });
  });

  it('accepts a single attachment sent as one value rather than a list', () => {
    expect(valueOf({ ...article, attachmentFileIds: FILE_A }, 'articles').attachmentFileIds).toEqual([FILE_A]);
  });

  it('accepts a 公众号 article link in place of a body', () => {
    const value = valueOf({ ...article, bodyMarkdown: '', externalUrl: 'https://mp.weixin.qq.com/s/xyz' }, 'articles');
    expect(value.bodyMarkdown).toBe('');
    expect(value.externalUrl).toBe('https://mp.weixin.qq.com/s/xyz');
  });

  it('reads the scheduled time as Beijing time', () => {
    expect(valueOf({ ...article, publishAt: '2026-07-01T09:30' }, 'articles').publishAt).toEqual(new Date(Date.UTC(2026, 6, 1, 1, 30)));
  });

  it('drops regulation and targeting fields an article form should not carry, without complaining about them', () => {
    const value = valueOf(
      { ...article, regulationCategory: 'nonsense', issuingBody: '某机关', effectiveOn: 'bad', targetSkills: ['焊工'], targetRegionCodes: ['9999'], targetAgeBands: ['teen'] },
      'articles',
    );
    expect(value).toMatchObject({ regulationCategory: null, issuingBody: null, effectiveOn: null, revisedOn: null, target: NO_TARGET });
    expect(isTargeted(value.target)).toBe(false);
  });

  it('takes a case (典型案例) like an article', () => {
    expect(valueOf({ ...article, title: '先锋风采：外出务工不忘党员身份' }, 'cases').title).toBe('先锋风采：外出务工不忘党员身份');
    expect(errorsOf({ ...article, bodyMarkdown: '' }, 'cases')).toEqual({ bodyMarkdown: [e.bodyRequired] });
  });
});

describe('parseItemForm: what the writer is told', () => {
  it('asks for a title when there is none or only spaces', () => {
    expect(e.titleRequired).toBe('请填写标题。');
    expect(errorsOf({ ...article, title: '' }, 'articles')).toEqual({ title: [e.titleRequired] });
    expect(errorsOf({ ...article, title: '  　 ' }, 'articles')).toEqual({ title: [e.titleRequired] });
    const { title: _title, ...withoutTitle } = article;
    expect(errorsOf(withoutTitle, 'articles')).toEqual({ title: [e.titleRequired] });
  });

  it('takes a title of 120 characters and refuses 121, naming the limit', () => {
    expect(valueOf({ ...article, title: '党'.repeat(120) }, 'articles').title).toHaveLength(120);
    expect(errorsOf({ ...article, title: '党'.repeat(121) }, 'articles')).toEqual({ title: ['标题不能超过 120 个字。'] });
    expect(errorsOf({ ...article, title: '党'.repeat(121) }, 'articles')).toEqual({ title: [e.titleTooLong(120)] });
  });

  it('does not count surrounding spaces towards the title limit', () => {
    expect(valueOf({ ...article, title: `  ${'党'.repeat(120)}  ` }, 'articles').title).toBe('党'.repeat(120));
  });

  it('takes a summary of 200 characters and refuses 201', () => {
    expect(valueOf({ ...article, summary: '要'.repeat(200) }, 'articles').summary).toHaveLength(200);
    expect(errorsOf({ ...article, summary: '要'.repeat(201) }, 'articles')).toEqual({ summary: ['摘要不能超过 200 个字。'] });
  });

  it('takes a body of 200,000 characters and refuses a longer one', () => {
    expect(valueOf({ ...article, bodyMarkdown: 'x'.repeat(200_000) }, 'articles').bodyMarkdown).toHaveLength(200_000);
    expect(errorsOf({ ...article, bodyMarkdown: 'x'.repeat(200_001) }, 'articles')).toEqual({ bodyMarkdown: ['正文不能超过 200,000 个字符。'] });
    expect(errorsOf({ ...article, bodyMarkdown: 'x'.repeat(200_001) }, 'articles')).toEqual({ bodyMarkdown: [e.bodyTooLong(200_000)] });
  });

  it('counts a Windows line break as one character towards the body limit', () => {
    const body = `${'段\r\n'.repeat(80_000)}完`; // 240,001 characters as typed, 160,001 once the breaks are \n
    expect(body.length).toBeGreaterThan(200_000);
    expect(valueOf({ ...article, bodyMarkdown: body }, 'articles').bodyMarkdown).not.toContain('\r');
  });

  it('asks for a body or a 公众号 link when both are empty', () => {
    expect(e.bodyRequired).toBe('请填写正文，或填写公众号文章链接。');
    expect(errorsOf({ ...article, bodyMarkdown: '' }, 'articles')).toEqual({ bodyMarkdown: [e.bodyRequired] });
    expect(errorsOf({ ...article, bodyMarkdown: ' \n\n  ', externalUrl: '   ' }, 'articles')).toEqual({ bodyMarkdown: [e.bodyRequired] });
  });

  it.each(['', '0', '-3', '1.5', 'abc', '县委'])('asks for an audience when it is %j', (audienceOrgId) => {
    expect(errorsOf({ ...article, audienceOrgId }, 'articles')).toEqual({ audienceOrgId: [e.audience] });
  });

  it('refuses a cover or attachment that is not an uploaded file id', () => {
    expect(e.file).toBe('所选文件不存在或不能使用，请重新上传。');
    expect(errorsOf({ ...article, coverFileId: '../../etc/passwd' }, 'articles')).toEqual({ coverFileId: [e.file] });
    expect(errorsOf({ ...article, attachmentFileIds: [FILE_A, 'not-a-file'] }, 'articles')).toEqual({ attachmentFileIds: [e.file] });
  });

  it('takes 20 attachments and refuses 21, counting a repeated file once', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => fileId(i));
    expect(valueOf({ ...article, attachmentFileIds: twenty }, 'articles').attachmentFileIds).toHaveLength(20);
    expect(valueOf({ ...article, attachmentFileIds: [...twenty, twenty[0]] }, 'articles').attachmentFileIds).toHaveLength(20);
    expect(errorsOf({ ...article, attachmentFileIds: [...twenty, fileId(20)] }, 'articles')).toEqual({ attachmentFileIds: ['附件不能超过 20 个。'] });
  });

  it('takes up to 10 tags of up to 20 characters', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `标签${i}`);
    expect(valueOf({ ...article, tags: ten.join('，') }, 'articles').tags).toEqual(ten);
    expect(valueOf({ ...article, tags: '字'.repeat(20) }, 'articles').tags).toEqual(['字'.repeat(20)]);
    const tooMany = '标签最多 10 个，每个不超过 20 个字。';
    expect(errorsOf({ ...article, tags: [...ten, '第十一个'].join(',') }, 'articles')).toEqual({ tags: [tooMany] });
    expect(errorsOf({ ...article, tags: `党建，${'字'.repeat(21)}` }, 'articles')).toEqual({ tags: [e.tags(10)] });
  });

  it('counts a repeated tag once', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `标签${i}`);
    expect(valueOf({ ...article, tags: [...ten, ...ten].join(' ') }, 'articles').tags).toEqual(ten);
  });

  it.each([
    'http://mp.weixin.qq.com/s/abc',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'mp.weixin.qq.com/s/abc',
    '//mp.weixin.qq.com/s/abc',
    'ftp://example.com/file',
    'https://',
    `https://mp.weixin.qq.com/s/${'a'.repeat(480)}`,
    // 100 characters typed, 900 once escaped as it is stored: too long for the column.
    `https://mp.weixin.qq.com/s?title=${'党'.repeat(100)}`,
  ])('refuses the 公众号 link %j', (externalUrl) => {
    expect(e.externalUrl).toBe('公众号文章链接须是以 https:// 开头的完整网址。');
    expect(errorsOf({ ...article, externalUrl }, 'articles')).toEqual({ externalUrl: [e.externalUrl] });
  });

  it('refuses a bad link even when the body is filled in, and a bad link cannot stand in for a body', () => {
    expect(errorsOf({ ...article, externalUrl: 'http://example.com' }, 'articles')).toEqual({ externalUrl: [e.externalUrl] });
    expect(errorsOf({ ...article, bodyMarkdown: '', externalUrl: 'javascript:alert(1)' }, 'articles').externalUrl).toEqual([e.externalUrl]);
  });

  it.each(['2026-02-30T09:00', '2026-07-01 09:00', '2026-07-01T24:00', '2026-07-01T09:60', '2026-07-01', '明天上午九点'])('says the scheduled time %j is malformed', (publishAt) => {
    expect(errorsOf({ ...article, publishAt }, 'articles')).toEqual({ publishAt: ['定时发布时间格式不正确。'] });
  });

  it('reports every problem of the form at once, each under its own field', () => {
    expect(errorsOf({ ...article, audienceOrgId: '', title: '', bodyMarkdown: '', externalUrl: 'http://x.cn', publishAt: 'soon', coverFileId: 'x' }, 'articles')).toEqual({
      audienceOrgId: [e.audience],
      title: [e.titleRequired],
      coverFileId: [e.file],
      externalUrl: [e.externalUrl],
      publishAt: [e.publishAt],
    });
    expect(errorsOf({ ...article, audienceOrgId: '', title: '', bodyMarkdown: '' }, 'articles')).toEqual({
      audienceOrgId: [e.audience],
      title: [e.titleRequired],
      bodyMarkdown: [e.bodyRequired],
    });
  });
});

describe('parseItemForm: 学习资料 (downloads)', () => {
  it('takes an attachment without a body', () => {
    const value = valueOf({ ...article, title: '党章学习音频', bodyMarkdown: '', attachmentFileIds: [FILE_A, FILE_B] }, 'materials');
    expect(value.attachmentFileIds).toEqual([FILE_A, FILE_B]);
    expect(value.bodyMarkdown).toBe('');
  });

  it('takes a body without an attachment', () => {
    expect(valueOf({ ...article, bodyMarkdown: '学习要点……' }, 'materials').attachmentFileIds).toEqual([]);
  });

  it('asks for an attachment or a body when neither is given, and not for a 公众号 link', () => {
    expect(e.materialNeedsFile).toBe('学习资料请上传附件或填写正文。');
    expect(errorsOf({ ...article, bodyMarkdown: '  ' }, 'materials')).toEqual({ attachmentFileIds: [e.materialNeedsFile] });
    expect(errorsOf({ ...article, bodyMarkdown: '', externalUrl: 'https://mp.weixin.qq.com/s/xyz' }, 'materials')).toEqual({ attachmentFileIds: [e.materialNeedsFile] });
  });
});

describe('parseItemForm: 党内法规', () => {
  it('keeps the category, issuing body and dates of a regulation', () => {
    const value = valueOf({ ...regulation, issuingBody: ' 中共中央 ', effectiveOn: '2024-01-01', revisedOn: '2024-01-01' }, 'regulations');
    expect(value).toMatchObject({ regulationCategory: 'regulation', issuingBody: '中共中央', effectiveOn: '2024-01-01', revisedOn: '2024-01-01', target: NO_TARGET });
  });

  it('leaves the optional revision date empty', () => {
    expect(valueOf(regulation, 'regulations')).toMatchObject({ revisedOn: null });
  });

  it.each(Object.entries(messages.content.regulationCategories))('accepts the category %s (%s) offered to the writer', (category) => {
    expect(valueOf({ ...regulation, regulationCategory: category }, 'regulations').regulationCategory).toBe(category);
  });

  it.each(['', '条例', 'decision', 'Regulation'])('asks for a category when it is %j', (regulationCategory) => {
    expect(errorsOf({ ...regulation, regulationCategory }, 'regulations')).toEqual({ regulationCategory: ['请选择法规类别。'] });
  });

  it('asks for the issuing body, and refuses one over 100 characters', () => {
    expect(errorsOf({ ...regulation, issuingBody: '  ' }, 'regulations')).toEqual({ issuingBody: ['请填写制定机关。'] });
    expect(valueOf({ ...regulation, issuingBody: '机'.repeat(100) }, 'regulations').issuingBody).toHaveLength(100);
    expect(errorsOf({ ...regulation, issuingBody: '机'.repeat(101) }, 'regulations')).toEqual({ issuingBody: [e.issuingBodyTooLong] });
  });

  it('says a date that is not a calendar day is malformed', () => {
    expect(e.day).toBe('日期格式不正确。');
    expect(errorsOf({ ...regulation, effectiveOn: '2023-02-29' }, 'regulations')).toEqual({ effectiveOn: [e.day] });
    expect(errorsOf({ ...regulation, effectiveOn: '2024/01/01' }, 'regulations')).toEqual({ effectiveOn: [e.day] });
    expect(errorsOf({ ...regulation, revisedOn: '2024-13-01' }, 'regulations')).toEqual({ revisedOn: [e.day] });
    expect(valueOf({ ...regulation, effectiveOn: '2024-02-29' }, 'regulations').effectiveOn).toBe('2024-02-29');
  });

  it('refuses a revision before the regulation took effect', () => {
    expect(e.revisedBeforeEffective).toBe('修订日期不能早于施行日期。');
    expect(errorsOf({ ...regulation, effectiveOn: '2024-01-01', revisedOn: '2023-12-31' }, 'regulations')).toEqual({ revisedOn: [e.revisedBeforeEffective] });
    expect(valueOf({ ...regulation, effectiveOn: '2016-01-01', revisedOn: '2024-01-01' }, 'regulations').revisedOn).toBe('2024-01-01');
  });

  it('only says "malformed" when the revision date is not a day, not also "before effective"', () => {
    expect(errorsOf({ ...regulation, effectiveOn: '2024-01-01', revisedOn: '2023-99-99' }, 'regulations')).toEqual({ revisedOn: [e.day] });
  });

  it('reports missing category and issuing body together', () => {
    expect(errorsOf({ ...article }, 'regulations')).toEqual({ regulationCategory: [e.regulationCategory], issuingBody: [e.issuingBody] });
  });
});

describe('parseItemForm: 就业培训 targeting', () => {
  it('keeps the chosen skills, occupations, industries, regions and age bands', () => {
    const value = valueOf(
      {
        ...jobNotice,
        targetSkills: [' 焊工 ', '电工', '焊工', ''],
        targetOccupations: '焊工，电工、 司机',
        targetIndustries: '制造业, 建筑业',
        targetRegionCodes: ['44', '4403', '440306', '44'],
        targetAgeBands: ['upTo35', '36to45'],
      },
      'jobs',
    );
    expect(value.target).toEqual({
      skills: ['焊工', '电工'],
      occupations: ['焊工', '电工', '司机'],
      industries: ['制造业', '建筑业'],
      regionCodes: ['44', '4403', '440306'],
      ageBands: ['upTo35', '36to45'],
    });
    expect(isTargeted(value.target)).toBe(true);
  });

  it('accepts one region or skill sent as a single value', () => {
    expect(valueOf({ ...jobNotice, targetRegionCodes: '4403', targetSkills: '焊工' }, 'jobs').target).toMatchObject({ regionCodes: ['4403'], skills: ['焊工'] });
  });

  it('leaves a job notice without criteria open to everyone in the audience', () => {
    const value = valueOf({ ...jobNotice, targetSkills: [], targetOccupations: ' ', targetIndustries: '', targetRegionCodes: [], targetAgeBands: [] }, 'jobs');
    expect(value.target).toEqual(NO_TARGET);
    expect(isTargeted(value.target)).toBe(false);
  });

  it.each([['4499'], ['99'], ['440399'], ['4403061'], ['440'], ['深圳'], ['44', 'abc']])('says the region codes %j are wrong', (...codes) => {
    expect(errorsOf({ ...jobNotice, targetRegionCodes: codes }, 'jobs')).toEqual({ targetRegionCodes: ['地区代码不正确。'] });
  });

  it('accepts municipality, 不设区的地级市 and 省直辖县 codes the region list knows', () => {
    const codes = ['11', '1101', '110105', '4419', '441900', '469001'];
    expect(valueOf({ ...jobNotice, targetRegionCodes: codes }, 'jobs').target.regionCodes).toEqual(codes);
  });

  it.each(['under18', '35', 'UPTO35'])('says the age band %j is wrong', (band) => {
    expect(errorsOf({ ...jobNotice, targetAgeBands: ['upTo35', band] }, 'jobs')).toEqual({ targetAgeBands: ['年龄段不正确。'] });
  });

  it.each(Object.keys(messages.content.ageBands))('accepts the age band %s offered to the writer', (band) => {
    expect(valueOf({ ...jobNotice, targetAgeBands: [band] }, 'jobs').target.ageBands).toEqual([band]);
  });

  it('takes up to 50 values of up to 50 characters per criterion', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `职业${i}`);
    expect(valueOf({ ...jobNotice, targetOccupations: fifty.join('，') }, 'jobs').target.occupations).toHaveLength(50);
    expect(valueOf({ ...jobNotice, targetIndustries: '业'.repeat(50) }, 'jobs').target.industries).toEqual(['业'.repeat(50)]);
    const limit = '每项条件最多 50 个，每个不超过 50 个字。';
    expect(errorsOf({ ...jobNotice, targetOccupations: [...fifty, '职业50'].join('，') }, 'jobs')).toEqual({ targetOccupations: [limit] });
    expect(errorsOf({ ...jobNotice, targetIndustries: '业'.repeat(51) }, 'jobs')).toEqual({ targetIndustries: [e.targetValues(50)] });
    expect(errorsOf({ ...jobNotice, targetSkills: ['技'.repeat(51)] }, 'jobs')).toEqual({ targetSkills: [e.targetValues(50)] });
    expect(errorsOf({ ...jobNotice, targetSkills: Array.from({ length: 51 }, (_, i) => `技能${i}`) }, 'jobs')).toEqual({ targetSkills: [e.targetValues(50)] });
  });
});

describe('splitWords', () => {
  it('splits on commas of either width, 、, semicolons and spaces', () => {
    expect(splitWords('焊工,电工，司机、厨师;保安；保洁 快递员')).toEqual(['焊工', '电工', '司机', '厨师', '保安', '保洁', '快递员']);
  });

  it('treats runs of separators, tabs, newlines and the full-width space as one break', () => {
    expect(splitWords(' ,，焊工 ，  电工\n\t司机　厨师、、 ')).toEqual(['焊工', '电工', '司机', '厨师']);
  });

  it('keeps each word once, in the order first typed', () => {
    expect(splitWords('电工，焊工，电工，司机，焊工')).toEqual(['电工', '焊工', '司机']);
  });

  it('gives nothing for an empty or blank box', () => {
    expect(splitWords('')).toEqual([]);
    expect(splitWords(' ，、 ')).toEqual([]);
  });

  it('keeps a word with a hyphen or dot whole', () => {
    expect(splitWords('3D打印, C++/Java, 叉车-司机')).toEqual(['3D打印', 'C++/Java', '叉车-司机']);
  });
});

describe('parseBeijingDateTime', () => {
  it('reads a datetime-local value as Beijing time (UTC+8)', () => {
    expect(parseBeijingDateTime('2026-07-01T09:30')).toEqual(new Date(Date.UTC(2026, 6, 1, 1, 30)));
    expect(parseBeijingDateTime('2026-07-01T20:00')?.toISOString()).toBe('2026-07-01T12:00:00.000Z');
  });

  it('puts an early-morning Beijing time on the previous UTC day, across a year end', () => {
    expect(parseBeijingDateTime('2027-01-01T00:00')?.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(parseBeijingDateTime('2026-03-01T07:59')?.toISOString()).toBe('2026-02-28T23:59:00.000Z');
  });

  it('takes 29 February only in a leap year', () => {
    expect(parseBeijingDateTime('2028-02-29T12:00')?.toISOString()).toBe('2028-02-29T04:00:00.000Z');
    expect(parseBeijingDateTime('2026-02-29T12:00')).toBeNull();
  });

  it.each([
    '',
    '2026-07-01',
    '2026-07-01 09:30',
    '2026-07-01T09:30:00',
    '2026-07-01T09:30Z',
    '2026-07-01T09:30+08:00',
    '2026-7-1T9:30',
    '2026-07-01T24:00',
    '2026-07-01T09:60',
    '2026-13-01T09:30',
    '2026-04-31T09:30',
    '2026-00-10T09:30',
    ' 2026-07-01T09:30',
    'not a date',
  ])('refuses %j', (value) => {
    expect(parseBeijingDateTime(value)).toBeNull();
  });
});

describe('mayPublishTo: publishing without review', () => {
  it('lets an admin publish to its own org and anything below it', () => {
    expect(mayPublishTo(COUNTY, COUNTY)).toBe(true);
    expect(mayPublishTo(COUNTY, COMMITTEE)).toBe(true);
    expect(mayPublishTo(COUNTY, BRANCH)).toBe(true);
    expect(mayPublishTo(CITY, BRANCH)).toBe(true);
  });

  it('needs review for the org above, and forbids a sibling or a look-alike id', () => {
    expect(mayPublishTo(COUNTY, CITY)).toBe(false);
    expect(mayPublishTo(COMMITTEE, COUNTY)).toBe(false);
    expect(mayPublishTo(COUNTY, OTHER_COUNTY)).toBe(false);
    expect(mayPublishTo(COUNTY, LOOKALIKE_COUNTY)).toBe(false);
    expect(mayPublishTo(COUNTY, `${LOOKALIKE_COUNTY}.2`)).toBe(false);
  });
});

describe('mayAddress: whom an item may be meant for', () => {
  it('lets a writer address its own subtree', () => {
    expect(mayAddress(COMMITTEE, COMMITTEE)).toBe(true);
    expect(mayAddress(COMMITTEE, BRANCH)).toBe(true);
  });

  it('lets a writer address every org above it (through review)', () => {
    expect(mayAddress(COMMITTEE, COUNTY)).toBe(true);
    expect(mayAddress(BRANCH, CITY)).toBe(true);
  });

  it('does not let a writer address a sibling subtree or a look-alike id', () => {
    expect(mayAddress(COMMITTEE, '1.4.38')).toBe(false);
    expect(mayAddress(COMMITTEE, OTHER_COUNTY)).toBe(false);
    expect(mayAddress(COUNTY, LOOKALIKE_COUNTY)).toBe(false);
    expect(mayAddress(LOOKALIKE_COUNTY, COUNTY)).toBe(false);
    expect(mayAddress(`${LOOKALIKE_COUNTY}.2`, COUNTY)).toBe(false);
  });
});

describe('parentPathOf', () => {
  it('names the org above', () => {
    expect(parentPathOf(BRANCH)).toBe(COMMITTEE);
    expect(parentPathOf(COMMITTEE)).toBe(COUNTY);
    expect(parentPathOf(COUNTY)).toBe(CITY);
    expect(parentPathOf('12.345.6789')).toBe('12.345');
  });

  it('has nothing above the root', () => {
    expect(parentPathOf(CITY)).toBeNull();
    expect(parentPathOf('123')).toBeNull();
  });
});

describe('mayReviewAt: who reviews a submission', () => {
  it('lets the level above the submitter review an item waiting there', () => {
    expect(mayReviewAt({ scopePath: COUNTY }, COMMITTEE, COUNTY)).toBe(true);
    expect(mayReviewAt({ scopePath: COMMITTEE }, BRANCH, COMMITTEE)).toBe(true);
  });

  it('lets a higher level review an item waiting at or below it', () => {
    expect(mayReviewAt({ scopePath: CITY }, COMMITTEE, COUNTY)).toBe(true);
    expect(mayReviewAt({ scopePath: CITY }, COMMITTEE, CITY)).toBe(true);
  });

  it('never lets the submitter’s own org review it, nor an org below it', () => {
    expect(mayReviewAt({ scopePath: COMMITTEE }, COMMITTEE, COMMITTEE)).toBe(false);
    expect(mayReviewAt({ scopePath: COMMITTEE }, COMMITTEE, COUNTY)).toBe(false);
    expect(mayReviewAt({ scopePath: BRANCH }, COMMITTEE, COUNTY)).toBe(false);
    expect(mayReviewAt({ scopePath: COUNTY }, COUNTY, COUNTY)).toBe(false);
  });

  it('does not let a sibling subtree review it', () => {
    expect(mayReviewAt({ scopePath: '1.4.38' }, COMMITTEE, COUNTY)).toBe(false);
    expect(mayReviewAt({ scopePath: OTHER_COUNTY }, COMMITTEE, COUNTY)).toBe(false);
    expect(mayReviewAt({ scopePath: LOOKALIKE_COUNTY }, `${COUNTY}.5`, COUNTY)).toBe(false);
    expect(mayReviewAt({ scopePath: COUNTY }, `${LOOKALIKE_COUNTY}.2`, LOOKALIKE_COUNTY)).toBe(false);
  });

  it('does not let the level below review an item forwarded above it', () => {
    expect(mayReviewAt({ scopePath: COUNTY }, COMMITTEE, CITY)).toBe(false);
  });

  it('does not let a reviewer above the submitter act on an item waiting in another subtree', () => {
    expect(mayReviewAt({ scopePath: COUNTY }, COMMITTEE, OTHER_COUNTY)).toBe(false);
  });
});

describe('regionAncestors', () => {
  it('gives a county, its city and its province', () => {
    const codes = regionAncestors('440306');
    expect([...codes].sort()).toEqual(['44', '4403', '440306']);
  });

  it('gives a municipality district its municipality and 东莞 its city', () => {
    expect(regionAncestors('110105')).toEqual(expect.arrayContaining(['11', '1101', '110105']));
    expect(regionAncestors('441900')).toEqual(expect.arrayContaining(['44', '4419', '441900']));
  });

  it('reaches a member away in a 重庆 县 through the one 重庆市 the editor offers', () => {
    const [chongqing] = listCities('50');
    const away: TargetProfile = { skills: [], occupation: null, industry: null, birthDate: '1990-01-01', awayRegionCode: '500229' };
    expect(matchesTarget({ ...NO_TARGET, regionCodes: [chongqing.code] }, away, '2026-06-15')).toBe(true);
  });

  it('gives nothing for a member not away, or for a code that is not a county', () => {
    expect(regionAncestors(null)).toEqual([]);
    expect(regionAncestors('')).toEqual([]);
    expect(regionAncestors('44')).toEqual([]);
    expect(regionAncestors('4403')).toEqual([]);
    expect(regionAncestors('44030')).toEqual([]);
    expect(regionAncestors('4403061')).toEqual([]);
    expect(regionAncestors('44a306')).toEqual([]);
  });
});

describe('matchesTarget / isTargeted: who a 就业培训 notice reaches', () => {
  const today = '2026-06-15';
  const nobody: TargetProfile = { skills: [], occupation: null, industry: null, birthDate: '1990-01-01', awayRegionCode: null };
  const welder: TargetProfile = { skills: ['焊工', '叉车'], occupation: '焊工', industry: '制造业', birthDate: '1995-03-10', awayRegionCode: '440306' };
  const target = (criteria: Partial<ContentTarget>): ContentTarget => ({ ...NO_TARGET, ...criteria });

  it('shows an untargeted notice to everyone, even a member with no data', () => {
    expect(isTargeted(NO_TARGET)).toBe(false);
    expect(matchesTarget(NO_TARGET, nobody, today)).toBe(true);
    expect(matchesTarget(NO_TARGET, welder, today)).toBe(true);
  });

  it('counts a notice as targeted as soon as one criterion is set', () => {
    expect(isTargeted(target({ skills: ['焊工'] }))).toBe(true);
    expect(isTargeted(target({ occupations: ['司机'] }))).toBe(true);
    expect(isTargeted(target({ industries: ['制造业'] }))).toBe(true);
    expect(isTargeted(target({ regionCodes: ['44'] }))).toBe(true);
    expect(isTargeted(target({ ageBands: ['over60'] }))).toBe(true);
  });

  it('reaches a member with any of the skills asked for', () => {
    expect(matchesTarget(target({ skills: ['电工', '叉车'] }), welder, today)).toBe(true);
    expect(matchesTarget(target({ skills: ['电工'] }), welder, today)).toBe(false);
    expect(matchesTarget(target({ skills: ['焊工'] }), nobody, today)).toBe(false);
  });

  it('reaches a member whose occupation is one of those listed', () => {
    expect(matchesTarget(target({ occupations: ['电工', '焊工'] }), welder, today)).toBe(true);
    expect(matchesTarget(target({ occupations: ['电工'] }), welder, today)).toBe(false);
    expect(matchesTarget(target({ occupations: ['焊工'] }), nobody, today)).toBe(false);
  });

  it('reaches a member whose industry is one of those listed', () => {
    expect(matchesTarget(target({ industries: ['制造业'] }), welder, today)).toBe(true);
    expect(matchesTarget(target({ industries: ['建筑业'] }), welder, today)).toBe(false);
    expect(matchesTarget(target({ industries: ['制造业'] }), nobody, today)).toBe(false);
  });

  it('reaches a member away in the chosen province, city or county', () => {
    expect(matchesTarget(target({ regionCodes: ['44'] }), welder, today)).toBe(true);
    expect(matchesTarget(target({ regionCodes: ['4403'] }), welder, today)).toBe(true);
    expect(matchesTarget(target({ regionCodes: ['440306'] }), welder, today)).toBe(true);
    expect(matchesTarget(target({ regionCodes: ['32', '4403'] }), welder, today)).toBe(true);
  });

  it('does not reach a member away elsewhere, or not away at all', () => {
    expect(matchesTarget(target({ regionCodes: ['440305'] }), welder, today)).toBe(false);
    expect(matchesTarget(target({ regionCodes: ['4401'] }), welder, today)).toBe(false);
    expect(matchesTarget(target({ regionCodes: ['32'] }), welder, today)).toBe(false);
    expect(matchesTarget(target({ regionCodes: ['44'] }), nobody, today)).toBe(false);
  });

  it('reaches members away in a municipality and in 东莞', () => {
    expect(matchesTarget(target({ regionCodes: ['11'] }), { ...welder, awayRegionCode: '110105' }, today)).toBe(true);
    expect(matchesTarget(target({ regionCodes: ['1101'] }), { ...welder, awayRegionCode: '110105' }, today)).toBe(true);
    expect(matchesTarget(target({ regionCodes: ['4419'] }), { ...welder, awayRegionCode: '441900' }, today)).toBe(true);
  });

  it('places a member in an age band by whole years on the day, turning 36 on the birthday', () => {
    const upTo35 = target({ ageBands: ['upTo35'] });
    const from36 = target({ ageBands: ['36to45'] });
    const turns36Today = { ...nobody, birthDate: '1990-06-15' };
    const turns36Tomorrow = { ...nobody, birthDate: '1990-06-16' };
    expect(matchesTarget(upTo35, turns36Tomorrow, today)).toBe(true);
    expect(matchesTarget(from36, turns36Tomorrow, today)).toBe(false);
    expect(matchesTarget(upTo35, turns36Today, today)).toBe(false);
    expect(matchesTarget(from36, turns36Today, today)).toBe(true);
  });

  it('counts 60 as 46—60 and 61 as over 60', () => {
    const upTo60 = target({ ageBands: ['46to60'] });
    const over60 = target({ ageBands: ['over60'] });
    expect(matchesTarget(upTo60, { ...nobody, birthDate: '1965-06-16' }, today)).toBe(true);
    expect(matchesTarget(over60, { ...nobody, birthDate: '1965-06-16' }, today)).toBe(false);
    expect(matchesTarget(upTo60, { ...nobody, birthDate: '1965-06-15' }, today)).toBe(false);
    expect(matchesTarget(over60, { ...nobody, birthDate: '1965-06-15' }, today)).toBe(true);
  });

  it('counts 45 as 36—45 and 46 as 46—60', () => {
    expect(matchesTarget(target({ ageBands: ['36to45'] }), { ...nobody, birthDate: '1980-06-16' }, today)).toBe(true);
    expect(matchesTarget(target({ ageBands: ['46to60'] }), { ...nobody, birthDate: '1980-06-15' }, today)).toBe(true);
    expect(matchesTarget(target({ ageBands: ['36to45'] }), { ...nobody, birthDate: '1980-06-15' }, today)).toBe(false);
  });

  it('reaches a member in any of several age bands', () => {
    const youngOrOld = target({ ageBands: ['upTo35', 'over60'] });
    expect(matchesTarget(youngOrOld, { ...nobody, birthDate: '2000-01-01' }, today)).toBe(true);
    expect(matchesTarget(youngOrOld, { ...nobody, birthDate: '1950-01-01' }, today)).toBe(true);
    expect(matchesTarget(youngOrOld, { ...nobody, birthDate: '1976-01-01' }, today)).toBe(false);
  });

  it('moves a member to the next band once the day passes the birthday', () => {
    const member = { ...nobody, birthDate: '1990-06-16' };
    expect(matchesTarget(target({ ageBands: ['upTo35'] }), member, '2026-06-15')).toBe(true);
    expect(matchesTarget(target({ ageBands: ['upTo35'] }), member, '2026-06-16')).toBe(false);
  });

  it('reaches only members who meet every criterion set', () => {
    const notice = target({ skills: ['焊工'], industries: ['制造业'], regionCodes: ['4403'], ageBands: ['upTo35'] });
    expect(matchesTarget(notice, welder, today)).toBe(true);
    expect(matchesTarget(notice, { ...welder, skills: ['电工'] }, today)).toBe(false);
    expect(matchesTarget(notice, { ...welder, industry: '建筑业' }, today)).toBe(false);
    expect(matchesTarget(notice, { ...welder, awayRegionCode: '320102' }, today)).toBe(false);
    expect(matchesTarget(notice, { ...welder, awayRegionCode: null }, today)).toBe(false);
    expect(matchesTarget(notice, { ...welder, birthDate: '1980-01-01' }, today)).toBe(false);
  });

  it('reaches a member with no data only when nothing is asked of them', () => {
    for (const criteria of [{ skills: ['焊工'] }, { occupations: ['焊工'] }, { industries: ['制造业'] }, { regionCodes: ['44'] }]) {
      expect(matchesTarget(target(criteria), nobody, today)).toBe(false);
    }
  });

  it('applies a targeted notice parsed from the form to the members it names', () => {
    const { target: parsed } = valueOf({ ...jobNotice, targetSkills: ['焊工'], targetRegionCodes: ['4403'], targetAgeBands: ['upTo35', '36to45'] }, 'jobs');
    expect(matchesTarget(parsed, welder, today)).toBe(true);
    expect(matchesTarget(parsed, { ...welder, awayRegionCode: '440105' }, today)).toBe(false);
    expect(matchesTarget(parsed, { ...welder, birthDate: '1960-01-01' }, today)).toBe(false);
    expect(matchesTarget(parsed, nobody, today)).toBe(false);
  });
});
