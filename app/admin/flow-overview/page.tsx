import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { flowOverviewReads, UNREGISTERED_PAGE_SIZE } from '@/lib/flow/overview-queries';
import { messages } from '@/lib/i18n/messages';
import { isArchiveAdmin } from '@/lib/members/record-edit';

export const metadata: Metadata = { title: messages.flow.overview.title };

const o = messages.flow.overview;

function Figure({ label, value, href, alert = false }: { label: string; value: number; href: string; alert?: boolean }) {
  return (
    <li>
      <Link href={href} className="block rounded-lg border border-stone-200 bg-white p-4 hover:border-stone-400">
        <span className="block text-stone-700">{label}</span>
        <span className={`text-2xl font-bold tabular-nums ${alert && value > 0 ? 'text-party' : 'text-stone-800'}`}>{value}</span>
      </Link>
    </li>
  );
}

export default async function FlowOverviewPage({ searchParams }: { searchParams: Promise<{ list?: string; after?: string }> }) {
  const viewer = await requireAdminViewer('/admin/flow-overview');
  if (!isArchiveAdmin(viewer)) forbidden();
  const params = await searchParams;
  const showUnregistered = params.list === 'unregistered';
  const [overview, unregistered] = await Promise.all([flowOverviewReads.overview(viewer), showUnregistered ? flowOverviewReads.unregistered(viewer, params.after) : Promise.resolve([])]);
  if (!overview) forbidden();
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const td = 'px-3 py-2 align-top';
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{o.title}</h1>
      <p className="max-w-4xl text-stone-600">{o.intro}</p>
      <ul className="grid max-w-5xl grid-cols-2 gap-3 lg:grid-cols-4">
        <Figure label={o.away} value={overview.away} href="/admin/members?status=outflow" />
        <Figure label={o.registered} value={overview.registered} href="/admin/hosting?tab=accepted" />
        <Figure label={o.notRegistered} value={overview.notRegistered} href="/admin/flow-overview?list=unregistered#unregistered" alert />
        <Figure label={o.pendingRegistrations} value={overview.pendingRegistrations} href="/admin/hosting?tab=pending" />
        <Figure label={o.pendingReports} value={overview.pendingReports} href="/admin/flow?status=pending" />
        <Figure label={o.certificatesValid} value={overview.certificatesValid} href="/admin/certificates?state=valid" />
        <Figure label={o.certificatesExpired} value={overview.certificatesExpired} href="/admin/certificates?state=expired" alert />
        <Figure label={o.transfersAwaiting} value={overview.transfers.awaiting} href="/admin/transfers?tab=awaiting" />
        <Figure label={o.pocket} value={overview.transfers.pocket} href="/admin/transfers?tab=pocket" alert />
        <Figure label={o.suggested} value={overview.transfers.suggested} href="/admin/transfers?tab=suggested" />
        <Figure label={o.temporaryBranches} value={overview.temporaryBranches.live} href="/admin/temporary-branches" />
        <Figure label={o.temporaryBranchesTooFew} value={overview.temporaryBranches.tooFew} href="/admin/temporary-branches" alert />
      </ul>
      <section aria-labelledby="by-province" className="space-y-3">
        <h2 id="by-province" className="text-xl font-semibold">
          {o.byProvince}
        </h2>
        {overview.byProvince.length === 0 ? (
          <p>{o.none}</p>
        ) : (
          <ul className="flex max-w-5xl flex-wrap gap-2">
            {overview.byProvince.map((province) => (
              <li key={province.code}>
                <Link href={`/admin/members?status=outflow&province=${province.code}`} className="inline-flex gap-2 rounded-full border border-stone-300 bg-white px-3 py-1 hover:border-stone-500">
                  <span>{province.name}</span>
                  <span className="font-semibold tabular-nums">{o.people(province.members)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {showUnregistered && (
        <section id="unregistered" aria-labelledby="unregistered-heading" className="space-y-3">
          <h2 id="unregistered-heading" className="text-xl font-semibold">
            {o.unregisteredHeading}
          </h2>
          {unregistered.length === 0 ? (
            <p>{o.none}</p>
          ) : (
            <TableScroll label={o.unregisteredHeading}>
              <table className="w-full min-w-[40rem] text-sm">
                <thead className="bg-stone-50">
                  <tr>
                    <th className={th}>{o.unregisteredColumns.member}</th>
                    <th className={th}>{o.unregisteredColumns.since}</th>
                    <th className={th}>{o.unregisteredColumns.place}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {unregistered.map((row) => (
                    <tr key={row.id}>
                      <td className={td}>
                        <Link href={`/admin/members/${row.id}`} className="text-party font-medium underline">
                          {row.name}
                        </Link>
                        <span className="block text-stone-500">{row.branchName}</span>
                      </td>
                      <td className={`${td} whitespace-nowrap tabular-nums`}>{row.startedOn}</td>
                      <td className={td}>{row.place}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {unregistered.length === UNREGISTERED_PAGE_SIZE && (
            <Link href={`/admin/flow-overview?list=unregistered&after=${unregistered.at(-1)!.id}#unregistered`} className="text-party underline">
              {o.more}
            </Link>
          )}
        </section>
      )}
    </div>
  );
}
