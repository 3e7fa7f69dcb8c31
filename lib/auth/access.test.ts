import { describe, expect, it } from 'vitest';
import { hasAccess, orgPathInScope } from './access';
import type { Viewer } from './viewer';

const viewer = (overrides: Partial<Viewer>): Viewer => ({ userId: 'u', tier: 'org_admin', orgId: 4, scopePath: '1.4', capabilities: [], ...overrides });

describe('access rules', () => {
  it('lets anyone through only where the action says so', () => {
    expect(hasAccess(null, 'anyone')).toBe(true);
    expect(hasAccess(null, 'signedIn')).toBe(false);
    expect(hasAccess(null, { tiers: ['org_admin'] })).toBe(false);
  });
  it('requires the tier and, when named, the capability', () => {
    const access = { tiers: ['org_admin', 'county_admin'] as const, capability: 'accounts' as const };
    expect(hasAccess(viewer({ capabilities: ['accounts'] }), access)).toBe(true);
    expect(hasAccess(viewer({ capabilities: ['archive'] }), access)).toBe(false);
    expect(hasAccess(viewer({ tier: 'member', capabilities: ['accounts'] }), access)).toBe(false);
    expect(hasAccess(viewer({ tier: 'host_admin', capabilities: ['accounts'] }), access)).toBe(false);
  });
  it('confines an admin to its own subtree', () => {
    expect(orgPathInScope(viewer({}), '1.4.17')).toBe(true);
    expect(orgPathInScope(viewer({}), '1.4')).toBe(true);
    expect(orgPathInScope(viewer({}), '1.41')).toBe(false);
    expect(orgPathInScope(viewer({}), '1')).toBe(false);
  });
});
