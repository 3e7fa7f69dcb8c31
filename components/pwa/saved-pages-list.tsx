'use client';

import { useEffect, useState } from 'react';
import { listSavedPages } from '@/lib/pwa/offline-client';
import type { SavedPage } from '@/lib/pwa/offline-policy';

export type SavedPagesLabels = { heading: string; empty: string; savedAt: string };

const beijingTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/**
 * What this device holds for offline reading (read from Cache Storage, so it works offline).
 * Plain links: offline, a document navigation is what the service worker answers from its cache.
 */
export function SavedPagesList({ labels, hideWhenEmpty = false }: { labels: SavedPagesLabels; hideWhenEmpty?: boolean }) {
  const [pages, setPages] = useState<SavedPage[] | null>(null);
  useEffect(() => {
    listSavedPages()
      .then(setPages)
      .catch(() => setPages([]));
  }, []);
  if (pages === null || (hideWhenEmpty && pages.length === 0)) return null;
  return (
    <section aria-labelledby="saved-offline" className="space-y-3 rounded-2xl bg-white p-4 shadow-sm">
      <h2 id="saved-offline" className="text-lg font-semibold">
        {labels.heading}
      </h2>
      {pages.length === 0 ? (
        <p className="text-stone-600">{labels.empty}</p>
      ) : (
        <ul className="divide-y divide-stone-100">
          {pages.map((page) => (
            <li key={page.path}>
              <a href={page.path} className="flex min-h-12 flex-col justify-center py-2">
                <span className="text-party text-lg underline-offset-2 hover:underline">{page.title}</span>
                {page.savedAt && (
                  <span className="text-sm text-stone-600">
                    {labels.savedAt} {beijingTime.format(new Date(page.savedAt))}
                  </span>
                )}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
