import { MemberTabBar } from '@/components/member-tab-bar';
import { memberTabs } from '@/components/navigation';
import { messages } from '@/lib/i18n/messages';

// Phones first: one column, large touch targets, a tab bar within thumb reach.
export default function MemberLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto min-h-dvh max-w-xl bg-stone-50 pb-20">
      <header className="bg-party sticky top-0 z-10 px-4 py-3 text-white shadow">
        <p className="text-xl font-semibold tracking-wide">{messages.app.name}</p>
      </header>
      <main id="main" className="px-4 py-5">
        {children}
      </main>
      <MemberTabBar tabs={memberTabs} />
    </div>
  );
}
