import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { contentColumns, contentItems, contentReviews, users, type NewContentItem } from '@/db/schema';
import type { RegulationCategory } from '@/lib/content/content-kinds';
import { renderMarkdown, summarise } from '@/lib/content/markdown';
import type { AgeBand } from '@/lib/members/list-filter';

// The demo county's published content: a pinned notice, highlights, three 党内法规, a case, a
// targeted 就业培训 notice and a branch's case waiting for the committee's review. Synthetic text;
// the regulations show their real chapter structure with the articles summarised, and say so.

type DemoItem = {
  column: string;
  by: 'county' | 'committee' | 'branch';
  title: string;
  body: string;
  daysAgo: number;
  pinned?: boolean;
  featured?: boolean;
  status?: 'published' | 'pending_review';
  regulation?: { category: RegulationCategory; issuingBody: string; effectiveOn: string; revisedOn?: string };
  target?: { skills?: string[]; regionCodes?: string[]; ageBands?: AgeBand[] };
};

const REGULATION_NOTE = '> 演示数据：下列条文为章节结构与要点摘编，正式文本以中共中央印发的文件为准。';

const ITEMS: DemoItem[] = [
  {
    column: 'notices',
    by: 'county',
    title: '关于开展2026年度流动党员摸底排查工作的通知',
    pinned: true,
    daysAgo: 2,
    body: `各基层党（工）委、各党支部：

为摸清全县流动党员底数，做到“数量清、去向清、思想清、职业清”，县委组织部决定于12月集中开展流动党员摸底排查。

## 一、排查范围
组织关系在本县、外出务工经商求学半年以上的全体党员。

## 二、工作要求
1. 各党支部逐人核对档案信息，通过“流动e家”发起摸底排查；
2. 流动党员在手机上确认或更正本人信息，**12月31日前**完成；
3. 联系不上的党员，由联系人通过电话、走访等方式继续联系，并记入动态联系记录。

## 三、联系方式
县委组织部组织科，电话 0763-5500000。`,
  },
  {
    column: 'news',
    by: 'county',
    title: '县委组织部赴深圳走访慰问在外务工党员',
    featured: true,
    daysAgo: 4,
    body: `近日，县委组织部工作组来到深圳市宝安区，走访慰问在外务工的清源籍党员，召开流动党员座谈会，听取大家对家乡发展和党组织服务的意见建议。

座谈会上，驻深圳临时党支部书记介绍了支部开展“三会一课”和主题党日的做法。党员们表示，虽然人在外地，但通过“流动e家”能及时收到家乡党组织的通知，**离乡不离党，流动不流失**。

工作组还与宝安区有关街道党工委就流动党员报到、组织生活和就业服务衔接进行了交流。`,
  },
  {
    column: 'current-affairs',
    by: 'county',
    title: '图解：流动党员如何参加组织生活',
    featured: true,
    daysAgo: 6,
    body: `## 外出前
向所在党支部报告外出去向、时间和联系方式，领取《流动党员活动证》。

## 到达后
持活动证到流入地党组织报到，编入党支部或党小组，参加“三会一课”和主题党日。

## 返乡时
向流入地党组织取得表现情况反馈，回到原党支部报到，交回活动证。`,
  },
  {
    column: 'theory',
    by: 'county',
    title: '在外流动党员怎样坚持经常性学习',
    daysAgo: 9,
    body: `流动党员工作时间不固定，集中学习难，更要用好碎片时间。

## 每天十分钟
打开“学习”栏目，读一条新闻或一篇理论文章。

## 每月一次主题党日
按时参加流入地党组织或临时党支部的主题党日，不方便参加的及时向支部说明，并补学。

## 每年不少于32学时
参加党组织安排的集中学习培训，学时由课程和组织生活累计。`,
  },
  {
    column: 'hometown',
    by: 'committee',
    title: '家乡新貌：镇里建起乡村振兴车间，在外党员回乡带头创业',
    featured: true,
    daysAgo: 12,
    body: `今年以来，镇党委引导在外务工经商的党员回乡创业，利用闲置厂房建起两个乡村振兴车间，带动120多名群众在家门口就业。

返乡党员李师傅在深圳从事电子加工十余年，回乡后带头办起线束加工厂。“在外面学到了技术，现在想为家乡做点事。”`,
  },
  {
    column: 'regulations',
    by: 'county',
    title: '中国共产党章程',
    daysAgo: 30,
    regulation: { category: 'constitution', issuingBody: '中国共产党全国代表大会', effectiveOn: '2022-10-22' },
    body: `${REGULATION_NOTE}

## 总纲
阐明党的性质、宗旨、指导思想、奋斗目标和基本路线。

## 第一章 党员
规定党员的条件、义务和权利，入党的程序，预备期和党员的组织关系。

### 党员的义务
党员必须认真学习，坚持党和人民的利益高于一切，自觉遵守党的纪律，密切联系群众。

### 党员的权利
参加党的有关会议，阅读党的有关文件，接受党的教育和培训；对党的工作提出建议和倡议。

## 第二章 党的组织制度
规定民主集中制的基本原则。

## 第五章 党的基层组织
规定党的基层组织的设置和基本任务。`,
  },
  {
    column: 'regulations',
    by: 'county',
    title: '中国共产党党员教育管理工作条例',
    daysAgo: 31,
    regulation: { category: 'regulation', issuingBody: '中共中央', effectiveOn: '2019-05-06' },
    body: `${REGULATION_NOTE}

## 第一章 总则
规定条例的目的、党员教育管理工作的指导思想和原则。

## 第二章 基本任务
党员教育管理工作的基本任务是教育党员、管理党员、监督党员和组织党员、宣传群众、凝聚群众、服务群众。

## 第三章 党员教育
规定党员教育的内容和方式，党员每年集中学习培训时间一般不少于32学时。

## 第四章 党员日常管理
规定党员组织关系管理、党费收缴和组织生活等日常管理要求。

## 第五章 流动党员管理
流动党员外出前应当向党组织报告；外出期间应当主动与党组织保持联系，参加流入地党组织的组织生活。`,
  },
  {
    column: 'regulations',
    by: 'county',
    title: '中国共产党支部工作条例（试行）',
    daysAgo: 32,
    regulation: { category: 'regulation', issuingBody: '中共中央', effectiveOn: '2018-10-28' },
    body: `${REGULATION_NOTE}

## 第一章 总则
党支部是党的基础组织，是党组织开展工作的基本单元。

## 第二章 组织设置
正式党员3人以上的，应当成立党支部；流动党员可以在流入地成立临时党支部。

## 第三章 基本任务
规定党支部的基本任务。

## 第四章 工作机制
坚持“三会一课”制度：党支部党员大会一般每季度召开1次，党支部委员会会议一般每月召开1次，党小组会一般每月召开1次，党课每年至少1次。每月相对固定1天开展主题党日。

## 第五章 组织生活
党支部每年至少召开1次组织生活会，一般安排在第四季度。`,
  },
  {
    column: 'cases',
    by: 'committee',
    title: '“云端”组织生活：让在外党员离乡不离党',
    daysAgo: 15,
    body: `镇党委针对外出党员多、集中难的情况，指导各村党支部建立流动党员学习群，每月主题党日同步开展线上学习，在外党员通过手机参加。

## 主要做法
1. 外出前谈一次话，发一张联系卡；
2. 每月推送一次学习内容，记录学习情况；
3. 年底返乡时召开一次座谈会，听取意见建议。

## 取得成效
今年全镇流动党员组织生活参与率达到九成以上。`,
  },
  {
    column: 'jobs',
    by: 'county',
    title: '深圳宝安：多家企业招聘持证电工、焊工',
    daysAgo: 3,
    target: { skills: ['电工', '焊工'] },
    body: `宝安区多家制造企业现招聘持证电工、焊工，月薪8000—12000元，包食宿。

有意向的党员可联系驻深圳临时党支部，由支部统一对接，优先推荐在深圳的清源籍党员。`,
  },
  {
    column: 'jobs',
    by: 'county',
    title: '县人社局冬季返乡创业培训开班通知',
    daysAgo: 5,
    target: { ageBands: ['upTo35', '36to45'] },
    body: `县人社局将于明年1月举办返乡创业培训班，内容包括电商运营、特色种养、小微企业经营，培训合格者可申请创业担保贷款。

45岁以下有创业意向的流动党员可向所在党支部报名。`,
  },
  {
    column: 'cases',
    by: 'branch',
    title: '党员联系卡：支部与在外党员“心连心”',
    status: 'pending_review',
    daysAgo: 1,
    body: `我支部为每名外出党员制作一张联系卡，写明支部书记、联系人的电话和支部学习群，外出前当面交到党员手中。

今年支部与全部外出党员每季度至少联系一次，无一人失联。`,
  },
];

