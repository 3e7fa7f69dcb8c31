import type { Viewer } from '@/lib/auth/viewer';

/** An admin bound to an org as read from the `orgs` table: the root's is the county admin. */
export function adminOf(org: { id: number; path: string; parent_id: number | null }): Viewer {
  return {
    userId: `admin-${org.id}`,
    tier: org.parent_id === null ? 'county_admin' : 'org_admin',
    orgId: org.id,
    scopePath: org.path,
    capabilities: ['archive'],
  };
}
