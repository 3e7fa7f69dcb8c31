'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { messages } from '@/lib/i18n/messages';
import { Icon } from './icon';
import { adminNav } from './navigation';

export function AdminSidebar({ signedInAs, logoutAction }: { signedInAs: string | null; logoutAction: () => Promise<void> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="管理导航" className="bg-party-dark sticky top-0 flex h-dvh w-56 shrink-0 flex-col text-white">
      <p className="px-5 py-4 text-lg font-semibold">
        {messages.app.name}
        <span className="block text-sm font-normal text-white/80">{messages.nav.adminConsole}</span>
      </p>
      <ul className="flex-1 space-y-1 px-2">
        {adminNav.map((item) => {
          const current = item.href === '/admin' ? pathname === '/admin' : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`flex items-center gap-2 rounded-md px-3 py-2 ${current ? 'bg-white/15 font-semibold' : 'hover:bg-white/10'}`}
              >
                <Icon name={item.icon} className="h-5 w-5" />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
      {signedInAs && (
        <form action={logoutAction} className="space-y-2 border-t border-white/15 p-4 text-sm">
          <p className="text-white/85">{messages.auth.signedInAs(signedInAs)}</p>
          <button type="submit" className="min-h-10 w-full rounded-md bg-white/15 hover:bg-white/25">
            {messages.auth.logout}
          </button>
        </form>
      )}
    </nav>
  );
}
