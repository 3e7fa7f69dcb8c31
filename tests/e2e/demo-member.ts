import type { Page } from '@playwright/test';
import { generateDemoCounty } from '../../db/seed/demo-county';
import { demoActivation, demoMemberPhone, serverLog } from './demo';

// A member of the demo branch for the member-record pages: away (流出中, so the page has an
// outflow episode) but not reported to a host (so the host admin may not open it), with no account, and a name no other member of the county has, so the
// accounts search finds exactly one row. Member ids are random: the page gives it at runtime.

export type DemoBranchMember = { name: string; idNumber: string; branchName: string };

export function demoBranchMember(): DemoBranchMember {
  const branchName = /admin\s+branch\s+(\S+) ·/.exec(serverLog())?.[1];
  const county = generateDemoCounty();
  const branch = county.orgs.find((org) => org.name === branchName);
  const nameCount = new Map<string, number>();
  for (const member of county.members) nameCount.set(member.name, (nameCount.get(member.name) ?? 0) + 1);
  const taken = new Set([demoActivation().name]);
  const phone = demoMemberPhone();
  const member = county.members.find(
    (candidate) => candidate.orgKey === branch?.key && candidate.status === 'outflow' && candidate.outflow?.hostOrgKey === null && nameCount.get(candidate.name) === 1 && !taken.has(candidate.name) && candidate.phone !== phone,
  );
  if (!branchName || !member) throw new Error('no suitable member in the demo branch');
  return { name: member.name, idNumber: member.idNumber, branchName };
}

/** The member's id, read from the accounts page of an admin with the archive capability. */
export async function demoMemberId(page: Page, member: DemoBranchMember): Promise<string> {
  await page.goto(`/admin/accounts?q=${encodeURIComponent(member.name)}`);
  return page.locator('tr', { hasText: member.name }).locator('input[name="memberId"]').first().inputValue();
}
