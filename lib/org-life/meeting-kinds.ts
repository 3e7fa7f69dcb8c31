// Kinds of organisation-life meeting (三会一课 and more; DESIGN.md §4, 《中国共产党支部工作条例（试行）》
// 2018): the host's attendance records use them now, the organisation-life module later.
export const MEETING_KINDS = [
  'general_meeting', // 支部党员大会
  'committee_meeting', // 支委会
  'group_meeting', // 党小组会
  'party_lecture', // 党课
  'theme_day', // 主题党日
  'life_meeting', // 组织生活会
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
