import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { TableScroll } from '@/components/table-scroll';
import { requireAdminViewer } from '@/lib/auth/guards';
import { certificateReads } from '@/lib/flow/certificate-queries';
import { messages } from '@/lib/i18n/messages';
import { countWarnings, listWarnings, mayViewOverviews, type MemberListRow } from '@/lib/members/overview-queries';
import { daysUntil, WARNING_KINDS, type WarningKind } from '@/lib/members/warnings';
import { beijingDay } from '@/lib/time/beijing';

export const metadata: Metadata = { title: messages.fourClear.warnings.title };

const t = messages.fourClear.warnings;
const th = 'px-3 py-2 text-left font-medium text-stone-600';
const td = 'px-3 py-2';
// Row links are not prefetched: a page of 50 rows would otherwise render 50 target pages.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Column = { header: string; cell: (row: MemberListRow, today: string) => React.ReactNode };

const name: Column = {
  header: t.columns.name,
  cell: (row) => (
    <Link href={`/admin/members/${row.id}`} prefetch={false} className="text-party underline-offset-2 hover:underline">{row.name}</Link>
  ),
};
const org: Column = { header: t.columns.org, cell: (row) => row.orgName };
const status: Column = { header: t.columns.status, cell: (row) => messages.memberStatuses[row.status] };
const phone: Column = { header: t.columns.phone, cell: (row) => <span className="tabular-nums">{row.phone ?? messages.memberFields.notSet}</span> };
const lastContact: Column = { header: t.columns.lastContact, cell: (row) => <span className="tabular-nums">{row.lastContactOn ?? t.never}</span> };
const contactPerson: Column = { header: t.columns.contactPerson, cell: (row) => row.contactPersonName ?? messages.memberFields.notSet };
const probationEnds: Column = {
  header: t.columns.probationEnds,
  cell: (row, today) =>
    row.probationEndsOn && (
      <span className="tabular-nums">
        {row.probationEndsOn}
        <span className={`block text-xs ${daysUntil(row.probationEndsOn, today) < 0 ? 'text-party' : 'text-stone-500'}`}>{t.daysLeft(daysUntil(row.probationEndsOn, today))}</span>
      </span>
    ),
};

const COLUMNS: Record<WarningKind, Column[]> = {
  no_contact: [name, org, status, phone, lastContact, contactPerson],
  probation_ending: [name, org, status, probationEnds, contactPerson],
  no_situation_report: [name, org, phone, lastContact, contactPerson],
};

export default async function WarningsPage({ searchParams }: { searchParams: Promise<{ kind?: string; after?: string }> }) {
  const viewer = await requireAdminViewer('/admin/warnings');
  if (!mayViewOverviews(viewer)) forbidden();
  const params = await searchParams;
  const kind: WarningKind = (WARNING_KINDS as readonly string[]).includes(params.kind ?? '') ? (params.kind as WarningKind) : WARNING_KINDS[0];
  const after = UUID.test(params.after ?? '') ? params.after : undefined;
  const [counts, page, expiredCertificates] = await Promise.all([countWarnings(viewer), listWarnings(viewer, { kind, after }), certificateReads.expiredCount(viewer)]);
  const today = beijingDay();
  const columns = COLUMNS[kind];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="max-w-4xl text-stone-600">{t.intro}</p>
      <nav aria-label={t.title}>
        <ul className="grid max-w-4xl gap-3 sm:grid-cols-3">
          {WARNING_KINDS.map((k) => (
            <li key={k}>
              <Link
                href={`/admin/warnings?kind=${k}`}
                aria-current={k === kind ? 'page' : undefined}
                className={`block rounded-lg border bg-white p-4 ${k === kind ? 'border-party ring-party/30 ring-2' : 'border-stone-200 hover:border-stone-400'}`}
              >
                <span className="block text-stone-700">{t.kinds[k]}</span>
                <span className="text-party text-2xl font-bold tabular-nums">{t.count(counts[k])}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {expiredCertificates > 0 && (
        <p className="border-party/30 bg-party/5 max-w-4xl rounded-lg border p-3">
          {messages.flow.certificate.warning}
          <Link href="/admin/certificates?state=expired" className="text-party ml-1 font-semibold underline">
            {messages.flow.certificate.expiredCount(expiredCertificates)}
          </Link>
        </p>
      )}
      <section className="space-y-3">
        <h2 id="warning-list" className="text-xl font-semibold">{`${t.kinds[kind]}（${t.count(counts[kind])}）`}</h2>
        <p className="text-sm text-stone-600">{t.kindRules[kind]}</p>
        {page.rows.length === 0 ? (
          <p>{t.empty}</p>
        ) : (
          <TableScroll label={t.kinds[kind]}>
            <table className="w-full min-w-[44rem] text-sm">
              <thead className="bg-stone-50">
                <tr>
                  {columns.map((column) => (
                    <th key={column.header} scope="col" className={th}>{column.header}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {page.rows.map((row) => (
                  <tr key={row.id} className="align-top">
                    {columns.map((column) => (
                      <td key={column.header} className={td}>{column.cell(row, today)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <nav aria-label={messages.fourClear.nextPage} className="flex gap-4">
          {after && <Link href={`/admin/warnings?kind=${kind}`} className="text-party underline-offset-2 hover:underline">{messages.fourClear.firstPage}</Link>}
          {page.next && <Link href={`/admin/warnings?kind=${kind}&after=${page.next}`} className="text-party underline-offset-2 hover:underline">{messages.fourClear.nextPage}</Link>}
        </nav>
      </section>
    </div>
  );
}