export async function seedDemoContent(tx: Executor, now: Date = new Date()): Promise<number> {
  const columns = new Map((await tx.select({ id: contentColumns.id, slug: contentColumns.slug }).from(contentColumns)).map((column) => [column.slug, column.id]));
  const admins = await tx.select({ id: users.id, username: users.username, orgId: users.orgId }).from(users).where(inArray(users.username, ['county', 'committee', 'branch']));
  const by = new Map(admins.map((admin) => [admin.username, admin]));
  const [county] = await tx.select({ orgId: users.orgId }).from(users).where(eq(users.username, 'county'));
  const rows: NewContentItem[] = ITEMS.map((item) => {
    const author = by.get(item.by)!;
    const rendered = renderMarkdown(item.body);
    const publishAt = new Date(now.getTime() - item.daysAgo * 86_400_000);
    const status = item.status ?? 'published';
    return {
      columnId: columns.get(item.column)!,
      orgId: author.orgId,
      // Cases and home news of the committee went through review to the whole county; the
      // pending one asks for it.
      audienceOrgId: county.orgId,
      title: item.title,
      summary: item.regulation ? `${item.regulation.issuingBody} · ${item.regulation.effectiveOn} 起施行` : summarise(rendered.text, 120),
      bodyMarkdown: item.body,
      bodyHtml: rendered.html,
      bodyText: rendered.text,
      toc: rendered.toc,
      pinned: item.pinned ?? false,
      featured: item.featured ?? false,
      status,
      publishAt: status === 'published' ? publishAt : null,
      reviewOrgId: status === 'pending_review' ? by.get('committee')!.orgId : null,
      submittedByUserId: status === 'pending_review' ? author.id : null,
      submitterOrgId: status === 'pending_review' ? author.orgId : null,
      regulationCategory: item.regulation?.category ?? null,
      issuingBody: item.regulation?.issuingBody ?? null,
      effectiveOn: item.regulation?.effectiveOn ?? null,
      revisedOn: item.regulation?.revisedOn ?? null,
      targetSkills: item.target?.skills ?? [],
      targetRegionCodes: item.target?.regionCodes ?? [],
      targetAgeBands: item.target?.ageBands ?? [],
      authorUserId: author.id,
      createdAt: publishAt,
      updatedAt: publishAt,
    };
  });
  const created = await tx.insert(contentItems).values(rows).returning({ id: contentItems.id, status: contentItems.status, authorUserId: contentItems.authorUserId, orgId: contentItems.orgId, createdAt: contentItems.createdAt });
  const reviewed = created.filter((item) => item.orgId !== county.orgId);
  await tx.insert(contentReviews).values(
    reviewed.flatMap((item) => [
      { itemId: item.id, decision: 'submitted' as const, userId: item.authorUserId, orgId: item.orgId, createdAt: item.createdAt },
      ...(item.status === 'published' ? [{ itemId: item.id, decision: 'approved' as const, userId: by.get('county')!.id, orgId: county.orgId, createdAt: item.createdAt }] : []),
    ]),
  );
  return created.length;
}
