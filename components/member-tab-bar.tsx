'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
// The domain's own messages, not the whole catalogue: this bar is on every member page, and the
// catalogue alone was ~31 KiB of gzipped script (DESIGN.md §10's budget is 150 KiB in all).
import { notificationMessages } from '@/lib/i18n/messages/notifications';
import { Icon } from './icon';
import type { NavLink } from './navigation';

const NOTIFICATIONS = '/notifications';

/** The member's unread notifications, asked for again on every navigation (0 when signed out). */
function useUnreadCount(pathname: string): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/notifications/unread', { signal: controller.signal, cache: 'no-store' })
      .then((response) => (response.ok ? response.json() : { unread: 0 }))
      .then((body: { unread?: unknown }) => setUnread(typeof body.unread === 'number' ? body.unread : 0))
      .catch(() => undefined); // offline or navigated away: keep what is shown
    return () => controller.abort();
  }, [pathname]);
  return unread;
}

export function MemberTabBar({ tabs }: { tabs: NavLink[] }) {
  const pathname = usePathname();
  const unread = useUnreadCount(pathname);
  return (
    <nav aria-label="主导航" className="fixed inset-x-0 bottom-0 z-20 border-t border-stone-200 bg-white pb-[env(safe-area-inset-bottom)]">
      <ul className="mx-auto flex max-w-xl">
        {tabs.map((tab) => {
          const current = tab.href === '/' ? pathname === '/' : pathname.startsWith(tab.href);
          return (
            <li key={tab.href} className="flex-1">
              <Link
                href={tab.href}
                aria-current={current ? 'page' : undefined}
                className={`flex min-h-14 flex-col items-center justify-center gap-0.5 text-sm ${current ? 'text-party font-semibold' : 'text-stone-600'}`}
              >
                <span className="relative">
                  <Icon name={tab.icon} className="h-6 w-6" />
                  {tab.href === NOTIFICATIONS && unread > 0 && (
                    <span aria-hidden="true" className="bg-party absolute -top-1.5 left-4 min-w-5 rounded-full px-1 text-center text-xs leading-5 font-semibold text-white">
                      {unread > 99 ? '99+' : unread}
                    </span>
                  )}
                </span>
                {tab.label}
                {tab.href === NOTIFICATIONS && unread > 0 && <span className="sr-only">{notificationMessages.unreadCount(unread)}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
