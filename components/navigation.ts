import type { Capability, Tier, Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';

// Navigation lists only pages that exist; each module adds its own entries here. Layouts (server
// components) pick the items and pass plain links to the client bars, so the messages module
// never ships to the browser for the sake of a label.
export type NavIcon = 'home' | 'shield' | 'settings' | 'chart' | 'tree' | 'users' | 'list' | 'folder' | 'inbox' | 'bell' | 'phone' | 'book';
export type NavLink = { href: string; label: string; icon: NavIcon };
export type NavItem = NavLink & {
  /** Shown to admins holding any of these capabilities. */
  requires?: Capability[];
  /** Tiers that see the item whatever their capabilities (a host admin's list of hosted members). */
  alsoForTiers?: Tier[];
  /** Only these tiers see it at all. */
  onlyTiers?: Tier[];
};

export const memberTabs: NavLink[] = [
  { href: '/', label: messages.nav.home, icon: 'home' },
  { href: '/learn', label: messages.nav.learn, icon: 'book' },
  { href: '/archive', label: messages.nav.archive, icon: 'folder' },
  { href: '/notifications', label: messages.nav.notifications, icon: 'bell' },
  { href: '/settings', label: messages.nav.settings, icon: 'settings' },
];

export const adminNav: NavItem[] = [
  { href: '/admin', label: messages.nav.adminOverview, icon: 'chart' },
  { href: '/admin/members', label: messages.nav.adminMembers, icon: 'folder', requires: ['archive'], alsoForTiers: ['host_admin'] },
  { href: '/admin/requests', label: messages.nav.adminRequests, icon: 'inbox', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/flow-overview', label: messages.nav.adminFlowOverview, icon: 'chart', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/flow', label: messages.nav.adminFlow, icon: 'inbox', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/hosting', label: messages.nav.adminHosting, icon: 'users', requires: ['archive'], alsoForTiers: ['host_admin'], onlyTiers: ['host_admin', 'county_admin'] },
  { href: '/admin/verify', label: messages.nav.adminVerify, icon: 'shield', requires: ['archive'], alsoForTiers: ['host_admin'], onlyTiers: ['host_admin', 'county_admin'] },
  { href: '/admin/inflow', label: messages.nav.adminInflow, icon: 'users', requires: ['archive'], alsoForTiers: ['host_admin'], onlyTiers: ['host_admin', 'org_admin', 'county_admin'] },
  { href: '/admin/temporary-branches', label: messages.nav.adminTemporaryBranches, icon: 'users', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/certificates', label: messages.nav.adminCertificates, icon: 'list', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/transfers', label: messages.nav.adminTransfers, icon: 'list', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/contacts', label: messages.nav.adminContacts, icon: 'phone', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/call-lists', label: messages.nav.adminCallLists, icon: 'phone', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/four-clear', label: messages.nav.adminFourClear, icon: 'chart', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/warnings', label: messages.nav.adminWarnings, icon: 'bell', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/census', label: messages.nav.adminCensus, icon: 'list', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/claims', label: messages.nav.adminClaims, icon: 'users', requires: ['archive'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/skills', label: messages.nav.adminSkills, icon: 'list', requires: ['archive'], onlyTiers: ['county_admin'] },
  { href: '/admin/content', label: messages.nav.adminContent, icon: 'book', requires: ['content'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/courses', label: messages.nav.adminCourses, icon: 'book', requires: ['content'], onlyTiers: ['org_admin', 'county_admin'] },
  { href: '/admin/orgs', label: messages.nav.adminOrgs, icon: 'tree' },
  { href: '/admin/accounts', label: messages.nav.adminAccounts, icon: 'users', requires: ['accounts', 'archive'] },
  { href: '/admin/audit', label: messages.nav.adminAudit, icon: 'list', requires: ['accounts'] },
];

export function offersNavItem(item: NavItem, viewer: Pick<Viewer, 'tier' | 'capabilities'>): boolean {
  if (item.onlyTiers && !item.onlyTiers.includes(viewer.tier)) return false;
  if (item.alsoForTiers?.includes(viewer.tier)) return true;
  return !item.requires || item.requires.some((capability) => viewer.capabilities.includes(capability));
}

export function adminNavFor(viewer: Pick<Viewer, 'tier' | 'capabilities'> | null): NavLink[] {
  const items = viewer ? adminNav.filter((item) => offersNavItem(item, viewer)) : adminNav.filter((item) => !item.requires && !item.onlyTiers);
  return items.map(({ href, label, icon }) => ({ href, label, icon }));
}
