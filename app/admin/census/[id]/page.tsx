import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { RowAction } from '@/components/row-action';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { isReviewer } from '@/lib/change-requests/rules';
import { closeCensusAction } from '@/lib/census/actions';
import { censusReads, NON_RESPONDER_PAGE_SIZE } from '@/lib/census/queries';
import { completionPercent } from '@/lib/census/rules';
import { messages } from '@/lib/i18n/messages';

export const metadata: Metadata = { title: messages.census.title };

const t = messages.census;

export default async function CensusDetailPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ org?: string; after?: string }> }) {
  const { id } = await params;
  const viewer = await requireAdminViewer(`/admin/census/${id}`);
  if (!isReviewer(viewer)) forbidden();
  const detail = await censusReads.detail(viewer, id);
  if (!detail) notFound();
  const query = await searchParams;
  const orgId = detail.branches.find((branch) => String(branch.orgId) === query.org)?.orgId;
  const pending = await censusReads.nonResponders(viewer, id, { orgId, after: query.after });
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const td = 'px-3 py-2 tabular-nums';
  const more = new URLSearchParams({ ...(orgId ? { org: String(orgId) } : {}), ...(pending.length ? { after: pending.at(-1)!.id } : {}) });
  return (
    <div className="space-y-6">
      <Link href="/admin/census" className="text-party underline">
        {t.title}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{detail.title}</h1>
        <p className="text-stone-600">
          {detail.orgName} · {t.deadlineOn(detail.deadline)} · {t.phases[detail.phase]}
        </p>
        {detail.note && <p className="max-w-3xl">{detail.note}</p>}
      </div>
      <dl className="grid max-w-xl grid-cols-3 gap-2 text-center">
        {[
          [t.columns.responded, t.completion(detail.responded, detail.total)],
          [t.columns.rate, t.percent(completionPercent(detail.responded, detail.total))],
          [t.columns.corrected, String(detail.corrected)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-stone-200 bg-white py-2">
            <dt className="text-sm text-stone-600">{label}</dt>
            <dd className="text-party text-xl font-bold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {detail.mayClose && <RowAction action={closeCensusAction} fields={{ censusId: detail.id }} label={t.close} tone="danger" />}
      {detail.phase === 'closed' && (
        <p role="status" className="max-w-xl rounded-lg border border-stone-300 bg-stone-100 p-3">
          {t.closed}
        </p>
      )}
      <section className="space-y-3">
        <h2 className="text-xl font-semibold">{t.branchesHeading}</h2>
        <TableScroll label={t.branchesHeading}>
          <table className="w-full min-w-[36rem] text-sm">
            <thead className="bg-stone-50">
              <tr>
                <th className={th}>{t.columns.branch}</th>
                <th className={th}>{t.columns.responded}</th>
                <th className={th}>{t.columns.rate}</th>
                <th className={th}>{t.columns.corrected}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {detail.branches.map((branch) => (
                <tr key={branch.orgId}>
                  <td className="px-3 py-2">
                    <Link href={`/admin/census/${detail.id}?org=${branch.orgId}#pending`} className="text-party underline">
                      {branch.orgName}
                    </Link>
                  </td>
                  <td className={td}>{t.completion(branch.responded, branch.total)}</td>
                  <td className={td}>{t.percent(completionPercent(branch.responded, branch.total))}</td>
                  <td className={td}>{branch.corrected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <section id="pending" className="space-y-3">
        <h2 className="text-xl font-semibold">{t.pendingHeading}</h2>
        <form method="get" className="flex flex-wrap items-end gap-3">
          {/* A select is as wide as its longest option (a joint branch's long name): cap it on phones. */}
          <div className="w-full max-w-md space-y-1">
            <label htmlFor="org" className="block font-medium">{t.filterBranch}</label>
            <select id="org" name="org" defaultValue={orgId ? String(orgId) : ''} className="min-h-10 w-full rounded-lg border-2 border-stone-300 bg-white px-2">
              <option value="">{t.allBranches}</option>
              {detail.branches.map((branch) => (
                <option key={branch.orgId} value={branch.orgId}>
                  {branch.orgName}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="bg-party min-h-10 rounded-lg px-4 text-white">{t.filter}</button>
        </form>
        {pending.length === 0 ? (
          <p>{t.noPending}</p>
        ) : (
          <TableScroll label={t.pendingHeading}>
            <table className="w-full min-w-[36rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  <th className={th}>{t.columns.name}</th>
                  <th className={th}>{t.columns.branch}</th>
                  <th className={th}>{t.columns.phone}</th>
                  <th className={th}>{t.columns.status}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {pending.map((member) => (
                  <tr key={member.id}>
                    <td className="px-3 py-2">{member.name}</td>
                    <td className="px-3 py-2">{member.orgName}</td>
                    <td className={td}>{member.phone ?? messages.memberFields.notSet}</td>
                    <td className="px-3 py-2">{messages.memberStatuses[member.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {pending.length === NON_RESPONDER_PAGE_SIZE && (
          <Link href={`/admin/census/${detail.id}?${more.toString()}#pending`} className="text-party underline">
            {t.more}
          </Link>
        )}
      </section>
    </div>
  );
}
