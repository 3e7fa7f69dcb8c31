import type { Metadata } from 'next';
import { SerwistProvider } from '@serwist/next/react';
import { MemberTabBar } from '@/components/member-tab-bar';
import { memberTabs } from '@/components/navigation';
import { messages } from '@/lib/i18n/messages';

// The member side is the installable app (app/manifest.ts); these reach iOS, which reads links, not the manifest.
export const metadata: Metadata = {
  icons: {
    icon: [
      { url: '/icons/icon-32.png', sizes: '32x32', type: 'image/png' },
      { url: '/icons/icon-16.png', sizes: '16x16', type: 'image/png' },
    ],
    apple: [{ url: '/icons/apple-touch-icon.png', sizes: '180x180' }],
  },
  appleWebApp: { capable: true, title: messages.app.name, statusBarStyle: 'default' },
};

// Phones first: one column, large touch targets, a tab bar within thumb reach. The service worker
// (app/sw.ts) is registered from here: only the member side reads offline. It caches nothing on
// navigation by itself and never reloads a page the member is reading when the network returns.
export default function MemberLayout({ children }: { children: React.ReactNode }) {
  return (
    <SerwistProvider swUrl="/sw.js" cacheOnNavigation={false} reloadOnOnline={false} options={{ scope: '/', type: 'classic' }}>
      <div className="mx-auto min-h-dvh max-w-xl bg-stone-50 pb-20">
        <header className="bg-party sticky top-0 z-10 px-4 py-3 text-white shadow">
          <p className="text-xl font-semibold tracking-wide">{messages.app.name}</p>
        </header>
        <main id="main" className="px-4 py-5">
          {children}
        </main>
        <MemberTabBar tabs={memberTabs} />
      </div>
    </SerwistProvider>
  );
}
