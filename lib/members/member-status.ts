// 流动 is a status, not a separate list: a branch's archive holds all its members.
export const MEMBER_STATUSES = [
  'registered', // 在册
  'outflow', // 流出中
  'returned', // 已返乡
  'transferred_out', // 组织关系已转出
  'lost_contact', // 失联
  'suspended', // 停止党籍
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const OUTFLOW_REASONS = ['work', 'business', 'study', 'family', 'other'] as const; // 务工 经商 求学 随迁 其他
export type OutflowReason = (typeof OUTFLOW_REASONS)[number];

export const MEMBER_CATEGORIES = ['full', 'probationary'] as const; // 正式党员 预备党员
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];

// 党费类别: which base and rate apply (DESIGN.md §4, 中组发〔2008〕3号).
export const DUES_CATEGORIES = [
  'salaried', // 工资收入
  'retired', // 离退休
  'annual_salary', // 年薪制
  'self_employed', // 个体/无固定工资（上季度月均纯收入）
  'farmer', // 农民
  'student', // 学生
  'unemployed', // 下岗失业
  'subsistence', // 低保、依靠救济
] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];

export const CONTACT_OUTCOMES = ['reached', 'no_answer', 'wrong_number'] as const; // 已联系上 无人接听 号码错误
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export const CONTACT_WAYS = ['phone', 'wechat', 'sms', 'visit', 'homecoming_forum', 'heart_talk'] as const; // 电话 微信 短信 走访 返乡座谈 谈心谈话
export type ContactWay = (typeof CONTACT_WAYS)[number];
