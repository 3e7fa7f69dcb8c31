import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { DecisionForm } from '@/components/decision-form';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { confirmReport, returnReport } from '@/lib/flow/actions';
import { FLOW_QUEUE_PAGE_SIZE, flowQueueCursor, flowReads } from '@/lib/flow/queries';
import { OUTFLOW_REPORT_STATUSES, type OutflowReportStatus } from '@/lib/flow/report-status';
import { messages } from '@/lib/i18n/messages';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { formatBeijingDateTime } from '@/lib/time/beijing';

export const metadata: Metadata = { title: messages.flow.review.title };

const t = messages.flow;
const r = t.review;
const reasons = messages.memberFields.outflowReasons;

export default async function FlowQueuePage({ searchParams }: { searchParams: Promise<{ status?: string; before?: string }> }) {
  const viewer = await requireAdminViewer('/admin/flow');
  if (!isArchiveAdmin(viewer)) forbidden();
  const params = await searchParams;
  // Pending by default: that is the work waiting; "all" lifts the filter.
  const status: OutflowReportStatus | undefined = params.status === 'all' ? undefined : (OUTFLOW_REPORT_STATUSES.find((item) => item === params.status) ?? 'pending');
  const rows = await flowReads.queue(viewer, { status, before: params.before });
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const next = new URLSearchParams({ status: status ?? 'all', ...(rows.length === FLOW_QUEUE_PAGE_SIZE ? { before: flowQueueCursor(rows.at(-1)!) } : {}) });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{r.title}</h1>
      <p className="max-w-4xl text-stone-600">{r.intro}</p>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="status" className="block font-medium">
            {r.filterStatus}
          </label>
          <select id="status" name="status" defaultValue={status ?? 'all'} className="min-h-10 rounded-lg border-2 border-stone-300 bg-white px-2">
            {OUTFLOW_REPORT_STATUSES.map((item) => (
              <option key={item} value={item}>
                {t.statuses[item]}
              </option>
            ))}
            <option value="all">{r.all}</option>
          </select>
        </div>
        <button type="submit" className="bg-party min-h-10 rounded-lg px-4 text-white">
          {r.filter}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{r.empty}</p>
      ) : (
        <TableScroll label={r.title}>
          <table className="w-full min-w-[60rem] text-sm">
            <thead className="bg-stone-50">
              <tr>
                <th className={th}>{r.columns.member}</th>
                <th className={th}>{r.columns.destination}</th>
                <th className={th}>{r.columns.period}</th>
                <th className={th}>{r.columns.contact}</th>
                <th className={th}>{r.columns.submitted}</th>
                <th className={th}>{r.columns.decision}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => (
                <tr key={row.id} className="align-top">
                  <td className="min-w-40 px-3 py-2">
                    <Link href={`/admin/members/${row.memberId}`} className="text-party font-medium underline">
                      {row.memberName}
                    </Link>
                    <span className="block text-stone-500">{row.orgName}</span>
                    {row.byAdmin && <span className="mt-1 inline-block rounded bg-stone-100 px-1.5 text-xs text-stone-700">{r.byAdmin}</span>}
                  </td>
                  <td className="max-w-xs px-3 py-2">
                    <p className="break-words">
                      {row.region} {row.place}
                    </p>
                    <p className="text-stone-500">
                      {reasons[row.reason]}
                      {row.plannedHost && ` · ${row.plannedHost}`}
                    </p>
                    {row.note && <p className="break-words text-stone-600">{row.note}</p>}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                    {row.leavesOn}
                    <span className="block text-stone-500">{r.months(row.expectedMonths)}</span>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap tabular-nums">{row.phoneAway ?? '—'}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatBeijingDateTime(row.createdAt)}</td>
                  <td className="px-3 py-2">
                    {row.status === 'pending' ? (
                      <DecisionForm
                        approveAction={confirmReport}
                        rejectAction={returnReport}
                        fields={{ reportId: row.id }}
                        subject={row.memberName}
                        labels={{ approve: r.confirm, reject: r.returnReport, rejectReason: r.returnReason }}
                      />
                    ) : (
                      <div className="space-y-1">
                        <span className="font-medium">{t.statuses[row.status]}</span>
                        {row.decidedAt && <span className="block text-stone-500">{r.decidedBy(row.deciderName ?? row.memberName, formatBeijingDateTime(row.decidedAt))}</span>}
                        {row.decisionNote && <p className="max-w-xs break-words">{row.decisionNote}</p>}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {rows.length === FLOW_QUEUE_PAGE_SIZE && (
        <Link href={`/admin/flow?${next.toString()}`} className="text-party underline">
          {r.older}
        </Link>
      )}
    </div>
  );
}
