import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { RevealValue } from '@/app/(member)/archive/reveal-value';
import { DecisionForm } from '@/components/decision-form';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { approveRequest, rejectRequest, revealRequestField } from '@/lib/change-requests/actions';
import { archiveReads, REVIEW_PAGE_SIZE, reviewCursor, type ReviewRow } from '@/lib/change-requests/queries';
import { ageInDays, isReviewer, REQUEST_STATUSES, type RequestStatus } from '@/lib/change-requests/rules';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';

export const metadata: Metadata = { title: messages.changeRequests.review.title };

const t = messages.changeRequests.review;
const labels = messages.memberFields.fields;

function Changes({ row }: { row: ReviewRow }) {
  const a = messages.changeRequests.archive;
  const value = (field: ReviewRow['fields'][number], side: 'old' | 'new') =>
    field.revealable ? (
      <RevealValue
        compact
        masked={side === 'old' ? field.oldText : field.newText}
        action={revealRequestField}
        fields={{ requestId: row.id, field: field.field, side }}
        labels={{ reveal: a.reveal, revealing: a.revealing, hide: a.hide, field: labels[field.field] }}
      />
    ) : side === 'old' ? (
      <span className="text-stone-600">{field.oldText}</span>
    ) : (
      <strong className="font-semibold">{field.newText}</strong>
    );
  return (
    <ul className="space-y-1">
      {row.fields.map((field) => (
        <li key={field.field}>
          <span className="text-stone-600">{labels[field.field]}：</span>
          {value(field, 'old')}
          <span aria-hidden="true"> → </span>
          <span className="sr-only">{a.changedTo}</span>
          {value(field, 'new')}
        </li>
      ))}
    </ul>
  );
}

export default async function ReviewRequestsPage({ searchParams }: { searchParams: Promise<{ status?: string; before?: string }> }) {
  const viewer = await requireAdminViewer('/admin/requests');
  if (!isReviewer(viewer)) forbidden();
  const params = await searchParams;
  // Pending by default: that is the work waiting; "all" lifts the filter.
  const status: RequestStatus | undefined = params.status === 'all' ? undefined : (REQUEST_STATUSES.find((item) => item === params.status) ?? 'pending');
  const rows = await archiveReads.reviewQueue(viewer, { status, before: params.before });
  const now = new Date();
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const statuses = messages.changeRequests.statuses;
  const next = new URLSearchParams({ status: status ?? 'all', ...(rows.length === REVIEW_PAGE_SIZE ? { before: reviewCursor(rows.at(-1)!) } : {}) });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="max-w-4xl text-stone-600">{t.intro}</p>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="status" className="block font-medium">
            {t.filterStatus}
          </label>
          <select id="status" name="status" defaultValue={status ?? 'all'} className="min-h-10 rounded-lg border-2 border-stone-300 bg-white px-2">
            {REQUEST_STATUSES.map((item) => (
              <option key={item} value={item}>
                {statuses[item]}
              </option>
            ))}
            <option value="all">{t.all}</option>
          </select>
        </div>
        <button type="submit" className="bg-party min-h-10 rounded-lg px-4 text-white">
          {t.filter}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <TableScroll label={t.title}>
          <table className="w-full min-w-[60rem] text-sm">
            <thead className="bg-stone-50">
              <tr>
                <th className={th}>{t.columns.member}</th>
                <th className={th}>{t.columns.changes}</th>
                <th className={th}>{t.columns.reason}</th>
                <th className={th}>{t.columns.submitted}</th>
                <th className={th}>{t.columns.decision}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => (
                <tr key={row.id} className="align-top">
                  <td className="px-3 py-2">
                    <span className="font-medium">{row.memberName}</span>
                    <span className="block text-stone-500">{row.orgName}</span>
                    {row.fromCensus && <span className="mt-1 inline-block rounded bg-amber-100 px-1.5 text-xs text-amber-900">{messages.changeRequests.archive.fromCensus}</span>}
                  </td>
                  <td className="px-3 py-2">
                    <Changes row={row} />
                  </td>
                  <td className="max-w-xs px-3 py-2">
                    <p className="break-words">{row.reason}</p>
                    {row.evidence.length === 0 ? (
                      <p className="text-stone-500">{t.noEvidence}</p>
                    ) : (
                      <ul className="mt-1 space-y-0.5">
                        {row.evidence.map((file) => (
                          <li key={file.id}>
                            <a href={`/files/${file.id}`} className="text-party break-all underline">
                              {file.name}
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {formatBeijingDateTime(row.createdAt)}
                    <span className="block text-stone-500">{t.daysAgo(ageInDays(row.createdAt, now))}</span>
                  </td>
                  <td className="px-3 py-2">
                    {row.status === 'pending' ? (
                      <DecisionForm
                        approveAction={approveRequest}
                        rejectAction={rejectRequest}
                        fields={{ requestId: row.id }}
                        subject={row.memberName}
                        labels={{ approve: t.approve, reject: t.reject, rejectReason: t.rejectReason }}
                      />
                    ) : (
                      <div className="space-y-1">
                        <span className="font-medium">{statuses[row.status]}</span>
                        {row.decidedAt && <span className="block text-stone-500">{t.decidedBy(row.deciderName ?? row.memberName, formatBeijingDateTime(row.decidedAt))}</span>}
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
      {rows.length === REVIEW_PAGE_SIZE && (
        <Link href={`/admin/requests?${next.toString()}`} className="text-party underline">
          {t.older}
        </Link>
      )}
    </div>
  );
}
