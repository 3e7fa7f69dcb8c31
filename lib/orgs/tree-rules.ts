import type { OrgType } from './org-types';

// Which org may sit under which (《中国共产党支部工作条例（试行）》: 党小组 inside a 支部; 支部
// under a 党委, 党工委 or 党总支; 临时党支部 approved by the 党委 above; host organisations are
// registered by the deployment's committees).
const ALLOWED_PARENTS: Record<OrgType, readonly OrgType[]> = {
  party_committee: ['party_committee', 'working_committee'],
  working_committee: ['party_committee'],
  general_branch: ['party_committee', 'working_committee'],
  branch: ['party_committee', 'working_committee', 'general_branch'],
  joint_branch: ['party_committee', 'working_committee', 'general_branch'],
  temporary_branch: ['party_committee', 'working_committee'],
  party_group: ['branch', 'joint_branch', 'temporary_branch'],
  host: ['party_committee', 'working_committee'],
};

export function canHoldChild(parentType: OrgType, childType: OrgType): boolean {
  return ALLOWED_PARENTS[childType].includes(parentType);
}

/** The path of every org in a moved subtree: the old prefix replaced by the new parent's path. */
export function movedPath(path: string, oldPath: string, newParentPath: string): string {
  if (path !== oldPath && !path.startsWith(`${oldPath}.`)) throw new Error(`${path} is not inside ${oldPath}`);
  const ownId = oldPath.split('.').at(-1)!;
  return `${newParentPath}.${ownId}${path.slice(oldPath.length)}`;
}
