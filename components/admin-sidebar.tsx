'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { messages } from '@/lib/i18n/messages';
import { Icon } from './icon';
import type { NavLink } from './navigation';

export function AdminSidebar({ signedInAs, items, logoutAction }: { signedInAs: string | null; items: NavLink[]; logoutAction: () => Promise<void> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="管理导航" className="bg-party-dark flex shrink-0 flex-col text-white md:sticky md:top-0 md:h-dvh md:w-56">
      <p className="px-5 py-4 text-lg font-semibold">
        {messages.app.name}
        <span className="block text-sm font-normal text-white/80">{messages.nav.adminConsole}</span>
      </p>
      <ul className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-1 md:flex-col md:pb-0">
        {items.map((item) => {
          // A section and the pages under it, not a sibling that shares its prefix (/admin/flow and /admin/flow-overview).
          const current = item.href === '/admin' ? pathname === '/admin' : pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`flex items-center gap-2 rounded-md px-3 py-2 whitespace-nowrap ${current ? 'bg-white/15 font-semibold' : 'hover:bg-white/10'}`}
              >
                <Icon name={item.icon} className="h-5 w-5" />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
      {signedInAs && (
        <form action={logoutAction} className="flex items-center justify-between gap-2 border-t border-white/15 px-4 py-2 text-sm md:block md:space-y-2 md:py-4">
          <p className="text-white/85">{messages.auth.signedInAs(signedInAs)}</p>
          <button type="submit" className="min-h-10 shrink-0 rounded-md bg-white/15 px-3 hover:bg-white/25 md:w-full">
            {messages.auth.logout}
          </button>
        </form>
      )}
    </nav>
  );
}
