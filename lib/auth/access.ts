import type { Capability, Tier, Viewer } from './viewer';
import { isWithinPath } from '@/lib/orgs/paths';

/** Who may call an action: anyone, any signed-in person, or given tiers holding a capability. */
export type Access = 'anyone' | 'signedIn' | { tiers: readonly Tier[]; capability?: Capability };

export const ADMIN_TIERS: readonly Tier[] = ['org_admin', 'county_admin'];

export function hasAccess(viewer: Viewer | null, access: Access): boolean {
  if (access === 'anyone') return true;
  if (!viewer) return false;
  if (access === 'signedIn') return true;
  if (!access.tiers.includes(viewer.tier)) return false;
  return !access.capability || viewer.capabilities.includes(access.capability);
}

/** Whether an org (by its path) lies inside the viewer's subtree. */
export function orgPathInScope(viewer: Viewer, orgPath: string): boolean {
  return isWithinPath(orgPath, viewer.scopePath);
}
