import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { contentPages } from '@/lib/content/queries';
import { messages } from '@/lib/i18n/messages';
import { requireMember } from '../../archive/member-viewer';
import { ItemCard } from '../item-card';
import { LoadMore } from '../load-more';
import { cardLabels, listLabels } from '../labels';

const r = messages.content.reader;

export async function generateMetadata({ params }: { params: Promise<{ column: string }> }): Promise<Metadata> {
  const column = await contentPages.column((await params).column);
  return { title: column?.name ?? r.homeHeading, ...(column ? { alternates: { types: { 'application/rss+xml': [{ url: `/feeds/${column.slug}`, title: column.name }] } } } : {}) };
}

export default async function ColumnPage({ params }: { params: Promise<{ column: string }> }) {
  const { column: slug } = await params;
  const viewer = await requireMember(`/learn/${slug}`);
  const column = await contentPages.column(slug);
  if (!column) notFound();
  const page = await contentPages.columnItems(viewer, column.id);
  return (
    <div className="space-y-5">
      <Link href="/learn" className="text-party text-lg underline">
        {r.backTo(r.homeHeading)}
      </Link>
      <div className="flex items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">{column.name}</h1>
        <a href={`/feeds/${column.slug}`} className="text-party inline-block min-h-9 py-1 text-sm underline" title={r.feedDescription(column.name)}>
          {r.feed}
        </a>
      </div>
      {page.items.length === 0 ? (
        <p className="rounded-2xl bg-white p-4 text-lg text-stone-600 shadow-sm">{r.empty}</p>
      ) : (
        <>
          <ul className="space-y-3">
            {page.items.map((item) => (
              <li key={item.id}>
                <ItemCard item={item} labels={cardLabels} showColumn={false} />
              </li>
            ))}
          </ul>
          <LoadMore query={{ column: column.slug }} initialNext={page.next} labels={listLabels} showColumn={false} />
        </>
      )}
    </div>
  );
}
