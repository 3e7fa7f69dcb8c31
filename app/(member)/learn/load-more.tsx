'use client';

import { useEffect, useRef, useState } from 'react';
import { ItemCard, type CardView } from './item-card';

type Labels = { loadMore: string; loading: string; end: string; loadFailed: string; unread: string; targeted: string; pinned: string };

/**
 * Infinite scroll under a server-rendered first page: the next page comes when the end of the list
 * nears the screen (or on a tap, for readers who scroll with a finger faster than the network).
 */
export function LoadMore({ query, initialNext, labels, showColumn }: { query: Record<string, string>; initialNext: string | null; labels: Labels; showColumn: boolean }) {
  const [items, setItems] = useState<CardView[]>([]);
  const [next, setNext] = useState(initialNext);
  const [status, setStatus] = useState<'idle' | 'loading' | 'failed'>('idle');
  const sentinel = useRef<HTMLDivElement>(null);
  const busy = useRef(false);

  async function load() {
    if (!next || busy.current) return;
    busy.current = true;
    setStatus('loading');
    try {
      const response = await fetch(`/api/content/items?${new URLSearchParams({ ...query, after: next }).toString()}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(String(response.status));
      const page = (await response.json()) as { items: CardView[]; next: string | null };
      setItems((list) => [...list, ...page.items]);
      setNext(page.next);
      setStatus('idle');
    } catch {
      setStatus('failed');
    } finally {
      busy.current = false;
    }
  }

  useEffect(() => {
    const target = sentinel.current;
    if (!target || !next || status === 'failed') return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && void load(), { rootMargin: '400px' });
    observer.observe(target);
    return () => observer.disconnect();
  });

  return (
    <>
      {items.length > 0 && (
        <ul className="space-y-3">
          {items.map((item) => (
            <li key={item.id}>
              <ItemCard item={item} labels={labels} showColumn={showColumn} />
            </li>
          ))}
        </ul>
      )}
      <div ref={sentinel} className="py-2 text-center" aria-live="polite">
        {next ? (
          <button type="button" onClick={() => void load()} disabled={status === 'loading'} className="min-h-12 w-full rounded-xl border-2 border-stone-300 bg-white text-lg">
            {status === 'loading' ? labels.loading : labels.loadMore}
          </button>
        ) : (
          <p className="text-stone-500">{labels.end}</p>
        )}
        {status === 'failed' && <p className="text-party mt-2">{labels.loadFailed}</p>}
      </div>
    </>
  );
}
