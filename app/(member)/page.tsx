import Link from 'next/link';
import { getViewer } from '@/lib/auth/session';
import { contentPages, type ItemCard as Card } from '@/lib/content/queries';
import { getPublicOverview } from '@/lib/platform/queries';
import { messages } from '@/lib/i18n/messages';
import { InstallPrompt } from './install-prompt';
import { ItemCard } from './learn/item-card';
import { cardLabels } from './learn/labels';

const r = messages.content.reader;

/** The highlights carousel: swiped sideways on a phone, no script needed (scroll snapping). */
function Highlights({ items }: { items: Card[] }) {
  return (
    <section aria-labelledby="highlights">
      <h2 id="highlights" className="mb-2 text-lg font-semibold">
        {r.highlights}
      </h2>
      <ul tabIndex={0} aria-labelledby="highlights" className="-mx-4 flex snap-x snap-mandatory gap-3 overflow-x-auto px-4 pb-2">
        {items.map((item) => (
          <li key={item.id} className="w-[85%] shrink-0 snap-center">
            <Link href={`/read/${item.id}`} className="from-party to-party-dark relative flex h-44 flex-col justify-end overflow-hidden rounded-2xl bg-gradient-to-br p-4 text-white shadow">
              {item.coverFileId && (
                // eslint-disable-next-line @next/next/no-img-element -- an authorised /files/ download, not a static asset
                <img src={`/files/${item.coverFileId}`} alt="" decoding="async" className="absolute inset-0 h-full w-full object-cover opacity-40" />
              )}
              <span className="relative text-sm text-white/90">{item.columnName}</span>
              <span className="relative line-clamp-2 text-xl leading-snug font-bold">{item.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CardList({ id, heading, items, more }: { id: string; heading: string; items: Card[]; more?: string }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div className="flex items-baseline justify-between">
        <h2 id={id} className="text-lg font-semibold">
          {heading}
        </h2>
        {more && (
          <Link href={more} className="text-party">
            {r.more}
          </Link>
        )}
      </div>
      <ul className="space-y-3">
        {items.map((item) => (
          <li key={item.id}>
            <ItemCard item={item} labels={cardLabels} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function HomePage() {
  const [overview, viewer] = await Promise.all([getPublicOverview(), getViewer()]);
  const t = messages.home;
  if (!overview) return <p className="text-lg">{t.notReady}</p>;
  const home = viewer?.tier === 'member' ? await contentPages.home(viewer) : null;
  const figures = [
    { label: t.orgCount, value: overview.orgCount, unit: t.unit.orgs },
    { label: t.memberCount, value: overview.memberCount, unit: t.unit.people },
    { label: t.outflowCount, value: overview.outflowCount, unit: t.unit.people },
  ];
  return (
    <div className="space-y-5">
      <section className="from-party to-party-dark rounded-2xl bg-gradient-to-br p-5 text-white shadow">
        <h1 className="text-2xl font-bold leading-snug">{t.welcome(overview.countyName.replace(/^中共|委$/g, ''))}</h1>
        <p className="mt-2 text-lg text-white/90">{messages.app.tagline}</p>
      </section>
      {home ? (
        <>
          <InstallPrompt labels={messages.pwa.install} />
          {home.pinned.length > 0 && <CardList id="pinned" heading={r.pinned} items={home.pinned} />}
          {home.featured.length > 0 && <Highlights items={home.featured} />}
          {home.latest.length > 0 ? <CardList id="latest" heading={r.latest} items={home.latest} more="/learn" /> : <p className="rounded-2xl bg-white p-4 text-lg text-stone-600 shadow-sm">{r.empty}</p>}
        </>
      ) : (
        <>
          <p className="text-lg leading-relaxed text-stone-700">{t.intro}</p>
          <section aria-labelledby="figures" className="rounded-2xl bg-white p-4 shadow-sm">
            <h2 id="figures" className="mb-3 text-lg font-semibold">
              {t.figures}
            </h2>
            <dl className="grid grid-cols-3 gap-2 text-center">
              {figures.map((figure) => (
                <div key={figure.label} className="rounded-xl bg-stone-50 py-3">
                  <dt className="text-base text-stone-600">{figure.label}</dt>
                  <dd className="text-party text-2xl font-bold">
                    {figure.value.toLocaleString('zh-CN')}
                    <span className="ml-0.5 text-sm font-normal text-stone-600">{figure.unit}</span>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        </>
      )}
    </div>
  );
}
