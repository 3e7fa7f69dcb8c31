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
