import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';

/**
 * Whether an admin may manage (disable, reset, unlock) another admin account in its subtree.
 * Never one of a higher tier, and never one holding a capability the manager lacks: a reset
 * code lets its issuer take the account over, so managing is held to the same rule as granting
 * (createAdminAccount hands out no more than the admin holds).
 */
export function mayManageAdmin(manager: Pick<Viewer, 'tier' | 'capabilities'>, target: { tier: Tier; capabilities: readonly string[] }): boolean {
  if (target.tier === 'county_admin' && manager.tier !== 'county_admin') return false;
  return target.capabilities.every((capability) => manager.capabilities.includes(capability as Capability));
}
