// The fixed vocabularies of published content (issue 6). Column records are data the county can
// rename and add to; these are what the code branches on.

/** What a column holds, which decides the fields its items carry. */
export const COLUMN_KINDS = [
  'articles', // 图文: news, notices, hot topics, theory, 家乡党建
  'regulations', // 党内法规: category, issuing body, effective and revision dates, a table of contents
  'materials', // 学习资料: downloads (PDF, Word, audio, video)
  'cases', // 典型案例 / 先锋风采: submitted from below and reviewed
  'jobs', // 就业培训: may target members by skills, occupation, industry, region, age
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

// 党内法规 categories, in the order of 《中国共产党党内法规制定条例》 (2019) art. 5.
export const REGULATION_CATEGORIES = ['constitution', 'guideline', 'regulation', 'rules', 'provisions', 'measures', 'detailed_rules'] as const; // 党章 准则 条例 规则 规定 办法 细则
export type RegulationCategory = (typeof REGULATION_CATEGORIES)[number];

/**
 * draft → (published | pending_review → returned ⇄ pending_review → published) → withdrawn.
 * A published item whose publishAt lies ahead is "scheduled": members see it from that moment.
 */
export const CONTENT_STATUSES = ['draft', 'pending_review', 'returned', 'published', 'withdrawn'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

export const REVIEW_DECISIONS = ['submitted', 'forwarded', 'approved', 'returned'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The columns every deployment starts with (issue 6 §1); migration 0013 inserts them. */
export const DEFAULT_COLUMNS: readonly { slug: string; name: string; kind: ColumnKind }[] = [
  { slug: 'news', name: '新闻动态', kind: 'articles' },
  { slug: 'notices', name: '通知公告', kind: 'articles' },
  { slug: 'current-affairs', name: '时政热点', kind: 'articles' },
  { slug: 'theory', name: '理论知识', kind: 'articles' },
  { slug: 'hometown', name: '家乡党建', kind: 'articles' },
  { slug: 'regulations', name: '党内法规', kind: 'regulations' },
  { slug: 'materials', name: '学习资料', kind: 'materials' },
  { slug: 'cases', name: '典型案例', kind: 'cases' },
  { slug: 'jobs', name: '就业培训', kind: 'jobs' },
];
