import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { cursorOf, TRANSFER_PAGE_SIZE, TRANSFER_TABS, transferReads, type TransferTab } from '@/lib/flow/transfer-queries';
import { isPocketSuspect } from '@/lib/flow/transfer-rules';
import { messages } from '@/lib/i18n/messages';
import { daysUntil } from '@/lib/members/warnings';
import { isArchiveAdmin } from '@/lib/members/record-edit';
import { beijingDay } from '@/lib/time/beijing';

export const metadata: Metadata = { title: messages.flow.transfer.title };

const tr = messages.flow.transfer;

export default async function TransfersPage({ searchParams }: { searchParams: Promise<{ tab?: string; before?: string }> }) {
  const viewer = await requireAdminViewer('/admin/transfers');
  if (!isArchiveAdmin(viewer)) forbidden();
  const params = await searchParams;
  const tab: TransferTab = TRANSFER_TABS.find((item) => item === params.tab) ?? 'awaiting';
  const [counts, rows] = await Promise.all([transferReads.counts(viewer), transferReads.list(viewer, { tab, before: params.before })]);
  const today = beijingDay();
  const th = 'px-3 py-2 text-left font-medium text-stone-600';
  const td = 'px-3 py-2 align-top';
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{tr.title}</h1>
      <p className="max-w-4xl text-stone-600">{tr.intro}</p>
      <nav aria-label={tr.title}>
        <ul className="grid max-w-4xl gap-3 sm:grid-cols-4">
          {TRANSFER_TABS.map((item) => (
            <li key={item}>
              <Link
                href={`/admin/transfers?tab=${item}`}
                aria-current={item === tab ? 'page' : undefined}
                className={`block rounded-lg border bg-white p-4 ${item === tab ? 'border-party ring-party/30 ring-2' : 'border-stone-200 hover:border-stone-400'}`}
              >
                <span className="block text-stone-700">{tr.tabs[item]}</span>
                {item !== 'done' && <span className={`text-2xl font-bold tabular-nums ${item === 'pocket' && counts.pocket > 0 ? 'text-party' : 'text-stone-800'}`}>{counts[item]}</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="transfer-list" className="space-y-3">
        <h2 id="transfer-list" className="text-xl font-semibold">
          {tr.tabs[tab]}
        </h2>
        {rows.length === 0 ? (
          <p>{tr.empty}</p>
        ) : (
          <TableScroll label={tr.tabs[tab]}>
            <table className="w-full min-w-[52rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  <th className={th}>{tr.columns.member}</th>
                  {tab === 'suggested' ? (
                    <th className={th}>{tr.columns.away}</th>
                  ) : (
                    <>
                      <th className={th}>{tr.columns.letter}</th>
                      <th className={th}>{tr.columns.receiving}</th>
                      <th className={th}>{tr.columns.validity}</th>
                      <th className={th}>{tr.columns.state}</th>
                    </>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {rows.map((row) => (
                  <tr key={row.transfer?.id ?? row.memberId}>
                    <td className={td}>
                      <Link href={`/admin/members/${row.memberId}#transfers`} className="text-party font-medium underline">
                        {row.memberName}
                      </Link>
                      <span className="block text-stone-500">{row.branchName}</span>
                    </td>
                    {row.away && <td className={td}>{tr.awaySince(row.away.startedOn, row.away.place)}</td>}
                    {row.transfer && (
                      <>
                        <td className={`${td} whitespace-nowrap`}>
                          {row.transfer.letterNumber}
                          <span className="block text-stone-500 tabular-nums">{row.transfer.issuedOn}</span>
                        </td>
                        <td className={td}>{row.transfer.receivingOrgName}</td>
                        <td className={`${td} whitespace-nowrap tabular-nums`}>{row.transfer.validUntil}</td>
                        <td className={td}>
                          <span className="font-medium">{tr.statuses[row.transfer.status]}</span>
                          {row.transfer.receiptOn && <span className="block text-stone-500 tabular-nums">{row.transfer.receiptOn}</span>}
                          {isPocketSuspect(row.transfer.status, row.transfer.validUntil, today) && (
                            <span className="text-party block">
                              {tr.pocket} · {tr.overdueBy(-daysUntil(row.transfer.validUntil, today))}
                            </span>
                          )}
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {rows.length === TRANSFER_PAGE_SIZE && (
          <Link href={`/admin/transfers?${new URLSearchParams({ tab, before: cursorOf(tab, rows.at(-1)!) }).toString()}`} className="text-party underline">
            {tr.more}
          </Link>
        )}
      </section>
    </div>
  );
}
