import type { Metadata } from 'next';
import Link from 'next/link';
import { SavedPagesList } from '@/components/pwa/saved-pages-list';
import { messages } from '@/lib/i18n/messages';

export const metadata: Metadata = { title: messages.pwa.offline.title };

const t = messages.pwa;

// Precached by the service worker (serwist.config.mjs) and shown for any page it cannot fetch.
// It reads no session and names no one: the precache outlives logout.
export default function OfflinePage() {
  return (
    <div className="space-y-5">
      <section className="space-y-3 rounded-2xl bg-white p-5 shadow-sm">
        <h1 className="text-2xl font-bold">{t.offline.title}</h1>
        <p className="text-lg leading-relaxed text-stone-700">{t.offline.body}</p>
        <div className="flex gap-3">
          <Link href="/" className="bg-party flex min-h-12 flex-1 items-center justify-center rounded-xl text-lg font-semibold text-white">
            {t.offline.backHome}
          </Link>
        </div>
      </section>
      <SavedPagesList labels={{ heading: t.list.heading, empty: t.list.empty, savedAt: t.list.savedAtPrefix }} />
    </div>
  );
}
