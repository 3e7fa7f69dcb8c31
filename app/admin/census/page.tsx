import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { isReviewer } from '@/lib/change-requests/rules';
import { censusReads } from '@/lib/census/queries';
import { completionPercent } from '@/lib/census/rules';
import { messages } from '@/lib/i18n/messages';
import { beijingDay } from '@/lib/time/beijing';
import { OpenCensusForm } from './open-census-form';

export const metadata: Metadata = { title: messages.census.title };

const t = messages.census;

export default async function CensusListPage() {
  const viewer = await requireAdminViewer('/admin/census');
  // The archive keepers: the branch admin or a level above, with the archive capability.
  if (!isReviewer(viewer)) forbidden();
  const [list, mayOpen] = await Promise.all([censusReads.list(viewer), censusReads.mayOpen(viewer)]);
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="max-w-4xl text-stone-600">{t.intro}</p>
      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t.listHeading}</h2>
        {list.length === 0 ? (
          <p>{t.empty}</p>
        ) : (
          <TableScroll label={t.listHeading}>
            <table className="w-full min-w-[48rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  <th className={th}>{t.columns.title}</th>
                  <th className={th}>{t.columns.org}</th>
                  <th className={th}>{t.columns.deadline}</th>
                  <th className={th}>{t.columns.phase}</th>
                  <th className={th}>{t.columns.completion}</th>
                  <th className={th}>{t.columns.corrected}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {list.map((census) => (
                  <tr key={census.id}>
                    <td className="px-3 py-2">
                      <Link href={`/admin/census/${census.id}`} className="text-party font-medium underline">
                        {census.title}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{census.orgName}</td>
                    <td className="px-3 py-2 whitespace-nowrap tabular-nums">{census.deadline}</td>
                    <td className="px-3 py-2">{t.phases[census.phase]}</td>
                    <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                      {t.completion(census.responded, census.total)} · {t.percent(completionPercent(census.responded, census.total))}
                    </td>
                    <td className="px-3 py-2 tabular-nums">{census.corrected}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section aria-labelledby="census-open" className="space-y-3">
        <h2 id="census-open" className="text-xl font-semibold">{t.openHeading}</h2>
        {mayOpen ? (
          <>
            <p className="text-stone-600">{t.openHint}</p>
            <OpenCensusForm today={beijingDay()} />
          </>
        ) : (
          <p className="text-stone-600">{t.cannotOpen}</p>
        )}
      </section>
    </div>
  );
}
