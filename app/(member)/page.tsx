import { getPublicOverview } from '@/lib/platform/queries';
import { messages } from '@/lib/i18n/messages';

export default async function HomePage() {
  const overview = await getPublicOverview();
  const t = messages.home;
  if (!overview) return <p className="text-lg">{t.notReady}</p>;
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
    </div>
  );
}
