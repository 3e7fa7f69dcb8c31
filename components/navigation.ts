import { messages } from '@/lib/i18n/messages';

// Navigation lists only pages that exist; each later module adds its own entries here.
export type NavItem = { href: string; label: string; icon: 'home' | 'shield' | 'settings' | 'chart' | 'tree' };

export const memberTabs: NavItem[] = [
  { href: '/', label: messages.nav.home, icon: 'home' },
  { href: '/privacy', label: messages.nav.privacy, icon: 'shield' },
  { href: '/settings', label: messages.nav.settings, icon: 'settings' },
];

export const adminNav: NavItem[] = [
  { href: '/admin', label: messages.nav.adminOverview, icon: 'chart' },
  { href: '/admin/orgs', label: messages.nav.adminOrgs, icon: 'tree' },
];
