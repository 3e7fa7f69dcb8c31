import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import type { Viewer } from '@/lib/auth/viewer';
import { messages } from '@/lib/i18n/messages';
import { clearRate, FOUR_CLEAR_DIMENSIONS, type FourClearDimension } from '@/lib/members/four-clear';
import { type FourClearCounts, getFourClearByBranch, listFourClearGaps, mayViewOverviews } from '@/lib/members/overview-queries';

export const metadata: Metadata = { title: messages.fourClear.title };

const t = messages.fourClear;
const th = 'px-3 py-2 text-left font-medium text-stone-600';
const td = 'px-3 py-2';
// Row links are not prefetched: a page of 50 rows would otherwise render 50 target pages.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = { org?: string; dimension?: string; after?: string };

function Rate({ clear, total }: { clear: number; total: number }) {
  const rate = clearRate(clear, total);
  if (rate === null) return <span className="text-stone-500">{t.notApplicable}</span>;
  return (
    <span className="whitespace-nowrap tabular-nums">
      <span className={`font-semibold ${rate < 80 ? 'text-party' : ''}`}>{t.percent(rate)}</span>
      <span className="block text-xs text-stone-500">{t.ratio(clear, total)}</span>
    </span>
  );
}

function RateCells({ counts }: { counts: FourClearCounts }) {
  return (
    <>
      <td className={td}>{counts.total}</td>
      <td className={td}><Rate clear={counts.quantity} total={counts.total} /></td>
      <td className={td}><Rate clear={counts.whereabouts} total={counts.away} /></td>
      <td className={td}><Rate clear={counts.thinking} total={counts.total} /></td>
      <td className={td}><Rate clear={counts.occupation} total={counts.total} /></td>
      <td className={td}><Rate clear={counts.allClear} total={counts.total} /></td>
    </>
  );
}

async function BranchTable({ viewer }: { viewer: Viewer }) {
  const { rows, totals } = await getFourClearByBranch(viewer);
  if (rows.length === 0) return <p>{t.noMembers}</p>;
  return (
    <TableScroll label={t.title}>
      <table className="w-full min-w-[52rem] text-sm">
        <thead className="bg-stone-50">
          <tr>
            <th scope="col" className={th}>{t.columns.org}</th>
            <th scope="col" className={th}>{t.columns.members}</th>
            {FOUR_CLEAR_DIMENSIONS.map((dimension) => (
              <th key={dimension} scope="col" className={th}>{t.dimensions[dimension]}</th>
            ))}
            <th scope="col" className={th}>{t.allClear}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((row) => (
            <tr key={row.orgId} className="align-top">
              <th scope="row" className={`${td} text-left font-normal`}>
                <Link href={`/admin/four-clear?org=${row.orgId}`} prefetch={false} className="text-party underline-offset-2 hover:underline">
                  {row.orgName}
                </Link>
              </th>
              <RateCells counts={row} />
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-stone-200 bg-stone-50 font-semibold">
          <tr className="align-top">
            <th scope="row" className={`${td} text-left`}>{t.scopeTotal}</th>
            <RateCells counts={totals} />
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

async function GapList({ viewer, orgId, dimension, after }: { viewer: Viewer; orgId: number; dimension?: FourClearDimension; after?: string }) {
  const result = await listFourClearGaps(viewer, { orgId, dimension, after });
  if (!result) notFound();
  const base = `/admin/four-clear?org=${orgId}${dimension ? `&dimension=${dimension}` : ''}`;
  return (
    <section className="space-y-3">
      <h2 id="gaps" className="text-xl font-semibold">{t.gapsHeading(result.org.name)}</h2>
      <p>
        <Link href="/admin/four-clear" className="text-party underline-offset-2 hover:underline">{t.backToBranches}</Link>
      </p>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="org" value={orgId} />
        <div className="space-y-1">
          <label htmlFor="dimension" className="block font-medium">{t.filterLabel}</label>
          <select id="dimension" name="dimension" defaultValue={dimension ?? ''} className="min-h-10 rounded-lg border-2 border-stone-300 bg-white px-2">
            <option value="">{t.anyDimension}</option>
            {FOUR_CLEAR_DIMENSIONS.map((d) => (
              <option key={d} value={d}>{t.dimensionFilters[d]}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="bg-party min-h-10 rounded-lg px-4 text-white">{t.filter}</button>
      </form>
      {result.rows.length === 0 ? (
        <p>{t.noGaps}</p>
      ) : (
        <TableScroll label={t.gapsHeading(result.org.name)}>
          <table className="w-full min-w-[44rem] text-sm">
            <thead className="bg-stone-50">
              <tr>
                <th scope="col" className={th}>{t.columns.name}</th>
                <th scope="col" className={th}>{t.columns.org}</th>
                <th scope="col" className={th}>{t.columns.status}</th>
                <th scope="col" className={th}>{t.columns.missing}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {result.rows.map((row) => (
                <tr key={row.id} className="align-top">
                  <td className={td}>
                    <Link href={`/admin/members/${row.id}`} prefetch={false} className="text-party underline-offset-2 hover:underline">{row.name}</Link>
                  </td>
                  <td className={td}>{row.orgName}</td>
                  <td className={`${td} whitespace-nowrap`}>{messages.memberStatuses[row.status]}</td>
                  <td className={td}>{row.missing.map((item) => t.missingItems[item]).join('；')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label={t.nextPage} className="flex gap-4">
        {after && <Link href={base} className="text-party underline-offset-2 hover:underline">{t.firstPage}</Link>}
        {result.next && <Link href={`${base}&after=${result.next}`} className="text-party underline-offset-2 hover:underline">{t.nextPage}</Link>}
      </nav>
    </section>
  );
}

export default async function FourClearPage({ searchParams }: { searchParams: Promise<Params> }) {
  const viewer = await requireAdminViewer('/admin/four-clear');
  if (!mayViewOverviews(viewer)) forbidden();
  const params = await searchParams;
  const orgId = /^\d{1,9}$/.test(params.org ?? '') ? Number(params.org) : undefined;
  const dimension = (FOUR_CLEAR_DIMENSIONS as readonly string[]).includes(params.dimension ?? '') ? (params.dimension as FourClearDimension) : undefined;
  const after = UUID.test(params.after ?? '') ? params.after : undefined;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="max-w-4xl text-stone-600">{t.intro}</p>
      {orgId === undefined ? <BranchTable viewer={viewer} /> : <GapList viewer={viewer} orgId={orgId} dimension={dimension} after={after} />}
      <dl className="grid max-w-4xl gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
        {FOUR_CLEAR_DIMENSIONS.map((d) => (
          <div key={d} className="contents">
            <dt className="font-medium">{t.dimensions[d]}</dt>
            <dd className="text-stone-600">{t.dimensionRules[d]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
