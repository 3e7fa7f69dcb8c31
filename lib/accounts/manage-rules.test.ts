import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '@/lib/auth/viewer';
import { mayManageAdmin } from './manage-rules';

const committeeAdmin = { tier: 'org_admin' as const, capabilities: [...CAPABILITIES] };
const clerk = { tier: 'org_admin' as const, capabilities: ['accounts', 'content'] as const };

describe('mayManageAdmin', () => {
  it('lets an org admin manage an admin holding no more than it does', () => {
    expect(mayManageAdmin(committeeAdmin, { tier: 'org_admin', capabilities: ['archive', 'dues'] })).toBe(true);
    expect(mayManageAdmin(clerk, { tier: 'host_admin', capabilities: ['content'] })).toBe(true);
    expect(mayManageAdmin(clerk, { tier: 'org_admin', capabilities: [] })).toBe(true);
  });

  it('keeps a county-tier account out of an org admin’s reach, whatever it holds', () => {
    expect(mayManageAdmin(committeeAdmin, { tier: 'county_admin', capabilities: ['archive'] })).toBe(false);
    expect(mayManageAdmin({ tier: 'county_admin', capabilities: [...CAPABILITIES] }, { tier: 'county_admin', capabilities: ['archive'] })).toBe(true);
  });

  it('refuses an account holding a capability the manager lacks (a reset code would hand it over)', () => {
    expect(mayManageAdmin(clerk, { tier: 'org_admin', capabilities: ['content', 'pii_reveal'] })).toBe(false);
    expect(mayManageAdmin({ tier: 'county_admin', capabilities: ['accounts'] }, { tier: 'org_admin', capabilities: ['archive'] })).toBe(false);
  });
});
