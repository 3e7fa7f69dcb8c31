import type { Capability } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';

// Navigation lists only pages that exist; each later module adds its own entries here.
export type NavItem = { href: string; label: string; requires?: Capability[]; icon: 'home' | 'shield' | 'settings' | 'chart' | 'tree' | 'users' | 'list' };

export const memberTabs: NavItem[] = [
  { href: '/', label: messages.nav.home, icon: 'home' },
  { href: '/privacy', label: messages.nav.privacy, icon: 'shield' },
  { href: '/settings', label: messages.nav.settings, icon: 'settings' },
];

export const adminNav: NavItem[] = [
  { href: '/admin', label: messages.nav.adminOverview, icon: 'chart' },
  { href: '/admin/orgs', label: messages.nav.adminOrgs, icon: 'tree' },
  { href: '/admin/accounts', label: messages.nav.adminAccounts, icon: 'users', requires: ['accounts', 'archive'] },
  { href: '/admin/audit', label: messages.nav.adminAudit, icon: 'list', requires: ['accounts'] },
];
