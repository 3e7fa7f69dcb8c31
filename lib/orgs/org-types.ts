// Org types of a deployment's tree (DESIGN.md §1). A county root is a 党委.
export const ORG_TYPES = [
  'party_committee', // 党委
  'working_committee', // 党工委
  'general_branch', // 党总支
  'branch', // 党支部
  'joint_branch', // 联合党支部
  'temporary_branch', // 临时党支部
  'party_group', // 党小组
  'host', // 流入地党组织
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** Types whose admins may approve what the rules give to "a higher 党委". */
export const COMMITTEE_TYPES: readonly OrgType[] = ['party_committee', 'working_committee'];

/**
 * Types that hold members in their archive (a 党小组 groups members of its branch). Not a 临时党支部:
 * it admits no one, and its members keep their membership at home (issue 5 §5).
 */
export const BRANCH_TYPES: readonly OrgType[] = ['branch', 'joint_branch'];

/** Where a member away may be placed for organisation life: a host, a branch of any kind, a 党小组. */
export const PLACEMENT_TYPES: readonly OrgType[] = ['host', 'branch', 'joint_branch', 'temporary_branch', 'party_group'];
