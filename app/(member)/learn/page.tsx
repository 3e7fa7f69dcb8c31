import type { Metadata } from 'next';
import Link from 'next/link';
import { SavedPagesList } from '@/components/pwa/saved-pages-list';
import { contentPages } from '@/lib/content/queries';
import { messages } from '@/lib/i18n/messages';
import { requireMember } from '../archive/member-viewer';
import { ItemCard } from './item-card';
import { cardLabels, listLabels } from './labels';
import { LoadMore } from './load-more';

export const metadata: Metadata = { title: messages.content.reader.homeHeading };

const r = messages.content.reader;

export default async function LearnPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const viewer = await requireMember('/learn');
  const query = ((await searchParams).q ?? '').trim().slice(0, 40);
  const [columns, results] = await Promise.all([contentPages.columns(), query ? contentPages.search(viewer, query) : null]);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{r.homeHeading}</h1>
      <form role="search" action="/learn" className="flex gap-2">
        <label htmlFor="q" className="sr-only">
          {r.searchLabel}
        </label>
        <input id="q" name="q" type="search" defaultValue={query} placeholder={r.searchPlaceholder} maxLength={40} className="focus:border-party min-h-12 min-w-0 flex-1 rounded-xl border-2 border-stone-300 bg-white px-3 text-lg outline-none" />
        <button type="submit" className="bg-party min-h-12 rounded-xl px-5 text-lg font-semibold text-white">
          {r.search}
        </button>
      </form>
      {results ? (
        <section aria-labelledby="results" className="space-y-3">
          <h2 id="results" className="text-lg font-semibold">
            {r.searchResults(query)}
          </h2>
          {results.items.length === 0 ? (
            <p className="rounded-2xl bg-white p-4 text-lg text-stone-600 shadow-sm">{r.noResults}</p>
          ) : (
            <>
              <ul className="space-y-3">
                {results.items.map((item) => (
                  <li key={item.id}>
                    <ItemCard item={item} labels={cardLabels} />
                  </li>
                ))}
              </ul>
              <LoadMore query={{ q: query }} initialNext={results.next} labels={listLabels} showColumn />
            </>
          )}
        </section>
      ) : (
        <>
        <Link href="/learn/courses" className="flex min-h-16 items-center justify-between gap-3 rounded-2xl bg-white p-4 shadow-sm active:bg-stone-100">
          <span>
            <span className="block text-lg font-semibold">{messages.courses.member.entry}</span>
            <span className="block text-stone-600">{messages.courses.member.entryHint}</span>
          </span>
          <span aria-hidden="true" className="text-party text-2xl">
            ›
          </span>
        </Link>
        <nav aria-labelledby="columns-heading" className="space-y-3">
          <h2 id="columns-heading" className="text-lg font-semibold">
            {r.columnsHeading}
          </h2>
          <ul className="grid grid-cols-3 gap-3">
            {columns.map((column) => (
              <li key={column.id}>
                <Link href={`/learn/${column.slug}`} className="flex min-h-16 items-center justify-center rounded-2xl bg-white p-2 text-center text-lg font-medium shadow-sm active:bg-stone-100">
                  {column.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <SavedPagesList labels={{ heading: messages.pwa.list.heading, empty: messages.pwa.list.empty, savedAt: messages.pwa.list.savedAtPrefix }} hideWhenEmpty />
        </>
      )}
    </div>
  );
}
