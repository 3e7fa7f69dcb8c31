import type { Viewer } from '@/lib/auth/viewer';
import { isWithinPath } from '@/lib/orgs/paths';
import { isReviewer } from './rules';

/**
 * Evidence filed with a change request is personal: the member who filed it may download it, and
 * so may the reviewers — admins with the archive capability whose subtree holds the member's
 * branch. Not the branch's other members, not a host admin, not an admin without the capability,
 * though the file's org lies in their scope.
 */
export function mayDownloadEvidence(viewer: Viewer | null, owner: { memberId: string; memberOrgPath: string }): boolean {
  if (!viewer) return false;
  if (viewer.tier === 'member') return viewer.memberId === owner.memberId;
  return isReviewer(viewer) && isWithinPath(owner.memberOrgPath, viewer.scopePath);
}
