import type { Metadata } from 'next';
import { MemberTabBar } from '@/components/member-tab-bar';
import { memberTabs } from '@/components/navigation';
import { ServiceWorkerRegistration } from '@/components/pwa/service-worker-registration';
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
// (app/sw.ts) is registered from here: only the member side reads offline.
export default function MemberLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <ServiceWorkerRegistration url="/sw.js" />
      <div className="mx-auto min-h-dvh max-w-xl bg-stone-50 pb-20">
        <header className="bg-party sticky top-0 z-10 px-4 py-3 text-white shadow">
          <p className="text-xl font-semibold tracking-wide">{messages.app.name}</p>
        </header>
        <main id="main" className="px-4 py-5">
          {children}
        </main>
        <MemberTabBar tabs={memberTabs} />
      </div>
    </>
  );
}
