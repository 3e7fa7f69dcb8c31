import { describe, expect, it } from 'vitest';
import type { Capability, Tier } from '@/lib/auth/viewer';
import { DIRECT_EDIT_FIELDS, fieldDisplay, HOST_FIELDS, REVIEWED_FIELDS, visibleFields } from './field-policy';

const viewer = (tier: Tier, capabilities: Capability[] = []) => ({ tier, capabilities });

describe('member field policy', () => {
  it('lets a member change skills and contact details directly, and asks for review of income and name', () => {
    expect(DIRECT_EDIT_FIELDS).toContain('skills');
    expect(DIRECT_EDIT_FIELDS).toContain('phone');
    expect(REVIEWED_FIELDS).toEqual(expect.arrayContaining(['name', 'monthlyIncome', 'workUnit']));
    expect(REVIEWED_FIELDS).not.toContain('idNumber');
    expect(DIRECT_EDIT_FIELDS).not.toContain('status');
  });

  it('never shows a host admin the ID number, income, family or emergency contacts', () => {
    const host = visibleFields(viewer('host_admin', ['archive', 'pii_reveal']));
    expect(host).toEqual(HOST_FIELDS);
    for (const field of ['idNumber', 'monthlyIncome', 'familySituation', 'difficulties', 'emergencyContactPhone', 'birthDate'] as const) {
      expect(host).not.toContain(field);
    }
    expect(host).toContain('name');
  });

  it('masks the ID number for archive admins and hides income unless they may reveal', () => {
    const clerk = viewer('org_admin', ['archive']);
    expect(fieldDisplay(clerk, 'idNumber')).toBe('masked');
    expect(fieldDisplay(clerk, 'monthlyIncome')).toBe('hidden');
    expect(fieldDisplay(clerk, 'workUnit')).toBe('plain');
    const revealer = viewer('county_admin', ['archive', 'pii_reveal']);
    expect(fieldDisplay(revealer, 'idNumber')).toBe('revealable');
    expect(fieldDisplay(revealer, 'monthlyIncome')).toBe('revealable');
  });

  it('shows nothing to an admin without the archive capability, or to a member about someone else', () => {
    expect(visibleFields(viewer('org_admin', ['content']))).toEqual([]);
    expect(visibleFields(viewer('member'))).toEqual([]);
    expect(fieldDisplay(viewer('member'), 'idNumber', true)).toBe('revealable');
    expect(fieldDisplay(viewer('member'), 'skills', true)).toBe('plain');
  });
});
