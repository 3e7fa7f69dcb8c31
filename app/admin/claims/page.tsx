import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { hasAccess } from '@/lib/auth/access';
import { requireAdminViewer } from '@/lib/auth/guards';
import { CLAIM_DECIDERS, CLAIM_STATUSES, decodeClaimCursor, encodeClaimCursor, parseClaimStatus } from '@/lib/claims/claim-rules';
import { CLAIMS_PAGE_SIZE, getClaimsPage } from '@/lib/claims/queries';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { ClaimDecision } from './claim-decision';

export const metadata: Metadata = { title: messages.claims.admin.title };

export default async function ClaimsPage({ searchParams }: { searchParams: Promise<{ status?: string; after?: string }> }) {
  const viewer = await requireAdminViewer('/admin/claims');
  if (!hasAccess(viewer, CLAIM_DECIDERS)) forbidden();
  const params = await searchParams;
  const status = parseClaimStatus(params.status);
  const rows = await getClaimsPage(viewer, { status, after: decodeClaimCursor(params.after) });
  const t = messages.claims.admin;
  const th = 'px-3 py-2 text-left font-medium whitespace-nowrap text-stone-600';
  const td = 'px-3 py-2';
  const last = rows.at(-1);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="max-w-4xl text-stone-600">{t.intro}</p>
      <nav aria-label={t.statusFilter} className="flex flex-wrap gap-2">
        {CLAIM_STATUSES.map((option) => (
          <Link
            key={option}
            href={`/admin/claims?status=${option}`}
            aria-current={option === status ? 'page' : undefined}
            className={`min-h-10 rounded-lg border-2 px-4 py-1.5 ${option === status ? 'border-party bg-party text-white' : 'border-stone-300 bg-white hover:bg-stone-100'}`}
          >
            {t.statuses[option]}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p>{t.empty[status]}</p>
      ) : (
        <TableScroll label={`${t.title}：${t.statuses[status]}`}>
          <table className="w-full min-w-[60rem] text-sm">
            <thead className="bg-stone-50">
              <tr>
                <th className={th}>{t.columns.name}</th>
                <th className={th}>{t.columns.idNumber}</th>
                <th className={th}>{t.columns.phone}</th>
                <th className={th}>{t.columns.org}</th>
                <th className={th}>{t.columns.note}</th>
                <th className={th}>{t.columns.filedAt}</th>
                <th className={th}>{status === 'pending' ? t.columns.actions : t.columns.decision}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => (
                <tr key={row.id} className="align-top">
                  <td className={`${td} whitespace-nowrap`}>{row.name}</td>
                  <td className={`${td} font-mono whitespace-nowrap`}>{row.idNumberMasked}</td>
                  <td className={`${td} font-mono whitespace-nowrap`}>{row.phone}</td>
                  <td className={`${td} min-w-40`}>{row.orgName}</td>
                  <td className={`${td} max-w-xs min-w-40 break-words text-stone-700`}>{row.note}</td>
                  <td className={`${td} whitespace-nowrap tabular-nums`}>{formatBeijingDateTime(row.filedAt)}</td>
                  <td className={`${td} min-w-48`}>
                    {status === 'pending' ? (
                      <ClaimDecision claimId={row.id} name={row.name} />
                    ) : (
                      <>
                        <span className="block">{row.decidedByName}</span>
                        {row.decidedAt && <span className="block whitespace-nowrap tabular-nums">{formatBeijingDateTime(row.decidedAt)}</span>}
                        {row.decisionNote && <span className="block max-w-xs break-words text-stone-700">{row.decisionNote}</span>}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {rows.length === CLAIMS_PAGE_SIZE && last && (
        <Link href={`/admin/claims?status=${status}&after=${encodeClaimCursor(last.cursor)}`} className="text-party underline">
          {t.older}
        </Link>
      )}
    </div>
  );
}
